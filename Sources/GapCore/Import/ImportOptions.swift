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
}
