import Foundation
import Testing
@testable import GapCore

/// The real logs in `../shared/formats` beside the package, when present
/// (they are not part of the project). Expected counts come from reading
/// the files by hand.
@Suite(.enabled(if: realFormatsFolder != nil, "../shared/formats not found"))
struct ImportRealFilesTests {
    func file(_ name: String) -> String { (realFormatsFolder! as NSString).appendingPathComponent(name) }

    @Test func everyFileIsDetected() {
        let expected: [(String, ForeignFormat?)] = [
            ("lmeval_samples_example.jsonl", .lmEvalSamples),
            ("lmeval_samples_repeats_filters_example.jsonl", .lmEvalSamples),
            ("lmeval_samples_loglikelihood_example.jsonl", .lmEvalSamples),
            ("inspect_example.eval", .inspectEval),
            ("inspect_example.json", .inspectJSON),
            ("selfreward_scores_example.jsonl", .selfRewarding),
            ("SOURCES.md", nil),
        ]
        for (name, format) in expected {
            #expect(ForeignLogs.detect(path: file(name)) == format, "\(name)")
        }
    }

    /// 10 docs, filter none, one response each, exact_match 0 on every line.
    @Test func lmEvalGeneration() throws {
        let run = try ImportFixtures.convertOne(file("lmeval_samples_example.jsonl"))
        #expect(run.promptIDs.count == 10)
        #expect(run.ofType("sample").count == 10)
        #expect(run.ofType("sample").allSatisfy { $0["utility"]?.doubleValue == 0 })
        #expect(run.header["filter"]?["rule"]?.stringValue == "none")
        #expect(run.run.problems.isEmpty)
    }

    /// 4 docs x 3 filters = 12 lines, 64 responses per doc, all "lol": no
    /// number to extract, so utility 0 and agreement 0; maj@64 keeps sample 0.
    @Test func lmEvalRepeatsAndFilters() throws {
        let run = try ImportFixtures.convertOne(file("lmeval_samples_repeats_filters_example.jsonl"))
        #expect(run.promptIDs == ["0", "1", "2", "3"])
        #expect(run.ofType("sample").count == 256)
        #expect(run.promptIDs.allSatisfy { run.samples($0).count == 64 && run.kept($0) == [0] })
        #expect(run.ofType("sample").allSatisfy {
            $0["utility"]?.doubleValue == 0 && $0["verification"]?["score"]?.doubleValue == 0
        })
        #expect(run.header["filter"] == .object([("rule", .string("top_k")), ("k", .int(1))]))
        #expect(run.header["source"]?["mapping"]?["filter"]?.stringValue?.hasPrefix("maj@64") == true)
        #expect(run.run.problems.isEmpty)
    }

    /// 5 ARC docs, 4 choices each; acc 0 1 0 0 0.
    @Test func lmEvalMultipleChoice() throws {
        let run = try ImportFixtures.convertOne(file("lmeval_samples_loglikelihood_example.jsonl"))
        #expect(run.promptIDs.count == 5)
        #expect(run.promptIDs.map { run.utilities($0) } == [[0], [1], [0], [0], [0]])
        #expect(run.counts?["verified"]?.intValue == 5)
        // Doc 0: loglikelihoods -0.26, -0.81, -0.55, -0.014 -> choice 3.
        #expect(run.answers("0") == ["3"])
        #expect(run.run.problems.isEmpty)
    }

    /// 2 samples x 2 epochs, scorer match: 1/1 I, 1/2 C, 2/1 C, 2/2 C.
    @Test func inspectEvalArchive() throws {
        let run = try ImportFixtures.convertOne(file("inspect_example.eval"))
        #expect(run.promptIDs == ["1", "2"])
        #expect(run.utilities("1") == [0, 1])
        #expect(run.utilities("2") == [1, 1])
        #expect(run.samples("1").map { $0["response"]?.stringValue } == ["No", "Yes."])
        #expect(run.endStatus == "completed")
        #expect(run.run.problems.isEmpty)
    }

    /// 3 ARC samples, one epoch, scorer choice: C I I.
    @Test func inspectJSONLog() throws {
        let run = try ImportFixtures.convertOne(file("inspect_example.json"))
        #expect(run.promptIDs == ["1", "2", "3"])
        #expect(run.promptIDs.map { run.utilities($0) } == [[1], [0], [0]])
        #expect(run.header["model"]?["name"]?.stringValue == "ollama/qwen2.5:0.5b")
        #expect(run.endStatus == "completed")
        #expect(run.run.problems.isEmpty)
    }

    /// 6 prompts x 4 responses; line 17 has avg_score 10, outside 0-5.
    @Test func selfRewardingScores() throws {
        let path = file("selfreward_scores_example.jsonl")
        let run = try ImportFixtures.convertOne(path)
        #expect(run.promptIDs == ["1", "2", "3", "4", "5", "6"])
        #expect(run.promptIDs.allSatisfy { run.samples($0).count == 4 })
        #expect(run.counts?["verified"]?.intValue == 23)
        #expect(run.scores("5") == [nil, 5, 5, 5])
        #expect(run.run.problems.map(\.location) == ["\(path):17"])
    }
}

/// `../shared/formats` relative to the package root, found from this file's path.
let realFormatsFolder: String? = {
    let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let path = root.appendingPathComponent("../shared/formats").standardizedFileURL.path
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        ? path : nil
}()
