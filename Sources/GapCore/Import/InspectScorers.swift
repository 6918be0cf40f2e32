import Foundation

/// Which Inspect scorer is the ground truth and which the verifier, and how
/// a scorer's value becomes a number.
struct InspectScorers {
    /// A scorer's value read as a number in [0,1].
    enum Reading: Equatable {
        case value(Double)
        /// `N` (no answer): known to be ungraded, not a fault.
        case noAnswer
        /// Anything else; the text says why.
        case unusable(String)
    }

    var truth: String?
    var truthWhy: String
    var verifier: String?
    var verifierWhy: String
    /// Every scorer name seen, in order of first appearance.
    var names: [String]

    /// Scorers that compare with the target by rule, preferred as ground truth.
    static let ruleBased = ["match", "includes", "exact", "choice", "pattern", "answer", "f1"]

    static func isModelGraded(_ name: String) -> Bool {
        name.lowercased().contains("model_graded")
    }

    /// The name without a package prefix (`inspect_ai/match` is `match`).
    static func baseName(_ name: String) -> String {
        name.split(separator: "/").last.map(String.init) ?? name
    }

    init(names: [String], options: ImportOptions) {
        self.names = names
        if let wanted = options.truthScorer {
            truth = names.contains(wanted) ? wanted : nil
            truthWhy = names.contains(wanted)
                ? "--truth-scorer" : "unknown (--truth-scorer \(wanted) is not in the log)"
        } else if let rule = names.first(where: { Self.ruleBased.contains(Self.baseName($0)) }) {
            truth = rule
            truthWhy = "default: rule-based"
        } else if let other = names.first(where: { !Self.isModelGraded($0) }) {
            truth = other
            truthWhy = "default: the first scorer not model-graded"
        } else {
            truth = nil
            truthWhy = names.isEmpty
                ? "unknown (no scorer in the log)"
                : "unknown (every scorer is model-graded; --truth-scorer NAME to use one as ground truth)"
        }
        if let wanted = options.verifierScorer {
            verifier = names.contains(wanted) ? wanted : nil
            verifierWhy = names.contains(wanted)
                ? "--verifier-scorer" : "none (--verifier-scorer \(wanted) is not in the log)"
        } else if let graded = names.first(where: { [truth] in Self.isModelGraded($0) && $0 != truth }) {
            verifier = graded
            verifierWhy = "default: model-graded"
        } else {
            verifier = nil
            verifierWhy = "none (no model-graded scorer; --verifier-scorer NAME to choose one)"
        }
    }

    /// Reads a value the way Inspect's `value_to_float` does, except that
    /// `N` means unknown rather than 0: `C` 1, `I` 0, `P` 0.5, booleans,
    /// numbers in [0,1], and their text forms.
    static func read(_ value: JSONValue?) -> Reading {
        switch value {
        case nil, .null?:
            return .unusable("no value")
        case let .bool(flag)?:
            return .value(flag ? 1 : 0)
        case let .string(text)?:
            switch text.trimmingCharacters(in: .whitespaces).uppercased() {
            case "C", "YES", "TRUE", "CORRECT": return .value(1)
            case "I", "NO", "FALSE", "INCORRECT": return .value(0)
            case "P": return .value(0.5)
            case "N": return .noAnswer
            default:
                if let number = Double(text) { return inRange(number) }
                return .unusable("value \"\(text)\" is not C/I/P/N or a number")
            }
        case .object?:
            return .unusable("value is a dict of several values")
        case .array?:
            return .unusable("value is a list")
        case let value?:
            return inRange(value.doubleValue ?? .nan)
        }
    }

    private static func inRange(_ number: Double) -> Reading {
        number.isFinite && (0...1).contains(number)
            ? .value(number) : .unusable("value \(JSONValue.format(number)) is not in [0,1]")
    }
}
