import Foundation

/// Maps the docs of an lm-eval loglikelihood task (multiple choice) to one
/// sample per doc: the choice the model ranks highest, as the harness's
/// `acc` does. Its score is that choice's probability among the choices
/// (softmax of the loglikelihoods), the model's own confidence, so the
/// verifier figures say how well confidence separates right from wrong.
/// Perplexity files (`loglikelihood_rolling`) carry no correctness; their
/// docs are imported with unknown utility and reported.
struct LMEvalChoiceMapping {
    let path: String
    let rolling: Bool
    private var metricsUsed: [String] = []
    private var fromTarget = 0
    private var reportedRolling = false

    init(path: String, rolling: Bool) {
        self.path = path
        self.rolling = rolling
    }

    mutating func prompt(for doc: LMEvalSamplesFile.Doc, problems: inout ProblemLog) -> ImportedPrompt {
        let location = "\(path):\(doc.line)"
        var prompt = ImportedPrompt(id: doc.id, text: doc.promptText, reference: doc.referenceText)
        prompt.kept = [0]
        prompt.keptReason = "keep all"
        if rolling {
            if !reportedRolling {
                reportedRolling = true
                problems.add(path, "loglikelihood_rolling (perplexity) lines record no correctness; samples have unknown utility")
            }
            prompt.samples = [ImportedSample(index: 0)]
            return prompt
        }
        var logliks: [Double] = []
        var greedy: [Bool?] = []
        for request in doc.resps.arrayValue ?? [] {
            // `[[loglik, is_greedy]]` per request in current files, `[loglik, is_greedy]` in some older ones.
            let pair = request.arrayValue?.first?.arrayValue ?? request.arrayValue ?? []
            guard let loglik = pair.first.flatMap(Self.number) else { break }
            logliks.append(loglik)
            greedy.append(pair.count > 1 ? Self.flag(pair[1]) : nil)
        }
        guard !logliks.isEmpty, logliks.count == (doc.resps.arrayValue?.count ?? 0) else {
            problems.add(location, "doc \(doc.id): resps hold no readable loglikelihoods; no sample",
                         kind: "unreadable loglikelihoods")
            prompt.kept = []
            return prompt
        }
        let chosen = logliks.indices.max { logliks[$0] < logliks[$1] || (logliks[$0] == logliks[$1] && $0 > $1) }!
        let top = logliks[chosen]
        let score = logliks.count == 1 ? exp(top) : 1 / logliks.reduce(0) { $0 + exp($1 - top) }
        var sample = ImportedSample(
            index: 0,
            response: doc.requestArgument(chosen, 1)?.stringValue?.trimmingCharacters(in: .whitespaces)
                ?? "choice \(chosen)",
            answer: String(chosen),
            verification: ImportedVerification(score: score.isFinite ? score : nil))
        sample.utility = utility(of: doc, chosen: chosen, choices: logliks.count, greedy: greedy[chosen],
                                 problems: &problems)
        prompt.samples = [sample]
        return prompt
    }

    /// The file's `acc` (else its first metric in [0,1]); without one, the
    /// chosen index against an integer target, or greediness for a single
    /// continuation.
    private mutating func utility(of doc: LMEvalSamplesFile.Doc, chosen: Int, choices: Int, greedy: Bool?,
                                  problems: inout ProblemLog) -> Double? {
        let line = doc.filters[0]
        let metric = line.metrics.first(where: { $0.0 == "acc" })
            ?? line.metrics.first(where: { $0.1.doubleValue.map { (0...1).contains($0) } ?? false })
        if let (name, value) = metric, let number = value.doubleValue {
            if number.isFinite, (0...1).contains(number) {
                if !metricsUsed.contains(name) { metricsUsed.append(name) }
                return number
            }
            problems.add("\(path):\(line.line)", "doc \(doc.id): \(name) = \(JSONValue.format(number)) is not in [0,1]; utility unknown",
                         kind: "metric not usable")
            return nil
        }
        fromTarget += 1
        if choices > 1, let target = doc.references.first.flatMap({ Int($0) }) { return chosen == target ? 1 : 0 }
        if choices == 1, let greedy { return greedy ? 1 : 0 }
        problems.add("\(path):\(doc.line)", "doc \(doc.id): no acc metric and no index target; utility unknown",
                     kind: "no utility")
        return nil
    }

    private static func number(_ value: JSONValue) -> Double? {
        value.doubleValue ?? value.stringValue.flatMap { Double($0) }
    }

    private static func flag(_ value: JSONValue) -> Bool? {
        if let bool = value.boolValue { return bool }
        switch value.stringValue {
        case "True"?, "true"?: return true
        case "False"?, "false"?: return false
        default: return nil
        }
    }

    var mapping: [(String, JSONValue?)] {
        if rolling {
            return [("sample", .string("one per doc (perplexity, no text)")), ("utility", .string("unknown")),
                    ("verification", .string("none")), ("filter", .string("none (keep all)"))]
        }
        var utility: [String] = []
        if !metricsUsed.isEmpty { utility.append("the file's \(metricsUsed.joined(separator: ", "))") }
        if fromTarget > 0 { utility.append("chosen choice == target") }
        return [
            ("sample", .string("one per doc: the choice with the highest loglikelihood")),
            ("utility", .string(utility.isEmpty ? "unknown" : utility.joined(separator: "; "))),
            ("answer", .string("the chosen choice's index")),
            ("verification", .string("choice probability: softmax of the choices' loglikelihoods")),
            ("filter", .string("none (one sample per doc)")),
        ]
    }

    var verification: JSONValue? {
        rolling ? nil
            : .object([("method", .string("choice-probability")), ("score_min", .int(0)), ("score_max", .int(1))])
    }
}
