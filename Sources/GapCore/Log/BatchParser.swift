#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The parsed lines of one stretch of a log, ready for `RunData.apply`.
///
/// Sample lines, nearly all of a log, are kept apart in a compact form with
/// their prompt id and answer interned per batch; every other non-blank line
/// is an `Item`. `apply` merges the two by line number, so records still take
/// effect in file order.
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

    /// A valid `sample` line. Strings are indices into `strings`.
    struct SampleLine {
        /// 0-based line number within the batch.
        var line: Int32
        var length: Int32
        var offset: Int64
        var round: Int32
        var sample: Int32
        var prompt: Int32
        /// -1 when there is no string answer.
        var answer: Int32
        /// NaN when unknown.
        var utility: Double
        /// The inline score; NaN when none or unparsed.
        var score: Double
        /// Inline verification: bit 0 present; bits 1-2 the verdict (as in `SampleColumns`).
        var verification: UInt8
        /// Inline kept flag: 0 absent or null, 1 true, 2 false.
        var kept: UInt8
    }

    var items: [Item] = []
    var samples: [SampleLine] = []
    /// The distinct prompt ids and answers of `samples`, by their bytes.
    var strings = ByteStringTable()
    /// Complete lines in the batch, blank ones included.
    public internal(set) var lineCount = 0
    /// The file offset just after the batch's last complete line.
    public internal(set) var endOffset: Int64 = 0
    /// Bytes after the last newline that the batch left unread.
    public internal(set) var incompleteTailBytes = 0
    /// The size of the file the batch was read from when it was read (0:
    /// unknown), from which `apply` foresees how many samples are to come.
    var fileSize: Int64 = 0
}

/// Splits a buffer into lines and scans each one. Pure: batches of different
/// stretches can be parsed in parallel and merged in file order.
public enum BatchParser {
    /// Parses the complete lines of `bytes`, which starts at `fileOffset` in
    /// the file. Bytes after the last newline are left out (`incompleteTailBytes`).
    public static func parse(_ bytes: UnsafeRawBufferPointer, fileOffset: Int64) -> RecordBatch {
        parse(bytes, fileOffset: fileOffset, compactSamples: true)
    }

    public static func parse(_ bytes: [UInt8], fileOffset: Int64 = 0) -> RecordBatch {
        bytes.withUnsafeBytes { parse($0, fileOffset: fileOffset) }
    }

    /// With `compactSamples` false every line becomes an `Item` holding its
    /// `ScannedRecord`, strings decoded: the straightforward reading, which
    /// the tests hold the compact one to.
    static func parse(_ bytes: UnsafeRawBufferPointer, fileOffset: Int64, compactSamples: Bool) -> RecordBatch {
        var batch = RecordBatch()
        guard let base = bytes.baseAddress else {
            batch.endOffset = fileOffset
            return batch
        }
        var lastPrompt = LastString()
        var lastAnswer = LastString()
        var template = SampleLineScanner.Template()
        // Sample lines are rarely shorter than this; a few spare slots cost little.
        batch.samples.reserveCapacity(bytes.count / 256 + 8)
        // Ids and answers: a few hundred of a big stretch's prompts, and
        // their answers, without growing the table step by step.
        batch.strings = ByteStringTable(expected: bytes.count / 2048)
        var start = 0
        var line: Int32 = 0
        while start < bytes.count {
            let newline: Int, end: Int
            let scanned: RecordScanner.Line
            if compactSamples, let read = template.scanLine(startOf: UnsafeRawBufferPointer(rebasing: bytes[start...])) {
                // Most lines: a sample line of the last one's layout, read to its line feed.
                newline = start + read.lineFeed
                end = start + read.end
                scanned = .sample(read.fields, line: UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
            } else {
                guard let nl = memchr(base + start, 0x0A, bytes.count - start) else { break }
                newline = base.distance(to: UnsafeRawPointer(nl))
                end = newline > start && bytes[newline - 1] == 0x0D ? newline - 1 : newline
                if compactSamples {
                    let text = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
                    if let fields = template.scan(text) {
                        scanned = .sample(fields, line: text)
                    } else {
                        scanned = RecordScanner.scanLine(bytes, start..<end)
                    }
                } else {
                    scanned = .record(RecordScanner.scan(bytes, start..<end))
                }
            }
            let offset = fileOffset + Int64(start)
            let length = Int32(clamping: end - start)
            switch scanned {
            case let .sample(f, text):
                var verification: UInt8 = 0
                var score = Double.nan
                if let v = f.verification {
                    verification = 1 | v.verdict.rawValue << 1
                    score = v.score ?? .nan
                }
                batch.samples.append(RecordBatch.SampleLine(
                    line: line, length: length, offset: offset, round: Int32(f.round), sample: f.sample,
                    prompt: lastPrompt.intern(f.promptID, text, &batch.strings),
                    answer: f.answer.map { lastAnswer.intern($0, text, &batch.strings) } ?? -1,
                    utility: f.utility, score: score, verification: verification,
                    kept: f.kept.map { $0 ? 1 : 2 } ?? 0))
            case .record(.blank):
                break // Blank lines count for line numbers only.
            case let .record(record):
                var header: JSONValue?
                if case .run = record {
                    header = try? JSONValue.parse(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                }
                batch.items.append(RecordBatch.Item(
                    line: line, offset: offset, length: length, record: record, header: header))
            }
            line += 1
            start = newline + 1
        }
        batch.lineCount = Int(line)
        batch.endOffset = fileOffset + Int64(start)
        batch.incompleteTailBytes = bytes.count - start
        return batch
    }

    /// The prompt id (or the answer) of the last sample line: the samples of
    /// a prompt come together, and often agree on the answer, so many lines
    /// repeat it and need no hashing.
    private struct LastString {
        var bytes = UnsafeRawBufferPointer(start: nil, count: 0)
        var index: Int32 = -1

        @inline(__always)
        mutating func intern(
            _ s: SampleFields.StringRange, _ line: UnsafeRawBufferPointer, _ table: inout ByteStringTable
        ) -> Int32 {
            guard !s.escaped else { return BatchParser.intern(s, line, &table) }
            let new = UnsafeRawBufferPointer(rebasing: line[s.range])
            if index >= 0, new.count == bytes.count,
               new.count == 0 || memcmp(new.baseAddress!, bytes.baseAddress!, new.count) == 0 {
                return index
            }
            bytes = new
            index = table.intern(new)
            return index
        }
    }

    /// Interns a string of `line` by its decoded bytes.
    @inline(__always)
    fileprivate static func intern(
        _ s: SampleFields.StringRange, _ line: UnsafeRawBufferPointer, _ table: inout ByteStringTable
    ) -> Int32 {
        if !s.escaped {
            return table.intern(UnsafeRawBufferPointer(rebasing: line[s.range]))
        }
        var decoded = s.decoded(in: line)
        return decoded.withUTF8 { table.intern(UnsafeRawBufferPointer($0)) }
    }
}
