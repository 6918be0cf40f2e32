#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the text fields of one record back from the log, when a view opens it.
///
/// Responses, rationales and prompts are never kept in memory by the reader;
/// this reads the record's line at its byte offset and parses it in full.
public enum RecordText {
    /// The record at `location` of the file at `path`, parsed; nil when it cannot be read.
    public static func read(_ location: RecordLocation, in path: String) -> JSONValue? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let count = Int(location.length)
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = bytes.withUnsafeMutableBytes {
                pread(fd, $0.baseAddress! + filled, count - filled, off_t(location.offset + Int64(filled)))
            }
            if n <= 0 { return nil }
            filled += n
        }
        return try? JSONValue.parse(bytes)
    }
}

/// Everything shown about one sample on the Sample screen.
public struct SampleDetail: Sendable {
    public var promptID: String
    public var sampleIndex: Int
    public var promptText: String?
    public var reference: String?
    public var response: String?
    public var answer: String?
    public var utility: Double?
    public var score: Double?
    public var verified: Bool
    public var verdict: String?
    public var rationale: String?
    public var kept: Bool
    /// How the filter decision was made: a `filter` record, an inline flag, or none.
    public var decidedBy: String
}

extension RunData {
    /// The record at `location`, parsed in full (from memory for an imported log).
    public func record(at location: RecordLocation) -> JSONValue? {
        if let text = inMemoryText {
            let start = Int(location.offset), end = start + Int(location.length)
            guard start >= 0, end <= text.bytes.count else { return nil }
            return try? JSONValue.parse(Array(text.bytes[start..<end]))
        }
        return RecordText.read(location, in: path)
    }

    /// Reads the text of a sample (and its verification and prompt) from disk;
    /// the sample's own line only when the run `keepsSampleLocations`.
    public func detail(of sample: EffectiveSample) -> SampleDetail {
        let row = Int(sample.row)
        let g = Int(samples.group[row])
        let sampleRecord = keepsSampleLocations ? record(at: samples.location[row]) : nil
        var rationale = sampleRecord?["verification"]?["rationale"]?.stringValue
        var verdictText = sampleRecord?["verification"]?["verdict"]?.stringValue
        if sample.verifyRow >= 0, let verify = record(at: verifications.location[Int(sample.verifyRow)]) {
            rationale = verify["rationale"]?.stringValue
            verdictText = verify["verdict"]?.stringValue
        }
        let promptIndex = Int(groups.prompt[g])
        let prompt = promptRecords[promptIndex].flatMap { record(at: $0) }
        let decidedBy: String
        if groups.filterKept[g] != nil {
            decidedBy = "filter record"
        } else if samples.inlineKept[row] != 0 {
            decidedBy = "inline kept flag"
        } else {
            decidedBy = "no decision logged (dropped)"
        }
        return SampleDetail(
            promptID: promptIDs[promptIndex], sampleIndex: Int(sample.index),
            promptText: prompt?["text"]?.stringValue, reference: prompt?["reference"]?.stringValue,
            response: sampleRecord?["response"]?.stringValue,
            answer: sample.answer >= 0 ? answers[Int(sample.answer)] : nil,
            utility: sample.utility, score: sample.score, verified: sample.verified,
            verdict: verdictText, rationale: rationale, kept: sample.kept, decidedBy: decidedBy)
    }
}
