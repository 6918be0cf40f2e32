import Foundation
import Testing
import GapCore
@testable import GapTUI

@Suite struct RunFeedTests {
    func waitFor(_ feed: RunFeed, timeout: TimeInterval = 5, until done: (RunEntry) -> Bool) -> RunEntry? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            for case let .snapshot(entry) in feed.drain() where done(entry) { return entry }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return nil
    }

    @Test func loadsThenFollowsGrowthAndNewLogs() throws {
        let dir = TestDirectory.root.appendingPathComponent("gapscope-feed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("a"), withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("a/events.jsonl").path
        let head = #"{"type":"run","schema":"gapscope/run-log@1","run_id":"live"}"# + "\n"
        let s0 = #"{"type":"sample","round":0,"prompt_id":"p","sample":0,"utility":1,"kept":true}"# + "\n"
        try (head + s0).write(toFile: path, atomically: true, encoding: .utf8)
        let feed = RunFeed(paths: [dir.path], pollInterval: 0.05)
        feed.start()
        defer { feed.stop() }
        let first = try #require(waitFor(feed) { $0.loading == nil && $0.data.samples.count == 1 })
        #expect(first.figures.first?.utility == 1)
        #expect(first.data.status == .live)

        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((#"{"type":"sample","round":1,"prompt_id":"p","sample":0,"utility":0}"# + "\n").utf8))
        try handle.close()
        let grown = try #require(waitFor(feed) { $0.data.samples.count == 2 })
        #expect(grown.figures.map(\.round) == [0, 1])
        #expect(grown.figures[1].utility == 0)

        // Replaced by another run: read again from the start, and said so.
        let replacement = dir.appendingPathComponent("a/new.jsonl").path
        try (head.replacingOccurrences(of: "\"live\"", with: "\"again\"") + s0).write(toFile: replacement, atomically: true, encoding: .utf8)
        #expect(rename(replacement, path) == 0, "replaced in one step, as a writer does")
        let replaced = try #require(waitFor(feed) { $0.data.header?.runID == "again" })
        #expect(replaced.data.samples.count == 1)
        #expect(replaced.notice?.contains("replaced") == true)
        #expect(replaced.figures.map(\.round) == [0])

        try FileManager.default.createDirectory(at: dir.appendingPathComponent("b"), withIntermediateDirectories: true)
        try head.write(toFile: dir.appendingPathComponent("b/events.jsonl").path, atomically: true, encoding: .utf8)
        let deadline = Date().addingTimeInterval(5)
        var discovered: [String] = []
        while Date() < deadline, discovered.count < 2 {
            for case let .discovered(files, _) in feed.drain() { discovered = files }
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(discovered.count == 2)
    }

    /// A log deleted and written again is read afresh, not polled at its old offset.
    @Test func aLogDeletedAndWrittenAgainIsReadAfresh() throws {
        let dir = TestDirectory.root.appendingPathComponent("gapscope-feed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("events.jsonl").path
        func log(_ id: String, samples: Int) -> String {
            #"{"type":"run","schema":"gapscope/run-log@1","run_id":"\#(id)"}"# + "\n"
                + (0..<samples).map { #"{"type":"sample","round":0,"prompt_id":"p","sample":\#($0),"utility":1}"# + "\n" }.joined()
        }
        try log("first", samples: 3).write(toFile: path, atomically: true, encoding: .utf8)
        let feed = RunFeed(paths: [dir.path], pollInterval: 0.02, discoveryInterval: 0.05)
        feed.start()
        defer { feed.stop() }
        _ = try #require(waitFor(feed) { $0.loading == nil && $0.data.samples.count == 3 })

        try FileManager.default.removeItem(atPath: path)
        let deadline = Date().addingTimeInterval(5)
        var gone = false
        while Date() < deadline, !gone {
            for case let .discovered(files, _) in feed.drain() where !files.contains(path) { gone = true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(gone)
        try log("second", samples: 1).write(toFile: path, atomically: false, encoding: .utf8)
        let again = try #require(waitFor(feed) { $0.data.header?.runID == "second" })
        #expect(again.data.samples.count == 1)
        #expect(again.notice == nil)
    }

    /// A first reading posts its progress, which copies nothing, between the
    /// snapshots, which share the run's columns and come seldom.
    @Test func aFirstReadingPostsProgressBetweenSparseSnapshots() throws {
        let dir = TestDirectory.root.appendingPathComponent("gapscope-feed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("events.jsonl").path
        var text = #"{"type":"run","schema":"gapscope/run-log@1","run_id":"big"}"# + "\n"
        let filler = String(repeating: "x", count: 400)
        for i in 0..<12_000 {
            text += #"{"type":"sample","round":0,"prompt_id":"p\#(i / 8)","sample":\#(i % 8),"utility":1,"response":"\#(filler)"}"# + "\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let feed = RunFeed(paths: [path], snapshotInterval: 3600, progressInterval: 0)
        feed.start()
        defer { feed.stop() }
        var messages: [RunFeed.Message] = []
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            messages += feed.drain()
            if messages.contains(where: { if case let .snapshot(e) = $0 { e.loading == nil } else { false } }) { break }
            Thread.sleep(forTimeInterval: 0.01)
        }
        var progress: [Int64] = []
        var partial = 0
        for case let message in messages {
            switch message {
            case let .progress(p, done, total):
                #expect(p == path && done < total && total == Int64(text.utf8.count))
                progress.append(done)
            case let .snapshot(entry) where entry.loading != nil && entry.data.samples.count > 0:
                partial += 1
            default:
                break
            }
        }
        #expect(progress.count >= 2, "the file is read in several stretches after its first MiB")
        #expect(progress == progress.sorted())
        #expect(partial == 1, "the first samples at once, then none until the end")

        // The explorer moves the reading's progress, and only while it reads.
        var state = ExplorerState(width: 80, height: 24, charset: .unicode, themes: [Theme.default])
        state.update(.feed([.discovered([path], errors: []), .snapshot(RunEntry(data: RunData(path: path), loading: (0, 10)))]))
        state.update(.feed([.progress(path: path, done: 4, total: 10)]))
        #expect(state.entries[path]?.loading?.done == 4)
        state.update(.feed([.snapshot(RunEntry(data: RunData(path: path))), .progress(path: path, done: 6, total: 10)]))
        #expect(state.entries[path]?.loading == nil)
    }

    /// A live log's snapshots come every poll while they are cheap, further
    /// apart as they cost more, and never leave growth unshown for a second.
    @Test func liveSnapshotsWaitInProportionToTheirCost() {
        #expect(RunFeed.snapshotWait(poll: 0.25, cost: 0.001) == 0.25)
        #expect(abs(RunFeed.snapshotWait(poll: 0.25, cost: 0.04) - 0.4) < 1e-9)
        #expect(RunFeed.snapshotWait(poll: 0.25, cost: 0.5) == 0.75, "the wait and a poll: within a second")
        #expect(RunFeed.snapshotWait(poll: 2, cost: 0.5) == 2, "never more often than polled")
    }
}
