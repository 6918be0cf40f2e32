import Testing
@testable import GapCore

@Suite struct JSONValueTests {
    /// Short decimals are read as digits over an exact power of ten, for
    /// every count of fraction digits the shortcut takes: the same Double
    /// as the correctly rounded reading of the text.
    @Test func shortDecimalsReadAsTheirCorrectlyRoundedDouble() {
        for fractionDigits in 0...22 {
            for digits in ["1", "7", "25", "999999999999999", "123456789012345", "3"] {
                let whole = String(repeating: "0", count: max(0, fractionDigits + 1 - digits.count)) + digits
                var text = whole
                if fractionDigits > 0 { text.insert(".", at: text.index(text.endIndex, offsetBy: -fractionDigits)) }
                for candidate in [text, "-" + text] {
                    let bytes = Array(candidate.utf8)
                    let value = bytes.withUnsafeBytes { JSONLexer.parseDouble($0, 0..<bytes.count) }
                    #expect(value == Double(candidate)!, "\(candidate)")
                }
            }
        }
    }

    /// The one-pass reading of short numbers, where it answers, reads what
    /// `readNumber` does (same value to the bit, same end) and leaves every
    /// other text to it, cursor unmoved: numbers of every short form, at and
    /// past its 15 digits, with signs, exponents, leading zeros, no digits
    /// after the point, and followed by what may follow a value.
    @Test func shortNumbersReadAsTheGrammarReadsThem() {
        var rng = SplitMix64(seed: 7)
        func digits(_ n: Int) -> String { String((0..<n).map { _ in Character(String(rng.index(below: 10))) }) }
        var texts = ["0", "1", "0.8", "0.0", "00", "01", "0x", "1.", "1.e5", "-1", "-0.5", "1e3", "1E3", "0.5e-1",
                     "123456789012345", "1234567890123456", "12345678901234.5", "1234567890123.45", "0.00000000000001",
                     "0.000000000000001", "9.99999999999999", "999999999999999.9", "42abc", ".5", "+1", "", "x"]
        for _ in 0..<3000 {
            let whole = rng.index(below: 4) == 0 ? "0" : String(1 + rng.index(below: 9)) + digits(rng.index(below: 18))
            var text = whole
            if rng.index(below: 2) == 0 { text += "." + digits(rng.index(below: 18)) }
            if rng.index(below: 8) == 0 { text = "-" + text }
            if rng.index(below: 8) == 0 { text += ["e1", "E-2", "e+30"][rng.index(below: 3)] }
            texts.append(text)
        }
        var short = 0
        for text in texts {
            for after in ["", ",", "}", "]", " ", "\n", "5", ".", "e", "\""] {
                let bytes = Array((text + after).utf8)
                bytes.withUnsafeBytes { raw in
                    var fast = JSONLexer(bytes: raw)
                    var general = JSONLexer(bytes: raw)
                    let expected = Result { () throws(JSONParseError) in try general.readNumber() }
                    guard let value = fast.readShortNumber() else {
                        #expect(fast.pos == 0, "\(text + after)")
                        return
                    }
                    short += 1
                    #expect(fast.pos == general.pos, "\(text + after)")
                    switch (value, expected) {
                    case let (.integer(a), .success(.integer(b))): #expect(a == b, "\(text + after)")
                    case let (.real(a), .success(.real(b))): #expect(a.bitPattern == b.bitPattern, "\(text + after)")
                    default: Issue.record("\(text + after): \(value) against \(expected)")
                    }
                }
            }
        }
        #expect(short > 5000)
    }

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

    /// Literals compared as one word, at every distance from the end of the
    /// text (a line's last `true}` is read from the text's last 8 bytes),
    /// against the byte-by-byte reading.
    @Test func literalsAsWordsAtEveryDistanceFromTheEnd() {
        let literals: [(StaticString, UInt64)] = [("true", 0x6575_7274), ("false", 0x65_736C_6166), ("null", 0x6C6C_756E)]
        let texts = ["true", "false", "null", "tru", "fals", "nul", "trux", "trUe", "nulL", "falsE", "x", ""]
        for (literal, word) in literals {
            // Before the cursor, the literal itself: a word read from the
            // wrong place would match it.
            let filler = Array(String(repeating: "\(literal)", count: 3).utf8)
            for text in texts {
                for before in 0..<10 {
                    for after in ["", "}", "}}", "},\"k\":1}", "        "] {
                        let bytes = Array(filler[..<before]) + Array(text.utf8) + Array(after.utf8)
                        bytes.withUnsafeBytes { buffer in
                            var fast = JSONLexer(bytes: buffer), slow = JSONLexer(bytes: buffer)
                            fast.pos = before
                            slow.pos = before
                            let fastRead = (try? fast.expectWord(literal, asWord: word)) != nil
                            let slowRead = (try? slow.expectWord(literal)) != nil
                            #expect(fastRead == slowRead, "\(literal) in \(String(decoding: bytes, as: UTF8.self))")
                            if fastRead { #expect(fast.pos == slow.pos) }
                        }
                    }
                }
            }
        }
    }

    @Test func numbersKeepIntegerness() throws {
        #expect(try JSONValue.parse("3") == .int(3))
        #expect(try JSONValue.parse("3.0").intValue == nil)
        #expect(try JSONValue.parse("0.1") == .number(0.1))
        #expect(try JSONValue.parse("123456789012345678901234").intValue == nil)
    }
}
