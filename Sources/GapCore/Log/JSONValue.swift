/// A JSON document as a value, with object keys kept in their written order.
///
/// Used where a whole document is small: writing records (simulator,
/// importers), the `summary --json` output, run headers, and reading foreign
/// formats. The run log's sample records take the byte-level path in
/// `RecordScanner` instead, which never builds one of these.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number written without fraction or exponent that fits in `Int`.
    case int(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.number(a), .number(b)): return a == b || (a.isNaN && b.isNaN)
        case let (.int(a), .number(b)), let (.number(b), .int(a)): return Double(a) == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The value of `key` in an object (the last one when a key repeats), else nil.
    public subscript(key: String) -> JSONValue? {
        guard case let .object(members) = self else { return nil }
        return members.last(where: { $0.0 == key })?.1
    }

    public var stringValue: String? {
        if case let .string(s) = self { return s }
        return nil
    }

    /// Numbers, integer or not; booleans are not numbers.
    public var doubleValue: Double? {
        switch self {
        case let .int(i): return Double(i)
        case let .number(d): return d
        default: return nil
        }
    }

    public var intValue: Int? {
        if case let .int(i) = self { return i }
        return nil
    }

    public var boolValue: Bool? {
        if case let .bool(b) = self { return b }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case let .array(a) = self { return a }
        return nil
    }

    public var objectValue: [(String, JSONValue)]? {
        if case let .object(o) = self { return o }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

// MARK: - Writing

extension JSONValue {
    /// Compact JSON text. Non-finite numbers, which JSON cannot hold, are written as `null`.
    public func encoded() -> String {
        var out = ""
        out.reserveCapacity(64)
        write(to: &out)
        return out
    }

    /// Indented JSON text, two spaces per level.
    public func prettyEncoded() -> String {
        var out = ""
        writePretty(to: &out, indent: 0)
        return out
    }

    public func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .int(i): out += String(i)
        case let .number(d): out += JSONValue.format(d)
        case let .string(s): JSONValue.writeString(s, to: &out)
        case let .array(items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case let .object(members):
            out += "{"
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out += "," }
                JSONValue.writeString(key, to: &out)
                out += ":"
                value.write(to: &out)
            }
            out += "}"
        }
    }

    private func writePretty(to out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1)
        let closePad = String(repeating: "  ", count: indent)
        switch self {
        case let .array(items) where !items.isEmpty:
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += pad
                item.writePretty(to: &out, indent: indent + 1)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += closePad + "]"
        case let .object(members) where !members.isEmpty:
            out += "{\n"
            for (i, (key, value)) in members.enumerated() {
                out += pad
                JSONValue.writeString(key, to: &out)
                out += ": "
                value.writePretty(to: &out, indent: indent + 1)
                out += i + 1 < members.count ? ",\n" : "\n"
            }
            out += closePad + "}"
        default:
            write(to: &out)
        }
    }

    /// The shortest text that reads back as the same Double; integral values
    /// print without a fraction (`2`, not `2.0`).
    public static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    public static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

// MARK: - Reading

/// Why a JSON text could not be read, with the byte offset where reading stopped.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var offset: Int
    public var description: String { "\(message) at byte \(offset + 1)" }
}

extension JSONValue {
    /// Reads one JSON document (RFC 8259). With `allowNonFinite`, the bare
    /// tokens `NaN`, `Infinity` and `-Infinity` that Python's `json` module
    /// writes are read as numbers (some evaluation tools emit them).
    public static func parse(_ text: String, allowNonFinite: Bool = false) throws(JSONParseError) -> JSONValue {
        var copy = text
        return try copy.withUTF8 { buffer in
            Result { () throws(JSONParseError) in
                try parse(UnsafeRawBufferPointer(buffer), allowNonFinite: allowNonFinite)
            }
        }.get()
    }

    public static func parse(_ bytes: [UInt8], allowNonFinite: Bool = false) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONParseError) in try parse(buffer, allowNonFinite: allowNonFinite) }
        }.get()
    }

    public static func parse(_ bytes: UnsafeRawBufferPointer, allowNonFinite: Bool = false) throws(JSONParseError) -> JSONValue {
        var parser = JSONTreeParser(bytes: bytes, allowNonFinite: allowNonFinite)
        parser.skipSpace()
        let value = try parser.parseValue(depth: 0)
        parser.skipSpace()
        if parser.pos < bytes.count { throw parser.error("unexpected text after the JSON value") }
        return value
    }
}

/// Recursive-descent reader behind `JSONValue.parse`; shares the scalar
/// grammar (strings, numbers) with `JSONLexer`.
struct JSONTreeParser {
    var lexer: JSONLexer
    let allowNonFinite: Bool
    static let maxDepth = 512

    init(bytes: UnsafeRawBufferPointer, allowNonFinite: Bool) {
        lexer = JSONLexer(bytes: bytes)
        self.allowNonFinite = allowNonFinite
    }

    var pos: Int { lexer.pos }
    mutating func skipSpace() { lexer.skipSpace() }
    func error(_ message: String) -> JSONParseError { lexer.error(message) }

    mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth < Self.maxDepth else { throw error("nesting too deep") }
        guard let byte = lexer.peek() else { throw error("unexpected end of text") }
        switch byte {
        case UInt8(ascii: "{"):
            lexer.pos += 1
            var members: [(String, JSONValue)] = []
            lexer.skipSpace()
            if lexer.peek() == UInt8(ascii: "}") { lexer.pos += 1; return .object(members) }
            while true {
                lexer.skipSpace()
                guard lexer.peek() == UInt8(ascii: "\"") else { throw error("expected a string key") }
                let key = try lexer.readString()
                lexer.skipSpace()
                guard lexer.peek() == UInt8(ascii: ":") else { throw error("expected ':'") }
                lexer.pos += 1
                lexer.skipSpace()
                let value = try parseValue(depth: depth + 1)
                members.append((key, value))
                lexer.skipSpace()
                switch lexer.peek() {
                case UInt8(ascii: ","): lexer.pos += 1
                case UInt8(ascii: "}"): lexer.pos += 1; return .object(members)
                default: throw error("expected ',' or '}'")
                }
            }
        case UInt8(ascii: "["):
            lexer.pos += 1
            var items: [JSONValue] = []
            lexer.skipSpace()
            if lexer.peek() == UInt8(ascii: "]") { lexer.pos += 1; return .array(items) }
            while true {
                lexer.skipSpace()
                items.append(try parseValue(depth: depth + 1))
                lexer.skipSpace()
                switch lexer.peek() {
                case UInt8(ascii: ","): lexer.pos += 1
                case UInt8(ascii: "]"): lexer.pos += 1; return .array(items)
                default: throw error("expected ',' or ']'")
                }
            }
        case UInt8(ascii: "\""):
            return .string(try lexer.readString())
        case UInt8(ascii: "t"):
            try lexer.expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"):
            try lexer.expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"):
            try lexer.expectWord("null"); return .null
        case UInt8(ascii: "N") where allowNonFinite:
            try lexer.expectWord("NaN"); return .number(.nan)
        case UInt8(ascii: "I") where allowNonFinite:
            try lexer.expectWord("Infinity"); return .number(.infinity)
        case UInt8(ascii: "-") where allowNonFinite && lexer.peek(1) == UInt8(ascii: "I"):
            lexer.pos += 1
            try lexer.expectWord("Infinity"); return .number(-.infinity)
        default:
            switch try lexer.readNumber() {
            case let .integer(i): return .int(i)
            case let .real(d): return .number(d)
            }
        }
    }
}
