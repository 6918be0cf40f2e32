import Foundation
import Testing
@testable import GapCore

/// Simulated logs follow run-log@1 to the letter.
@Suite struct SimulatorFormatTests {
    static let variants: [SimulationSpec] = [
        .test(),
        .test(method: .cotBinary, layout: .separate),
        .test(method: .mc, filter: .quantile(0.3)),
        .test(method: .tournament, filter: .topK(2), layout: .separate),
        .test("Qwen1.5-14B", task: .gsm8kPartial, filter: .threshold(0.8), layout: .separate),
        .test("Qwen1.5-1.8B", task: .triviaqa, filter: .none, verifier: "Qwen1.5-72B"),
        .test("Qwen1.5-72B", task: .sudoku, rounds: 1),
    ]

    @Test(arguments: variants)
    func everyRecordHasTheRequiredFieldsAndTypes(spec: SimulationSpec) throws {
        let log = try ParsedSimLog(RunSimulator.log(for: spec))
        let header = log.header
        #expect(header["type"] == .string("run"))
        #expect(header["schema"] == .string("gapscope/run-log@1"))
        #expect(header["run_id"] == .string(spec.runID))
        #expect(header["model"]?["pretrain_flops"]?.doubleValue == spec.model.pretrainFlops)
        #expect(header["model"]?["family"]?.stringValue != nil)
        #expect(header["verifier_model"]?["name"]?.stringValue == spec.verifier?.name)
        #expect(header["task"]?["utility"]?.stringValue == (spec.task == .gsm8kPartial ? "real" : "binary"))
        #expect(header["verification"]?["method"]?.stringValue == spec.method.rawValue)
        #expect(header["rounds_planned"]?.intValue == spec.rounds)
        #expect(log.records.filter { $0["type"] == .string("run") }.count == 1)
        #expect(log.records.last?["type"] == .string("run_end"))
        #expect(log.records.last?["status"] == .string("completed"))

        let n = spec.samplesPerPrompt
        #expect(log.of("prompt").count == spec.prompts)
        for p in log.of("prompt") {
            #expect(p["prompt_id"]?.stringValue != nil && p["text"]?.stringValue != nil && p["reference"]?.stringValue != nil)
        }
        var keys = Set<SimKey>()
        for s in log.of("sample") {
            let round = try #require(s["round"]?.intValue)
            let key = SimKey(round: round, prompt: try #require(s["prompt_id"]?.stringValue), sample: try #require(s["sample"]?.intValue))
            #expect(keys.insert(key).inserted, "one record per sample")
            #expect((0..<spec.rounds).contains(round) && (0..<n).contains(key.sample))
            #expect(s["response"]?.stringValue != nil)
            #expect(s["answer"]?.stringValue != nil || s["answer"]?.isNull == true)
            if let u = s["utility"] {
                let value = try #require(u.doubleValue)
                #expect(value >= 0 && value <= 1)
            } else {
                #expect(s["correct"]?.boolValue != nil)
            }
            if spec.layout == .inline {
                let v = try #require(s["verification"])
                #expect(v["score"]?.doubleValue != nil || v["score"]?.isNull == true)
                #expect(v["verdict"] == nil || v["verdict"] == .string("accept") || v["verdict"] == .string("reject"))
                #expect(v["rationale"]?.stringValue != nil)
                #expect(s["kept"]?.boolValue != nil)
            } else {
                #expect(s["verification"] == nil && s["kept"] == nil)
            }
        }
        #expect(keys.count == spec.prompts * n * spec.rounds)
        if spec.layout == .separate {
            #expect(log.of("verify").count == keys.count)
            for v in log.of("verify") {
                #expect(v["score"]?.doubleValue != nil || v["score"]?.isNull == true)
                #expect(v["rationale"]?.stringValue != nil)
            }
            #expect(log.of("filter").count == spec.prompts * spec.rounds)
            for f in log.of("filter") {
                let kept = try #require(f["kept"]?.arrayValue)
                #expect(kept.allSatisfy { $0.intValue.map { (0..<n).contains($0) } ?? false })
            }
        }
        let stages = log.of("round").map { "\($0["round"]!.intValue!):\($0["stage"]!.stringValue!)" }
        for r in 0..<spec.rounds {
            for stage in ["generate", "verify", "filter", "done"] { #expect(stages.contains("\(r):\(stage)")) }
        }
        for record in log.of("round") + log.of("run_end") {
            let at = try #require(record["at"]?.stringValue)
            #expect(at.count == 20 && at.hasSuffix("Z"))
        }
        if spec.rounds > 1 {
            #expect(log.of("round").contains { $0["stage"] == .string("done") && $0["metrics"]?["train_loss"]?.doubleValue != nil })
        }
    }

    @Test(arguments: variants)
    func keptFlagsFollowTheLoggedRule(spec: SimulationSpec) throws {
        let log = try ParsedSimLog(RunSimulator.log(for: spec))
        let rule = try #require(log.header["filter"])
        var prompts = 0
        for (_, byPrompt) in log.joined() {
            for (_, list) in byPrompt {
                let logged = list.map(\.1.kept)
                #expect(logged == expectedKept(rule: rule, scores: list.map(\.1.score)), "rule \(rule.encoded())")
                prompts += 1
            }
        }
        #expect(prompts == spec.prompts * spec.rounds)
    }

    @Test func sameSeedSameBytesOtherSeedOtherBytes() {
        let a = RunSimulator.log(for: .test(seed: 11, layout: .separate))
        let b = RunSimulator.log(for: .test(seed: 11, layout: .separate))
        let c = RunSimulator.log(for: .test(seed: 12, layout: .separate))
        #expect(a == b)
        #expect(a != c)
    }

    @Test func oddTextIsWrittenEscaped() throws {
        var spec = SimulationSpec.test(prompts: 40, samples: 8, rounds: 1)
        spec.oddTextRate = 0.2
        spec.controlCharacterSamples = 3
        let bytes = RunSimulator.log(for: spec)
        // Raw control characters never reach the file; only line ends do.
        #expect(!bytes.contains { ($0 < 0x20 && $0 != 0x0A) || $0 == 0x7F })
        let responses = try ParsedSimLog(bytes).of("sample").compactMap { $0["response"]?.stringValue }
        #expect(responses.filter { $0.contains("\u{1B}") }.count >= 1)
        #expect(responses.contains { $0.unicodeScalars.contains { $0.value == 0 } })
        #expect(responses.contains { $0.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF } })
        #expect(responses.contains { $0.contains("The answer is") })
    }

    @Test func someVerifierOutputsAreUnparsable() throws {
        let log = try ParsedSimLog(RunSimulator.log(for: .test("Qwen1.5-0.5B", prompts: 60, samples: 8, rounds: 1)))
        let scores = log.of("sample").map { $0["verification"]!["score"]! }
        #expect(scores.contains(.null))
        #expect(scores.filter(\.isNull).count < scores.count / 10)
    }

    @Test func malformedLinesRunHasExactlyTheInjectedBadLines() throws {
        var spec = SimulationSpec.test(prompts: 20, samples: 4, rounds: 1)
        spec.injectBadLines = true
        let bytes = RunSimulator.log(for: spec)
        var bad = 0, blank = 0, crlf = 0, replaced = 0
        var start = 0
        for (i, b) in bytes.enumerated() where b == 0x0A {
            var line = Array(bytes[start..<i])
            start = i + 1
            if line.last == 0x0D { line.removeLast(); crlf += 1 }
            if line.isEmpty { blank += 1; continue }
            guard let value = try? JSONValue.parse(line), value["type"]?.stringValue != nil, let record = value.objectValue else { bad += 1; continue }
            if record.contains(where: { $0.0 == "response" && ($0.1.stringValue?.contains("\u{FFFD}") ?? false) }) { replaced += 1 }
            if !Self.fieldsValid(value) { bad += 1 }
        }
        #expect(bad == BadLines.reasons.compactMap { $0 }.count)
        #expect(blank == 1)
        #expect(crlf == spec.prompts)
        #expect(replaced == 1)
    }

    /// The validated fields of the format's "Precise rules".
    static func fieldsValid(_ r: JSONValue) -> Bool {
        let type = r["type"]!.stringValue!
        if ["sample", "verify", "filter", "round"].contains(type) {
            guard let round = r["round"]?.intValue, round >= 0 else { return false }
        }
        if ["sample", "verify", "filter"].contains(type), r["prompt_id"]?.stringValue == nil { return false }
        if ["sample", "verify"].contains(type), r["sample"]?.intValue == nil { return false }
        if let u = r["utility"], !u.isNull { guard let v = u.doubleValue, v >= 0, v <= 1 else { return false } }
        if let c = r["correct"], !c.isNull, c.boolValue == nil { return false }
        if type == "sample", let k = r["kept"], !k.isNull, k.boolValue == nil { return false }
        if type == "sample", let v = r["verification"] {
            guard v.objectValue != nil else { return false }
            if let s = v["score"], !s.isNull, s.doubleValue == nil { return false }
        }
        if type == "verify", let s = r["score"], !s.isNull, s.doubleValue == nil { return false }
        if type == "filter", r["kept"]?.arrayValue?.allSatisfy({ $0.intValue != nil }) != true { return false }
        if let v = r["verdict"], !v.isNull, v.stringValue == nil { return false }
        return true
    }

    @Test func liveRunStoppedEarlyEndsAsAborted() throws {
        let dir = TestDirectory.root.appendingPathComponent("gapscope-sim-\(UInt32.random(in: 0...UInt32.max))").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var polls = 0
        let result = try SimulationWriter.write(.test(prompts: 16, samples: 4), to: dir, live: LivePacing(interval: 0)) {
            polls += 1
            return polls > 6
        }
        #expect(result.aborted)
        let log = try ParsedSimLog(Array(try Data(contentsOf: URL(fileURLWithPath: result.path))))
        #expect(log.records.last?["status"] == .string("aborted"))
        #expect(log.of("sample").count < 16 * 4 * 2)
    }

    /// A simulated run replaces one simulated before it, or an empty file,
    /// and nothing else: a real run's log in its place stays as it is.
    @Test func onlyASimulatedRunIsReplaced() throws {
        let dir = TestDirectory.root.appendingPathComponent("gapscope-sim-\(UInt32.random(in: 0...UInt32.max))").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let spec = SimulationSpec.test(prompts: 4, samples: 2)
        let first = try SimulationWriter.write(spec, to: dir)
        let again = try SimulationWriter.write(spec, to: dir)
        #expect(again.path == first.path)
        try Data().write(to: URL(fileURLWithPath: first.path))
        _ = try SimulationWriter.write(spec, to: dir)
        #expect(RunLogFinder.isRunLog(first.path))

        let real = #"{"type":"run","schema":"gapscope/run-log@1","run_id":"real"}"# + "\n"
        try real.write(toFile: first.path, atomically: true, encoding: .utf8)
        #expect(throws: SimulationError.self) { try SimulationWriter.write(spec, to: dir) }
        #expect(try String(contentsOfFile: first.path, encoding: .utf8) == real)
    }

    /// Every preset's runs are inside the simulator's limits, the bench
    /// preset up to --scale 4 among them; a run past them is said to be.
    @Test func presetsAreInsideTheSizeLimits() {
        for preset in SimulationPreset.allCases {
            for spec in preset.specs(seed: 1) { #expect(spec.sizeProblem == nil, "\(preset)") }
        }
        for spec in SimulationPreset.bench.specs(seed: 1, scale: 4) { #expect(spec.sizeProblem == nil) }
        var big = SimulationPreset.single.specs(seed: 1)[0]
        big.rounds = 1_000_000_000
        #expect(big.sizeProblem == "1000000000 rounds; at most 1000")
        big.rounds = 1
        big.prompts = 500_000
        #expect(big.sizeProblem?.hasSuffix("samples per round; at most 2000000 (a round is held in memory)") == true)
    }

    @Test func timestampsAreUTC() {
        #expect(SimTime.iso8601(0) == "1970-01-01T00:00:00Z")
        #expect(SimTime.iso8601(1_793_610_000) == "2026-11-02T09:00:00Z")
        #expect(SimTime.iso8601(951_782_400) == "2000-02-29T00:00:00Z")
    }
}

extension SimulationSpec: CustomTestStringConvertible {
    public var testDescription: String { "\(model.name) \(task.rawValue) \(method.rawValue) \(layout.rawValue)" }
}
