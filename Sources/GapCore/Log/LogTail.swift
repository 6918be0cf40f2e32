#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Follows a run log that is still being written.
///
/// Polls the file's size and identity (works on network file systems, where
/// inotify does not), reads only the bytes after the last complete line, and
/// holds back an unfinished last line until its newline arrives. A file that
/// shrank, was replaced (new inode), or whose bytes before the read offset
/// changed is read again from the start.
public struct LogTail: Sendable {
    public enum Poll: Sendable {
        /// Nothing new since the last poll.
        case unchanged
        /// New complete lines, to apply in order to the current `RunData`.
        case appended([RecordBatch])
        /// The file was truncated or replaced: start a new `RunData` and apply these.
        case restarted(reason: String, [RecordBatch])
    }

    public let path: String
    /// The offset after the last complete line read.
    public private(set) var offset: Int64 = 0
    private var identity: LogReader.FileState?
    /// The bytes just before `offset`, to notice a file rewritten in place.
    private var fingerprint: [UInt8] = []
    private let reader: LogReader

    public init(path: String, reader: LogReader? = nil) {
        self.path = path
        self.reader = reader ?? LogReader(path: path)
    }

    /// Marks the file as read up to `offset` by someone else (a first load
    /// with progress); the next poll reads what comes after.
    public mutating func skip(to offset: Int64) {
        self.offset = offset
        if var state = try? reader.fileState() {
            // Recorded as if the file ended at `offset`, so growth during that read is polled.
            state.size = offset
            identity = state
        }
        fingerprint = readBytes(before: offset)
    }

    public mutating func poll() throws(ReadError) -> Poll {
        var batches: [RecordBatch] = []
        var restart: String?
        try poll(restarted: { restart = $0 }, consume: { batches.append($0) })
        if let restart { return .restarted(reason: restart, batches) }
        return batches.isEmpty ? .unchanged : .appended(batches)
    }

    /// Polls, handing each new batch to `consume` as it is parsed (so a big
    /// first read is never held whole). When the file was truncated, replaced
    /// or rewritten, `restarted` is called with the reason first, and the
    /// batches that follow are the file's from its start.
    public mutating func poll(restarted: (String) -> Void, consume: (RecordBatch) -> Void) throws(ReadError) {
        let state = try reader.fileState()
        var restartReason: String?
        if let identity {
            if state.inode != identity.inode || state.device != identity.device {
                restartReason = "the log was replaced; reloaded"
            } else if state.size < offset {
                restartReason = "the log was truncated; reloaded"
            } else if state == identity {
                return
            } else if !fingerprintMatches() {
                restartReason = "the log was rewritten; reloaded"
            }
        }
        if let restartReason {
            offset = 0
            restarted(restartReason)
        }
        identity = state
        offset = try reader.readBatches(from: offset) { batch, _, _ in consume(batch) }
        fingerprint = readBytes(before: offset)
    }

    private func fingerprintMatches() -> Bool {
        readBytes(before: offset) == fingerprint
    }

    private func readBytes(before end: Int64) -> [UInt8] {
        let count = Int(min(end, 64))
        guard count > 0 else { return [] }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: count)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(end - Int64(count))) }
        return n == count ? bytes : []
    }
}

/// A run log kept up to date with its file: a `LogTail` and the `RunData` it feeds.
public struct RunFollower: Sendable {
    public private(set) var data: RunData
    private var tail: LogTail

    public init(path: String, keepingSampleLocations: Bool = true) {
        data = RunData(path: path, keepsSampleLocations: keepingSampleLocations)
        tail = LogTail(path: path)
    }

    /// Reads what is new. Returns a message when the log had to be reloaded,
    /// and whether anything changed.
    @discardableResult
    public mutating func refresh() throws(ReadError) -> (changed: Bool, message: String?) {
        var changed = false
        var message: String?
        let path = data.path, keepsLocations = data.keepsSampleLocations
        try tail.poll(restarted: { reason in
            data = RunData(path: path, keepsSampleLocations: keepsLocations)
            message = reason
            changed = true
        }, consume: { batch in
            data.apply(batch)
            changed = true
        })
        return (changed, message)
    }
}
