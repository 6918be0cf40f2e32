import Testing
@testable import GapCore

/// A simulated log read back line by line with `JSONValue.parse`.
struct ParsedSimLog {
    var lines: [[UInt8]] = []
    var records: [JSONValue] = []

    init(_ bytes: [UInt8]) throws {
        var start = 0
        for (i, b) in bytes.enumerated() where b == 0x0A {
            var line = Array(bytes[start..<i])
            if line.last == 0x0D { line.removeLast() }
            lines.append(line)
            start = i + 1
        }
        #expect(start == bytes.count, "the log ends with a line end")
        for line in lines where !line.isEmpty {
            records.append(try JSONValue.parse(line))
        }
    }

    var header: JSONValue { records[0] }
    func of(_ type: String) -> [JSONValue] { records.filter { $0["type"]?.stringValue == type } }
}

/// One sample as the figures see it, after joining verify and filter records.
struct JoinedSample {
    var utility: Double?
    var score: Double?
    var kept: Bool
    var answer: String?
}

/// The per-round figures of the run log format, computed independently of
/// the simulator, for checking its trends.
struct SimRoundFigures {
    var utility: Double
    var filteredUtility: Double
    var gap: Double { filteredUtility - utility }
    var relativeGap: Double?
    var oracle: Double
    var distinctAnswers: Double
    var coverage: Double
}

struct SimKey: Hashable {
    var round: Int
    var prompt: String
    var sample: Int
}

extension ParsedSimLog {
    /// Samples per round and prompt, each prompt's samples in index order.
    func joined() -> [Int: [String: [(Int, JoinedSample)]]] {
        var samples: [SimKey: JoinedSample] = [:]
        var verified: [SimKey: Double?] = [:]
        var filtered: [SimKey: Bool] = [:]
        var filterPrompts: Set<String> = []
        for r in records {
            guard let type = r["type"]?.stringValue, let round = r["round"]?.intValue, let prompt = r["prompt_id"]?.stringValue else { continue }
            let key = SimKey(round: round, prompt: prompt, sample: r["sample"]?.intValue ?? -1)
            switch type {
            case "sample":
                let utility = r["utility"]?.doubleValue ?? r["correct"]?.boolValue.map { $0 ? 1 : 0 }
                samples[key] = JoinedSample(
                    utility: utility, score: r["verification"]?["score"]?.doubleValue,
                    kept: r["kept"]?.boolValue ?? false, answer: r["answer"]?.stringValue)
            case "verify":
                verified[key] = r["score"]?.doubleValue
            case "filter":
                filterPrompts.insert("\(round)/\(prompt)")
                for k in r["kept"]?.arrayValue ?? [] {
                    filtered[SimKey(round: round, prompt: prompt, sample: k.intValue ?? -1)] = true
                }
            default: break
            }
        }
        var out: [Int: [String: [(Int, JoinedSample)]]] = [:]
        for (key, var s) in samples {
            if let v = verified[key] { s.score = v }
            if filterPrompts.contains("\(key.round)/\(key.prompt)") { s.kept = filtered[key] ?? false }
            out[key.round, default: [:]][key.prompt, default: []].append((key.sample, s))
        }
        for (r, prompts) in out {
            for (p, list) in prompts { out[r]![p] = list.sorted { $0.0 < $1.0 } }
        }
        return out
    }

    func figures() -> [Int: SimRoundFigures] {
        var out: [Int: SimRoundFigures] = [:]
        for (round, prompts) in joined() {
            var a: [Double] = [], filtered: [Double] = [], relative: [Double] = [], best: [Double] = []
            var distinct = 0.0, covered = 0.0
            for (_, list) in prompts {
                distinct += Double(Set(list.compactMap(\.1.answer)).count)
                let known = list.map(\.1).filter { $0.utility != nil }
                guard !known.isEmpty else { continue }
                let ax = known.reduce(0) { $0 + $1.utility! } / Double(known.count)
                let kept = known.filter(\.kept)
                let fx = kept.isEmpty ? ax : kept.reduce(0) { $0 + $1.utility! } / Double(kept.count)
                if !kept.isEmpty { covered += 1 }
                a.append(ax)
                filtered.append(fx)
                best.append(known.map { $0.utility! }.max()!)
                if ax < 1 { relative.append((fx - ax) / (1 - ax)) }
            }
            func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(max(v.count, 1)) }
            out[round] = SimRoundFigures(
                utility: mean(a), filteredUtility: mean(filtered),
                relativeGap: relative.isEmpty ? nil : mean(relative), oracle: mean(best),
                distinctAnswers: distinct / Double(prompts.count), coverage: covered / Double(max(a.count, 1)))
        }
        return out
    }
}

/// The run log format's filter rules, written again from the format text
/// (not shared with the simulator) to check the logged decisions.
func expectedKept(rule: JSONValue, scores: [Double?]) -> [Bool] {
    let n = scores.count
    let ranked = scores.indices.filter { scores[$0] != nil }.sorted {
        scores[$0]! != scores[$1]! ? scores[$0]! > scores[$1]! : $0 < $1
    }
    var keep = Array(repeating: false, count: n)
    switch rule["rule"]?.stringValue {
    case "none":
        return Array(repeating: true, count: n)
    case "threshold":
        let t = rule["min_score"]!.doubleValue!
        return scores.map { $0.map { $0 >= t } ?? false }
    case "top_k":
        for i in ranked.prefix(rule["k"]!.intValue!) { keep[i] = true }
    case "quantile":
        let q = rule["keep_fraction"]!.doubleValue!
        let count = max(1, Int((q * Double(n) - 1e-9).rounded(.up)))
        for i in ranked.prefix(count) { keep[i] = true }
    default:
        Issue.record("unknown rule \(rule)")
    }
    return keep
}

extension SimulationSpec {
    static func test(
        _ model: String = "Qwen1.5-7B", seed: UInt64 = 7, task: SimTask = .gsm8k, method: SimVerification = .cotScore,
        filter: FilterRule = .topK(1), prompts: Int = 30, samples: Int = 6, rounds: Int = 2, layout: SimLayout = .inline,
        verifier: String? = nil
    ) -> SimulationSpec {
        SimulationSpec(
            runID: "test-\(model)-\(method.rawValue)", title: "test", seed: seed,
            model: SimModelCatalog.named(model)!, verifier: verifier.flatMap(SimModelCatalog.named),
            task: task, method: method, filter: filter, prompts: prompts, samplesPerPrompt: samples,
            rounds: rounds, layout: layout)
    }
}
