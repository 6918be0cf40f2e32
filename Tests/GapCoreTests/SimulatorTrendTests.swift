import Testing
@testable import GapCore

/// The simulated runs reproduce the findings of "Mind the Gap" when the
/// figures are computed from the logs (with the helper in
/// SimulatorTestSupport, independent of the simulator's own model).
@Suite struct SimulatorTrendTests {
    static func figures(_ spec: SimulationSpec) throws -> [Int: SimRoundFigures] {
        try ParsedSimLog(RunSimulator.log(for: spec)).figures()
    }

    static func relativeGap(_ spec: SimulationSpec, round: Int = 0) throws -> Double {
        try #require(try figures(spec)[round]?.relativeGap)
    }

    /// Qwen1.5-7B with CoT-Score, shared by the scaling and the method comparison.
    static let midSize = Result { try relativeGap(.test(prompts: 300, samples: 8, rounds: 1)) }

    @Test func relativeGapGrowsWithPretrainingFlops() throws {
        let small = try Self.relativeGap(.test("Qwen1.5-0.5B", prompts: 300, samples: 8, rounds: 1))
        let middle = try Self.midSize.get()
        let large = try Self.relativeGap(.test("Qwen1.5-72B", prompts: 300, samples: 8, rounds: 1))
        #expect(small <= 0.05, "the smallest model gains nothing from verifying itself")
        #expect(middle > small + 0.1)
        #expect(large > middle)
    }

    @Test func chainOfThoughtVerificationBeatsMultipleChoice() throws {
        let mcFigures = try #require(try Self.figures(.test(method: .mc, prompts: 300, samples: 8, rounds: 1))[0])
        let mc = try #require(mcFigures.relativeGap)
        let cot = try Self.midSize.get()
        let binary = try Self.relativeGap(.test(method: .cotBinary, prompts: 300, samples: 8, rounds: 1))
        #expect(mc < cot - 0.1)
        #expect(binary > 0)
        // The relative gap of a small run swings widely; the plain gap shows MC is near zero.
        #expect(abs(mcFigures.gap) < 0.1, "multiple choice stays near zero")
    }

    @Test func gapVanishesOverRoundsWhileDiversityFalls() throws {
        let f = try Self.figures(.test(prompts: 200, samples: 8, rounds: 4))
        let first = try #require(f[0]), last = try #require(f[3])
        #expect(first.gap > 0.05)
        #expect(last.gap < first.gap / 3)
        #expect(abs(last.gap) < 0.03)
        #expect(last.utility > first.utility, "accuracy rises a little")
        #expect(last.oracle < first.oracle, "pass@n falls")
        #expect(last.distinctAnswers < first.distinctAnswers)
    }

    @Test func biggerVerifierHelpsSmallGenerator() throws {
        let own = try Self.relativeGap(.test("Qwen1.5-1.8B", prompts: 200, samples: 8, rounds: 1))
        let big = try Self.relativeGap(.test("Qwen1.5-1.8B", prompts: 200, samples: 8, rounds: 1, verifier: "Qwen1.5-72B"))
        #expect(big > own + 0.15)
    }

    @Test func factualQAHasNearZeroGapAndSudokuHelpsOnlyTheLargest() throws {
        let qa = try #require(try Self.figures(.test(task: .triviaqa, prompts: 200, samples: 8, rounds: 1))[0])
        #expect(abs(qa.gap) < 0.03)
        let sudokuMid = try Self.relativeGap(.test("Qwen1.5-7B", task: .sudoku, prompts: 150, samples: 8, rounds: 1))
        let sudokuLarge = try Self.relativeGap(.test("Qwen1.5-72B", task: .sudoku, prompts: 150, samples: 8, rounds: 1))
        #expect(sudokuMid <= 0.02)
        #expect(sudokuLarge > sudokuMid + 0.1)
    }

    @Test func thresholdRuleLeavesPromptsUncovered() throws {
        let f = try #require(try Self.figures(.test("Qwen1.5-14B", filter: .threshold(0.8), prompts: 100, samples: 6, rounds: 1))[0])
        #expect(f.coverage < 0.95 && f.coverage > 0.3)
    }
}
