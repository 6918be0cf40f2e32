/// A growing byte buffer that JSON records are written into as text.
///
/// The bulk records (samples, verifications) are written here directly rather
/// than through `JSONValue`, because the benchmark log holds over a million of
/// them and building a tree per record would dominate the run time. String
/// escaping matches `JSONValue.writeString`, so both paths write the same text.
struct JSONLineBuffer {
    var bytes: [UInt8] = []

    init(capacity: Int = 1 << 16) {
        bytes.reserveCapacity(capacity)
    }

    var count: Int { bytes.count }
    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    @inline(__always)
    mutating func raw(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    mutating func raw(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func raw(bytes other: [UInt8]) {
        bytes.append(contentsOf: other)
    }

    /// The first `count` bytes of `other`, fewer if that would split a UTF-8 sequence.
    mutating func rawPrefix(of other: [UInt8], count: Int) {
        var end = min(count, other.count)
        while end > 0, end < other.count, other[end] & 0xC0 == 0x80 { end -= 1 }
        bytes.append(contentsOf: other[..<end])
    }

    @inline(__always)
    mutating func byte(_ b: UInt8) {
        bytes.append(b)
    }

    /// A decimal integer.
    mutating func int(_ value: Int) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            // Int.min has no positive counterpart; it never occurs here, but stay correct.
            if value == Int.min { raw("9223372036854775808"); return }
            int(-value)
            return
        }
        if value < 10 { bytes.append(UInt8(48 + value)); return }
        var digits = 1
        var rest = value / 10
        while rest > 0 { digits += 1; rest /= 10 }
        let end = bytes.count + digits
        bytes.append(contentsOf: repeatElement(0, count: digits))
        bytes.withUnsafeMutableBufferPointer { buf in
            var n = value
            for i in stride(from: end - 1, through: end - digits, by: -1) {
                buf[i] = UInt8(48 + n % 10)
                n /= 10
            }
        }
    }

    /// A JSON number, written as `JSONValue.format` writes it.
    mutating func number(_ value: Double) {
        if value == value.rounded(), abs(value) < 1e15 {
            int(Int(value))
        } else {
            raw(JSONValue.format(value))
        }
    }

    /// A JSON string literal with the text of `s`.
    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { escaped($0) }
    }

    /// A JSON string literal of UTF-8 bytes. Bytes that are not valid UTF-8
    /// pass through unchanged (a reader turns them into U+FFFD); the simulator
    /// writes such a line on purpose in its malformed-lines run.
    mutating func string(bytes text: [UInt8]) {
        text.withUnsafeBufferPointer { escaped($0) }
    }

    private mutating func escaped(_ text: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var start = 0
        var i = 0
        let n = text.count
        while i < n {
            let b = text[i]
            let escape: StaticString?
            var advance = 1
            switch b {
            case UInt8(ascii: "\""): escape = "\\\""
            case UInt8(ascii: "\\"): escape = "\\\\"
            case 0x0A: escape = "\\n"
            case 0x0D: escape = "\\r"
            case 0x09: escape = "\\t"
            case 0x00..<0x20, 0x7F: escape = nil
            case 0xE2 where i + 2 < n && text[i + 1] == 0x80 && (text[i + 2] == 0xA8 || text[i + 2] == 0xA9):
                // U+2028 and U+2029 are valid JSON but end lines in JavaScript; JSONValue escapes them too.
                escape = text[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                advance = 3
            default:
                i += 1
                continue
            }
            if start < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<i])) }
            if let escape {
                raw(escape)
            } else {
                raw("\\u00")
                bytes.append(JSONLineBuffer.hexDigit(b >> 4))
                bytes.append(JSONLineBuffer.hexDigit(b & 0xF))
            }
            i += advance
            start = i
        }
        if start < n { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<n])) }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ v: UInt8) -> UInt8 {
        v < 10 ? 48 + v : 87 + v
    }

    /// A whole small record, through `JSONValue`, and its line end.
    mutating func line(_ value: JSONValue) {
        raw(value.encoded())
        bytes.append(0x0A)
    }
}
