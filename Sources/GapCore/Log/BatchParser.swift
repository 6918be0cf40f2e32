#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The parsed lines of one stretch of a log, ready for `RunData.apply`.
public struct RecordBatch: Sendable {
    struct Item: @unchecked Sendable {
        /// 0-based line number within the batch.
        var line: Int32
        var offset: Int64
        var length: Int32
        var record: ScannedRecord
        /// The parsed header, for `.run` lines only.
        var header: JSONValue?
    }

    var items: [Item] = []
    /// Complete lines in the batch, blank ones included.
    public internal(set) var lineCount = 0
    /// The file offset just after the batch's last complete line.
    public internal(set) var endOffset: Int64 = 0
    /// Bytes after the last newline that the batch left unread.
    public internal(set) var incompleteTailBytes = 0
}

/// Splits a buffer into lines and scans each one. Pure: batches of different
/// stretches can be parsed in parallel and merged in file order.
public enum BatchParser {
    /// Parses the complete lines of `bytes`, which starts at `fileOffset` in
    /// the file. Bytes after the last newline are left out (`incompleteTailBytes`).
    public static func parse(_ bytes: UnsafeRawBufferPointer, fileOffset: Int64) -> RecordBatch {
        var batch = RecordBatch()
        batch.items.reserveCapacity(bytes.count / 256)
        guard let base = bytes.baseAddress else {
            batch.endOffset = fileOffset
            return batch
        }
        var start = 0
        var line: Int32 = 0
        while start < bytes.count {
            guard let nl = memchr(base + start, 0x0A, bytes.count - start) else { break }
            let newline = base.distance(to: UnsafeRawPointer(nl))
            var end = newline
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            let record = RecordScanner.scan(bytes, start..<end)
            if case .blank = record {
                // Blank lines count for line numbers only.
            } else {
                var header: JSONValue?
                if case .run = record {
                    header = try? JSONValue.parse(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                }
                batch.items.append(RecordBatch.Item(
                    line: line, offset: fileOffset + Int64(start), length: Int32(clamping: end - start),
                    record: record, header: header))
            }
            line += 1
            start = newline + 1
        }
        batch.lineCount = Int(line)
        batch.endOffset = fileOffset + Int64(start)
        batch.incompleteTailBytes = bytes.count - start
        return batch
    }

    public static func parse(_ bytes: [UInt8], fileOffset: Int64 = 0) -> RecordBatch {
        bytes.withUnsafeBytes { parse($0, fileOffset: fileOffset) }
    }
}
