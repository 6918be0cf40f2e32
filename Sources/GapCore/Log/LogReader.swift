import CGapScan
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
/// the cores the process may use (`ProcessorCount`, up to 8) and merged in
/// file order.
///
/// The file is cut into stretches of `stretchSize` bytes. Each worker parses
/// the lines that *start* in its stretch: the line a stretch begins in the
/// middle of belongs to the one before, which reads on past its end to
/// finish it. A worker maps its stretch (`mapsFile`, on Linux), and parses
/// the file's pages where they are, without the kernel copying them; where
/// it cannot (another system, a mapping refused, a last line longer than
/// `mappedOverhang` past the stretch), it reads the stretch with `pread` into
/// a buffer of its own. So reading, like parsing, runs on every core, and no
/// byte is read twice except a line's overhang. Batches come back to the
/// calling thread in file order, while the workers already parse the next
/// stretches (up to 32, or two per worker where there are more: on a few
/// cores the merging thread shares them with the workers, and a shorter
/// queue leaves a core idle whenever the scheduler pauses it), so merging
/// them (`RunData.apply`) overlaps the parsing.
///
/// Memory stays bounded by the stretch size times the number of workers,
/// plus the waiting batches (compact: a fraction of their stretch's bytes);
/// the file is never held whole, a stretch's mapping is gone once it is
/// parsed, and a log cut short while it is read reads to its new end, as with
/// `pread`: the pages it lost fault, a handler maps zeros over them and marks
/// the stretch, which is read again (`gapscan_map_window`). The file is
/// opened read-only and never written.
public struct LogReader: Sendable {
    public var path: String
    /// Bytes per stretch; a stretch reads on to finish its last line. Nil:
    /// sized to the bytes to read (`stretchSize(forBytes:)`).
    public var stretchSize: Int?
    public var parallelism: Int
    /// Whether stretches are parsed from a mapping of the file where one can
    /// be had (else each is read with `pread`); the same batches either way.
    public var mapsFile: Bool

    public init(
        path: String, stretchSize: Int? = nil, parallelism: Int = LogReader.defaultParallelism, mapsFile: Bool = true
    ) {
        self.path = path
        self.stretchSize = stretchSize.map { max(1, $0) }
        self.parallelism = max(1, parallelism)
        self.mapsFile = mapsFile
    }

    /// How far past its stretch a mapping reaches, for the stretch's last
    /// line; a line that goes on further has its stretch read instead.
    static let mappedOverhang: Int64 = 1 << 20

    /// A 256th of the bytes to read, from 512 KiB to 2 MiB. A batch costs
    /// the merging thread a wake-up and a lookup of each of its distinct ids
    /// and answers in the run's tables, so on a big log fewer, larger
    /// batches save more than a buffer larger than the core's cache costs
    /// (on the benchmark's 1.1 GB log, 512 KiB and 1 MiB took more time,
    /// 4 MiB and 8 MiB more time and memory). A small log has few batches
    /// whatever their size, and smaller buffers and batches keep its
    /// memory in proportion.
    public static func stretchSize(forBytes count: Int64) -> Int {
        Int(min(max(count / 256, 512 << 10), 2 << 20))
    }

    /// Mapped stretches: a 64th of the bytes to read, from 1 MiB to 8 MiB.
    /// Mapping and unmapping cost per stretch, and a mapped stretch needs no
    /// buffer that must stay in the core's cache, so larger stretches pay
    /// (the benchmark's 1.1 GB log took 10-11% less time in 8 MiB mapped
    /// stretches than in 2 MiB read ones, and no less in 12-24 MiB ones; its
    /// 114 MB log 4% less time and 8% less processor time in 2 MiB mapped
    /// ones than in 512 KiB read ones, and 4 MiB ones were too few to keep
    /// both cores busy to the end). What is mapped is resident while it is
    /// parsed: two workers' 8 MiB add 16 MiB to the peak, where their read
    /// buffers were 4 MiB.
    public static func mappedStretchSize(forBytes count: Int64) -> Int {
        Int(min(max(count / 64, 1 << 20), 8 << 20))
    }

    /// A worker per core the process may use, and at most 8. Batches are
    /// merged on one thread, which takes about a third of what parsing them
    /// takes one worker (0.12 s against 0.3-0.4 s of processor time for the
    /// benchmark's 1.1 GB log), so more workers than a few only wait for it;
    /// on a GPU node of 128 cores they would hold a buffer and a queue of
    /// batches each, hundreds of MB, for no speed.
    public static var defaultParallelism: Int { parallelism(usableCores: ProcessorCount.usable) }

    static func parallelism(usableCores: Int) -> Int {
        min(max(1, usableCores), 8)
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

    /// Reads the whole file into a new `RunData` (see `RunData.keepsSampleLocations`).
    public func read(
        keepingSampleLocations: Bool = true, progress: ((Int64, Int64) -> Void)? = nil
    ) throws(ReadError) -> RunData {
        var data = RunData(path: path, keepsSampleLocations: keepingSampleLocations)
        try readBatches(from: 0) { batch, done, total in
            data.apply(batch)
            progress?(done, total)
        }
        return data
    }

    /// Parses complete lines from `offset` to the end of the file (its size
    /// when reading starts), handing each batch (in file order) to `consume`
    /// with the bytes done so far and the file size. Returns the offset after
    /// the last complete line. A last line without its newline is left out;
    /// a final empty batch then carries its length (`incompleteTailBytes`).
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
        guard offset < size else { return offset }
        #if os(Linux)
        let maps = mapsFile
        #else
        let maps = false
        #endif
        let stretch = stretchSize
            ?? (maps ? Self.mappedStretchSize(forBytes: size - offset) : Self.stretchSize(forBytes: size - offset))
        let plan = StretchPlan(
            fd: fd, path: path, start: offset, size: size, stretchSize: Int64(stretch), maps: maps)

        var position = offset
        func deliver(_ batch: RecordBatch) {
            // A stretch inside one long line has no line of its own.
            guard batch.lineCount > 0 else { return }
            position = batch.endOffset
            var b = batch
            b.incompleteTailBytes = Int(size - position)
            b.fileSize = size
            consume(b, position, size)
        }

        let workers = min(parallelism, plan.count)
        if workers == 1 {
            var buffer = StretchBuffer()
            defer { buffer.deallocate() }
            for k in 0..<plan.count {
                deliver(try plan.parse(k, into: &buffer))
            }
        } else {
            let pipeline = Pipeline(plan: plan, workers: workers)
            for k in 0..<plan.count {
                let result = pipeline.take(k)
                switch result {
                case let .success(batch):
                    deliver(batch)
                case let .failure(error):
                    pipeline.cancel()
                    throw error
                }
            }
            pipeline.finish()
        }
        if position < size {
            var empty = RecordBatch()
            empty.endOffset = position
            empty.incompleteTailBytes = Int(size - position)
            consume(empty, position, size)
        }
        return position
    }
}

/// How a read is cut into stretches, and the parse of one stretch.
private struct StretchPlan: Sendable {
    let fd: Int32
    let path: String
    let start: Int64
    let size: Int64
    let stretchSize: Int64
    /// Whether to try a mapping of each stretch before reading it.
    let maps: Bool

    var count: Int { Int((size - start + stretchSize - 1) / stretchSize) }

    /// The batch of stretch `k`, parsed from a mapping when one can be had.
    func parse(_ k: Int, into buffer: inout StretchBuffer) throws(ReadError) -> RecordBatch {
        if maps, let batch = parseMapped(k) { return batch }
        return try parseRead(k, into: &buffer)
    }

    /// `parseRead` over a mapping of the stretch and `LogReader.mappedOverhang`
    /// after it: the same lines, the file's pages parsed where they are. Nil
    /// when there is no mapping, the stretch's last line goes on past the
    /// overhang, or the file shrank while it was mapped (what was parsed is
    /// then not the file's): the stretch is to be read.
    private func parseMapped(_ k: Int) -> RecordBatch? {
        let from = start + Int64(k) * stretchSize
        let to = min(from + stretchSize, size)
        let readFrom = k == 0 ? from : from - 1
        let page = Int64(gapscan_page_size())
        let mapFrom = readFrom / page * page
        let length = Int(min(to + LogReader.mappedOverhang, size) - mapFrom)
        guard let window = gapscan_map_window(fd, mapFrom, length) else { return nil }
        let bytes = UnsafeRawBufferPointer(start: UnsafeRawPointer(window), count: length)
        let batch: RecordBatch?
        switch Self.lines(
            in: bytes, from: Int(readFrom - mapFrom), stretchEnd: Int(to - mapFrom),
            reachesFileEnd: mapFrom + Int64(length) == size, isFirst: k == 0
        ) {
        case nil: batch = nil
        case .some(nil): batch = RecordBatch()
        case let .some(lines?):
            batch = BatchParser.parse(UnsafeRawBufferPointer(rebasing: bytes[lines]), fileOffset: mapFrom + Int64(lines.lowerBound))
        }
        guard gapscan_unmap_window(window, length) == 0 else { return nil }
        return batch
    }

    /// The lines that start in a stretch, in `bytes`: the stretch from
    /// `readFrom` (a byte before it unless it is the first) to `stretchEnd`,
    /// and what was read or mapped after it. They run from the first line
    /// start at or after the stretch's first byte through the end of the
    /// line its last byte belongs to; a line that reaches the end of the file
    /// without a newline is left out. `.some(nil)` when no line starts in the
    /// stretch, nil when its last line goes on past `bytes` (more is needed).
    /// `searched`: how far after the stretch is known to hold no newline.
    private static func lines(
        in bytes: UnsafeRawBufferPointer, from readFrom: Int, stretchEnd: Int, searched: Int = 0,
        reachesFileEnd: Bool, isFirst: Bool
    ) -> Range<Int>?? {
        guard let base = bytes.baseAddress else { return .some(nil) }
        func newline(_ range: Range<Int>) -> Int? {
            guard !range.isEmpty, let p = memchr(base + range.lowerBound, 0x0A, range.count) else { return nil }
            return base.distance(to: UnsafeRawPointer(p))
        }
        var first = readFrom
        if !isFirst {
            guard let nl = newline(readFrom ..< stretchEnd) else { return .some(nil) }
            first = nl + 1
            if first >= stretchEnd { return .some(nil) }
        }
        guard stretchEnd > first else { return .some(nil) }
        if bytes[stretchEnd - 1] == 0x0A { return .some(first ..< stretchEnd) }
        if let nl = newline(max(stretchEnd, searched) ..< bytes.count) { return .some(first ..< nl + 1) }
        guard reachesFileEnd else { return nil }
        // No newline before the end of the file: the last line is unfinished.
        var last = stretchEnd - 1
        while last >= first, bytes[last] != 0x0A { last -= 1 }
        return .some(last >= first ? first ..< last + 1 : nil)
    }

    /// `lines` of stretch `k` read with `pread` into `buffer`, reading on
    /// past the stretch, in growing steps, until its last line ends.
    func parseRead(_ k: Int, into buffer: inout StretchBuffer) throws(ReadError) -> RecordBatch {
        let from = start + Int64(k) * stretchSize
        let to = min(from + stretchSize, size)
        // One byte before the stretch says whether a line starts on its first byte.
        let readFrom = k == 0 ? from : from - 1
        buffer.count = 0
        var atEnd = try fill(&buffer, from: readFrom, count: Int(to - readFrom)) < Int(to - readFrom)
        let stretchEnd = buffer.count
        var searched = stretchEnd
        var step = 64 << 10
        while true {
            let at = readFrom + Int64(buffer.count)
            let bytes = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer.bytes)[0 ..< buffer.count])
            switch Self.lines(
                in: bytes, from: 0, stretchEnd: stretchEnd, searched: searched,
                reachesFileEnd: atEnd || at >= size, isFirst: k == 0
            ) {
            case .some(nil):
                return RecordBatch()
            case let .some(lines?):
                return BatchParser.parse(UnsafeRawBufferPointer(rebasing: bytes[lines]), fileOffset: readFrom + Int64(lines.lowerBound))
            case nil:
                searched = buffer.count
                let want = Int(min(Int64(step), size - at))
                atEnd = try fill(&buffer, from: at, count: want) < want
                step = min(step * 2, 64 << 20)
            }
        }
    }

    /// Appends `count` bytes read at `offset` to the buffer and returns how
    /// many it got: fewer when the file shrank meanwhile (read as its end).
    private func fill(_ buffer: inout StretchBuffer, from offset: Int64, count: Int) throws(ReadError) -> Int {
        buffer.reserve(buffer.count + count)
        var done = 0
        while done < count {
            let n = pread(fd, buffer.bytes.baseAddress! + buffer.count, count - done, off_t(offset + Int64(done)))
            if n < 0 {
                if errno == EINTR { continue }
                throw ReadError(path: path, message: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            done += n
            buffer.count += n
        }
        return done
    }
}

/// A worker's read buffer, grown when a line needs it and reused.
private struct StretchBuffer {
    var bytes = UnsafeMutableRawBufferPointer(start: nil, count: 0)
    var count = 0

    mutating func reserve(_ capacity: Int) {
        guard capacity > bytes.count else { return }
        let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: max(capacity, bytes.count * 2), alignment: 64)
        if count > 0 { bigger.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[0..<count])) }
        if bytes.baseAddress != nil { bytes.deallocate() }
        bytes = bigger
    }

    mutating func deallocate() {
        if bytes.baseAddress != nil { bytes.deallocate() }
        bytes = UnsafeMutableRawBufferPointer(start: nil, count: 0)
        count = 0
    }
}

/// Workers that parse stretches in parallel, at most `window` ahead of
/// the thread taking their batches in order.
///
/// Stretch k's result goes to slot k mod window; a worker takes a new stretch
/// only after a window permit, which the taker returns when it has taken a
/// batch, so a slot is never reused before it was read.
private final class Pipeline: @unchecked Sendable {
    private let plan: StretchPlan
    private let window: Int
    private let permits: DispatchSemaphore
    private let ready: [DispatchSemaphore]
    /// Written by one worker before it signals `ready[k % window]`, read by the taker after waiting on it.
    private let results: UnsafeMutableBufferPointer<Result<RecordBatch, ReadError>?>
    private let lock = DispatchSemaphore(value: 1)
    private var next = 0
    private var cancelled = false
    private let group = DispatchGroup()
    private let workers: Int

    init(plan: StretchPlan, workers: Int) {
        self.plan = plan
        self.workers = workers
        window = max(2 * workers, 32)
        // Counted up from zero: libdispatch insists a semaphore ends at or
        // above its initial value, which a cancelled read may not.
        permits = DispatchSemaphore(value: 0)
        for _ in 0..<window { permits.signal() }
        ready = (0..<window).map { _ in DispatchSemaphore(value: 0) }
        results = .allocate(capacity: window)
        results.initialize(repeating: nil)
        // A queue of its own: its threads are not the width-limited global pool,
        // so a caller that itself runs on that pool cannot starve its workers.
        let queue = DispatchQueue(label: "gapscope.log-reader", attributes: .concurrent)
        for _ in 0..<workers {
            queue.async(group: group) { self.work() }
        }
    }

    deinit {
        results.deinitialize()
        results.deallocate()
    }

    private func claim() -> Int? {
        permits.wait()
        lock.wait()
        defer { lock.signal() }
        guard !cancelled, next < plan.count else { return nil }
        defer { next += 1 }
        return next
    }

    private func work() {
        var buffer = StretchBuffer()
        defer { buffer.deallocate() }
        while let k = claim() {
            let result: Result<RecordBatch, ReadError>
            do {
                result = .success(try plan.parse(k, into: &buffer))
            } catch {
                result = .failure(error)
            }
            results[k % window] = result
            ready[k % window].signal()
        }
        // Leave a permit for the next worker to see the end (or the cancellation).
        permits.signal()
    }

    /// The batch of stretch k; stretches must be taken in order.
    func take(_ k: Int) -> Result<RecordBatch, ReadError> {
        ready[k % window].wait()
        let result = results[k % window]!
        results[k % window] = nil
        permits.signal()
        return result
    }

    /// Waits for the workers to finish (every stretch taken).
    func finish() {
        group.wait()
    }

    /// Stops handing out stretches and waits for the workers.
    func cancel() {
        lock.wait()
        cancelled = true
        lock.signal()
        for _ in 0..<workers { permits.signal() }
        group.wait()
    }
}
