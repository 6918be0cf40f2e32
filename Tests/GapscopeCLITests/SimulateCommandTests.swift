import Foundation
import Testing
import GapCore

@Suite struct SimulateCommandTests {
    /// A run id is the run's folder name inside --out: one that would climb
    /// out of it, nest inside it or be --out itself is a usage error.
    @Test func aRunIDThatIsNotOneFolderNameIsAUsageError() throws {
        let dir = try CLI.temporaryDirectory()
        let out = dir.appendingPathComponent("a/b/out")
        for id in ["../../esc", "", ".", "..", "a/b"] {
            let r = try CLI.run(["simulate", "--out", out.path, "--run-id", id, "--prompts", "2", "--rounds", "1"])
            #expect(r.status == 64, "\(id): \(r.stderr)")
            #expect(r.stderr.contains("--run-id"), "\(id): \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out.path), "nothing written")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("a/esc").path))
    }

    /// DIR/<run_id>/events.jsonl as a symbolic link is not written through,
    /// wherever it points: to a simulated log elsewhere, or to nothing yet.
    @Test func aSymbolicLinkInPlaceOfTheLogIsNotWrittenThrough() throws {
        let dir = try CLI.temporaryDirectory()
        let elsewhere = dir.appendingPathComponent("elsewhere")
        let first = try CLI.run(["simulate", "--out", elsewhere.path, "--run-id", "r", "--prompts", "2", "--rounds", "1", "--quiet"])
        #expect(first.status == 0, "\(first.stderr)")
        let target = elsewhere.appendingPathComponent("r/events.jsonl").path
        let before = try Data(contentsOf: URL(fileURLWithPath: target))
        let missing = dir.appendingPathComponent("missing.jsonl").path

        for pointee in [target, missing] {
            let out = dir.appendingPathComponent("out-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: out.appendingPathComponent("r"), withIntermediateDirectories: true)
            let link = out.appendingPathComponent("r/events.jsonl").path
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: pointee)
            let r = try CLI.run(["simulate", "--out", out.path, "--run-id", "r", "--seed", "9", "--prompts", "3", "--rounds", "1"])
            #expect(r.status == 1, "\(pointee): \(r.stderr)")
            #expect(r.stderr.contains("\(link): a symbolic link"), "\(r.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == before)
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    /// A run too large to hold in memory is a usage error before anything is
    /// simulated, whether it comes from one option or from --scale.
    @Test func hugeRunsAreUsageErrors() throws {
        let out = try CLI.temporaryDirectory().appendingPathComponent("out")
        let cases: [([String], String)] = [
            (["--rounds", "1000000000"], "--rounds must be at most 1000"),
            (["--prompts", "1000000000"], "--prompts must be at most 1000000"),
            (["--samples", "1000000000"], "--samples must be at most 4096"),
            (["--prompts", "100000", "--samples", "4096"], "samples per round; at most 2000000"),
            (["--preset", "bench", "--scale", "1000"], "20000000 prompts; at most 1000000"),
            (["--scale", "1e300"], "--scale must be at most 10000"),
        ]
        for (options, message) in cases {
            let r = try CLI.run(["simulate", "--out", out.path] + options)
            #expect(r.status == 64, "\(options): \(r.stderr)")
            #expect(r.stderr.contains(message), "\(options): \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    /// --out naming a regular file (or a folder below one) is said to be not a
    /// directory, by simulate and convert alike.
    @Test func anOutThatIsAFileIsNotADirectory() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("afile").path
        #expect(FileManager.default.createFile(atPath: file, contents: Data()))
        let source = dir.appendingPathComponent("iter1_scores.jsonl")
        try #"{"prompt_id":"a","prompt":"Say hi","response":"hi","avg_score":4.0}"#.appending("\n")
            .write(to: source, atomically: true, encoding: .utf8)
        for out in [file, file + "/sub"] {
            let simulate = try CLI.run(["simulate", "--out", out, "--prompts", "2", "--rounds", "1"])
            #expect(simulate.status == 1)
            #expect(simulate.stderr == "gapscope simulate: \(file): not a directory\n", "\(simulate.stderr)")
            let convert = try CLI.run(["convert", source.path, "--out", out])
            #expect(convert.status == 1)
            #expect(convert.stderr == "\(file): not a directory\n", "\(convert.stderr)")
        }
    }
}
