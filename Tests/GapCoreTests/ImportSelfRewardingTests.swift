import Foundation
import Testing
@testable import GapCore

/// Self-rewarding judge-score fixtures, the expected records worked out by hand.
@Suite struct ImportSelfRewardingTests {
    /// Prompt 1: a 4.5, b -1 (unparsed), e NaN; prompt 2: c 10 (out of
    /// range), d from the `scores` list (3 and 5 usable -> 4), f no score.
    /// Line 3 is broken. So scores 4.5 null null / null 4 (f not verified),
    /// five problems, lines 2 3 4 6 7.
    static let text = #"""
        {"prompt_id": 1, "prompt": "User: P1 Assistant: ", "response": "a", "avg_score": 4.5, "meta_data": ["\nScore: 4\n", "Score: 5"]}
        {"prompt_id": 1, "prompt": "User: P1 Assistant: ", "response": "b", "avg_score": -1}
        {"prompt_id": 2, "prompt": "User: P2
        {"prompt_id": 2, "prompt": "User: P2 Assistant: ", "response": "c", "avg_score": 10}
        {"prompt_id": 2, "prompt": "User: P2 Assistant: ", "response": "d", "scores": [3, -1, 5]}
        {"prompt_id": 1, "prompt": "User: P1 Assistant: ", "response": "e", "avg_score": NaN}
        {"prompt_id": 2, "response": "f"}
        """#

    @Test func judgeScoresWithUnparsedAndOutOfRangeValues() throws {
        let folder = try ImportFixtures.folder()
        defer { ImportFixtures.remove(folder) }
        let path = try ImportFixtures.write(Self.text, to: folder, "M2/scores.jsonl")
        #expect(ForeignLogs.detect(path: path) == .selfRewarding)
        let run = try ImportFixtures.convertOne(path)

        #expect(run.run.runID == "scores-M2")
        #expect(run.promptIDs == ["1", "2"])
        #expect(run.samples("1").map { $0["response"]?.stringValue } == ["a", "b", "e"])
        #expect(run.samples("2").map { $0["response"]?.stringValue } == ["c", "d", "f"])
        #expect(run.scores("1") == [4.5, nil, nil])
        #expect(run.scores("2") == [nil, 4, nil])
        #expect(run.samples("1")[1]["verification"]?["score"] == .null)
        #expect(run.samples("2")[2]["verification"] == nil)
        #expect(run.samples("1")[0]["verification"]?["rationale"]?.stringValue == "Score: 4\n\nScore: 5")
        #expect(run.samples("2")[1]["judge_scores"] == .array([.int(3), .int(-1), .int(5)]))
        #expect(run.utilities("1") == [nil, nil, nil])
        #expect(run.kept("1") == [0, 1, 2] && run.kept("2") == [0, 1, 2])
        #expect(run.samples("1").allSatisfy { $0["round"]?.intValue == 2 })
        #expect(run.ofType("prompt").first?["text"]?.stringValue == "User: P1 Assistant: ")

        #expect(run.header["verification"] == .object([
            ("method", .string("llm-judge")), ("score_min", .int(0)), ("score_max", .int(5)),
        ]))
        #expect(run.header["filter"]?["rule"]?.stringValue == "none")
        #expect(run.header["source"]?["mapping"]?["round"]?.stringValue == "M2 in the path -> round 2")
        #expect(run.counts == .object([
            ("prompts", .int(2)), ("samples", .int(6)), ("verified", .int(2)), ("unknown_utility", .int(6)),
        ]))
        #expect(run.endStatus == "completed")

        #expect(run.run.problems.map(\.location) == [2, 3, 4, 6, 7].map { "\(path):\($0)" })
        #expect(run.run.problems[0].message.contains("-1 (unparsed"))
        #expect(run.run.problems[2].message.contains("outside 0-5"))
    }

    @Test(arguments: [
        ("runs/M0/scores.jsonl", 0 as Int?), ("runs/iter3/scores.jsonl", 3), ("out/scores_M1.jsonl", 1),
        ("round-2/s.jsonl", 2), ("M3/iteration1.jsonl", 1), ("generated_scores-0-1000.jsonl", nil),
        ("MM1/x.jsonl", nil), ("gpt4m1/x.jsonl", nil),
    ])
    func roundFromPath(path: String, round: Int?) {
        #expect(SelfRewardingImporter.round(inPath: path)?.round == round)
    }

    @Test func manyRepeatsOfOneFaultAreCounted() throws {
        let lines = (0..<30).map { #"{"prompt_id": \#($0), "response": "r", "avg_score": -1}"# }
        let folder = try ImportFixtures.folder()
        defer { ImportFixtures.remove(folder) }
        let path = try ImportFixtures.write(lines.joined(separator: "\n"), to: folder, "scores.jsonl")
        let run = try ImportFixtures.convertOne(path)
        #expect(run.run.problems.count == ProblemLog.listedPerKind + 1)
        #expect(run.run.problems.last == ImportProblem(
            location: path, message: "10 more like \"unparsed judge score\" not listed"))
    }
}
