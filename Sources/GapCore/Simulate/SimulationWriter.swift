import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a simulated run could not be written.
public struct SimulationError: Error, CustomStringConvertible {
    public var description: String
}

/// Pacing of a live run.
public struct LivePacing: Sendable {
    /// Seconds between batches.
    public var interval: Double
    /// Pauses of `interval` seconds between batches.
    public init(interval: Double) { self.interval = interval }
}

/// What was written.
public struct SimulationResult: Sendable {
    /// The log written, `directory/<run_id>/events.jsonl`.
    public var path: String
    /// Its size.
    public var bytes: Int
    /// Stopped early (a live run interrupted); its log ends with `run_end` `aborted`.
    public var aborted: Bool
}

/// Writes simulated runs to disk: in large buffered writes normally, batch by
/// batch with pauses and a flush after each when live.
public enum SimulationWriter {
    /// Bytes collected before a write when not live.
    static let chunkSize = 8 << 20

    /// Writes `spec` to `directory/<run_id>/events.jsonl`, replacing a run
    /// simulated there before; any other file there (a real run's log) is
    /// left as it is, and the run not written.
    ///
    /// - Parameter shouldStop: polled between batches of a live run (and
    ///   during its pauses); when it returns true the run is closed with
    ///   `run_end` `aborted`, so the log stays valid.
    public static func write(
        _ spec: SimulationSpec, to directory: String, live: LivePacing? = nil,
        shouldStop: () -> Bool = { false }
    ) throws(SimulationError) -> SimulationResult {
        if let problem = SimulationSpec.runIDProblem(spec.runID) {
            throw SimulationError(description: "run id \(spec.runID.debugDescription) cannot name a folder: \(problem)")
        }
        var sim = RunSimulator(spec: spec, live: live != nil)
        let path = directory + "/" + sim.relativePath
        let runDirectory = (path as NSString).deletingLastPathComponent
        if let problem = OutputFolder.create(runDirectory) { throw SimulationError(description: problem) }
        switch OutputFolder.occupant(of: path, isOurs: { $0["simulated"]?["generator"] == .string("gapscope simulate") }) {
        case .free, .ours:
            break
        case .link:
            throw SimulationError(
                description: "\(path): a symbolic link, so not written through (choose another --out, or remove the link)")
        case .other:
            throw SimulationError(
                description: "\(path): already there and not written by gapscope simulate, so left as it is "
                    + "(choose another --out, or move it away)")
        }
        // O_NOFOLLOW: a link put there since the check above is not followed either.
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw SimulationError(description: "cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }

        var buffer: [UInt8] = []
        buffer.reserveCapacity(live == nil ? chunkSize + (1 << 20) : 1 << 16)
        var written = 0
        var aborted = false
        func flush() throws(SimulationError) {
            try writeAll(fd, buffer, path: path)
            written += buffer.count
            buffer.removeAll(keepingCapacity: true)
        }
        while sim.nextBatch(into: &buffer) {
            guard let live else {
                if buffer.count >= chunkSize { try flush() }
                continue
            }
            try flush()
            if sim.isFinished { break }
            if pause(live.interval, shouldStop: shouldStop) {
                sim.abort(into: &buffer)
                aborted = true
                break
            }
        }
        try flush()
        return SimulationResult(path: path, bytes: written, aborted: aborted)
    }

    /// Sleeps up to `seconds` in short steps; true when asked to stop.
    private static func pause(_ seconds: Double, shouldStop: () -> Bool) -> Bool {
        let end = Date().timeIntervalSince1970 + seconds
        while true {
            if shouldStop() { return true }
            let left = end - Date().timeIntervalSince1970
            if left <= 0 { return false }
            usleep(useconds_t(min(left, 0.05) * 1_000_000))
        }
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(SimulationError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { buf in
                posixWrite(fd, buf.baseAddress! + offset, buf.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw SimulationError(description: "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }
}

/// `write(2)`; named apart from `SimulationWriter.write`, which would shadow it.
private func posixWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, bytes, count)
    #elseif canImport(Musl)
    return Musl.write(fd, bytes, count)
    #else
    return Darwin.write(fd, bytes, count)
    #endif
}
