import CGapScan

/// The scalar grammar of JSON over raw bytes: white space, strings, numbers,
/// literals, and validating skips of whole values.
///
/// Both readers sit on it: `JSONTreeParser` (builds `JSONValue`s) and
/// `RecordScanner` (pulls the few fields the figures need out of a run-log
/// line and skips the rest, response text included, without decoding it).
/// A skip still checks the grammar, so a line with broken JSON anywhere is a
/// bad line whichever reader sees it.
struct JSONLexer {
    let bytes: UnsafeRawBufferPointer
    var pos: Int = 0
    /// Whether an array or an object was entered (by `skipValue`, or by a
    /// reader of one that says so), whose white space, skipped, may hold
    /// line feeds; a string, number or literal never holds one.
    var enteredContainer = false

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    enum Number: Equatable {
        /// Written without fraction or exponent, and fits in `Int`.
        case integer(Int)
        case real(Double)
    }

    @inline(__always) func peek() -> UInt8? {
        pos < bytes.count ? bytes[pos] : nil
    }

    @inline(__always) func peek(_ ahead: Int) -> UInt8? {
        pos + ahead < bytes.count ? bytes[pos + ahead] : nil
    }

    func error(_ message: String) -> JSONParseError {
        JSONParseError(message: message, offset: pos)
    }

    @inline(__always) mutating func skipSpace() {
        while pos < bytes.count {
            switch bytes[pos] {
            case 0x20, 0x09, 0x0A, 0x0D: pos += 1
            default: return
            }
        }
    }

    /// The 8 bytes from the cursor as a little-endian word, read near the
    /// end of the text (a line's last `true}`) as its last 8 shifted down:
    /// bytes past the end are then zeros, which no literal holds, so a
    /// literal compared with the word cannot match past the end. nil for a
    /// text shorter than 8 bytes, or the cursor at its end.
    @inline(__always)
    func wordAtCursor() -> UInt64? {
        guard bytes.count >= 8, pos < bytes.count, let base = bytes.baseAddress else { return nil }
        let from = min(pos, bytes.count - 8)
        return UInt64(littleEndian: base.loadUnaligned(fromByteOffset: from, as: UInt64.self)) >> (8 * UInt64(pos - from))
    }

    mutating func expectWord(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        guard pos + count <= bytes.count else { throw error("unexpected end of text") }
        let start = word.utf8Start
        for i in 0..<count where bytes[pos + i] != start[i] {
            throw error("invalid literal")
        }
        pos += count
    }

    /// `expectWord` for a literal whose bytes are also given as a
    /// little-endian word (`count` bytes): compared at once (`wordAtCursor`),
    /// else (and on a mismatch, for the error) byte by byte.
    @inline(__always)
    mutating func expectWord(_ word: StaticString, asWord value: UInt64) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        if let w = wordAtCursor(), w & ((1 << (8 * UInt64(count))) - 1) == value {
            pos += count
            return
        }
        try expectWord(word)
    }

    // MARK: Strings

    /// Skips a string (the cursor is on its opening quote), checking escapes
    /// and that no raw control character is inside. Returns the byte range of
    /// its contents and whether any escape occurs.
    ///
    /// Response texts make this the reader's hot loop, so plain bytes are
    /// passed 16 at a time: a block is skipped whole when none of its bytes is
    /// a quote, a backslash or a control character, and the first such byte
    /// is then handled exactly as the byte-by-byte grammar does (same errors,
    /// same offsets).
    @inline(__always)
    mutating func skipString() throws(JSONParseError) -> (range: Range<Int>, escaped: Bool) {
        pos += 1
        let start = pos
        var escaped = false
        let count = bytes.count
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            throw error("unterminated string")
        }
        while pos < count {
            // Plain bytes and two-byte escapes in bulk; it stops on every
            // byte the lines below decide on.
            var simpleEscapes: Int32 = 0
            pos = gapscan_string_run(base, pos, count, &simpleEscapes)
            if simpleEscapes != 0 { escaped = true }
            guard pos < count else { break }
            let b = bytes[pos]
            if b == 0x22 {
                let range = start..<pos
                pos += 1
                return (range, escaped)
            }
            if b == 0x5C {
                escaped = true
                guard pos + 1 < count else { break }
                switch bytes[pos + 1] {
                case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74:
                    pos += 2
                case 0x75:
                    guard pos + 6 <= count else { pos = count; throw error("unterminated string") }
                    for i in 2..<6 where JSONLexer.hexValue(bytes[pos + i]) == nil {
                        pos += i
                        throw error("invalid \\u escape")
                    }
                    pos += 6
                default:
                    pos += 1
                    throw error("invalid escape in string")
                }
                continue
            }
            if b < 0x20 { throw error("control character in string") }
            pos += 1
        }
        throw error("unterminated string")
    }

    /// Reads a string (the cursor is on its opening quote) and decodes it.
    /// Bytes that are not valid UTF-8 become U+FFFD, as are lone surrogates.
    mutating func readString() throws(JSONParseError) -> String {
        let (range, escaped) = try skipString()
        return JSONLexer.decodeString(bytes, range: range, escaped: escaped)
    }

    /// The decoded UTF-8 bytes of a string's contents (escapes resolved,
    /// invalid UTF-8 repaired to U+FFFD), for comparing strings byte by byte.
    static func decodeString(_ bytes: UnsafeRawBufferPointer, range: Range<Int>, escaped: Bool) -> String {
        let slice = UnsafeRawBufferPointer(rebasing: bytes[range])
        if !escaped {
            return String(decoding: slice, as: UTF8.self)
        }
        var raw: [UInt8] = []
        raw.reserveCapacity(range.count)
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let b = bytes[i]
            guard b == 0x5C else { raw.append(b); i += 1; continue }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case 0x62: raw.append(0x08)
            case 0x66: raw.append(0x0C)
            case 0x6E: raw.append(0x0A)
            case 0x72: raw.append(0x0D)
            case 0x74: raw.append(0x09)
            case 0x75:
                var scalar = hex4(bytes, at: i)
                i += 4
                if (0xD800..<0xDC00).contains(scalar) {
                    if i + 6 <= end, bytes[i] == 0x5C, bytes[i + 1] == 0x75 {
                        let low = hex4(bytes, at: i + 2)
                        if (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                            i += 6
                        } else {
                            scalar = 0xFFFD
                        }
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00..<0xE000).contains(scalar) {
                    scalar = 0xFFFD
                }
                appendUTF8(scalar, to: &raw)
            default: raw.append(e) // '"', '\\', '/'
            }
        }
        return String(decoding: raw, as: UTF8.self)
    }

    @inline(__always) static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case 0x30...0x39: return UInt32(b - 0x30)
        case 0x41...0x46: return UInt32(b - 0x41 + 10)
        case 0x61...0x66: return UInt32(b - 0x61 + 10)
        default: return nil
        }
    }

    private static func hex4(_ bytes: UnsafeRawBufferPointer, at i: Int) -> UInt32 {
        var v: UInt32 = 0
        for k in 0..<4 { v = v << 4 | (hexValue(bytes[i + k]) ?? 0) }
        return v
    }

    private static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case 0..<0x80:
            out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    // MARK: Numbers

    /// Reads a number by the JSON grammar (no leading `+`, no leading zeros,
    /// digits on both sides of the point).
    @inline(__always)
    mutating func readNumber() throws(JSONParseError) -> Number {
        let start = pos
        let count = bytes.count
        var negative = false
        if pos < count, bytes[pos] == 0x2D { negative = true; pos += 1 }
        guard pos < count, bytes[pos] >= 0x30, bytes[pos] <= 0x39 else { throw error("invalid value") }
        var integral = true
        var overflow = false
        var magnitude: UInt64 = 0
        if bytes[pos] == 0x30 {
            pos += 1
        } else {
            while pos < count, bytes[pos] >= 0x30, bytes[pos] <= 0x39 {
                let digit = UInt64(bytes[pos] - 0x30)
                let (m1, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (m2, o2) = m1.addingReportingOverflow(digit)
                if o1 || o2 { overflow = true }
                magnitude = m2
                pos += 1
            }
        }
        if pos < count, bytes[pos] == 0x2E {
            integral = false
            pos += 1
            guard pos < count, bytes[pos] >= 0x30, bytes[pos] <= 0x39 else { throw error("invalid number") }
            while pos < count, bytes[pos] >= 0x30, bytes[pos] <= 0x39 { pos += 1 }
        }
        if pos < count, bytes[pos] == 0x65 || bytes[pos] == 0x45 {
            integral = false
            pos += 1
            if pos < count, bytes[pos] == 0x2B || bytes[pos] == 0x2D { pos += 1 }
            guard pos < count, bytes[pos] >= 0x30, bytes[pos] <= 0x39 else { throw error("invalid number") }
            while pos < count, bytes[pos] >= 0x30, bytes[pos] <= 0x39 { pos += 1 }
        }
        if integral, !overflow, magnitude <= UInt64(Int.max) {
            let value = Int(magnitude)
            return .integer(negative ? -value : value)
        }
        if integral, !overflow, negative, magnitude == UInt64(Int.max) + 1 {
            return .integer(Int.min)
        }
        return .real(JSONLexer.parseDouble(bytes, start..<pos))
    }

    /// `readNumber` for the short forms sample lines hold (an index, a
    /// round, a score such as `0.8`): no sign, no exponent, at most 15
    /// digits in all, with or without a point and digits after it. The same
    /// value (for a fraction the quotient `parseDouble` takes: exact digits
    /// over an exact power of ten), the cursor after it, in one pass. nil,
    /// the cursor unmoved, for anything else, which `readNumber` reads.
    @inline(__always)
    mutating func readShortNumber() -> Number? {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        let count = bytes.count
        var p = pos
        @inline(__always) func digit(at i: Int) -> UInt64? {
            guard i < count else { return nil }
            let d = base[i] &- 0x30
            return d < 10 ? UInt64(d) : nil
        }
        guard let first = digit(at: p) else { return nil }
        var mantissa = first
        var digits = 1
        p &+= 1
        if first != 0 {
            while digits < 16, let d = digit(at: p) {
                mantissa = mantissa &* 10 &+ d
                digits &+= 1
                p &+= 1
            }
        }
        // A digit left: a leading zero (the grammar's business) or too many digits.
        guard digit(at: p) == nil else { return nil }
        var fractionDigits = 0
        if p < count, base[p] == 0x2E {
            p &+= 1
            while digits < 16, let d = digit(at: p) {
                mantissa = mantissa &* 10 &+ d
                digits &+= 1
                fractionDigits &+= 1
                p &+= 1
            }
            guard fractionDigits > 0, digit(at: p) == nil else { return nil }
        }
        guard digits <= 15 else { return nil }
        if p < count, base[p] | 0x20 == 0x65 { return nil }  // e or E: an exponent
        pos = p
        return fractionDigits == 0 ? .integer(Int(mantissa)) : .real(Double(mantissa) / Self.powerOfTen(fractionDigits))
    }

    static func parseDouble(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Double {
        // Short decimals (the common case: scores, utilities) are exact this way:
        // digits as an integer below 2^53 divided by an exact power of ten.
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var i = range.lowerBound
        var negative = false
        if bytes[i] == 0x2D { negative = true; i += 1 }
        var seenPoint = false
        var simple = true
        while i < range.upperBound {
            let b = bytes[i]
            if b == 0x2E { seenPoint = true; i += 1; continue }
            guard b >= 0x30, b <= 0x39 else { simple = false; break }
            mantissa = mantissa &* 10 &+ UInt64(b - 0x30)
            digits += 1
            if seenPoint { fractionDigits += 1 }
            i += 1
        }
        if simple, digits <= 15, fractionDigits <= 22 {
            let value = Double(mantissa) / powerOfTen(fractionDigits)
            return negative ? -value : value
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        return Double(text) ?? .nan
    }

    /// 10^n for n in 0...22, each exact in a Double; a switch of constants,
    /// not a global array, which each number would first have to check is
    /// initialized (a call).
    @inline(__always)
    private static func powerOfTen(_ n: Int) -> Double {
        switch n {
        case 0: 1e0
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        case 16: 1e16
        case 17: 1e17
        case 18: 1e18
        case 19: 1e19
        case 20: 1e20
        case 21: 1e21
        default: 1e22
        }
    }

    // MARK: Skipping values

    /// Skips one value of any kind, checking its grammar.
    mutating func skipValue(depth: Int = 0) throws(JSONParseError) {
        guard depth < JSONTreeParser.maxDepth else { throw error("nesting too deep") }
        guard let b = peek() else { throw error("unexpected end of text") }
        switch b {
        case 0x22:
            _ = try skipString()
        case 0x7B:
            enteredContainer = true
            pos += 1
            skipSpace()
            if peek() == 0x7D { pos += 1; return }
            while true {
                skipSpace()
                guard peek() == 0x22 else { throw error("expected a string key") }
                _ = try skipString()
                skipSpace()
                guard peek() == 0x3A else { throw error("expected ':'") }
                pos += 1
                skipSpace()
                try skipValue(depth: depth + 1)
                skipSpace()
                switch peek() {
                case 0x2C: pos += 1
                case 0x7D: pos += 1; return
                default: throw error("expected ',' or '}'")
                }
            }
        case 0x5B:
            enteredContainer = true
            pos += 1
            skipSpace()
            if peek() == 0x5D { pos += 1; return }
            while true {
                skipSpace()
                try skipValue(depth: depth + 1)
                skipSpace()
                switch peek() {
                case 0x2C: pos += 1
                case 0x5D: pos += 1; return
                default: throw error("expected ',' or ']'")
                }
            }
        case 0x74: try expectWord("true")
        case 0x66: try expectWord("false")
        case 0x6E: try expectWord("null")
        default: _ = try readNumber()
        }
    }
}
