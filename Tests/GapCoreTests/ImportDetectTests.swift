import Foundation
import Testing
@testable import GapCore

/// `ForeignLogs.detect` on files that are not, or only nearly, foreign logs.
@Suite struct ImportDetectTests {
    @Test func runLogsAndOtherFilesAreNotForeign() throws {
        let folder = try ImportFixtures.folder()
        defer { ImportFixtures.remove(folder) }
        let runLog = try ImportFixtures.write(
            #"{"type":"run","schema":"gapscope/run-log@1","run_id":"r"}"# + "\n", to: folder, "events.jsonl")
        let empty = try ImportFixtures.write("", to: folder, "empty.jsonl")
        let other = try ImportFixtures.write(#"{"a": 1}"# + "\n" + #"{"b": 2}"#, to: folder, "other.jsonl")
        let text = try ImportFixtures.write("hello\n", to: folder, "notes.eval")
        for path in [runLog, empty, other, text, folder.path, folder.appendingPathComponent("missing.jsonl").path] {
            #expect(ForeignLogs.detect(path: path) == nil, "\(path)")
        }
        #expect(throws: ImportError.self) { try ForeignLogs.convert(path: other) }
        #expect(throws: ImportError.self) { try ForeignLogs.convert(path: runLog) }
    }

    /// Content decides; the harness's file name decides only when no line can be read.
    @Test func contentFirstThenTheName() throws {
        let folder = try ImportFixtures.folder()
        defer { ImportFixtures.remove(folder) }
        let garbled = try ImportFixtures.write("{oops\n{oops\n", to: folder, "samples_gsm8k_2026-01-01T00-00-00.jsonl")
        #expect(ForeignLogs.detect(path: garbled) == .lmEvalSamples)
        let run = try ImportFixtures.convertOne(garbled)
        #expect(run.run.problems.map(\.location) == ["\(garbled):1", "\(garbled):2"])
        #expect(run.counts?["prompts"]?.intValue == 0)

        let judged = try ImportFixtures.write(
            "\u{FEFF}" + #"{"prompt_id": "a", "response": "r", "avg_score": 3}"# + "\r\n", to: folder, "samples_x.jsonl")
        #expect(ForeignLogs.detect(path: judged) == .selfRewarding)

        // A first line longer than the 64 KiB that detection reads.
        let long = String(repeating: "x", count: 70_000)
        let wide = try ImportFixtures.write(
            #"{"doc_id": 0, "target": "1", "resps": [["\#(long) 1"]], "filter": "none"}"# + "\n", to: folder, "wide.jsonl")
        #expect(ForeignLogs.detect(path: wide) == .lmEvalSamples)
        #expect(try ImportFixtures.convertOne(wide).utilities("0") == [1])

        let oneLine = try ImportFixtures.write(
            #"{"version": 2, "status": "started", "eval": {"task": "t", "model": "m"}}"#, to: folder, "log.json")
        #expect(ForeignLogs.detect(path: oneLine) == .inspectJSON)
        let live = try ImportFixtures.convertOne(oneLine)
        #expect(live.endStatus == nil && live.run.problems.isEmpty)
    }
}
