import Foundation

/// Maps the docs of an lm-eval generation task (`generate_until`) to
/// prompts and samples; the choices it makes are reported in `mapping`.
struct LMEvalGenerationMapping {
    let path: String
    let extractor: AnswerExtractor
    /// The majority-vote filter that becomes `top_k` 1, when the file has one.
    let majorityFilter: String?
    /// The filter whose metric is the utility of a doc with one response.
    let metricFilter: String?
    let filterNames: [String]
    private(set) var maxResponses = 0
    private var anyRepeats = false
    private var fromMetric: [String] = []
    private var regraded = 0

    init(path: String, options: ImportOptions, results: LMEvalResultsFile?, filterNames: [String],
         problems: inout ProblemLog) {
        self.path = path
        self.filterNames = filterNames
        let configs = results?.filters ?? []
        let candidates: [(name: String, k: Int)] = filterNames.compactMap { name in
            let isMajority = configs.first(where: { $0.name == name })?.isMajorityVote ?? false
            if let range = name.range(of: #"^maj(ority)?(_vote)?(@[0-9]+)?$"#, options: .regularExpression),
               range.lowerBound == name.startIndex {
                let k = name.split(separator: "@").last.flatMap { Int($0) }
                return (name, k ?? .max)
            }
            return isMajority ? (name, .max) : nil
        }
        // The vote over the most samples is the one closest to "all samples".
        majorityFilter = candidates.max(by: { $0.k < $1.k })?.name
        metricFilter = filterNames.first

        var chosen: AnswerExtractor?
        if let pattern = options.answerPattern {
            do {
                chosen = try AnswerExtractor(pattern: pattern, matchIndex: -1, origin: "--answer-pattern")
            } catch {
                problems.add(path, "\(error); the default extractor is used instead")
            }
        }
        if chosen == nil, let name = majorityFilter ?? filterNames.first,
           let config = configs.first(where: { $0.name == name }), let pattern = config.regexPattern {
            do {
                chosen = try AnswerExtractor(pattern: pattern, matchIndex: config.groupSelect,
                                             origin: "the regex of task filter \(name)")
            } catch {
                problems.add(path, "task filter \(name): \(error); the default extractor is used instead")
            }
        }
        extractor = chosen ?? AnswerExtractor.lastNumber()
    }

    mutating func prompt(for doc: LMEvalSamplesFile.Doc, problems: inout ProblemLog) -> ImportedPrompt {
        let location = "\(path):\(doc.line)"
        var prompt = ImportedPrompt(id: doc.id, text: doc.promptText, reference: doc.referenceText)
        let responses = self.responses(of: doc, location: location, problems: &problems)
        let count = responses.count
        maxResponses = max(maxResponses, count)
        let answers = responses.map { $0.flatMap(extractor.extract) }

        var utilityFromMetric: Double??
        if count == 1 { utilityFromMetric = metricUtility(of: doc, location: location, problems: &problems) }
        let references = doc.references
        if count > 1 || utilityFromMetric == nil, references.isEmpty, count > 0 {
            problems.add(location, "doc \(doc.id): no target to grade against; utility unknown", kind: "no target")
        }

        var tally: [String: Int] = [:]
        for answer in answers.compactMap({ $0 }) { tally[answer, default: 0] += 1 }
        for (index, response) in responses.enumerated() {
            var sample = ImportedSample(index: index, response: response, answer: answers[index])
            if let fromMetric = utilityFromMetric {
                sample.utility = fromMetric
            } else if response != nil, !references.isEmpty {
                regraded += 1
                let correct = answers[index].map { answer in
                    references.contains { AnswerExtractor.matches(answer, reference: $0) }
                } ?? false
                sample.utility = correct ? 1 : 0
            }
            if count > 1 {
                anyRepeats = true
                let agreeing = answers[index].flatMap { tally[$0] } ?? 0
                sample.verification = ImportedVerification(
                    score: Double(agreeing) / Double(count),
                    rationale: answers[index].map { "\(agreeing) of \(count) samples answer \($0)" }
                        ?? "no answer found")
            }
            prompt.samples.append(sample)
        }
        if count > 1, let majorityFilter {
            // top_k 1; ties go to the lower index, as the harness's vote does.
            let best = prompt.samples.max { a, b in
                let (sa, sb) = (a.verification?.score ?? 0, b.verification?.score ?? 0)
                return sa < sb || (sa == sb && a.index > b.index)
            }
            prompt.kept = best.map { [$0.index] } ?? []
            prompt.keptReason = majorityFilter + (best?.answer.map { ": majority answer \($0)" } ?? "")
        } else {
            prompt.kept = Array(0..<count)
            prompt.keptReason = "keep all"
        }
        return prompt
    }

    /// The responses of the doc's first request; a non-text response is nil.
    private func responses(of doc: LMEvalSamplesFile.Doc, location: String,
                           problems: inout ProblemLog) -> [String?] {
        let requests = doc.resps.arrayValue ?? []
        // Older harness versions list one response per element.
        if requests.allSatisfy({ $0.stringValue != nil }) { return requests.map(\.stringValue) }
        guard let first = requests.first?.arrayValue else {
            problems.add(location, "doc \(doc.id): resps is not a list of responses; no samples", kind: "bad resps")
            return []
        }
        if requests.count > 1 {
            problems.add(location, "doc \(doc.id): \(requests.count) requests; only the first one's responses are imported",
                         kind: "several requests")
        }
        return first.map { value in
            if value.stringValue == nil {
                problems.add(location, "doc \(doc.id): a response is not text; its utility is unknown",
                             kind: "response not text")
            }
            return value.stringValue
        }
    }

    /// The utility the file states for a doc's only response: `.some(nil)`
    /// when the metric is there but unusable, nil when there is none.
    private mutating func metricUtility(of doc: LMEvalSamplesFile.Doc, location: String,
                                        problems: inout ProblemLog) -> Double?? {
        let line = doc.filters.first(where: { $0.name == metricFilter }) ?? doc.filters.first
        guard let line, let (name, value) = line.metrics.first(where: { $0.1.doubleValue != nil }) else { return nil }
        let number = value.doubleValue!
        let at = "\(path):\(line.line)"
        if number.isNaN {
            problems.add(at, "doc \(doc.id): \(name) is NaN; utility unknown", kind: "metric is NaN")
            return .some(nil)
        }
        guard (0...1).contains(number) else {
            problems.add(at, "doc \(doc.id): \(name) = \(number) is outside [0,1]; utility unknown",
                         kind: "metric outside [0,1]")
            return .some(nil)
        }
        let label = "\(name) (filter \(line.name))"
        if !fromMetric.contains(label) { fromMetric.append(label) }
        return .some(number)
    }

    var mapping: [(String, JSONValue?)] {
        var utility: [String] = []
        if !fromMetric.isEmpty { utility.append("the file's \(fromMetric.joined(separator: ", ")) for docs with one response") }
        if regraded > 0 { utility.append("re-graded: extracted answer == target") }
        return [
            ("sample", .string("one per response in resps")),
            ("utility", .string(utility.isEmpty ? "unknown" : utility.joined(separator: "; "))),
            ("answer", .object([
                ("extractor", .string(extractor.origin)), ("pattern", .string(extractor.pattern)),
                ("match", .int(extractor.matchIndex)),
            ])),
            ("verification", .string(anyRepeats
                ? "self-consistency: share of the doc's samples giving the same answer (no answer: 0)"
                : "none (one response per doc)")),
            ("filter", .string(anyRepeats && majorityFilter != nil
                ? "\(majorityFilter!) -> top_k 1 by self-consistency"
                : "none (keep all)")),
            ("filters_seen", .array(filterNames.map(JSONValue.string))),
        ]
    }

    var verification: JSONValue? {
        guard anyRepeats else { return nil }
        return .object([("method", .string("self-consistency")), ("score_min", .int(0)), ("score_max", .int(1))])
    }

    var filterRule: JSONValue {
        guard anyRepeats, majorityFilter != nil else { return .object([("rule", .string("none"))]) }
        return .object([("rule", .string("top_k")), ("k", .int(1))])
    }
}
