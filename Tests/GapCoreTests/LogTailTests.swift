import Foundation
import Testing
@testable import GapCore

@Suite struct LogTailTests {
    func log(prompts: Range<Int>, round: Int = 0) -> String {
        var text = ""
        for p in prompts {
            for s in 0..<3 {
                // Multi-byte answers so chunk cuts fall inside UTF-8 sequences.
                text += sample(round, "p\(p)", s, u: (p + s) % 2 == 0 ? 1 : 0, answer: "é\(s)😀", score: Double(s) / 3, kept: s == 1) + "\n"
            }
        }
        return text
    }

    func append(_ bytes: ArraySlice<UInt8>, to path: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(bytes))
        try handle.close()
    }

    @Test func chunkedAppendsEqualReadingTheFinalFile() throws {
        let dir = try CLITemporary.directory()
        let path = dir + "/events.jsonl"
        let full = Array((header() + "\n" + log(prompts: 0..<30) + "{bad line\n" + log(prompts: 0..<10, round: 1)).utf8)
        FileManager.default.createFile(atPath: path, contents: Data())
        var follower = RunFollower(path: path)
        var rng = SplitMix64(seed: 42)
        var written = 0
        while written < full.count {
            let step = min(full.count - written, 1 + rng.index(below: 97))
            try append(full[written..<(written + step)], to: path)
            written += step
            try follower.refresh()
        }
        let fresh = try LogReader(path: path).read()
        #expect(Figures.all(follower.data) == Figures.all(fresh))
        #expect(follower.data.badLines == fresh.badLines)
        #expect(follower.data.samples.count == 120)
        #expect(follower.data.answers.allSatisfy { $0.hasPrefix("é") && $0.hasSuffix("😀") })
    }

    @Test func truncationAndReplacementReload() throws {
        let dir = try CLITemporary.directory()
        let path = dir + "/events.jsonl"
        try (header() + "\n" + log(prompts: 0..<20)).write(toFile: path, atomically: false, encoding: .utf8)
        var follower = RunFollower(path: path)
        try follower.refresh()
        #expect(follower.data.samples.count == 60)

        // Truncated and rewritten shorter: reloaded, nothing double-counted.
        let shorter = header() + "\n" + log(prompts: 0..<5)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data(shorter.utf8))
        try handle.close()
        let (_, message) = try follower.refresh()
        #expect(message?.contains("truncated") == true)
        #expect(follower.data.samples.count == 15)

        // Replaced by a new file (new inode) that is longer than the old one.
        let other = dir + "/new.jsonl"
        try (header("second") + "\n" + log(prompts: 0..<25)).write(toFile: other, atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.moveItem(atPath: other, toPath: path)
        let (changed, replaced) = try follower.refresh()
        #expect(changed)
        #expect(replaced?.contains("replaced") == true)
        #expect(follower.data.header?.runID == "second")
        #expect(follower.data.samples.count == 75)
        #expect(Figures.all(follower.data) == Figures.all(try LogReader(path: path).read()))

        // Nothing new: nothing to do.
        #expect(try follower.refresh().changed == false)
    }

    @Test func rewrittenInPlaceWithTheSameInodeIsNoticed() throws {
        let dir = try CLITemporary.directory()
        let path = dir + "/events.jsonl"
        try (header("a") + "\n" + log(prompts: 0..<3)).write(toFile: path, atomically: false, encoding: .utf8)
        var follower = RunFollower(path: path)
        try follower.refresh()
        // Same inode, longer content, different bytes before the old offset.
        try (header("b") + "\n" + log(prompts: 10..<20)).write(toFile: path, atomically: false, encoding: .utf8)
        let (_, message) = try follower.refresh()
        #expect(message != nil)
        #expect(follower.data.header?.runID == "b")
        #expect(follower.data.samples.count == 30)
    }
}

enum CLITemporary {
    static func directory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gapscope-tail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }
}
