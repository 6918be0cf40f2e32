/// A log format written by another tool that gapscope can turn into run-log@1.
public enum ForeignFormat: String, Sendable {
    /// lm-evaluation-harness `--log_samples` output, `samples_<task>_<timestamp>.jsonl`.
    case lmEvalSamples
    /// An Inspect AI log written as one JSON document (`.json`).
    case inspectJSON
    /// An Inspect AI log written as a zip archive (`.eval`).
    case inspectEval
    /// Judge scores of a self-rewarding pipeline: JSON Lines with `prompt_id`, `response` and a score.
    case selfRewarding

    /// The name written into the run header's `source.format`, stable for scripts.
    public var label: String {
        switch self {
        case .lmEvalSamples: return "lm-eval-samples"
        case .inspectJSON: return "inspect-json"
        case .inspectEval: return "inspect-eval"
        case .selfRewarding: return "self-rewarding"
        }
    }
}
