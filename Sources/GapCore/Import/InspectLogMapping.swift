import Foundation

/// Maps an Inspect log to one run: one prompt per sample `id`, one sample
/// per epoch (`sample` = epoch - 1, the epoch kept as `epoch`), the
/// response from `output.completion`, utility from the ground-truth scorer,
/// verification from a model-graded scorer, every sample kept (Inspect does
/// not filter), and the log's status as the run's end.
struct InspectLogMapping {
    let path: String
    let format: ForeignFormat
    /// The log without its samples: `version`, `status`, `eval`, `plan`, `results`, `stats`, `error`.
    let header: JSONValue
    let hasReductions: Bool
    let options: ImportOptions

    func convert(samples: [(location: String, sample: JSONValue)], problems: inout ProblemLog) -> ConvertedRun {
        let eval = header["eval"]
        let scorers = InspectScorers(names: scorerNames(samples: samples.map(\.sample)), options: options)
        let known = scorers.names.isEmpty ? "none" : scorers.names.joined(separator: ", ")
        if let wanted = options.truthScorer, scorers.truth == nil {
            problems.add(path, "--truth-scorer \(wanted) is not a scorer of this log (scorers: \(known)); utility unknown")
        }
        if let wanted = options.verifierScorer, scorers.verifier == nil {
            problems.add(path, "--verifier-scorer \(wanted) is not a scorer of this log (scorers: \(known)); not verified")
        }
        for name in scorers.names where name != scorers.truth && name != scorers.verifier {
            problems.add(path, "scorer \(name) is not used (--truth-scorer / --verifier-scorer choose scorers)")
        }

        var byID: [String: [(epoch: Int, sample: ImportedSample)]] = [:]
        var prompts: [String: ImportedPrompt] = [:]
        for (location, raw) in samples {
            guard let id = ImportNaming.idText(raw["id"]) else {
                problems.add(location, "sample has no id; skipped")
                continue
            }
            let epoch = raw["epoch"]?.intValue ?? 1
            guard epoch >= 1 else {
                problems.add(location, "sample \(id): epoch \(epoch) is not >= 1; skipped")
                continue
            }
            if byID[id]?.contains(where: { $0.epoch == epoch }) == true {
                problems.add(location, "sample \(id) epoch \(epoch) appears twice; the first is kept",
                             kind: "repeated sample and epoch")
                continue
            }
            if prompts[id] == nil {
                prompts[id] = ImportedPrompt(id: id, text: Self.inputText(raw["input"]),
                                             reference: Self.targetText(raw["target"]))
            }
            let sample = importSample(raw, id: id, epoch: epoch, scorers: scorers, location: location,
                                      problems: &problems)
            byID[id, default: []].append((epoch, sample))
        }

        var builder = RunLogBuilder(runID: ImportNaming.runID(ImportNaming.stem(path)))
        // Numeric ids in numeric order, then the others by text.
        let ids = prompts.keys.sorted { a, b in
            let (x, y) = (Int(a), Int(b))
            if let x, let y { return x < y }
            if (x == nil) != (y == nil) { return x != nil }
            return a < b
        }
        builder.prompts = ids.map { id in
            var prompt = prompts[id]!
            prompt.samples = byID[id]!.sorted { $0.epoch < $1.epoch }.map(\.sample)
            prompt.kept = prompt.samples.map(\.index)
            prompt.keptReason = "keep all"
            return prompt
        }
        builder.end = end(problems: &problems)
        builder.roundMetrics = Self.reportedMetrics(header["results"])

        let utilities = builder.prompts.flatMap { $0.samples.compactMap(\.utility) }
        let epochs = eval?["config"]?["epochs"]?.intValue
            ?? builder.prompts.map { $0.samples.count }.max() ?? 0
        let generate = eval?["model_generate_config"]
        let model = eval?["model"]?.stringValue
        let task = eval?["task"]?.stringValue ?? ImportNaming.stem(path)
        let verifierModel = scorers.verifier.flatMap { name in
            eval?["scorers"]?.arrayValue?.first(where: { $0["name"]?.stringValue == name })?["options"]?["model"]?.stringValue
        }
        builder.header = [
            ("title", .string(model.map { "\(task) (Inspect, \($0))" } ?? "\(task) (Inspect)")),
            ("created", eval?["created"]),
            ("model", model.map { .object([("name", .string($0))]) }),
            ("verifier_model", verifierModel.map { .object([("name", .string($0))]) }),
            ("task", .compactObject([
                ("name", .string(task)), ("dataset", eval?["dataset"]?["name"]),
                ("utility", .string(utilities.allSatisfy { $0 == 0 || $0 == 1 } ? "binary" : "real")),
            ])),
            ("generation", .compactObject([
                ("samples_per_prompt", .int(epochs)),
                ("temperature", generate?["temperature"] ?? header["plan"]?["config"]?["temperature"]),
                ("top_p", generate?["top_p"] ?? header["plan"]?["config"]?["top_p"]),
            ])),
            ("verification", scorers.verifier.map { name in
                .object([("method", .string("model-graded:\(name)")), ("score_min", .int(0)), ("score_max", .int(1))])
            }),
            ("filter", .object([("rule", .string("none"))])),
            ("rounds_planned", .int(1)),
        ]
        builder.source = [
            ("format", .string(format.label)),
            ("tool", .string("inspect_ai")),
            ("tool_version", eval?["packages"]?["inspect_ai"]),
            ("path", .string(path)),
            ("status", header["status"]),
            ("mapping", .compactObject([
                ("prompt", .string("one per sample id")),
                ("sample", .string("one per epoch (sample = epoch - 1)")),
                ("response", .string("output.completion, else the last assistant message")),
                ("utility", .string(scorers.truth.map { "scorer \($0) (\(scorers.truthWhy))" } ?? scorers.truthWhy)),
                ("verification", .string(scorers.verifier.map { "scorer \($0) (\(scorers.verifierWhy))" }
                    ?? scorers.verifierWhy)),
                ("values", .string("C=1 I=0 P=0.5 N=unknown; booleans; numbers in [0,1]")),
                ("filter", .string("none (keep all)")),
                ("scorers_seen", .array(scorers.names.map(JSONValue.string))),
                ("reductions", hasReductions ? .string("not used: the per-epoch samples are imported instead") : nil),
            ])),
        ]
        return ConvertedRun(runID: builder.runID, source: path, lines: builder.lines(),
                            problems: problems.finished(file: path))
    }

    private func importSample(_ raw: JSONValue, id: String, epoch: Int, scorers: InspectScorers,
                              location: String, problems: inout ProblemLog) -> ImportedSample {
        var sample = ImportedSample(index: epoch - 1, response: Self.responseText(raw))
        sample.extra = [("epoch", .int(epoch))]
        if let error = raw["error"], !error.isNull {
            let message = error["message"]?.stringValue ?? error.stringValue ?? "an error"
            problems.add(location, "sample \(id) epoch \(epoch) ended in error: \(message)", kind: "sample error")
        }
        let scores = raw["scores"]
        if let truth = scorers.truth {
            if let score = scores?[truth] {
                sample.answer = score["answer"]?.stringValue
                switch InspectScorers.read(score["value"]) {
                case let .value(number): sample.utility = number
                case .noAnswer: break
                case let .unusable(why):
                    problems.add(location, "sample \(id) epoch \(epoch): scorer \(truth): \(why); utility unknown",
                                 kind: "truth value unusable")
                }
            } else {
                problems.add(location, "sample \(id) epoch \(epoch): no \(truth) score; utility unknown",
                             kind: "truth score missing")
            }
        }
        if let verifier = scorers.verifier {
            if let score = scores?[verifier] {
                var verification = ImportedVerification(rationale: score["explanation"]?.stringValue)
                switch InspectScorers.read(score["value"]) {
                case let .value(number): verification.score = number
                case .noAnswer: break
                case let .unusable(why):
                    problems.add(location, "sample \(id) epoch \(epoch): scorer \(verifier): \(why); score null",
                                 kind: "verifier value unusable")
                }
                switch score["value"]?.stringValue {
                case "C"?: verification.verdict = "accept"
                case "I"?: verification.verdict = "reject"
                default: break
                }
                sample.verification = verification
            } else {
                problems.add(location, "sample \(id) epoch \(epoch): no \(verifier) score; not verified",
                             kind: "verifier score missing")
            }
        }
        return sample
    }

    private func end(problems: inout ProblemLog) -> ImportedRunEnd {
        let at = header["stats"]?["completed_at"]?.stringValue
        let status = header["status"]?.stringValue
        switch status {
        case nil, "started"?: return .live
        case "success"?: return .completed(at: at)
        case "error"?: return .failed(at: at, reason: header["error"]?["message"]?.stringValue)
        case "cancelled"?: return .aborted(at: at, reason: "cancelled")
        case let other?:
            problems.add(path, "status \(other) is not started/success/error/cancelled; shown as live")
            return .live
        }
    }

    /// Scorer names from the eval's scorers, the results, then the samples.
    private func scorerNames(samples: [JSONValue]) -> [String] {
        var names: [String] = []
        func add(_ name: String?) { if let name, !names.contains(name) { names.append(name) } }
        for scorer in header["eval"]?["scorers"]?.arrayValue ?? [] { add(scorer["name"]?.stringValue) }
        for score in header["results"]?["scores"]?.arrayValue ?? [] {
            add(score["scorer"]?.stringValue ?? score["name"]?.stringValue)
        }
        for sample in samples {
            for (name, _) in sample["scores"]?.objectValue ?? [] { add(name) }
        }
        return names
    }

    /// The log's own figures as `scorer/metric`, shown beside gapscope's.
    static func reportedMetrics(_ results: JSONValue?) -> [(String, JSONValue)] {
        var out: [(String, JSONValue)] = []
        for score in results?["scores"]?.arrayValue ?? [] {
            let name = score["name"]?.stringValue ?? score["scorer"]?.stringValue ?? "score"
            for (metric, entry) in score["metrics"]?.objectValue ?? [] {
                if let value = entry["value"], let number = value.doubleValue, number.isFinite {
                    out.append(("\(name)/\(metric)", value))
                }
            }
        }
        return out
    }

    /// `output.completion`, else the output's first choice, else the last
    /// assistant message (older logs do not store `completion`).
    static func responseText(_ sample: JSONValue) -> String? {
        let completion = sample["output"]?["completion"]?.stringValue
        if let completion, !completion.isEmpty { return completion }
        if let choice = sample["output"]?["choices"]?.arrayValue?.first,
           let text = contentText(choice["message"]?["content"]), !text.isEmpty {
            return text
        }
        let assistant = sample["messages"]?.arrayValue?.last { $0["role"]?.stringValue == "assistant" }
        return assistant.flatMap { contentText($0["content"]) } ?? completion
    }

    /// Message content as text: a string, or the text parts of a list of content blocks.
    static func contentText(_ content: JSONValue?) -> String? {
        switch content {
        case let .string(text)?: return text
        case let .array(blocks)?:
            let texts = blocks.compactMap { block in
                block.stringValue ?? (block["type"]?.stringValue == "text" ? block["text"]?.stringValue : nil)
            }
            return texts.isEmpty ? nil : texts.joined(separator: "\n")
        default: return nil
        }
    }

    static func inputText(_ input: JSONValue?) -> String? {
        if let text = input?.stringValue { return text }
        let texts = input?.arrayValue?.compactMap { contentText($0["content"]) } ?? []
        return texts.isEmpty ? nil : texts.joined(separator: "\n\n")
    }

    static func targetText(_ target: JSONValue?) -> String? {
        if let text = target?.stringValue { return text }
        let texts = target?.arrayValue?.compactMap(\.stringValue) ?? []
        return texts.isEmpty ? nil : texts.joined(separator: " | ")
    }
}
