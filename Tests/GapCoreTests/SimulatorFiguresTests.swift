import Testing
@testable import GapCore

/// Simulated logs read by gapscope's own reader and figures: no bad lines,
/// the same figures as the independent helper, and logged filter decisions
/// that the recomputed rule reproduces.
@Suite struct SimulatorFiguresTests {
    static func read(_ bytes: [UInt8]) -> RunData {
        var data = RunData(path: "simulated.jsonl")
        data.apply(BatchParser.parse(bytes))
        return data
    }

    static let options = FigureOptions(bootstrapResamples: 0)

    @Test(arguments: [
        SimulationSpec.test(prompts: 40, samples: 8, rounds: 3),
        .test(method: .tournament, filter: .topK(2), layout: .separate),
        .test("Qwen1.5-14B", task: .gsm8kPartial, filter: .quantile(0.25)),
        .test("Qwen1.5-14B", filter: .threshold(0.8), layout: .separate),
        .test(task: .triviaqa, method: .mc, filter: .none),
    ])
    func gapscopeReadsWhatTheHelperReads(spec: SimulationSpec) throws {
        let bytes = RunSimulator.log(for: spec)
        let data = Self.read(bytes)
        #expect(data.badLines.isEmpty, "\(data.badLines.prefix(3))")
        let header = try #require(data.header)
        #expect(header.runID == spec.runID)
        #expect(header.realUtility == spec.task.realUtility)

        let helper = try ParsedSimLog(bytes).figures()
        let logged = Figures.all(data, options: Self.options)
        #expect(logged.map(\.round) == Array(0..<spec.rounds))
        for f in logged {
            let h = try #require(helper[f.round])
            #expect(f.prompts == spec.prompts && f.samples == spec.prompts * spec.samplesPerPrompt)
            #expect(abs(try #require(f.utility) - h.utility) < 1e-9)
            #expect(abs(try #require(f.gap) - h.gap) < 1e-9)
            #expect(abs((f.relativeGap ?? .nan) - (h.relativeGap ?? .nan)) < 1e-9 || (f.relativeGap == nil && h.relativeGap == nil))
            #expect(abs(try #require(f.coverage) - h.coverage) < 1e-9)
            #expect(abs(try #require(f.distinctAnswers) - h.distinctAnswers) < 1e-9)
        }
        // The pipeline's decisions are exactly what its rule gives on the logged scores.
        // (`FilterRule` has a case named `none`, which `#require` mistakes for nil.)
        guard let rule = header.loggedRule else {
            Issue.record("the logged rule cannot be recomputed")
            return
        }
        let recomputed = Figures.all(data, options: FigureOptions(rule: rule, bootstrapResamples: 0))
        #expect(recomputed.map(\.kept) == logged.map(\.kept))
        #expect(recomputed.map(\.filteredUtility) == logged.map(\.filteredUtility))
    }

    @Test func readerReportsEveryInjectedLine() {
        var spec = SimulationSpec.test(prompts: 20, samples: 4, rounds: 1)
        spec.injectBadLines = true
        let data = Self.read(RunSimulator.log(for: spec))
        #expect(data.badLines.count == BadLines.reasons.compactMap { $0 }.count)
        #expect(Figures.all(data, options: Self.options).first?.samples == 20 * 4)
    }

    @Test func scalingFitRisesWithFlops() throws {
        let points = try ["Qwen1.5-0.5B", "Qwen1.5-4B", "Qwen1.5-72B"].map { name in
            let data = Self.read(RunSimulator.log(for: .test(name, prompts: 200, samples: 8, rounds: 1)))
            let f = try #require(Figures.all(data, options: Self.options).first)
            return (data.header!.pretrainFlops!, try #require(f.relativeGap))
        }
        #expect(points[0].1 < points[1].1 && points[1].1 < points[2].1)
    }
}
