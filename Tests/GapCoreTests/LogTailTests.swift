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
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
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

    /// What a reader shows of a log: it must not matter whether the follower saw the file
    /// grow, shrink or change, or the file is read once as it is now.
    func expectSame(_ followed: RunData, asReading path: String, _ step: String,
                    sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fresh = try LogReader(path: path).read()
        // Fewer bootstrap resamples than the standard: the same data gives the same intervals either way.
        let options = FigureOptions(bootstrapResamples: 50)
        #expect(Figures.all(followed, options: options) == Figures.all(fresh, options: options), "figures after \(step)",
                sourceLocation: sourceLocation)
        #expect(followed.badLines == fresh.badLines, "bad lines after \(step)", sourceLocation: sourceLocation)
        #expect(followed.samples.count == fresh.samples.count, "samples after \(step)", sourceLocation: sourceLocation)
        #expect(followed.linesRead == fresh.linesRead, "lines after \(step)", sourceLocation: sourceLocation)
        #expect(followed.bytesRead == fresh.bytesRead, "bytes after \(step)", sourceLocation: sourceLocation)
        #expect(followed.incompleteTailBytes == fresh.incompleteTailBytes, "unfinished line after \(step)", sourceLocation: sourceLocation)
        #expect(followed.header?.runID == fresh.header?.runID, "header after \(step)", sourceLocation: sourceLocation)
        #expect(followed.status == fresh.status, "status after \(step)", sourceLocation: sourceLocation)
        #expect(followed.answers == fresh.answers, "answers after \(step)", sourceLocation: sourceLocation)
        #expect(followed.promptIDs == fresh.promptIDs, "prompts after \(step)", sourceLocation: sourceLocation)
    }

    /// Cut points: inside each multi-byte UTF-8 character (after its first byte), just before and
    /// after each line end, and a few random ones.
    func cuts(_ bytes: [UInt8], seed: UInt64) -> [Int] {
        var points = Set<Int>()
        for (i, b) in bytes.enumerated() {
            if b >= 0xC0 { points.insert(i + 1) } // a lead byte: the cut splits its character
            if b == 0x0A { points.formUnion([i, i + 1]) }
        }
        var rng = SplitMix64(seed: seed)
        for _ in 0..<(bytes.count / 400) { points.insert(1 + rng.index(below: bytes.count - 1)) }
        return points.filter { $0 > 0 && $0 < bytes.count }.sorted()
    }

    @Test func everyStepEqualsReadingTheFileFromScratch() throws {
        let dir = try CLITemporary.directory()
        let path = dir + "/events.jsonl"
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        var follower = RunFollower(path: path)
        let round1 = #"{"type":"round","round":1,"stage":"generate","expected_prompts":12}"#
        let text = header("grow") + "\n" + log(prompts: 0..<6) + "{bad line ☹\n"
            + sample(0, "漢字/1", 0, u: 1, answer: "答え😀", score: 0.5, kept: true) + "\n"
            + round1 + "\n" + log(prompts: 0..<6, round: 1)
        let full = Array(text.utf8)

        /// Appends `bytes` after its first `start`, in pieces cut inside
        /// characters and records, and checks the follower after each.
        func appendInPieces(_ bytes: [UInt8], after start: Int, seed: UInt64, _ what: String) throws {
            var written = start
            for cut in cuts(bytes, seed: seed).filter({ $0 > start }) + [bytes.count] {
                try append(bytes[written..<cut], to: path)
                written = cut
                try follower.refresh()
                try expectSame(follower.data, asReading: path, "\(what) up to byte \(cut)")
            }
        }

        // 1. Appended in pieces, checked after each.
        try appendInPieces(full, after: 0, seed: 7, "appending")
        #expect(follower.data.samples.count == 37)

        // 2. Truncated in the middle of a record (and of a character), then written on from there.
        let keep = try #require(full.firstIndex(of: 0xE6)) + 1 // inside the first "漢" (E6 BC A2)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(keep))
        try handle.close()
        let (_, truncated) = try follower.refresh()
        #expect(truncated?.contains("truncated") == true)
        try expectSame(follower.data, asReading: path, "truncating to byte \(keep)")
        try appendInPieces(full, after: keep, seed: 8, "appending again")

        // 3. Replaced by another file while it ends in an unfinished line; that one grows too.
        let other = Array((header("replaced") + "\n" + log(prompts: 3..<9, round: 2) + #"{"type":"run_end","status":"completed"}"#).utf8)
        let half = other.count / 2
        try Data(other[..<half]).write(to: URL(fileURLWithPath: dir + "/next.jsonl"))
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.moveItem(atPath: dir + "/next.jsonl", toPath: path)
        let (_, replaced) = try follower.refresh()
        #expect(replaced?.contains("replaced") == true)
        try expectSame(follower.data, asReading: path, "replacing the file")
        try appendInPieces(other, after: half, seed: 9, "appending to the new file")
        // The run_end line has no newline yet: the run is live until it comes.
        #expect(follower.data.status == .live)
        try append([0x0A], to: path)
        try follower.refresh()
        try expectSame(follower.data, asReading: path, "the last newline")
        #expect(follower.data.status == .ended("completed"))
        #expect(follower.data.header?.runID == "replaced")
    }
}

enum CLITemporary {
    static func directory() throws -> String {
        let dir = TestDirectory.root.appendingPathComponent("gapscope-tail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }
}
