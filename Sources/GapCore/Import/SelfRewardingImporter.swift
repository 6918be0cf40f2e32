import Foundation

/// Turns the judge-score file of a self-rewarding pipeline (JSON Lines with
/// `prompt_id`, `prompt`, `response`, a judge score such as `avg_score`,
/// maybe a `scores` list and the judge's texts in `meta_data`) into a run.
///
/// There is no ground truth: utility is unknown, the judge's score is the
/// verification. The judge scores on the 0–5 additive scale of
/// Self-Rewarding Language Models; `-1` (the pipeline's mark for an
/// unparsed judgement) and values outside 0–5 become `score: null` and are
/// reported. Every sample is kept: the pipeline's pairing of best and worst
/// responses is not a filter of the run-log kind.
struct SelfRewardingImporter {
    let path: String

    static let scoreRange: ClosedRange<Double> = 0...5
    /// Fields that may hold the judge's score, in order of preference.
    static let scoreKeys = ["avg_score", "score", "judge_score", "reward"]

    func convert() throws -> ConvertedRun {
        var problems = ProblemLog()
        let file = try JSONLinesFile(path: path)
        var order: [String] = []
        var prompts: [String: ImportedPrompt] = [:]
        var scoreField: String?
        for line in file.lines {
            let location = "\(path):\(line.number)"
            guard let object = line.object(at: location, problems: &problems) else { continue }
            guard let id = ImportNaming.idText(object["prompt_id"]) else {
                problems.add(location, "no prompt_id; line skipped")
                continue
            }
            guard let response = object["response"]?.stringValue else {
                problems.add(location, "prompt \(id): no response text; line skipped", kind: "no response")
                continue
            }
            if prompts[id] == nil {
                order.append(id)
                prompts[id] = ImportedPrompt(id: id, text: object["prompt"]?.stringValue)
            }
            var sample = ImportedSample(index: prompts[id]!.samples.count, response: response)
            if let (field, score) = judgeScore(object, id: id, location: location, problems: &problems) {
                scoreField = scoreField ?? field
                sample.verification = ImportedVerification(score: score, rationale: Self.judgeText(object))
            }
            if let list = object["scores"], case .array = list { sample.extra.append(("judge_scores", list)) }
            prompts[id]!.samples.append(sample)
        }

        let round = Self.round(inPath: path)
        var stem = ImportNaming.stem(path)
        if let token = round?.token, !stem.contains(token) { stem += "-\(token)" }
        var builder = RunLogBuilder(runID: ImportNaming.runID(stem))
        builder.round = round?.round ?? 0
        builder.prompts = order.map { id in
            var prompt = prompts[id]!
            prompt.kept = prompt.samples.map(\.index)
            prompt.keptReason = "keep all"
            return prompt
        }
        builder.header = [
            ("title", .string("Self-rewarding judge scores, round \(builder.round)")),
            ("generation", .object([("samples_per_prompt", .int(builder.prompts.map(\.samples.count).max() ?? 0))])),
            ("verification", .object([
                ("method", .string("llm-judge")),
                ("score_min", .number(Self.scoreRange.lowerBound)), ("score_max", .number(Self.scoreRange.upperBound)),
            ])),
            ("filter", .object([("rule", .string("none"))])),
        ]
        builder.source = [
            ("format", .string(ForeignFormat.selfRewarding.label)),
            ("path", .string(path)),
            ("mapping", .object([
                ("prompt", .string("one per prompt_id")),
                ("sample", .string("one per line, in file order")),
                ("utility", .string("unknown (the file has no ground truth)")),
                ("verification", .string(
                    "judge score \(scoreField ?? "avg_score") on 0-5; -1 (unparsed) or outside 0-5: null")),
                ("filter", .string("none (keep all)")),
                ("round", .string(round.map { "\($0.token) in the path -> round \($0.round)" }
                    ?? "no round named in the path -> round 0")),
            ])),
        ]
        return ConvertedRun(runID: builder.runID, source: path, lines: builder.lines(),
                            problems: problems.finished(file: path))
    }

    /// The judge's score, nil when the line has none at all; `(field, nil)`
    /// when it has one that cannot be used (reported).
    private func judgeScore(_ object: JSONValue, id: String, location: String,
                            problems: inout ProblemLog) -> (String, Double?)? {
        if let field = Self.scoreKeys.first(where: { object[$0] != nil }), let value = object[field] {
            let number = value.doubleValue ?? value.stringValue.flatMap { Double($0) }
            guard let number, number.isFinite else {
                problems.add(location, "prompt \(id): judge score \(value.encoded()) is not a number; score null",
                             kind: "judge score not a number")
                return (field, nil)
            }
            if number == -1 {
                problems.add(location, "prompt \(id): judge score -1 (unparsed judgement); score null",
                             kind: "unparsed judge score")
                return (field, nil)
            }
            guard Self.scoreRange.contains(number) else {
                problems.add(location, "prompt \(id): judge score \(JSONValue.format(number)) is outside 0-5; score null",
                             kind: "judge score out of range")
                return (field, nil)
            }
            return (field, number)
        }
        if let list = object["scores"]?.arrayValue {
            let valid = list.compactMap(\.doubleValue).filter { $0.isFinite && Self.scoreRange.contains($0) }
            guard !valid.isEmpty else {
                problems.add(location, "prompt \(id): no usable judge score in scores; score null",
                             kind: "no usable judge score")
                return ("scores", nil)
            }
            return ("mean of scores", valid.reduce(0, +) / Double(valid.count))
        }
        problems.add(location, "prompt \(id): no judge score (\(Self.scoreKeys.joined(separator: ", ")) or scores); not verified",
                     kind: "no judge score")
        return nil
    }

    /// The judge's own words: `meta_data` (one text per judgement) or a rationale field.
    private static func judgeText(_ object: JSONValue) -> String? {
        if let texts = object["meta_data"]?.arrayValue?.compactMap(\.stringValue), !texts.isEmpty {
            return texts.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: "\n\n")
        }
        for key in ["rationale", "judgement", "judgment", "explanation"] {
            if let text = object[key]?.stringValue { return text }
        }
        return nil
    }

    /// The round a path names: `M<n>` (the paper's model index, M0 the base)
    /// is round n, as are `iter<n>` / `iteration<n>` and `round<n>`. The file
    /// name is looked at first, then its folders from the nearest.
    static func round(inPath path: String) -> (round: Int, token: String)? {
        let patterns = [
            #"(?<![A-Za-z0-9])M([0-9]+)(?![A-Za-z0-9])"#,
            #"(?i)(?<![A-Za-z])iter(?:ation)?[-_]?([0-9]+)(?![0-9])"#,
            #"(?i)(?<![A-Za-z])round[-_]?([0-9]+)(?![0-9])"#,
        ].compactMap { try? NSRegularExpression(pattern: $0) }
        var components = (path as NSString).pathComponents
        if let last = components.popLast() { components.append(ImportNaming.stem(last)) }
        for component in components.reversed() {
            let text = component as NSString
            for regex in patterns {
                guard let match = regex.firstMatch(in: component, range: NSRange(location: 0, length: text.length)),
                      let round = Int(text.substring(with: match.range(at: 1))) else { continue }
                return (round, text.substring(with: match.range))
            }
        }
        return nil
    }
}
