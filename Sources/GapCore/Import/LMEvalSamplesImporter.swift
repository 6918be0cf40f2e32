import Foundation

/// Turns an lm-evaluation-harness `--log_samples` file into one run:
/// one prompt per `doc_id`, one sample per response.
///
/// Generation tasks: with K > 1 responses per doc the file records only the
/// filter's correctness, so each response is re-graded against `target`
/// with an answer extractor, and the verifier is self-consistency (a
/// sample's score is the share of the doc's samples giving its answer); a
/// majority-vote filter (`maj@K`) becomes `top_k` 1 by that score. With one
/// response per doc the file's own metric is the utility. Multiple-choice
/// (loglikelihood) files are mapped by `LMEvalChoiceMapping`.
struct LMEvalSamplesImporter {
    let path: String
    let options: ImportOptions

    enum RequestKind: Equatable {
        case generation, loglikelihood, rolling, unknown
    }

    func convert() throws -> ConvertedRun {
        var problems = ProblemLog()
        let file = try LMEvalSamplesFile(path: path, problems: &problems)
        let (task, timestamp) = LMEvalResultsFile.nameParts(ofSamplesFile: path)
        var results: LMEvalResultsFile?
        do {
            results = try LMEvalResultsFile.beside(samplesPath: path, task: task)
        } catch {
            problems.add(path, "\(error); model and task settings not imported")
        }

        var stem = ImportNaming.stem(path)
        if stem.hasPrefix("samples_") { stem.removeFirst("samples_".count) }
        var builder = RunLogBuilder(runID: ImportNaming.runID(stem))
        builder.roundMetrics = results?.metrics ?? []

        // A file holds one task, so one request type; the first doc decides it.
        let kinds = file.docs.map(Self.kind)
        let kind = kinds.first ?? .generation
        var docs: [LMEvalSamplesFile.Doc] = []
        for (doc, docKind) in zip(file.docs, kinds) {
            if docKind == kind {
                docs.append(doc)
            } else {
                problems.add("\(path):\(doc.line)", "doc \(doc.id): request type differs from the first doc's; doc skipped",
                             kind: "request type differs")
            }
        }
        var mapping: [(String, JSONValue?)] = [("prompt", .string("one per doc_id"))]
        var verification: JSONValue?
        var filterRule: JSONValue = .object([("rule", .string("none"))])
        var samplesPerPrompt = 0

        switch kind {
        case .generation, .unknown:
            if kind == .unknown, !docs.isEmpty {
                problems.add(path, "resps have a shape this importer does not know; read as generated text")
            }
            var generation = LMEvalGenerationMapping(path: path, options: options, results: results,
                                                     filterNames: file.filterNames, problems: &problems)
            builder.prompts = docs.map { generation.prompt(for: $0, problems: &problems) }
            mapping += generation.mapping
            verification = generation.verification
            filterRule = generation.filterRule
            samplesPerPrompt = generation.maxResponses
        case .loglikelihood, .rolling:
            var choices = LMEvalChoiceMapping(path: path, rolling: kind == .rolling)
            builder.prompts = docs.map { choices.prompt(for: $0, problems: &problems) }
            mapping += choices.mapping
            verification = choices.verification
            samplesPerPrompt = 1
        }

        let utilities = builder.prompts.flatMap { $0.samples.compactMap(\.utility) }
        let binary = utilities.allSatisfy { $0 == 0 || $0 == 1 }
        let model = results?.modelName
        let firstArgs = docs.first?.requestArgument(0, 1)
        builder.header = [
            ("title", .string(model.map { "\(task) (lm-eval, \($0))" } ?? "\(task) (lm-eval)")),
            ("created", (results?.created ?? timestamp.map(Self.readableTimestamp)).map(JSONValue.string)),
            ("model", model.map { name in
                .compactObject([("name", .string(name)), ("params", results?.modelParameters.map(JSONValue.int))])
            }),
            ("task", .compactObject([
                ("name", .string(task)), ("split", results?.split.map(JSONValue.string)),
                ("dataset", results?.dataset.map(JSONValue.string)),
                ("utility", .string(binary ? "binary" : "real")),
            ])),
            ("generation", .compactObject([
                ("samples_per_prompt", .int(samplesPerPrompt)),
                ("temperature", (results?.temperature ?? firstArgs?["temperature"]?.doubleValue).map(JSONValue.number)),
                ("top_p", (results?.topP ?? firstArgs?["top_p"]?.doubleValue).map(JSONValue.number)),
            ])),
            ("verification", verification),
            ("filter", filterRule),
            ("rounds_planned", .int(1)),
        ]
        builder.source = [
            ("format", .string(ForeignFormat.lmEvalSamples.label)),
            ("tool", .string("lm-evaluation-harness")),
            ("path", .string(path)),
            ("results_file", results.map { .string($0.path) }),
            ("mapping", .compactObject(mapping)),
        ]
        builder.end = .completed(at: nil)
        return ConvertedRun(runID: builder.runID, source: path, lines: builder.lines(),
                            problems: problems.finished(file: path))
    }

    /// What the doc's requests are, from their arguments (a generation
    /// request's second argument is its settings, a loglikelihood request's
    /// is the continuation) or else from the shape of `resps`.
    static func kind(of doc: LMEvalSamplesFile.Doc) -> RequestKind {
        switch doc.requestArgument(0, 1) {
        case .object?: return .generation
        case .string?: return .loglikelihood
        default: break
        }
        guard let first = doc.resps.arrayValue?.first else { return .unknown }
        if first.stringValue != nil { return .generation }
        guard let inner = first.arrayValue, let head = inner.first else { return .unknown }
        if head.arrayValue != nil { return .loglikelihood }
        if let text = head.stringValue {
            let looksLikePair = inner.count == 2 && Double(text) != nil
                && ["True", "False"].contains(inner[1].stringValue ?? "")
            return looksLikePair ? .loglikelihood : .generation
        }
        if head.doubleValue != nil { return inner.count == 2 ? .loglikelihood : .rolling }
        return .unknown
    }

    /// `2026-10-01T13-21-10.261566` (the harness's file-name stamp, local
    /// time) as `2026-10-01T13:21:10`.
    static func readableTimestamp(_ stamp: String) -> String {
        guard let t = stamp.firstIndex(of: "T") else { return stamp }
        var time = stamp[stamp.index(after: t)...]
        if let dot = time.firstIndex(of: ".") { time = time[..<dot] }
        return stamp[...t] + time.replacingOccurrences(of: "-", with: ":")
    }
}
