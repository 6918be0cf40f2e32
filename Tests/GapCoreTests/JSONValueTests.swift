import Testing
@testable import GapCore

@Suite struct JSONValueTests {
    @Test func roundTripsKeysInOrder() throws {
        let text = #"{"b":1,"a":[true,null,"x\n\u00e9\ud83d\ude00"],"c":-0.25,"d":1e3}"#
        let value = try JSONValue.parse(text)
        #expect(value["a"] == .array([.bool(true), .null, .string("x\né😀")]))
        #expect(value["c"] == .number(-0.25))
        #expect(value["d"] == .number(1000))
        #expect(value["b"] == .int(1))
        #expect(value.encoded() == #"{"b":1,"a":[true,null,"x\né😀"],"c":-0.25,"d":1000}"#)
    }

    @Test func rejectsBrokenJSON() {
        for bad in ["{", #"{"a":}"#, "[1,]", "01", "1.", "-", #""a\x""#, "tru", "{} x", "\"a\u{01}\"", "NaN"] {
            #expect(throws: JSONParseError.self, "\(bad)") { _ = try JSONValue.parse(bad) }
        }
    }

    @Test func nonFiniteTokensOnRequest() throws {
        let value = try JSONValue.parse("[NaN,Infinity,-Infinity]", allowNonFinite: true)
        guard case let .array(items) = value, items.count == 3 else { Issue.record("not an array"); return }
        #expect(items[0].doubleValue?.isNaN == true)
        #expect(items[1].doubleValue == .infinity)
        #expect(items[2].doubleValue == -.infinity)
    }

    @Test func invalidUTF8BecomesReplacementCharacter() throws {
        let bytes: [UInt8] = Array("\"a".utf8) + [0xFF] + Array("b\"".utf8)
        #expect(try JSONValue.parse(bytes) == .string("a\u{FFFD}b"))
    }

    @Test func numbersKeepIntegerness() throws {
        #expect(try JSONValue.parse("3") == .int(3))
        #expect(try JSONValue.parse("3.0").intValue == nil)
        #expect(try JSONValue.parse("0.1") == .number(0.1))
        #expect(try JSONValue.parse("123456789012345678901234").intValue == nil)
    }
}
