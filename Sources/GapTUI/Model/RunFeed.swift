import Foundation
import GapCore

/// Loads and follows run logs on a background thread and hands the UI
/// ready-made snapshots, so the input loop never waits on I/O or figures.
///
/// One thread owns every `RunData`: it reads each log in stretches (posting
/// how far it has read at most every `progressInterval`, and a snapshot
/// with partial figures at most every `snapshotInterval`, so a big log
/// fills in with progress), then polls all logs every
/// `pollInterval` for growth, truncation, replacement and new logs under
/// the watched directories. Figures during the first load skip the
/// bootstrap; the final and live snapshots have them.
public final class RunFeed: @unchecked Sendable {
    public enum Message: Sendable {
        /// The run logs found under the paths (in display order), and paths that could not be read.
        case discovered([String], errors: [String])
        /// A new state of one run.
        case snapshot(RunEntry)
        /// How far the first reading of a log has gone (bytes of its size).
        case progress(path: String, done: Int64, total: Int64)
    }

    public let paths: [String]
    public var pollInterval: TimeInterval
    public var snapshotInterval: TimeInterval
    public var progressInterval: TimeInterval
    public var options: FigureOptions
    public var importOptions: ImportOptions
    /// Directories are searched again for new run logs this often (polling known files is cheaper).
    public var discoveryInterval: TimeInterval

    private let lock = NSLock()
    private var inbox: [Message] = []
    private var stopped = false
    private var paused = false
    private var thread: Thread?
    /// Called (from the feed thread) after a message is posted, e.g. to wake the input loop.
    private let onPost: @Sendable () -> Void

    /// A snapshot shares the run's columns with the screen, so the next batch
    /// merged copies them: during a first reading snapshots come at most once
    /// a second (and no more often than ten times what the last one cost), and
    /// the progress, which copies nothing, every tenth of a second.
    public init(paths: [String], pollInterval: TimeInterval = 0.25, snapshotInterval: TimeInterval = 1,
                progressInterval: TimeInterval = 0.1,
                discoveryInterval: TimeInterval = 2, options: FigureOptions = .standard,
                importOptions: ImportOptions = .init(), onPost: @escaping @Sendable () -> Void = {}) {
        self.paths = paths
        self.discoveryInterval = discoveryInterval
        self.importOptions = importOptions
        self.pollInterval = pollInterval
        self.snapshotInterval = snapshotInterval
        self.progressInterval = progressInterval
        self.options = options
        self.onPost = onPost
    }

    public func start() {
        let thread = Thread { [self] in run() }
        thread.name = "gapscope-feed"
        thread.qualityOfService = .userInitiated
        self.thread = thread
        thread.start()
    }

    public func stop() {
        lock.withLock { stopped = true }
    }

    /// While paused, logs are not polled (the view stays still for reading).
    public func setPaused(_ value: Bool) {
        lock.withLock { paused = value }
    }

    /// The messages posted since the last call, oldest first.
    public func drain() -> [Message] {
        lock.withLock {
            defer { inbox.removeAll() }
            return inbox
        }
    }

    private func post(_ message: Message) {
        lock.withLock { inbox.append(message) }
        onPost()
    }

    private var isStopped: Bool { lock.withLock { stopped } }
    private var isPaused: Bool { lock.withLock { paused } }

    // MARK: The feed thread

    private struct Followed {
        var tail: LogTail
        var data: RunData
        var notice: String?
        /// Figures by round, recomputed only for rounds that changed.
        var figures: [Int: RoundFigures] = [:]
        /// Growth applied but not yet posted, and when the last snapshot went.
        var unposted = false
        var lastPosted = Date.distantPast
        /// Time spent on this log's polls since the last snapshot (merging,
        /// the columns' copy the snapshot caused, figures), and at the last.
        var costSincePost: TimeInterval = 0
        var postCost: TimeInterval = 0

        /// Recomputes the rounds touched since the last call; cost follows what was appended.
        mutating func refreshFigures(_ options: FigureOptions, all: Bool = false) -> [RoundFigures] {
            let dirty = data.takeDirtyRounds()
            let listed = Figures.listedRounds(data)
            if all { figures.removeAll() }
            let stale = listed.filter { all || dirty.contains($0) || figures[$0] == nil }
            for (r, f) in zip(stale, Figures.rounds(stale, of: data, options: options)) { figures[r] = f }
            return listed.compactMap { figures[$0] }
        }
    }

    private func run() {
        var followed: [String: Followed] = [:]
        var isForeign: [String: Bool] = [:]
        var foreignState: [String: LogReader.FileState?] = [:]
        var known: [String] = []
        var lastDiscovery = Date.distantPast
        while !isStopped {
            if !isPaused {
                if Date().timeIntervalSince(lastDiscovery) >= discoveryInterval {
                    lastDiscovery = Date()
                    let found = RunLogFinder.find(paths)
                    if found.files != known || known.isEmpty {
                        // A log gone from disk is read afresh if one appears there again
                        // (the explorer keeps its run as last read, marked deleted).
                        for gone in known where !found.files.contains(gone) {
                            followed[gone] = nil
                            isForeign[gone] = nil
                            foreignState[gone] = nil
                        }
                        known = found.files
                        post(.discovered(found.files, errors: found.errors.map(\.description)))
                    }
                }
                for file in known where !isStopped {
                    if followed[file] != nil {
                        poll(file, &followed[file]!)
                        continue
                    }
                    if isForeign[file] == nil {
                        isForeign[file] = RunLoader.isForeign(file)
                    }
                    if isForeign[file] == true {
                        // Another tool's log: converted again whenever it changes.
                        let now = try? LogReader(path: file).fileState()
                        if now != foreignState[file] {
                            foreignState[file] = now
                            loadForeign(file)
                        }
                    } else {
                        followed[file] = firstLoad(file)
                    }
                }
            }
            Thread.sleep(forTimeInterval: pollInterval)
        }
    }

    private func loadForeign(_ path: String) {
        do {
            for data in try RunLoader.load(path, importOptions: importOptions) {
                post(.snapshot(RunEntry(data: data, figures: Figures.all(data, options: options))))
            }
        } catch {
            var entry = RunEntry(data: RunData(path: path))
            entry.notice = "\(error)"
            post(.snapshot(entry))
        }
    }

    /// Reads a log from the start, posting partial snapshots while it goes.
    private func firstLoad(_ path: String) -> Followed {
        var followed = Followed(tail: LogTail(path: path), data: RunData(path: path))
        var lastSnapshot = Date.distantPast, lastProgress = Date.distantPast
        var snapshotCost: TimeInterval = 0
        var shownSamples = false
        let quick = FigureOptions(rule: options.rule, bootstrapResamples: 0, bootstrapSeed: options.bootstrapSeed)
        /// Partial figures (without the bootstrap) of the rounds read since the last snapshot.
        func postPartial(_ done: Int64, _ total: Int64) {
            let started = Date()
            let figures = followed.refreshFigures(quick)
            post(.snapshot(RunEntry(data: followed.data, figures: figures, loading: (done, total))))
            lastSnapshot = Date()
            lastProgress = lastSnapshot
            snapshotCost = lastSnapshot.timeIntervalSince(started)
        }
        post(.snapshot(RunEntry(data: followed.data, loading: (0, 1))))
        do {
            // A first small piece, so a big log shows data at once, then the rest in large stretches.
            var start: Int64 = 0
            if let head = Self.firstLines(of: path) {
                followed.data.apply(head)
                start = head.endOffset
                let total = (try? LogReader(path: path).fileState().size) ?? start
                if start < total {
                    shownSamples = followed.data.samples.count > 0
                    postPartial(start, total)
                }
            }
            let reader = LogReader(path: path)
            let end = try reader.readBatches(from: start) { batch, done, total in
                followed.data.apply(batch)
                guard done < total else { return }
                let now = Date()
                // The first samples are shown at once (a log may open with thousands of prompt records).
                let firstSamples = !shownSamples && followed.data.samples.count > 0
                if firstSamples || now.timeIntervalSince(lastSnapshot) >= max(snapshotInterval, 10 * snapshotCost) {
                    shownSamples = true
                    postPartial(done, total)
                } else if now.timeIntervalSince(lastProgress) >= progressInterval {
                    lastProgress = now
                    post(.progress(path: path, done: done, total: total))
                }
            }
            followed.tail.skip(to: end)
            let figures = followed.refreshFigures(options, all: true)
            post(.snapshot(RunEntry(data: followed.data, figures: figures)))
            return followed
        } catch {
            var entry = RunEntry(data: followed.data)
            entry.notice = "\(error)"
            post(.snapshot(entry))
            followed.notice = entry.notice
            return followed
        }
    }

    /// How long a followed log's growth waits after its last snapshot: a
    /// snapshot shares the columns with the screen, so the growth merged after
    /// it copies them. A big log posts no more often than every ten times what
    /// its last snapshot cost, and still within a second of any growth
    /// (the wait, then the next poll).
    static func snapshotWait(poll: TimeInterval, cost: TimeInterval) -> TimeInterval {
        max(poll, min(1 - poll, 10 * cost))
    }

    /// The complete lines in the first `bytes` of a file, parsed.
    static func firstLines(of path: String, bytes: Int = 1 << 20) -> RecordBatch? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: bytes), let newline = head.lastIndex(of: 0x0A) else { return nil }
        let complete = [UInt8](head[head.startIndex...newline])
        return BatchParser.parse(complete, fileOffset: 0)
    }

    /// Applies what is new in a followed log, batch by batch as it is parsed.
    private func poll(_ path: String, _ f: inout Followed) {
        let started = Date()
        var changed = false
        var restart: String?
        var urgent = false
        do {
            try f.tail.poll(restarted: { reason in
                restart = reason
                f.data = RunData(path: path)
                f.figures.removeAll()
            }, consume: { batch in
                f.data.apply(batch)
                changed = true
            })
            if changed || restart != nil {
                f.notice = restart
                f.unposted = true
                urgent = restart != nil
            }
        } catch {
            // A log that cannot be read is reported once, not on every poll.
            let notice = "\(error)"
            if notice != f.notice {
                f.notice = notice
                f.unposted = true
                urgent = true
            }
        }
        f.costSincePost += Date().timeIntervalSince(started)
        guard f.unposted else { return }
        guard urgent || Date().timeIntervalSince(f.lastPosted) >= Self.snapshotWait(poll: pollInterval, cost: f.postCost)
        else { return }
        let posting = Date()
        var entry = RunEntry(data: f.data, figures: f.refreshFigures(options))
        entry.notice = f.notice
        post(.snapshot(entry))
        f.unposted = false
        f.lastPosted = Date()
        f.postCost = f.costSincePost + f.lastPosted.timeIntervalSince(posting)
        f.costSincePost = 0
    }
}
