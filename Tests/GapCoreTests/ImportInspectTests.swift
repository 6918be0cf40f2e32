import Foundation
import Testing
import ZIPFoundation
@testable import GapCore

/// Inspect AI fixtures, `.json` and `.eval`, the expected records worked out by hand.
@Suite struct ImportInspectTests {
    static let eval = #"""
        {"run_id": "R1", "created": "2026-02-01T10:00:00+00:00", "task": "toy_qa", "model": "openai/gpt-x",
         "dataset": {"name": "toy"}, "config": {"epochs": 2}, "packages": {"inspect_ai": "0.3.99"},
         "scorers": [{"name": "match", "options": {}}, {"name": "model_graded_qa", "options": {"model": "openai/judge"}}]}
        """#

    /// Two epochs of prompts 1 and 2, one of q3, scored by `match` (truth)
    /// and `model_graded_qa` (verifier). By hand:
    /// - 1/1: completion "Paris", C / C -> utility 1, score 1, accept.
    /// - 1/2: no completion, text block of the output's message "Lyon"; I / P -> 0, 0.5.
    /// - 2/1: only the assistant message "4"; true / N -> 1, score null.
    /// - 2/2: N / 0.25 -> unknown, 0.25.
    /// - q3/1: errored; match is a dict, no model_graded_qa -> unknown, not verified; 3 problems.
    static let samples = #"""
        [{"id": 1, "epoch": 1, "input": "Capital of France?", "target": "Paris",
          "output": {"completion": "Paris", "choices": []},
          "scores": {"match": {"value": "C", "answer": "Paris"}, "model_graded_qa": {"value": "C", "explanation": "GRADE: C"}}},
         {"id": 1, "epoch": 2, "input": "Capital of France?", "target": "Paris",
          "output": {"choices": [{"message": {"role": "assistant", "content": [{"type": "reasoning", "reasoning": "hmm"}, {"type": "text", "text": "Lyon"}]}}]},
          "scores": {"match": {"value": "I", "answer": "Lyon"}, "model_graded_qa": {"value": "P", "explanation": "partly"}}},
         {"id": 2, "epoch": 1, "input": [{"role": "user", "content": "2+2?"}], "target": ["4", "four"],
          "messages": [{"role": "user", "content": "2+2?"}, {"role": "assistant", "content": "4"}], "output": {},
          "scores": {"match": {"value": true}, "model_graded_qa": {"value": "N"}}},
         {"id": 2, "epoch": 2, "input": [{"role": "user", "content": "2+2?"}], "target": ["4", "four"],
          "output": {"completion": "5"}, "scores": {"match": {"value": "N"}, "model_graded_qa": {"value": 0.25}}},
         {"id": "q3", "epoch": 1, "input": "Q3", "target": "x", "output": {"completion": "y"},
          "scores": {"match": {"value": {"a": 1}}}, "error": {"message": "boom"}}]
        """#

    static func log(status: String, extra: String = "") -> String {
        #"""
        {"version": 2, "status": "\#(status)", "eval": \#(eval),
         "plan": {"name": "plan", "steps": [], "config": {"temperature": 0.5}},
         "results": {"scores": [{"name": "match", "scorer": "match", "metrics": {"accuracy": {"name": "accuracy", "value": 0.667}}}]},
         "stats": {"started_at": "2026-02-01T10:00:00+00:00", "completed_at": "2026-02-01T10:05:00+00:00"}\#(extra),
         "samples": \#(samples)}
        """#
    }

    @Test func jsonLogWithEpochsAndAModelGradedScorer() throws {
        let folder = try ImportFixtures.folder()
        defer { ImportFixtures.remove(folder) }
        let path = try ImportFixtures.write(Self.log(status: "success"), to: folder, "2026-02-01_toy-qa.json")
        #expect(ForeignLogs.detect(path: path) == .inspectJSON)
        let run = try ImportFixtures.convertOne(path)

        #expect(run.run.runID == "2026-02-01_toy-qa")
        #expect(run.promptIDs == ["1", "2", "q3"])
        #expect(run.utilities("1") == [1, 0])
        #expect(run.utilities("2") == [1, nil])
        #expect(run.utilities("q3") == [nil])
        #expect(run.scores("1") == [1, 0.5])
        #expect(run.scores("2") == [nil, 0.25])
        #expect(run.samples("2")[0]["verification"]?["score"] == .null)
        #expect(run.samples("q3")[0]["verification"] == nil)
        #expect(run.samples("1").map { $0["verification"]?["verdict"]?.stringValue } == ["accept", nil])
        #expect(run.samples("1").map { $0["response"]?.stringValue } == ["Paris", "Lyon"])
        #expect(run.samples("2").map { $0["response"]?.stringValue } == ["4", "5"])
        #expect(run.samples("1").map { $0["epoch"]?.intValue } == [1, 2])
        #expect(run.answers("1") == ["Paris", "Lyon"])
        #expect(run.kept("1") == [0, 1] && run.kept("q3") == [0])
        let prompts = run.ofType("prompt")
        #expect(prompts.map { $0["text"]?.stringValue } == ["Capital of France?", "2+2?", "Q3"])
        #expect(prompts[1]["reference"]?.stringValue == "4 | four")

        let header = run.header
        #expect(header["verification"]?["method"]?.stringValue == "model-graded:model_graded_qa")
        #expect(header["verifier_model"]?["name"]?.stringValue == "openai/judge")
        #expect(header["model"]?["name"]?.stringValue == "openai/gpt-x")
        #expect(header["generation"]?["samples_per_prompt"]?.intValue == 2)
        #expect(header["generation"]?["temperature"]?.doubleValue == 0.5)
        #expect(header["task"]?["utility"]?.stringValue == "binary")
        #expect(header["filter"]?["rule"]?.stringValue == "none")
        #expect(header["source"]?["mapping"]?["utility"]?.stringValue == "scorer match (default: rule-based)")
        #expect(run.ofType("round").last?["metrics"] == .object([("match/accuracy", .number(0.667))]))
        #expect(run.ofType("run_end").last?["at"]?.stringValue == "2026-02-01T10:05:00+00:00")
        #expect(run.endStatus == "completed")

        let location = "\(path)#samples[4]"
        #expect(run.run.problems.map(\.location) == [location, location, location])
        #expect(run.run.problems[0].message.contains("ended in error: boom"))
        #expect(run.run.problems[1].message.contains("dict"))
        #expect(run.run.problems[2].message.contains("no model_graded_qa score"))
    }

    @Test(arguments: [
        ("started", nil as String?), ("success", "completed"), ("error", "failed"), ("cancelled", "aborted"),
    ])
    func statusBecomesTheRunEnd(status: String, end: String?) throws {
        let folder = try ImportFixtures.folder()
        defer { ImportFixtures.remove(folder) }
        let extra = status == "error" ? #", "error": {"message": "rate limit"}"# : ""
        let path = try ImportFixtures.write(Self.log(status: status, extra: extra), to: folder, "log.json")
        let run = try ImportFixtures.convertOne(path)
        #expect(run.endStatus == end)
        #expect(run.ofType("round").contains { $0["stage"]?.stringValue == "done" } == (status == "success"))
        if status == "error" { #expect(run.ofType("run_end").last?["reason"]?.stringValue == "rate limit") }
        #expect(run.run.mappingSummary.contains("live") == (end == nil))
    }

    /// Swapped roles: model_graded_qa as truth (C 1, P 0.5, N unknown, 0.25),
    /// match as verifier (C 1, I 0, true 1, N null).
    @Test func scorerOptionsChooseTheRoles() throws {
        let folder = try ImportFixtures.folder()
        defer { ImportFixtures.remove(folder) }
        let path = try ImportFixtures.write(Self.log(status: "success"), to: folder, "log.json")
        let run = try ImportFixtures.convertOne(
            path, ImportOptions(truthScorer: "model_graded_qa", verifierScorer: "match"))
        #expect(run.utilities("1") == [1, 0.5])
        #expect(run.utilities("2") == [nil, 0.25])
        #expect(run.scores("1") == [1, 0])
        #expect(run.scores("2") == [1, nil])
        #expect(run.header["task"]?["utility"]?.stringValue == "real")
        #expect(run.header["verification"]?["method"]?.stringValue == "model-graded:match")

        let missing = try ImportFixtures.convertOne(path, ImportOptions(truthScorer: "nope"))
        #expect(missing.utilities("1") == [nil, nil])
        #expect(missing.run.problems.contains { $0.message.hasPrefix("--truth-scorer nope is not a scorer") })
        #expect(missing.run.problems.contains { $0.message.hasPrefix("scorer match is not used") })
    }

    static let evalHeader = #"""
        {"version": 2, "status": "success",
         "eval": {"task": "toy_eval", "model": "m", "created": "2026-02-02T00:00:00+00:00", "config": {"epochs": 2}},
         "plan": {}, "stats": {"completed_at": "2026-02-02T00:01:00+00:00"},
         "results": {"scores": [{"name": "match", "scorer": "match", "metrics": {}}]}}
        """#

    static func evalSample(_ id: Int, _ epoch: Int, _ value: String) -> String {
        #"{"id": \#(id), "epoch": \#(epoch), "input": "Q\#(id)", "target": "A", "output": {"completion": "R\#(id).\#(epoch)"}, "scores": {"match": {"value": \#(value)}}}"#
    }

    static func writeZip(_ entries: [(String, String)], to url: URL,
                         method: CompressionMethod = .deflate) throws {
        let archive = try Archive(url: url, accessMode: .create)
        for (name, text) in entries {
            let data = Data(text.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: method) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    /// Entries in zip order 1/2, 1/1, 2/1 and a broken 2/2: values I, C, 1.0
    /// give prompt 1 utilities 0 1 (by epoch), prompt 2 utility 1; the broken
    /// entry is reported by name.
    @Test func evalArchiveWithSamplesJournalAndReductions() throws {
        let folder = try ImportFixtures.folder()
        defer { ImportFixtures.remove(folder) }
        let url = folder.appendingPathComponent("toy.eval")
        try Self.writeZip([
            ("_journal/start.json", #"{"version": 2, "eval": {"task": "toy_eval", "model": "m"}, "plan": {}}"#),
            ("samples/1_epoch_2.json", Self.evalSample(1, 2, #""C""#)),
            ("samples/1_epoch_1.json", Self.evalSample(1, 1, #""I""#)),
            ("samples/2_epoch_1.json", Self.evalSample(2, 1, "1.0")),
            ("samples/2_epoch_2.json", "{"),
            ("reductions.json", #"[{"scorer": "match", "samples": [{"value": 0.5, "sample_id": 1}]}]"#),
            ("summaries.json", "[]"),
            ("header.json", Self.evalHeader),
        ], to: url)
        #expect(ForeignLogs.detect(path: url.path) == .inspectEval)
        let run = try ImportFixtures.convertOne(url.path)
        #expect(run.promptIDs == ["1", "2"])
        #expect(run.utilities("1") == [0, 1])
        #expect(run.utilities("2") == [1])
        #expect(run.samples("1").map { $0["response"]?.stringValue } == ["R1.1", "R1.2"])
        #expect(run.header["source"]?["format"]?.stringValue == "inspect-eval")
        #expect(run.header["source"]?["mapping"]?["reductions"] != nil)
        #expect(run.header["verification"] == nil)
        #expect(run.endStatus == "completed")
        #expect(run.run.problems.count == 1)
        #expect(run.run.problems.first?.location == "\(url.path)#samples/2_epoch_2.json")
    }

    /// While Inspect runs, the archive has the start journal and the samples
    /// so far, no header: the run is live.
    @Test func evalArchiveStillRunningIsLive() throws {
        let folder = try ImportFixtures.folder()
        defer { ImportFixtures.remove(folder) }
        let url = folder.appendingPathComponent("live.eval")
        try Self.writeZip([
            ("_journal/start.json", #"{"version": 2, "eval": {"task": "toy_eval", "model": "m", "config": {"epochs": 3}}, "plan": {}}"#),
            ("samples/1_epoch_1.json", Self.evalSample(1, 1, #""C""#)),
        ], to: url)
        let run = try ImportFixtures.convertOne(url.path)
        #expect(run.utilities("1") == [1])
        #expect(run.endStatus == nil)
        #expect(!run.ofType("round").contains { $0["stage"]?.stringValue == "done" })
        #expect(run.header["generation"]?["samples_per_prompt"]?.intValue == 3)
        #expect(run.run.problems.isEmpty)
    }

    /// Newer Inspect versions compress entries with zstd (method 93), which
    /// ZIPFoundation cannot read: a clear error, not a crash.
    @Test func zstdEntriesGiveAClearError() throws {
        let folder = try ImportFixtures.folder()
        defer { ImportFixtures.remove(folder) }
        let url = folder.appendingPathComponent("zstd.eval")
        try Self.writeZip([("header.json", Self.evalHeader)], to: url, method: .none)
        var bytes = [UInt8](try Data(contentsOf: url))
        // Method field: offset 8 of the local header, 10 of the central directory entry.
        for (signature, offset) in [([0x50, 0x4B, 0x03, 0x04] as [UInt8], 8), ([0x50, 0x4B, 0x01, 0x02], 10)] {
            let start = try #require((0...(bytes.count - 4)).first { Array(bytes[$0..<$0 + 4]) == signature })
            bytes[start + offset] = 93
            bytes[start + offset + 1] = 0
        }
        try Data(bytes).write(to: url)
        #expect(ForeignLogs.detect(path: url.path) == .inspectEval)
        let error = try #require(throws: ImportError.self) { try ForeignLogs.convert(path: url.path) }
        #expect(error.message.contains("zstd"))
    }

    @Test func unreadableArchivesAndOtherZips() throws {
        let folder = try ImportFixtures.folder()
        defer { ImportFixtures.remove(folder) }
        let other = folder.appendingPathComponent("other.zip")
        try Self.writeZip([("readme.txt", "hello")], to: other)
        #expect(ForeignLogs.detect(path: other.path) == nil)

        // An .eval cut off before its directory: named like Inspect, unreadable.
        let whole = folder.appendingPathComponent("whole.eval")
        try Self.writeZip([("header.json", Self.evalHeader)], to: whole)
        let cut = folder.appendingPathComponent("cut.eval")
        try Data(try Data(contentsOf: whole).prefix(40)).write(to: cut)
        #expect(ForeignLogs.detect(path: cut.path) == .inspectEval)
        #expect(throws: ImportError.self) { try ForeignLogs.convert(path: cut.path) }
    }
}
