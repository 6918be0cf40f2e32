#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a valid `sample` line in one pass: nearly every line of a big log.
///
/// `RecordScanner` captures each member as a `Slot`, learns the record's type
/// at the end, then validates; that generality costs more than the response
/// text does on short lines. This scanner knows the sample record: it matches
/// the member names it needs as machine words, reads their values in place
/// with the same lexer (same grammar, same numbers), and skips the rest with
/// the same grammar checks. It gives up (nil) on anything else: another type,
/// any error, an escaped member name, a value of an unexpected kind. The
/// general scanner then reads the line again, and explains a bad one. So it
/// returns exactly what `RecordScanner.scanLine` would, or nothing.
///
/// The batch parser reads through a `Template`, which replays the layout of
/// the last sample line on the next one and reads only its values.
enum SampleLineScanner {
    fileprivate enum Key: UInt8 {
        case type, round, promptID, sample, utility, correct, kept, verification, answer, other
        /// Inside an inline verification object, as a `Template` replays it:
        /// its `{` (the object begins), `score`, `verdict`, any other member.
        case verificationBegins, score, verdict, verificationOther

        /// A member of the line's object, not of its inline verification.
        var isTopLevel: Bool { rawValue < Key.verificationBegins.rawValue }
    }

    /// The members read so far, as `scanMembers` and a `Template` fill them in.
    fileprivate struct Reading {
        var isSample = false
        var round = -1
        var promptID: SampleFields.StringRange?
        var sample: Int32?
        var utility = Double.nan
        var correct: Bool?
        var kept: Bool?
        var verification: VerificationFields?
        var answer: SampleFields.StringRange?

        /// The fields once the line has been read to its end; nil when it is not a valid sample.
        @inline(__always)
        func fields() -> SampleFields? {
            guard isSample, round >= 0, let promptID, let sample else { return nil }
            var utility = utility
            if utility.isNaN, let correct { utility = correct ? 1 : 0 }
            return SampleFields(
                round: round, promptID: promptID, sample: sample, utility: utility,
                answer: answer, verification: verification, kept: kept)
        }
    }

    /// Where the values of a line read by `scanMembers` are, for a `Template`
    /// to learn its layout from (inactive otherwise).
    fileprivate struct Recorder {
        var active = false
        var values: [(key: Key, start: Int, end: Int)] = []

        @inline(__always) mutating func record(_ key: Key, _ start: Int, _ end: Int) {
            if active { values.append((key, start, end)) }
        }
    }

    /// The fields of `line` (a line without its line end) when it is a valid
    /// `sample` record; nil when the general scanner must read it.
    static func scan(_ line: UnsafeRawBufferPointer) -> SampleFields? {
        var recorder = Recorder()
        return scan(line, &recorder)
    }

    /// Where a `Template` stopped matching a line: what it read, and the
    /// offset just after the last top-level value it read.
    fileprivate struct ResumePoint {
        var reading: Reading
        var offset: Int
    }

    /// Reads `line` from its start, or from `resume` on: the same as reading
    /// from the start, as the members before `resume` were read the same way.
    fileprivate static func scan(
        _ line: UnsafeRawBufferPointer, _ recorder: inout Recorder, from resume: ResumePoint? = nil
    ) -> SampleFields? {
        do throws(JSONParseError) {
            return try scanMembers(line, &recorder, from: resume)
        } catch {
            return nil
        }
    }

    private static func scanMembers(
        _ line: UnsafeRawBufferPointer, _ recorder: inout Recorder, from resume: ResumePoint?
    ) throws(JSONParseError) -> SampleFields? {
        var lexer = JSONLexer(bytes: line)
        var reading = Reading()
        // Right after a member's value: what follows is `,` or `}`.
        var afterValue = false
        if let resume {
            reading = resume.reading
            lexer.pos = resume.offset
            afterValue = true
        } else {
            lexer.skipSpace()
            guard lexer.peek() == 0x7B else { return nil }
            lexer.pos += 1
            lexer.skipSpace()
            guard lexer.peek() != 0x7D else { return nil }
        }
        while true {
            if !afterValue {
                lexer.skipSpace()
                guard lexer.peek() == 0x22 else { return nil }
                let name: Key
                if let (known, end) = knownName(line, at: lexer.pos) {
                    name = known
                    lexer.pos = end
                } else {
                    let (keyRange, keyEscaped) = try lexer.skipString()
                    guard !keyEscaped else { return nil }
                    name = key(line, keyRange)
                }
                lexer.skipSpace()
                guard lexer.peek() == 0x3A else { return nil }
                lexer.pos += 1
                lexer.skipSpace()
                let start = lexer.pos
                if name == .verification, lexer.peek() == 0x7B {
                    guard let v = try inlineVerification(&lexer, line, &recorder) else { return nil }
                    reading.verification = v
                } else {
                    guard try readValue(name, &lexer, line, &reading) else { return nil }
                    recorder.record(name, start, lexer.pos)
                }
            }
            afterValue = false
            lexer.skipSpace()
            switch lexer.peek() {
            case 0x2C: lexer.pos += 1
            case 0x7D:
                lexer.pos += 1
                lexer.skipSpace()
                guard lexer.pos == line.count else { return nil }
                return reading.fields()
            default: return nil
            }
        }
    }

    /// Reads the value of member `name` (the cursor on its first byte) into
    /// `reading`; false when the line is not a sample this scanner reads.
    @inline(__always)
    private static func readValue(
        _ name: Key, _ lexer: inout JSONLexer, _ line: UnsafeRawBufferPointer, _ reading: inout Reading
    ) throws(JSONParseError) -> Bool {
        switch name {
        case .type:
            guard lexer.peek() == 0x22 else { return false }
            if lexer.pos + 9 <= line.count, word(line, lexer.pos + 1, 7) == 0x22_656C_706D_6173 {  // sample"
                lexer.pos += 8
            } else {
                let (range, escaped) = try lexer.skipString()
                guard !escaped, matches(line, range, 0x656C_706D_6173, count: 6) else { return false }
            }
            reading.isSample = true
        case .round:
            guard case let .integer(i)? = try integer(&lexer), i >= 0, i <= Int(Int32.max) else { return false }
            reading.round = i
        case .promptID:
            guard lexer.peek() == 0x22 else { return false }
            // Written out here and for the answer: the compiler outlines a
            // shared helper, 1.4% more instructions over a big log.
            if let range = shortString(&lexer, line) {
                reading.promptID = .init(range: range, escaped: false)
            } else {
                let (range, escaped) = try lexer.skipString()
                reading.promptID = .init(range: range, escaped: escaped)
            }
        case .sample:
            guard case let .integer(i)? = try integer(&lexer), let index = Int32(exactly: i) else { return false }
            reading.sample = index
        case .utility:
            if try null(&lexer) {
                reading.utility = .nan
            } else {
                guard let u = try number(&lexer), u >= 0, u <= 1 else { return false }
                reading.utility = u
            }
        case .correct:
            guard let b = try optionalBool(&lexer) else { return false }
            reading.correct = b
        case .kept:
            guard let b = try optionalBool(&lexer) else { return false }
            reading.kept = b
        case .verification:
            if try null(&lexer) {
                reading.verification = nil
            } else {
                var idle = Recorder()
                guard lexer.peek() == 0x7B, let v = try inlineVerification(&lexer, line, &idle) else { return false }
                reading.verification = v
            }
        case .answer:
            // Any other kind of value is no answer (after its grammar is checked).
            if lexer.peek() == 0x22 {
                if let range = shortString(&lexer, line) {
                    reading.answer = .init(range: range, escaped: false)
                } else {
                    let (range, escaped) = try lexer.skipString()
                    reading.answer = .init(range: range, escaped: escaped)
                }
            } else {
                try lexer.skipValue()
                reading.answer = nil
            }
        case .other:
            try lexer.skipValue()
        case .verificationBegins:
            reading.verification = VerificationFields(score: nil, verdict: .none)
        case .score:
            if try null(&lexer) {
                reading.verification?.score = nil
            } else {
                guard let s = try number(&lexer) else { return false }
                reading.verification?.score = s
            }
        case .verdict:
            guard let v = try verdict(&lexer, line) else { return false }
            reading.verification?.verdict = v
        case .verificationOther:
            try lexer.skipValue(depth: 1)
        }
        return true
    }

    /// `score` and `verdict` of an inline verification object (the cursor on its `{`).
    private static func inlineVerification(
        _ lexer: inout JSONLexer, _ line: UnsafeRawBufferPointer, _ recorder: inout Recorder
    ) throws(JSONParseError) -> VerificationFields? {
        lexer.enteredContainer = true
        lexer.pos += 1
        recorder.record(.verificationBegins, lexer.pos, lexer.pos)
        var reading = Reading()
        reading.verification = VerificationFields(score: nil, verdict: .none)
        lexer.skipSpace()
        if lexer.peek() == 0x7D {
            lexer.pos += 1
            return reading.verification
        }
        while true {
            lexer.skipSpace()
            guard lexer.peek() == 0x22 else { return nil }
            // score", verdict" and rationale" as words, else the name scanned as a string.
            let name: Key
            let q = lexer.pos
            if q + 17 <= line.count, word(line, q + 1, 6) == 0x22_6572_6F63_73 {
                name = .score
                lexer.pos = q + 7
            } else if q + 17 <= line.count, word(line, q + 1, 8) == 0x2274_6369_6472_6576 {
                name = .verdict
                lexer.pos = q + 9
            } else if q + 17 <= line.count, word(line, q + 1, 8) == 0x6C61_6E6F_6974_6172, word(line, q + 9, 2) == 0x2265 {
                name = .verificationOther
                lexer.pos = q + 11
            } else {
                let (keyRange, keyEscaped) = try lexer.skipString()
                guard !keyEscaped else { return nil }
                name = matches(line, keyRange, 0x65_726F_6373, count: 5) ? .score
                    : matches(line, keyRange, 0x74_6369_6472_6576, count: 7) ? .verdict : .verificationOther
            }
            lexer.skipSpace()
            guard lexer.peek() == 0x3A else { return nil }
            lexer.pos += 1
            lexer.skipSpace()
            let start = lexer.pos
            guard try readValue(name, &lexer, line, &reading) else { return nil }
            recorder.record(name, start, lexer.pos)
            lexer.skipSpace()
            switch lexer.peek() {
            case 0x2C: lexer.pos += 1
            case 0x7D:
                lexer.pos += 1
                return reading.verification
            default: return nil
            }
        }
    }

    /// A verdict: `null` (none) or a string; nil for any other value.
    @inline(__always)
    private static func verdict(_ lexer: inout JSONLexer, _ line: UnsafeRawBufferPointer) throws(JSONParseError) -> Verdict? {
        if try null(&lexer) { return Verdict.none }
        guard lexer.peek() == 0x22 else { return nil }
        let q = lexer.pos
        if q + 9 <= line.count, word(line, q + 1, 7) == 0x22_7470_6563_6361 {  // accept"
            lexer.pos = q + 8
            return .accept
        }
        if q + 9 <= line.count, word(line, q + 1, 7) == 0x22_7463_656A_6572 {  // reject"
            lexer.pos = q + 8
            return .reject
        }
        let (range, escaped) = try lexer.skipString()
        return Verdict(line, range, escaped: escaped)
    }

    // MARK: Values

    /// A string (the cursor on its opening quote) that closes within 16
    /// bytes with no backslash or control byte before its closing quote, as
    /// prompt ids and answers mostly do: its contents, found in two words
    /// without calling the string scanner, the cursor after it. nil: the
    /// string is to be read by `skipString` (longer, escaped or bad).
    @inline(__always)
    private static func shortString(_ lexer: inout JSONLexer, _ line: UnsafeRawBufferPointer) -> Range<Int>? {
        let s = lexer.pos + 1
        guard s + 16 <= line.count else { return nil }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        for offset in stride(from: s, through: s + 8, by: 8) {
            let w = word(line, offset, 8)
            // A high bit per quote, backslash or byte below 0x20; each test
            // can mark bytes above its first true mark, never below, so the
            // lowest mark of the three is the first such byte.
            let quote = w ^ (0x22 &* ones), backslash = w ^ (0x5C &* ones)
            let marks = ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (w &- 0x20 &* ones) & ~w) & highs
            guard marks != 0 else { continue }
            let end = offset + marks.trailingZeroBitCount / 8
            guard line[end] == 0x22 else { return nil }
            lexer.pos = end + 1
            return s..<end
        }
        return nil
    }

    /// A number, read as the general scanner reads it; nil when the value is not a number.
    @inline(__always)
    private static func integer(_ lexer: inout JSONLexer) throws(JSONParseError) -> JSONLexer.Number? {
        guard let b = lexer.peek(), b == 0x2D || (b >= 0x30 && b <= 0x39) else { return nil }
        if let short = lexer.readShortNumber() { return short }
        return try lexer.readNumber()
    }

    @inline(__always)
    private static func number(_ lexer: inout JSONLexer) throws(JSONParseError) -> Double? {
        switch try integer(&lexer) {
        case let .integer(i)?: return Double(i)
        case let .real(d)?: return d
        case nil: return nil
        }
    }

    /// true/false, or .some(nil) for null; nil for any other value.
    @inline(__always)
    private static func optionalBool(_ lexer: inout JSONLexer) throws(JSONParseError) -> Bool?? {
        if let w = lexer.wordAtCursor() {
            if w & 0xFFFF_FFFF == 0x6575_7274 { lexer.pos += 4; return .some(true) }
            if w & 0xFF_FFFF_FFFF == 0x65_736C_6166 { lexer.pos += 5; return .some(false) }
            if w & 0xFFFF_FFFF == 0x6C6C_756E { lexer.pos += 4; return .some(nil) }
        }
        return try optionalBoolByBytes(&lexer)
    }

    /// `optionalBool` where the word does not match: the literal's error, or not a literal.
    @inline(never)
    private static func optionalBoolByBytes(_ lexer: inout JSONLexer) throws(JSONParseError) -> Bool?? {
        switch lexer.peek() {
        case 0x74: try lexer.expectWord("true"); return .some(true)
        case 0x66: try lexer.expectWord("false"); return .some(false)
        case 0x6E: try lexer.expectWord("null"); return .some(nil)
        default: return nil
        }
    }

    /// Reads a `null` if there is one.
    @inline(__always)
    private static func null(_ lexer: inout JSONLexer) throws(JSONParseError) -> Bool {
        guard lexer.peek() == 0x6E else { return false }
        try lexer.expectWord("null", asWord: 0x6C6C_756E)
        return true
    }

    // MARK: Member names

    /// The `count` (at most 8) bytes at `offset`, little-endian; the caller
    /// makes sure 8 bytes from `offset` are inside the line.
    @inline(__always)
    private static func word(_ line: UnsafeRawBufferPointer, _ offset: Int, _ count: Int) -> UInt64 {
        let w = UInt64(littleEndian: line.baseAddress!.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        return count == 8 ? w : w & ((1 << (8 * UInt64(count))) - 1)
    }

    /// A member name that sample lines carry, matched together with its
    /// closing quote as machine words (so it needs no scan), given the offset
    /// of its opening quote: the member and the offset after the name. nil:
    /// the name is to be scanned as a string.
    @inline(__always)
    private static func knownName(_ line: UnsafeRawBufferPointer, at q: Int) -> (Key, Int)? {
        let s = q + 1
        guard s + 16 <= line.count else { return nil }
        let w1 = word(line, s, 8), w2 = word(line, s + 8, 8)
        @inline(__always) func low(_ w: UInt64, _ n: Int) -> UInt64 { w & ((1 << (8 * UInt64(n))) - 1) }
        switch UInt8(truncatingIfNeeded: w1) {
        case 0x74: if low(w1, 5) == 0x22_6570_7974 { return (.type, s + 5) }
        case 0x72:
            if low(w1, 6) == 0x2264_6E75_6F72 { return (.round, s + 6) }
            if w1 == 0x6573_6E6F_7073_6572, low(w2, 1) == 0x22 { return (.other, s + 9) }  // response
        case 0x70: if w1 == 0x695F_7470_6D6F_7270, low(w2, 2) == 0x2264 { return (.promptID, s + 10) }
        case 0x73: if low(w1, 7) == 0x22_656C_706D_6173 { return (.sample, s + 7) }
        case 0x75: if w1 == 0x2279_7469_6C69_7475 { return (.utility, s + 8) }
        case 0x63: if w1 == 0x2274_6365_7272_6F63 { return (.correct, s + 8) }
        case 0x6B: if low(w1, 5) == 0x22_7470_656B { return (.kept, s + 5) }
        case 0x76: if w1 == 0x6163_6966_6972_6576, low(w2, 5) == 0x22_6E6F_6974 { return (.verification, s + 13) }
        case 0x61: if low(w1, 7) == 0x22_7265_7773_6E61 { return (.answer, s + 7) }
        default: break
        }
        return nil
    }

    /// Whether the bytes `range` of `line` are the `count` (at most 8) bytes of `word`, little-endian.
    @inline(__always)
    private static func matches(_ line: UnsafeRawBufferPointer, _ range: Range<Int>, _ word: UInt64, count: Int) -> Bool {
        guard range.count == count else { return false }
        if range.lowerBound + 8 <= line.count {
            let w = UInt64(littleEndian: line.baseAddress!.loadUnaligned(fromByteOffset: range.lowerBound, as: UInt64.self))
            let mask: UInt64 = count == 8 ? .max : (1 << (8 * UInt64(count))) - 1
            return w & mask == word
        }
        for i in 0..<count where line[range.lowerBound + i] != UInt8(truncatingIfNeeded: word >> (8 * UInt64(i))) {
            return false
        }
        return true
    }

    /// The member a name stands for, compared as one or two machine words.
    @inline(__always)
    private static func key(_ line: UnsafeRawBufferPointer, _ range: Range<Int>) -> Key {
        switch range.count {
        case 4:
            if matches(line, range, 0x6570_7974, count: 4) { return .type }
            if matches(line, range, 0x7470_656B, count: 4) { return .kept }
        case 5:
            if matches(line, range, 0x64_6E75_6F72, count: 5) { return .round }
        case 6:
            if matches(line, range, 0x656C_706D_6173, count: 6) { return .sample }
            if matches(line, range, 0x7265_7773_6E61, count: 6) { return .answer }
        case 7:
            if matches(line, range, 0x74_6365_7272_6F63, count: 7) { return .correct }
            if matches(line, range, 0x79_7469_6C69_7475, count: 7) { return .utility }
        case 9:
            if line[range.lowerBound + 8] == 0x64, matches(line, range.lowerBound..<range.lowerBound + 8, 0x695F_7470_6D6F_7270, count: 8) {
                return .promptID
            }
        case 12:
            if matches(line, range.lowerBound..<range.lowerBound + 8, 0x6163_6966_6972_6576, count: 8),
               matches(line, range.lowerBound + 8..<range.upperBound, 0x6E6F_6974, count: 4) {
                return .verification
            }
        default:
            break
        }
        return .other
    }
}

extension Verdict {
    /// The verdict a JSON string's contents name: `accept`, `reject`, any other string.
    init(_ line: UnsafeRawBufferPointer, _ range: Range<Int>, escaped: Bool) {
        if escaped {
            self.init(JSONLexer.decodeString(line, range: range, escaped: true))
            return
        }
        // Unescaped ASCII words compare byte for byte, without a String.
        func matches(_ word: StaticString) -> Bool {
            guard range.count == word.utf8CodeUnitCount else { return false }
            let p = word.utf8Start
            for i in 0..<range.count where line[range.lowerBound + i] != p[i] { return false }
            return true
        }
        self = matches("accept") ? .accept : matches("reject") ? .reject : .other
    }
}

extension SampleLineScanner {
    /// The layout of the last sample line read, replayed on the next ones.
    ///
    /// The sample lines of one writer are alike: the same members in the same
    /// order with the same spacing, only the values differ. A template keeps
    /// what lies between the values of a line `scanMembers` read (the bytes
    /// from one value's end to the next value's start: names, colons, commas,
    /// braces, white space) and which member each value is. A line whose bytes
    /// between its values are those is read by comparing them as words and
    /// reading each value as `scanMembers` would, without finding and
    /// classifying each name again. Those bytes decide everything
    /// `scanMembers` does between values, so the replay reads the same fields.
    /// Where the bytes after a value differ, `scanMembers` reads on from the
    /// last top-level value that matched (from the start when there is none);
    /// a second line in a row that differs gives the template its layout, so
    /// a log that changes its layout is followed, and one that alternates two
    /// layouts costs no second reading of any line.
    struct Template {
        /// The bytes between values, one piece before each value and one after the last.
        private var pieces: [UInt8] = []
        /// Per value, where the piece before it ends in `pieces` and its
        /// member; then the end of the last piece (`pieces.count`, `.other`).
        /// Empty when no layout is learnt.
        private var steps: [Step] = []
        private var recorder = Recorder(active: true)
        /// Whether the line before did not fit the layout.
        private var missed = false
        /// Lines read by replaying the layout (for tests: that the replay ran).
        private(set) var replays = 0

        private struct Step {
            var pieceEnd: Int
            var key: Key
        }

        init() {}

        /// The fields of `line` when it is a valid `sample` record, as `SampleLineScanner.scan` reads them.
        mutating func scan(_ line: UnsafeRawBufferPointer) -> SampleFields? {
            guard !steps.isEmpty else { return learn(line) }
            switch replay(line, findingLineEnd: false) {
            case let .read(fields, _):
                replays &+= 1
                missed = false
                return fields
            case .notASample:
                return nil
            case let .differs(resume):
                // A second line in a row of another layout: learn that one.
                if missed { return learn(line) }
                missed = true
                var idle = Recorder()
                return SampleLineScanner.scan(line, &idle, from: resume)
            }
        }

        /// The line at the start of `text` (which runs on past it: the rest
        /// of a stretch) when it fits the layout and is a valid `sample`
        /// record: its fields, where its text ends (before a carriage return
        /// that precedes its line feed) and where its line feed is. The same
        /// as finding the line feed first and calling `scan` on the line's
        /// text, without a search for the line feed through the line: the
        /// replay reaches the line's end as it reads. nil: search for the
        /// line feed and `scan` the line (the line does not fit the layout,
        /// is no sample, has no line feed in `text`, or has a line feed in
        /// the white space of an array or object value, which ends it there).
        mutating func scanLine(startOf text: UnsafeRawBufferPointer) -> (fields: SampleFields, end: Int, lineFeed: Int)? {
            guard !steps.isEmpty, case let .read(fields, end) = replay(text, findingLineEnd: true) else { return nil }
            replays &+= 1
            missed = false
            let lineFeed = text[end] == 0x0A ? end : end + 1
            return (fields, end, lineFeed)
        }

        /// Reads `line` afresh and, when it is a sample, takes its layout.
        private mutating func learn(_ line: UnsafeRawBufferPointer) -> SampleFields? {
            recorder.values.removeAll(keepingCapacity: true)
            guard let fields = SampleLineScanner.scan(line, &recorder) else { return nil }
            pieces.removeAll(keepingCapacity: true)
            steps.removeAll(keepingCapacity: true)
            var end = 0
            for value in recorder.values {
                pieces.append(contentsOf: UnsafeRawBufferPointer(rebasing: line[end..<value.start]))
                steps.append(Step(pieceEnd: pieces.count, key: value.key))
                end = value.end
            }
            pieces.append(contentsOf: UnsafeRawBufferPointer(rebasing: line[end...]))
            steps.append(Step(pieceEnd: pieces.count, key: .other))
            missed = false
            return fields
        }

        private enum Replay {
            /// The line fits the layout: its fields, and the end of its text.
            case read(SampleFields, end: Int)
            /// A value the layout's member cannot have: `scanMembers` would
            /// read the line as far and give up there too.
            case notASample
            /// The bytes after a value differ: read on from the last
            /// top-level value read (nil: from the start).
            case differs(ResumePoint?)
        }

        /// Replays the layout on `line`, a line's text; or, `findingLineEnd`,
        /// on text that starts with a line and runs on past it. Then the line
        /// read must be followed by a line feed, or a carriage return and a
        /// line feed, with no carriage return left before them (which would
        /// not be the line's text); and where an array or object value was
        /// read, whose white space may be a line feed that ends the line
        /// earlier, no line feed may come before them (a search of the bytes
        /// read, which only such lines need). Nothing else in a line the
        /// replay reads can hold one: the pieces come from a line's text,
        /// strings stop at control bytes, numbers and literals at any byte
        /// not theirs. So where this replay reads fields, the replay of the
        /// line's text reads the same.
        private func replay(_ line: UnsafeRawBufferPointer, findingLineEnd: Bool) -> Replay {
            // Steps and pieces as buffers: no bounds checks (the steps' piece
            // ends are within the pieces, by `learn`), no reference counting.
            steps.withUnsafeBufferPointer { steps in pieces.withUnsafeBytes { pieces -> Replay in
                var lexer = JSONLexer(bytes: line)
                var reading = Reading()
                var from = 0
                // Where to read on from when the last value read is a top-level
                // one (`reading` is then as it was right after it); inside an
                // inline verification object there is no reading on (its
                // members are read by `inlineVerification`): from the start then.
                var resumeOffset = -1
                func differs() -> Replay {
                    .differs(resumeOffset < 0 ? nil : ResumePoint(reading: reading, offset: resumeOffset))
                }
                do throws(JSONParseError) {
                    // The piece before each value, then the one after the last.
                    let last = steps.count &- 1
                    var i = 0
                    while true {
                        let step = steps[i]
                        guard Self.same(line, lexer.pos, pieces, from, step.pieceEnd &- from) else { return differs() }
                        lexer.pos &+= step.pieceEnd &- from
                        from = step.pieceEnd
                        guard i < last else { break }
                        guard try readValue(step.key, &lexer, line, &reading) else { return .notASample }
                        resumeOffset = step.key.isTopLevel ? lexer.pos : -1
                        i &+= 1
                    }
                } catch {
                    return .notASample
                }
                let end = lexer.pos
                guard findingLineEnd
                    ? Self.endsLine(line, at: end) && !(lexer.enteredContainer && Self.holdsLineFeed(line, before: end))
                    : end == line.count
                else { return differs() }
                guard let fields = reading.fields() else { return .notASample }
                return .read(fields, end: end)
            } }
        }

        /// Whether `text` has a line feed before `end`.
        private static func holdsLineFeed(_ text: UnsafeRawBufferPointer, before end: Int) -> Bool {
            guard end > 0, let base = text.baseAddress else { return false }
            return memchr(base, 0x0A, end) != nil
        }

        /// Whether a line's text ends at `end` of `text`: a line feed there,
        /// not after a carriage return, or a carriage return and a line feed.
        private static func endsLine(_ text: UnsafeRawBufferPointer, at end: Int) -> Bool {
            guard end > 0, end < text.count else { return false }
            switch text[end] {
            case 0x0A: return text[end - 1] != 0x0D
            case 0x0D: return end + 1 < text.count && text[end + 1] == 0x0A
            default: return false
            }
        }

        /// Whether `count` bytes of `line` at `at` are those of `pieces` at `from`,
        /// compared as words (the last one overlapping the one before) when there are 8 or more.
        @inline(__always)
        private static func same(
            _ line: UnsafeRawBufferPointer, _ at: Int, _ pieces: UnsafeRawBufferPointer, _ from: Int, _ count: Int
        ) -> Bool {
            // Offsets within a buffer: no overflow to check.
            guard at &+ count <= line.count, let a = line.baseAddress, let b = pieces.baseAddress else { return count == 0 }
            @inline(__always) func word(_ p: UnsafeRawPointer, _ offset: Int) -> UInt64 {
                p.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            }
            if count >= 8 {
                var i = 0
                while i &+ 8 < count {
                    if word(a, at &+ i) != word(b, from &+ i) { return false }
                    i &+= 8
                }
                return word(a, at &+ count &- 8) == word(b, from &+ count &- 8)
            }
            var i = 0
            while i < count {
                if a.load(fromByteOffset: at &+ i, as: UInt8.self) != b.load(fromByteOffset: from &+ i, as: UInt8.self) {
                    return false
                }
                i &+= 1
            }
            return true
        }
    }
}
