import Foundation

/// A reweighting rule w: which samples of a prompt are kept, given their scores.
public enum FilterRule: Sendable, Equatable, CustomStringConvertible {
    /// Keep the K highest-scored samples.
    case topK(Int)
    /// Keep samples with score >= T.
    case threshold(Double)
    /// Keep the top Q fraction of the prompt's samples by score (at least one).
    case quantile(Double)
    /// Keep every sample.
    case none

    /// Reads `top_k:K`, `threshold:T`, `quantile:Q` or `none` (as on the command line).
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        switch (parts.first?.lowercased(), parts.count) {
        case ("none", 1): self = .none
        case ("top_k", 2):
            guard let k = Int(parts[1]), k >= 0 else { return nil }
            self = .topK(k)
        case ("threshold", 2):
            guard let t = Double(parts[1]), t.isFinite else { return nil }
            self = .threshold(t)
        case ("quantile", 2):
            guard let q = Double(parts[1]), q >= 0, q <= 1 else { return nil }
            self = .quantile(q)
        default: return nil
        }
    }

    /// Why `text` is not a rule `init(parsing:)` reads, or nil when it is: the
    /// range a value must be in when only the value is wrong.
    public static func parsingProblem(_ text: String) -> String? {
        guard FilterRule(parsing: text) == nil else { return nil }
        let parts = text.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        let value = parts.count == 2 ? "'\(parts[1])'" : "nothing"
        switch (parts.first?.lowercased(), parts.count) {
        case ("top_k", _): return "filter rule top_k:K takes a whole number K >= 0, not \(value)"
        case ("threshold", _): return "filter rule threshold:T takes a finite number T, not \(value)"
        case ("quantile", _): return "filter rule quantile:Q takes a number Q from 0 to 1, not \(value)"
        default: return "unknown filter rule '\(text)': use top_k:K, threshold:T, quantile:Q or none"
        }
    }

    /// Reads a header's `filter` object; nil for a rule gapscope cannot recompute.
    public init?(json: JSONValue) {
        switch json["rule"]?.stringValue {
        case "none": self = .none
        case "top_k":
            guard let k = json["k"]?.intValue, k >= 0 else { return nil }
            self = .topK(k)
        case "threshold":
            guard let t = json["min_score"]?.doubleValue else { return nil }
            self = .threshold(t)
        case "quantile":
            guard let q = json["keep_fraction"]?.doubleValue else { return nil }
            self = .quantile(q)
        default: return nil
        }
    }

    /// The rule as a header `filter` object.
    public var json: JSONValue {
        switch self {
        case let .topK(k): return .object([("rule", .string("top_k")), ("k", .int(k))])
        case let .threshold(t): return .object([("rule", .string("threshold")), ("min_score", .number(t))])
        case let .quantile(q): return .object([("rule", .string("quantile")), ("keep_fraction", .number(q))])
        case .none: return .object([("rule", .string("none"))])
        }
    }

    /// The command-line spelling, e.g. `top_k:1`.
    public var description: String {
        switch self {
        case let .topK(k): return "top_k:\(k)"
        case let .threshold(t): return "threshold:\(JSONValue.format(t))"
        case let .quantile(q): return "quantile:\(JSONValue.format(q))"
        case .none: return "none"
        }
    }

    /// Recomputes kept flags for one prompt's samples from their scores.
    ///
    /// Only samples with a numeric score are ranked (highest first, ties to the
    /// lower sample index); unscored samples are never kept, except by `none`.
    /// `quantile` keeps ceil(Q * n - 1e-9) samples, at least one, n counting
    /// every sample of the prompt, scored or not.
    public func keptFlags(scores: [Double?], indices: [Int32]) -> [Bool] {
        let n = scores.count
        switch self {
        case .none:
            return Array(repeating: true, count: n)
        case let .threshold(t):
            return scores.map { $0.map { $0 >= t } ?? false }
        case let .topK(k):
            return keepBest(k, scores: scores, indices: indices)
        case let .quantile(q):
            let m = max(1, Int((q * Double(n) - 1e-9).rounded(.up)))
            return keepBest(m, scores: scores, indices: indices)
        }
    }

    private func keepBest(_ count: Int, scores: [Double?], indices: [Int32]) -> [Bool] {
        var ranked = scores.indices.filter { scores[$0] != nil }
        ranked.sort { a, b in
            let sa = scores[a]!, sb = scores[b]!
            return sa != sb ? sa > sb : indices[a] < indices[b]
        }
        var kept = Array(repeating: false, count: scores.count)
        for i in ranked.prefix(max(0, count)) { kept[i] = true }
        return kept
    }
}
