import Foundation

/// Choices the user can make where a foreign log leaves the mapping open.
public struct ImportOptions: Sendable {
    /// A regular expression that extracts the final answer from an lm-eval
    /// response (the last match; its first non-empty capture group, else the
    /// whole match). Nil: the task's own filter regex when its results file is
    /// beside the samples, else the harness's flexible extract (the last number).
    public var answerPattern: String?
    /// The Inspect scorer whose value is the ground-truth utility. Nil: chosen
    /// by name (`match`, `includes`, `exact`, ...; else the first scorer that is
    /// not model-graded).
    public var truthScorer: String?
    /// The Inspect scorer whose value is the verifier's score. Nil: the first
    /// `model_graded_*` scorer, if any.
    public var verifierScorer: String?

    /// Every choice left to its default unless given.
    public init(answerPattern: String? = nil, truthScorer: String? = nil, verifierScorer: String? = nil) {
        self.answerPattern = answerPattern
        self.truthScorer = truthScorer
        self.verifierScorer = verifierScorer
    }

    /// Why `pattern` cannot be an answer pattern, or nil when it can: the
    /// regular expression engine's complaint, as precise as can be had.
    public static func answerPatternProblem(_ pattern: String) -> String? {
        guard (try? NSRegularExpression(pattern: pattern)) == nil else { return nil }
        // Foundation only says "the value is invalid"; Swift's own parser says where and why.
        if #available(macOS 13, *), let reason = Self.regexParseError(pattern) { return reason }
        return "not a valid regular expression"
    }

    @available(macOS 13, *)
    private static func regexParseError(_ pattern: String) -> String? {
        do {
            _ = try Regex(pattern)
            return nil
        } catch {
            return "\(error)"
        }
    }
}
