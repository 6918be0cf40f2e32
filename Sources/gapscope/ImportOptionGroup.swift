import ArgumentParser
import GapCore

/// The options that decide how logs of other tools are mapped to run logs.
/// Any command that reads foreign logs adds them with
/// `@OptionGroup var importOptions: ImportOptionGroup` and passes
/// `importOptions.options` to `ForeignLogs.convert`.
struct ImportOptionGroup: ParsableArguments {
    @Option(help: ArgumentHelp(
        "lm-eval: regular expression that extracts the answer to re-grade (last match; first non-empty group).",
        discussion: "Default: the task's filter regex when results_<timestamp>.json is beside the samples, else the last number with , and $ removed.",
        valueName: "regex"))
    var answerPattern: String?

    @Option(help: ArgumentHelp(
        "Inspect: the scorer whose value is the ground-truth utility.",
        discussion: "Default: match, includes, exact, choice, pattern, answer or f1 if present, else the first scorer that is not model-graded.",
        valueName: "name"))
    var truthScorer: String?

    @Option(help: ArgumentHelp(
        "Inspect: the scorer whose value is the verifier's score.",
        discussion: "Default: the first model_graded_* scorer; without one the samples are not verified.",
        valueName: "name"))
    var verifierScorer: String?

    init() {}

    /// A pattern that does not compile is a usage error before any log is
    /// read, rather than a default extractor used in its place.
    func validate() throws {
        if let answerPattern, let problem = ImportOptions.answerPatternProblem(answerPattern) {
            throw ValidationError("--answer-pattern \(answerPattern.debugDescription) is not a valid regular expression: \(problem)")
        }
    }

    /// The options as `GapCore` takes them.
    var options: ImportOptions {
        ImportOptions(answerPattern: answerPattern, truthScorer: truthScorer, verifierScorer: verifierScorer)
    }
}
