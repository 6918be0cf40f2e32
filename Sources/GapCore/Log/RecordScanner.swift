/// Reads one run-log line into a `ScannedRecord` without building a JSON tree.
///
/// A line is an object; its members are scanned once. Members the figures or
/// the views need are captured as `Slot`s (scalars decoded, strings and
/// containers as byte ranges); every other member, response text included, is
/// skipped with its grammar checked. Only after the whole object is read is
/// the record's `type` known, so type-specific validation runs last, exactly
/// as the format's "Precise rules" list it.
struct RecordScanner {
    /// A captured member value: scalars decoded, the rest as byte ranges.
    enum Slot {
        case absent
        case null
        case bool(Bool)
        case number(JSONLexer.Number)
        case string(Range<Int>, escaped: Bool)
        case array(Range<Int>)
        case object(Range<Int>)

        var isAbsentOrNull: Bool {
            switch self {
            case .absent, .null: return true
            default: return false
            }
        }
    }

    /// The members of a record line that gapscope reads. One instance per line.
    struct Members {
        var type: Slot = .absent
        var round: Slot = .absent
        var promptID: Slot = .absent
        var sample: Slot = .absent
        var utility: Slot = .absent
        var correct: Slot = .absent
        var kept: Slot = .absent
        var verification: Slot = .absent
        /// `score` and `verdict` of `verification` when it is an object (they
        /// are captured in the same pass as the line, not by scanning it again).
        var inlineScore: Slot = .absent
        var inlineVerdict: Slot = .absent
        var score: Slot = .absent
        var verdict: Slot = .absent
        var answer: Slot = .absent
        var stage: Slot = .absent
        var at: Slot = .absent
        var expectedPrompts: Slot = .absent
        var metrics: Slot = .absent
        var status: Slot = .absent
    }

    let bytes: UnsafeRawBufferPointer

    /// Scans the line `range` of `bytes` (without its line end).
    static func scan(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> ScannedRecord {
        switch scanLine(bytes, range) {
        case let .record(record): return record
        case let .sample(fields, line): return .sample(fields.decoded(in: line))
        }
    }

    /// What `scanLine` found: a sample record with its strings still as byte
    /// ranges of `line` (the batch parser interns them without making a
    /// `String` per line), or any other record.
    enum Line {
        case sample(SampleFields, line: UnsafeRawBufferPointer)
        case record(ScannedRecord)
    }

    /// Scans the line `range` of `bytes` (without its line end).
    static func scanLine(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Line {
        // A view of just the line, so the lexer's end is the line's end.
        let line = UnsafeRawBufferPointer(rebasing: bytes[range])
        var lexer = JSONLexer(bytes: line)
        lexer.skipSpace()
        if lexer.pos == line.count { return .record(.blank) }
        guard lexer.peek() == 0x7B else {
            do throws(JSONParseError) {
                try lexer.skipValue()
                lexer.skipSpace()
                if lexer.pos < line.count { throw lexer.error("unexpected text after the JSON value") }
            } catch {
                if line.starts(with: [0xEF, 0xBB, 0xBF]) {
                    // Some editors and Windows tools start a UTF-8 file with one.
                    return .record(.bad("invalid JSON: the line starts with a byte order mark (U+FEFF), which JSON Lines does not allow"))
                }
                return .record(.bad("invalid JSON: \(error)"))
            }
            return .record(.bad("not a JSON object"))
        }
        var members = Members()
        do throws(JSONParseError) {
            try scanObject(&lexer, into: &members)
            lexer.skipSpace()
            if lexer.pos < line.count { throw lexer.error("unexpected text after the JSON value") }
        } catch {
            return .record(.bad("invalid JSON: \(error)"))
        }
        let validator = RecordValidator(line: line, base: range.lowerBound)
        if validator.isSample(members) {
            switch validator.sampleFields(members) {
            case let .success(fields): return .sample(fields, line: line)
            case let .failure(bad): return .record(.bad(bad.reason))
            }
        }
        return .record(validator.record(from: members))
    }

    /// Walks the members of an object (the cursor is on its `{`), handing
    /// each key to `member` with the cursor on its value, which `member` must
    /// consume. Checks the object's grammar around the values.
    @inline(__always)
    private static func forEachMember(
        _ lexer: inout JSONLexer, _ member: (FieldKey, inout JSONLexer) throws(JSONParseError) -> Void
    ) throws(JSONParseError) {
        lexer.pos += 1
        lexer.skipSpace()
        if lexer.peek() == 0x7D { lexer.pos += 1; return }
        while true {
            lexer.skipSpace()
            guard lexer.peek() == 0x22 else { throw lexer.error("expected a string key") }
            let (keyRange, keyEscaped) = try lexer.skipString()
            lexer.skipSpace()
            guard lexer.peek() == 0x3A else { throw lexer.error("expected ':'") }
            lexer.pos += 1
            lexer.skipSpace()
            let key = keyEscaped
                ? FieldKey(decoded: JSONLexer.decodeString(lexer.bytes, range: keyRange, escaped: true))
                : FieldKey(lexer.bytes, keyRange)
            try member(key, &lexer)
            lexer.skipSpace()
            switch lexer.peek() {
            case 0x2C: lexer.pos += 1
            case 0x7D: lexer.pos += 1; return
            default: throw lexer.error("expected ',' or '}'")
            }
        }
    }

    private static func scanObject(_ lexer: inout JSONLexer, into m: inout Members) throws(JSONParseError) {
        try forEachMember(&lexer) { (key, lexer) throws(JSONParseError) in
            if key == .other {
                try lexer.skipValue()
            } else if key == .verification, lexer.peek() == 0x7B {
                let start = lexer.pos
                try scanVerification(&lexer, into: &m)
                m.verification = .object(start..<lexer.pos)
            } else {
                let slot = try captureSlot(&lexer)
                switch key {
                case .type: m.type = slot
                case .round: m.round = slot
                case .promptID: m.promptID = slot
                case .sample: m.sample = slot
                case .utility: m.utility = slot
                case .correct: m.correct = slot
                case .kept: m.kept = slot
                case .verification: m.verification = slot
                case .score: m.score = slot
                case .verdict: m.verdict = slot
                case .answer: m.answer = slot
                case .stage: m.stage = slot
                case .at: m.at = slot
                case .expectedPrompts: m.expectedPrompts = slot
                case .metrics: m.metrics = slot
                case .status: m.status = slot
                case .other: break
                }
            }
        }
    }

    /// Scans an inline `verification` object (the cursor is on its `{`) with
    /// the grammar `JSONLexer.skipValue` checks at depth 0, keeping its
    /// `score` and `verdict`.
    private static func scanVerification(_ lexer: inout JSONLexer, into m: inout Members) throws(JSONParseError) {
        m.inlineScore = .absent
        m.inlineVerdict = .absent
        try forEachMember(&lexer) { (key, lexer) throws(JSONParseError) in
            switch key {
            case .score: m.inlineScore = try captureSlot(&lexer, depth: 1)
            case .verdict: m.inlineVerdict = try captureSlot(&lexer, depth: 1)
            default: try lexer.skipValue(depth: 1)
            }
        }
    }

    @inline(__always)
    static func captureSlot(_ lexer: inout JSONLexer, depth: Int = 0) throws(JSONParseError) -> Slot {
        guard let b = lexer.peek() else { throw lexer.error("unexpected end of text") }
        switch b {
        case 0x22:
            let (range, escaped) = try lexer.skipString()
            return .string(range, escaped: escaped)
        case 0x7B:
            let start = lexer.pos
            try lexer.skipValue(depth: depth)
            return .object(start..<lexer.pos)
        case 0x5B:
            let start = lexer.pos
            try lexer.skipValue(depth: depth)
            return .array(start..<lexer.pos)
        case 0x74: try lexer.expectWord("true"); return .bool(true)
        case 0x66: try lexer.expectWord("false"); return .bool(false)
        case 0x6E: try lexer.expectWord("null"); return .null
        default: return .number(try lexer.readNumber())
        }
    }

    /// The member names gapscope reads, matched on raw bytes.
    enum FieldKey {
        case type, round, promptID, sample, utility, correct, kept, verification
        case score, verdict, answer, stage, at, expectedPrompts, metrics, status, other

        init(decoded: String) {
            var s = decoded
            self = s.withUTF8 { FieldKey(UnsafeRawBufferPointer($0), 0..<$0.count) }
        }

        @inline(__always)
        init(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) {
            @inline(__always) func matches(_ word: StaticString) -> Bool {
                guard word.utf8CodeUnitCount == range.count else { return false }
                let p = word.utf8Start
                for i in 0..<range.count where bytes[range.lowerBound + i] != p[i] { return false }
                return true
            }
            guard range.count >= 2 else { self = .other; return }
            switch bytes[range.lowerBound] {
            case 0x74: self = matches("type") ? .type : .other
            case 0x72: self = matches("round") ? .round : .other
            case 0x70: self = matches("prompt_id") ? .promptID : .other
            case 0x73:
                if matches("sample") { self = .sample }
                else if matches("score") { self = .score }
                else if matches("stage") { self = .stage }
                else if matches("status") { self = .status }
                else { self = .other }
            case 0x75: self = matches("utility") ? .utility : .other
            case 0x63: self = matches("correct") ? .correct : .other
            case 0x6B: self = matches("kept") ? .kept : .other
            case 0x76:
                if matches("verification") { self = .verification }
                else if matches("verdict") { self = .verdict }
                else { self = .other }
            case 0x61:
                if matches("answer") { self = .answer }
                else if matches("at") { self = .at }
                else { self = .other }
            case 0x65: self = matches("expected_prompts") ? .expectedPrompts : .other
            case 0x6D: self = matches("metrics") ? .metrics : .other
            default: self = .other
            }
        }
    }
}
