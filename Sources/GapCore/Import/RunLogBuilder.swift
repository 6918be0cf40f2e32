/// The verification of one imported sample, as run-log@1 writes it inline.
struct ImportedVerification {
    /// Nil when the verifier's output could not be parsed (written as `null`).
    var score: Double?
    var verdict: String?
    var rationale: String?
}

/// One generated response, in the terms of run-log@1.
struct ImportedSample {
    var index: Int
    var response: String?
    var answer: String?
    /// Nil: unknown utility (neither `utility` nor `correct` is written).
    var utility: Double?
    /// Nil: no verifier saw this sample.
    var verification: ImportedVerification?
    /// Fields from the source worth keeping beside the record (e.g. `epoch`).
    var extra: [(String, JSONValue)] = []
}

/// One prompt and its samples, with the filter decision if there is one.
struct ImportedPrompt {
    var id: String
    var text: String?
    var reference: String?
    var samples: [ImportedSample] = []
    /// The kept sample indices; nil writes no `filter` record.
    var kept: [Int]?
    var keptReason: String?
}

/// How the imported run ended, which decides its last records.
enum ImportedRunEnd {
    /// Still being written: no `done` stage, no `run_end`.
    case live
    case completed(at: String?)
    case failed(at: String?, reason: String?)
    case aborted(at: String?, reason: String?)
}

/// Writes run-log@1 lines from what an importer gathered, so that every
/// importer emits the same record layout: header, `round` generate, per
/// prompt a `prompt` record, its `sample`s (verification inline) and a
/// `filter` record, then `round` done and `run_end` when the run finished.
struct RunLogBuilder {
    var runID: String
    /// Header fields after `type`, `schema` and `run_id`, in order; `source` is added last.
    var header: [(String, JSONValue?)] = []
    /// The header's `source` object; the builder adds `counts` to it.
    var source: [(String, JSONValue?)] = []
    var round = 0
    var prompts: [ImportedPrompt] = []
    var end: ImportedRunEnd = .completed(at: nil)
    /// Figures the source tool reported itself, shown beside gapscope's own.
    var roundMetrics: [(String, JSONValue)] = []

    func lines() -> [String] {
        var out: [String] = []
        let samples = prompts.reduce(0) { $0 + $1.samples.count }
        let verified = prompts.reduce(0) { total, prompt in
            total + prompt.samples.filter { $0.verification?.score != nil }.count
        }
        let unknown = prompts.reduce(0) { total, prompt in total + prompt.samples.filter { $0.utility == nil }.count }
        let counts = JSONValue.object([
            ("prompts", .int(prompts.count)), ("samples", .int(samples)),
            ("verified", .int(verified)), ("unknown_utility", .int(unknown)),
        ])
        var head: [(String, JSONValue?)] = [
            ("type", .string("run")), ("schema", .string("gapscope/run-log@1")), ("run_id", .string(runID)),
        ]
        head += header
        head.append(("source", .compactObject(source + [("counts", counts)])))
        out.append(JSONValue.compactObject(head).encoded())
        out.append(JSONValue.compactObject([
            ("type", .string("round")), ("round", .int(round)), ("stage", .string("generate")),
        ]).encoded())
        for prompt in prompts {
            if prompt.text != nil || prompt.reference != nil {
                out.append(JSONValue.compactObject([
                    ("type", .string("prompt")), ("prompt_id", .string(prompt.id)),
                    ("text", prompt.text.map(JSONValue.string)), ("reference", prompt.reference.map(JSONValue.string)),
                ]).encoded())
            }
            for sample in prompt.samples {
                out.append(sampleRecord(sample, promptID: prompt.id).encoded())
            }
            if let kept = prompt.kept {
                out.append(JSONValue.compactObject([
                    ("type", .string("filter")), ("round", .int(round)), ("prompt_id", .string(prompt.id)),
                    ("kept", .array(kept.map(JSONValue.int))), ("reason", prompt.keptReason.map(JSONValue.string)),
                ]).encoded())
            }
        }
        switch end {
        case .live:
            break
        case let .completed(at):
            out.append(JSONValue.compactObject([
                ("type", .string("round")), ("round", .int(round)), ("stage", .string("done")),
                ("at", at.map(JSONValue.string)),
                ("metrics", roundMetrics.isEmpty ? nil : .object(roundMetrics)),
            ]).encoded())
            out.append(endRecord("completed", at: at, reason: nil))
        case let .failed(at, reason):
            out.append(endRecord("failed", at: at, reason: reason))
        case let .aborted(at, reason):
            out.append(endRecord("aborted", at: at, reason: reason))
        }
        return out
    }

    private func sampleRecord(_ sample: ImportedSample, promptID: String) -> JSONValue {
        var fields: [(String, JSONValue?)] = [
            ("type", .string("sample")), ("round", .int(round)), ("prompt_id", .string(promptID)),
            ("sample", .int(sample.index)),
            ("response", sample.response.map(JSONValue.string)),
            ("answer", sample.answer.map(JSONValue.string)),
            ("utility", sample.utility.map(JSONValue.number)),
        ]
        if let verification = sample.verification {
            fields.append(("verification", .compactObject([
                ("score", verification.score.map(JSONValue.number) ?? .null),
                ("verdict", verification.verdict.map(JSONValue.string)),
                ("rationale", verification.rationale.map(JSONValue.string)),
            ])))
        }
        fields += sample.extra.map { ($0.0, $0.1) }
        return .compactObject(fields)
    }

    private func endRecord(_ status: String, at: String?, reason: String?) -> String {
        JSONValue.compactObject([
            ("type", .string("run_end")), ("status", .string(status)),
            ("at", at.map(JSONValue.string)), ("reason", reason.map(JSONValue.string)),
        ]).encoded()
    }
}

extension JSONValue {
    /// An object of the members whose value is not nil, in order; lets record
    /// builders list optional fields without a chain of `if let`.
    static func compactObject(_ members: [(String, JSONValue?)]) -> JSONValue {
        .object(members.compactMap { key, value in value.map { (key, $0) } })
    }
}
