import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure to open or read a file at all (as opposed to a bad line in it).
public struct ReadError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
}

/// Reads a run log from a byte offset to its end, in stretches parsed on
/// every core and merged in file order.
///
/// Memory stays bounded by the stretch size times the number of cores; the
/// file is never held whole. The file is opened read-only and never written.
public struct LogReader: Sendable {
    public var path: String
    /// Bytes per stretch; a stretch grows to hold a line longer than this.
    public var stretchSize: Int
    public var parallelism: Int

    public init(path: String, stretchSize: Int = 4 << 20, parallelism: Int = ProcessInfoLite.activeProcessorCount) {
        self.path = path
        self.stretchSize = stretchSize
        self.parallelism = max(1, parallelism)
    }

    /// The file's size and identity, to notice growth, truncation and replacement.
    public struct FileState: Sendable, Equatable {
        public var size: Int64
        public var inode: UInt64
        public var device: UInt64
    }

    public func fileState() throws(ReadError) -> FileState {
        var st = stat()
        guard stat(path, &st) == 0 else { throw ReadError(path: path, message: String(cString: strerror(errno))) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw ReadError(path: path, message: "not a regular file") }
        return FileState(size: Int64(st.st_size), inode: UInt64(st.st_ino), device: UInt64(st.st_dev))
    }

    /// Reads the whole file into a new `RunData`.
    public func read(progress: ((Int64, Int64) -> Void)? = nil) throws(ReadError) -> RunData {
        var data = RunData(path: path)
        try readBatches(from: 0) { batch, done, total in
            data.apply(batch)
            progress?(done, total)
        }
        return data
    }

    /// Parses complete lines from `offset` to the end of the file, handing
    /// each batch (in file order) to `consume` with the bytes done so far and
    /// the file size. Returns the offset after the last complete line.
    @discardableResult
    public func readBatches(
        from offset: Int64,
        consume: (RecordBatch, Int64, Int64) -> Void
    ) throws(ReadError) -> Int64 {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ReadError(path: path, message: String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw ReadError(path: path, message: String(cString: strerror(errno))) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw ReadError(path: path, message: "not a regular file") }
        let size = Int64(st.st_size)
        var position = offset
        var lastTail = 0
        while position < size {
            // Read up to `parallelism` stretches, each ending at a newline.
            var stretches: [Stretch] = []
            defer { for s in stretches { s.buffer.deallocate() } }
            var readEnd = position
            while stretches.count < parallelism, readEnd < size {
                let stretch = try readStretch(fd: fd, at: readEnd, fileSize: size)
                stretches.append(stretch)
                if stretch.length == 0 { break }
                readEnd = stretch.offset + Int64(stretch.length)
            }
            let complete = stretches.filter { $0.length > 0 }
            if complete.isEmpty {
                lastTail = Int(size - position)
                break
            }
            let batches = Self.parseInParallel(complete)
            for batch in batches {
                position = batch.endOffset
                lastTail = Int(size - position)
                var b = batch
                b.incompleteTailBytes = lastTail
                consume(b, position, size)
            }
            if complete.count < stretches.count { break }
        }
        if position >= size { lastTail = 0 }
        if lastTail > 0 {
            var empty = RecordBatch()
            empty.endOffset = position
            empty.incompleteTailBytes = lastTail
            consume(empty, position, size)
        }
        return position
    }

    /// Reads from `offset` up to `stretchSize` bytes, cut after the last
    /// newline; a longer line makes the stretch grow. Length 0: no newline
    /// before the end of the file (only a partial line is left).
    private func readStretch(fd: Int32, at offset: Int64, fileSize: Int64) throws(ReadError) -> Stretch {
        var capacity = Int(min(Int64(stretchSize), fileSize - offset))
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(capacity, 1), alignment: 16)
        var filled = 0
        while true {
            while filled < capacity {
                let n = pread(fd, buffer.baseAddress! + filled, capacity - filled, off_t(offset + Int64(filled)))
                if n < 0 {
                    if errno == EINTR { continue }
                    let message = String(cString: strerror(errno))
                    buffer.deallocate()
                    throw ReadError(path: path, message: message)
                }
                if n == 0 { break }
                filled += n
            }
            // The last newline is at most a line from the end: search backwards.
            var last = filled - 1
            while last >= 0, buffer[last] != 0x0A { last -= 1 }
            if last >= 0 {
                return Stretch(buffer: buffer, length: last + 1, offset: offset)
            }
            // No newline yet: the line is longer than the stretch, or unfinished.
            if offset + Int64(filled) >= fileSize || filled < capacity {
                return Stretch(buffer: buffer, length: 0, offset: offset)
            }
            let grown = Int(min(Int64(capacity) * 2, fileSize - offset))
            let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: grown, alignment: 16)
            bigger.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<filled]))
            buffer.deallocate()
            buffer = bigger
            capacity = grown
        }
    }

    private static func parseInParallel(_ stretches: [Stretch]) -> [RecordBatch] {
        if stretches.count == 1 {
            let s = stretches[0]
            return [BatchParser.parse(UnsafeRawBufferPointer(rebasing: s.buffer[0..<s.length]), fileOffset: s.offset)]
        }
        let results = BatchSlots(count: stretches.count)
        DispatchQueue.concurrentPerform(iterations: stretches.count) { i in
            let s = stretches[i]
            results.set(i, BatchParser.parse(UnsafeRawBufferPointer(rebasing: s.buffer[0..<s.length]), fileOffset: s.offset))
        }
        return results.values
    }
}

/// A buffer holding complete lines (`length` bytes) read from `offset`.
private struct Stretch: @unchecked Sendable {
    var buffer: UnsafeMutableRawBufferPointer
    var length: Int
    var offset: Int64
}

/// Result slots written by parallel workers, one each, read after they finish.
private final class BatchSlots: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<RecordBatch?>
    init(count: Int) { slots = .allocate(capacity: count); slots.initialize(repeating: nil) }
    deinit { slots.deinitialize(); slots.deallocate() }
    /// Each worker writes only its own index, so no two writes touch the same slot.
    func set(_ i: Int, _ batch: RecordBatch) { slots[i] = batch }
    var values: [RecordBatch] { slots.map { $0! } }
}

/// The number of cores, without Foundation's ProcessInfo (kept out of hot paths' imports).
public enum ProcessInfoLite {
    public static var activeProcessorCount: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}
