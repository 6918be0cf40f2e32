import Foundation
import Testing
import GapTUI
import GapCore

@Suite struct SummaryValidateTests {
    let good = """
        {"type":"run","schema":"gapscope/run-log@1","run_id":"cli","title":"T","model":{"name":"M","family":"F","pretrain_flops":1e22},"verification":{"method":"cot-score"},"filter":{"rule":"top_k","k":1}}
        {"type":"sample","round":0,"prompt_id":"p","sample":0,"utility":1,"verification":{"score":0.9},"kept":true}
        {"type":"sample","round":0,"prompt_id":"p","sample":1,"utility":0,"verification":{"score":0.2},"kept":false}
        {"type":"run_end","status":"completed"}

        """

    func write(_ text: String, _ name: String = "events.jsonl") throws -> String {
        let path = try CLI.temporaryDirectory().appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func versionIsPrinted() throws {
        let result = try CLI.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == GapTUIVersion.value + "\n")
    }

    @Test func aMistypedCommandIsNamedNotOpenedAsAPath() throws {
        for (typed, meant) in [("sumary", "summary"), ("valdiate", "validate"), ("simualte", "simulate"),
                               ("conver", "convert"), ("exp", "explore")] {
            let result = try CLI.run([typed])
            #expect(result.status == 64, "\(typed)")
            #expect(result.stderr.contains("did you mean 'gapscope \(meant)'"), "\(typed): \(result.stderr)")
        }
        // A file of that name is opened, whatever it is called.
        let dir = try CLI.temporaryDirectory()
        try good.write(to: dir.appendingPathComponent("sumary"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["sumary"]
        process.currentDirectoryURL = dir
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(!text.contains("did you mean"), "\(text)")
        #expect(text.contains("terminal"), "\(text)")
        // A missing run log is no command's typo: the explorer reports it.
        for missing in ["runs", "events.jsonl"] {
            let result = try CLI.run([missing])
            #expect(!result.stderr.contains("did you mean"), "\(missing): \(result.stderr)")
        }
    }

    /// A pipe (or device) is reported, never opened: with no writer, opening
    /// it would wait forever.
    @Test func aPipeIsNotARegularFile() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("events.jsonl").path
        #expect(mkfifo(fifo, 0o644) == 0)
        for arguments in [["summary", fifo], ["validate", dir.path], ["summary", "--json", dir.path]] {
            let result = try CLI.run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.contains("\(fifo): not a regular file"), "\(arguments): \(result.stderr)")
        }
    }

    @Test func summaryJSONHasTheDocumentedShape() throws {
        let path = try write(good + "not json\n")
        let result = try CLI.run(["summary", "--json", path])
        #expect(result.status == 0)
        let doc = try JSONValue.parse(result.stdout)
        let run = try #require(doc["runs"]?.arrayValue?.first)
        let keys = run.objectValue!.map(\.0)
        for key in ["run_id", "path", "status", "title", "model", "verification_method", "filter", "bad_lines", "rounds"] {
            #expect(keys.contains(key), "missing \(key)")
        }
        #expect(run["status"] == .string("completed"))
        #expect(run["bad_lines"] == .array([.object([("line", .int(5)), ("reason", .string("invalid JSON: invalid literal at byte 1"))])]))
        let round = try #require(run["rounds"]?.arrayValue?.first)
        #expect(round["utility"] == .number(0.5))
        #expect(round["filtered_utility"] == .number(1))
        #expect(round["relative_gap"] == .number(1))
        #expect(round["pass_at_k"] == .object([("1", .number(0.5)), ("2", .number(1))]))
        #expect(round["verifier"]?["auroc"] == .number(1))
        #expect(round["ci95"]?["gap"] == .array([.number(0.5), .number(0.5)]))
        #expect(doc["scaling"]?.arrayValue?.first?["family"] == .string("F"))
    }

    @Test func summaryRecomputesWithAnotherRule() throws {
        let path = try write(good)
        let result = try CLI.run(["summary", "--json", "--filter", "none", path])
        let doc = try JSONValue.parse(result.stdout)
        let run = try #require(doc["runs"]?.arrayValue?.first)
        #expect(run["filter"] == .object([("rule", .string("none"))]))
        #expect(run["rounds"]?.arrayValue?.first?["gap"] == .number(0))
        let bad = try CLI.run(["summary", "--filter", "best:3", path])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("unknown filter rule"))
        let outOfRange = try CLI.run(["summary", "--filter", "quantile:1.5", path])
        #expect(outOfRange.status == 64)
        #expect(outOfRange.stderr.contains("filter rule quantile:Q takes a number Q from 0 to 1, not '1.5'"), "\(outOfRange.stderr)")
    }

    @Test func summaryTableAndCSV() throws {
        let path = try write(good)
        let table = try CLI.run(["summary", path])
        #expect(table.stdout.contains("cli  [completed]"))
        #expect(table.stdout.contains("+0.500"))
        let csv = try CLI.run(["summary", "--csv", path, try write(good + "not json\n{}\n")])
        let rows = csv.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == 3)
        #expect(rows[1].first == "cli")
        // Bad lines per run, and pass@k for every k of the runs (here 1 and 2, of 2 samples a prompt).
        #expect(Array(rows[0].suffix(3)) == ["bad_lines", "pass_at_1", "pass_at_2"])
        #expect(Array(rows[1].suffix(3)) == ["0", "0.5", "1"])
        #expect(Array(rows[2].suffix(3)) == ["2", "0.5", "1"])
        #expect(rows.allSatisfy { $0.count == rows[0].count })
    }

    @Test func validateExitCodes() throws {
        let clean = try write(good)
        let r0 = try CLI.run(["validate", clean])
        #expect(r0.status == 0)
        #expect(r0.stdout == "")

        let dirty = try write(good + #"{"type":"sample","round":0,"prompt_id":"p","sample":2,"utility":7}"# + "\n" + "{\"type\":\"sample\"")
        let r1 = try CLI.run(["validate", dirty])
        #expect(r1.status == 1)
        #expect(r1.stdout.contains("\(dirty):5: \"utility\" 7 is outside [0,1]"))
        #expect(!r1.stdout.contains("incomplete last line"), "a note is not a bad line")
        #expect(r1.stderr.contains("note: \(dirty): incomplete last line: line 6 is not finished"), "\(r1.stderr)")
        #expect(r1.stderr.contains("\(dirty): 5 lines, 1 bad line"))

        let r2 = try CLI.run(["validate", clean, "/nonexistent/gapscope/run.jsonl"])
        #expect(r2.status == 2)
        #expect(r2.stderr.contains("/nonexistent/gapscope/run.jsonl"))
    }

    /// A run log with no bad line passes, even before its header is written
    /// out; what is worth saying about it is a note on standard error, never a
    /// `file:line:` on standard output.
    @Test func validateNotesAreNotBadLines() throws {
        let header = #"{"type":"run","schema":"gapscope/run-log@1","run_id":"cli"}"#
        let cases = [
            ("", "no run header yet: the file is empty", "0 lines, ok"),
            (header, "no run header yet: line 1 is not finished (\(header.utf8.count) bytes, no newline yet)", "0 lines, ok"),
            (header + "\n", nil, "1 line, ok"),
        ]
        for (text, note, count) in cases {
            let path = try write(text)
            let r = try CLI.run(["validate", path])
            #expect(r.status == 0, "\(text): \(r.stdout)\(r.stderr)")
            #expect(r.stdout == "", "\(text)")
            if let note { #expect(r.stderr.contains("note: \(path): \(note)\n"), "\(r.stderr)") }
            #expect(r.stderr.contains("\(path): \(count)\n"), "\(r.stderr)")
        }
    }

    /// A directory with no run log in it is said to be one, not summarised as nothing.
    @Test func aDirectoryWithoutRunLogsIsAnError() throws {
        let dir = try CLI.temporaryDirectory()
        try "{\"type\":\"other\"}\n".write(to: dir.appendingPathComponent("notes.jsonl"), atomically: true, encoding: .utf8)
        for args in [["summary", dir.path], ["summary", "--json", dir.path], ["validate", dir.path]] {
            let r = try CLI.run(args)
            #expect(r.status == 2, "\(args)")
            #expect(r.stderr.contains("\(dir.path): no run logs in this directory"), "\(args): \(r.stderr)")
        }
    }

    @Test func malformedInputNeverCrashes() throws {
        var junk: [UInt8] = Array("{\"type\":\"run\",\"schema\":\"x\",\"run_id\":\"j\"}\n".utf8)
        var rng = SplitMix64(seed: 7)
        let pieces = ["{", "}", "[", "]", "\"", ":", ",", "\\", "\"type\"", "\"sample\"", "\"round\"", "1", "-", "e", "null", "\n", "\u{1B}", "\u{0}", "é"]
        for _ in 0..<4000 { junk += Array(pieces[rng.index(below: pieces.count)].utf8) }
        let path = try CLI.temporaryDirectory().appendingPathComponent("junk.jsonl").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(junk)))
        for args in [["validate", path], ["summary", path], ["summary", "--json", path]] {
            let r = try CLI.run(args)
            #expect(r.status == 0 || r.status == 1, "\(args) exited \(r.status): \(r.stderr)")
        }
    }
}

@Suite struct SummaryWatchTests {
    @Test func watchPrintsAndStopsWhenTheRunHasEnded() throws {
        let dir = try CLI.temporaryDirectory()
        let path = dir.appendingPathComponent("events.jsonl").path
        try """
            {"type":"run","schema":"gapscope/run-log@1","run_id":"w"}
            {"type":"sample","round":0,"prompt_id":"p","sample":0,"utility":1,"kept":true}
            {"type":"run_end","status":"completed"}

            """.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try CLI.run(["summary", "--watch", "--exit-when-done", "--interval", "0.05", dir.path])
        #expect(r.status == 0)
        #expect(r.stdout.contains("w  [completed]"))
    }

    /// A run whose log is deleted leaves the watch at once: the next update
    /// lists the others (here all done, so the watch ends).
    @Test func watchDropsADeletedRun() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        func log(_ id: String, ended: Bool) -> String {
            #"{"type":"run","schema":"gapscope/run-log@1","run_id":"\#(id)"}"# + "\n"
                + #"{"type":"sample","round":0,"prompt_id":"p","sample":0,"utility":1}"# + "\n"
                + (ended ? #"{"type":"run_end","status":"completed"}"# + "\n" : "")
        }
        for (id, ended) in [("gone", false), ("kept", true)] {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(id), withIntermediateDirectories: true)
            try log(id, ended: ended).write(to: dir.appendingPathComponent("\(id)/events.jsonl"), atomically: true, encoding: .utf8)
        }
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["summary", "--watch", "--exit-when-done", "--interval", "0.05", dir.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 0.5)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("gone"))
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let updates = text.components(separatedBy: "== ").filter { !$0.isEmpty }
        #expect(updates.first?.contains("gone  [live]") == true, "\(text)")
        #expect(updates.count >= 2 && updates.last?.contains("gone") == false, "\(text)")
        #expect(updates.last?.contains("kept  [completed]") == true, "\(text)")
    }

    /// With --json, each update is one JSON document on one line and stdout
    /// holds nothing else; with --csv, each update is the whole CSV.
    @Test func watchJSONIsJSONLinesAndCSVHasNoBanner() throws {
        let dir = try CLI.temporaryDirectory()
        let path = dir.appendingPathComponent("events.jsonl").path
        try """
            {"type":"run","schema":"gapscope/run-log@1","run_id":"w"}
            {"type":"sample","round":0,"prompt_id":"p","sample":0,"utility":1,"kept":true}

            """.write(toFile: path, atomically: true, encoding: .utf8)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) {
            let handle = FileHandle(forWritingAtPath: path)
            handle?.seekToEndOfFile()
            handle?.write(Data("{\"type\":\"run_end\",\"status\":\"completed\"}\n".utf8))
            try? handle?.close()
        }
        let r = try CLI.run(["summary", "--watch", "--json", "--exit-when-done", "--interval", "0.05", dir.path])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count >= 2, "one document per update: \(r.stdout)")
        #expect(r.stdout.hasSuffix("\n"))
        for line in lines {
            let doc = try JSONValue.parse(String(line))
            #expect(doc["runs"]?.arrayValue?.first?["run_id"] == .string("w"))
        }
        #expect(try JSONValue.parse(String(lines.last!))["runs"]?.arrayValue?.first?["status"] == .string("completed"))

        let csv = try CLI.run(["summary", "--watch", "--csv", "--exit-when-done", "--interval", "0.05", dir.path])
        #expect(csv.status == 0)
        #expect(csv.stdout.hasPrefix("run_id,"), "\(csv.stdout)")
        #expect(!csv.stdout.contains("=="))
    }

    /// Watching a directory before its run begins: it is said to be empty,
    /// once, and the run is shown when its log appears.
    @Test func watchWaitsForARunToAppear() throws {
        let dir = try CLI.temporaryDirectory()
        let path = dir.appendingPathComponent("events.jsonl").path
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) {
            try? """
                {"type":"run","schema":"gapscope/run-log@1","run_id":"late"}
                {"type":"sample","round":0,"prompt_id":"p","sample":0,"utility":1,"kept":true}
                {"type":"run_end","status":"completed"}

                """.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let r = try CLI.run(["summary", "--watch", "--exit-when-done", "--interval", "0.05", dir.path])
        #expect(r.status == 0)
        #expect(r.stderr.components(separatedBy: "no run logs in this directory").count == 2, "\(r.stderr)")
        #expect(r.stdout.contains("late  [completed]"))
    }
}

@Suite struct ForeignLogCLITests {
    @Test func summaryAndValidateOpenOtherToolsLogsDirectly() throws {
        let dir = try CLI.temporaryDirectory()
        let path = dir.appendingPathComponent("iter1_scores.jsonl").path
        try """
            {"prompt_id":"a","prompt":"Say hi","response":"hi","avg_score":4.0}
            {"prompt_id":"a","prompt":"Say hi","response":"hello","avg_score":-1}

            """.write(toFile: path, atomically: true, encoding: .utf8)
        let summary = try CLI.run(["summary", "--json", dir.path])
        #expect(summary.status == 0, "\(summary.stderr)")
        let doc = try JSONValue.parse(summary.stdout)
        let run = try #require(doc["runs"]?.arrayValue?.first)
        #expect(run["path"] == .string(path))
        let round = try #require(run["rounds"]?.arrayValue?.first)
        #expect(round["round"] == .int(1))
        #expect(round["samples"] == .int(2))
        #expect(round["verified"] == .int(1))  // the -1 judge score is unparsed
        #expect(run["import_problems"]?.arrayValue?.isEmpty == false)
        let validate = try CLI.run(["validate", path])
        #expect(validate.status == 1)
        #expect(validate.stdout.contains("iter1_scores.jsonl"))
    }

    /// convert writes OUT/<run-id>/events.jsonl, gives a second source with the
    /// same run id a suffix, replaces its own earlier output when run again
    /// (also one source alone), and never overwrites any other file there.
    @Test func convertWritesRunLogsAndNeverOverwritesOthers() throws {
        let dir = try CLI.temporaryDirectory()
        let scores = """
            {"prompt_id":"a","prompt":"Say hi","response":"hi","avg_score":4.0}

            """
        for sub in ["a", "b"] {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(sub), withIntermediateDirectories: true)
            try scores.write(to: dir.appendingPathComponent("\(sub)/iter1_scores.jsonl"), atomically: true, encoding: .utf8)
        }
        let out = dir.appendingPathComponent("out")
        let sources = [dir.appendingPathComponent("a").path, dir.appendingPathComponent("b").path]
        let first = try CLI.run(["convert"] + sources + ["--out", out.path])
        #expect(first.status == 0, "\(first.stderr)")
        let converted = out.appendingPathComponent("iter1_scores/events.jsonl").path
        let second = out.appendingPathComponent("iter1_scores-2/events.jsonl").path
        let header = try #require(String(contentsOfFile: converted, encoding: .utf8).split(separator: "\n").first)
        #expect(try JSONValue.parse(String(header))["source"]?["path"] == .string(dir.appendingPathComponent("a/iter1_scores.jsonl").path))
        #expect(try JSONValue.parse(String(contentsOfFile: second, encoding: .utf8).split(separator: "\n")[0].description)["run_id"]
            == .string("iter1_scores-2"))

        let again = try CLI.run(["convert"] + sources + ["--out", out.path])
        #expect(again.status == 0, "\(again.stderr)")

        // One source converted again on its own goes back to its own folder,
        // though the first name is another source's conversion.
        let alone = try CLI.run(["convert", sources[1], "--out", out.path])
        #expect(alone.status == 0, "\(alone.stderr)")
        #expect(alone.stdout.contains("-> \(second)"), "\(alone.stdout)")
        #expect(try String(contentsOfFile: converted, encoding: .utf8).contains(#""path":"\#(sources[0])/iter1_scores.jsonl""#))

        // A run log of a real run where a conversion would go is left as it
        // is; that conversion takes the next free name.
        let real = """
            {"type":"run","schema":"gapscope/run-log@1","run_id":"iter1_scores"}
            {"type":"sample","round":0,"prompt_id":"p","sample":0,"utility":1}

            """
        try real.write(toFile: converted, atomically: true, encoding: .utf8)
        let beside = try CLI.run(["convert"] + sources + ["--out", out.path])
        #expect(beside.status == 0, "\(beside.stderr)")
        #expect(try String(contentsOfFile: converted, encoding: .utf8) == real)
        let third = out.appendingPathComponent("iter1_scores-3/events.jsonl").path
        #expect(beside.stdout.contains("-> \(third)"), "\(beside.stdout)")
        #expect(beside.stdout.contains("-> \(second)"), "the other source keeps its folder")

        // An empty file holds nothing to lose, and is written (as simulate does);
        // a symbolic link is never written through, but passed over.
        let fresh = dir.appendingPathComponent("fresh")
        let linked = dir.appendingPathComponent("linked.jsonl").path
        try FileManager.default.createDirectory(at: fresh.appendingPathComponent("iter1_scores"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: fresh.appendingPathComponent("iter1_scores-2"), withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: fresh.appendingPathComponent("iter1_scores/events.jsonl").path, contents: Data()))
        try FileManager.default.createSymbolicLink(atPath: fresh.appendingPathComponent("iter1_scores-2/events.jsonl").path,
                                                   withDestinationPath: linked)
        let empty = try CLI.run(["convert"] + sources + ["--out", fresh.path])
        #expect(empty.status == 0, "\(empty.stderr)")
        #expect(empty.stdout.contains("-> \(fresh.path)/iter1_scores/events.jsonl"), "\(empty.stdout)")
        #expect(empty.stdout.contains("-> \(fresh.path)/iter1_scores-3/events.jsonl"), "\(empty.stdout)")
        #expect(!FileManager.default.fileExists(atPath: linked))
    }
}
