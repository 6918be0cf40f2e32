import Testing
@testable import GapCore

@Suite struct ByteStringTableTests {
    /// Interns `s`'s UTF-8 bytes.
    func intern(_ s: String, _ table: inout ByteStringTable) -> Int32 {
        var s = s
        return s.withUTF8 { table.intern(UnsafeRawBufferPointer($0)) }
    }

    func string(_ i: Int32, _ table: ByteStringTable) -> String {
        table.withUTF8(Int(i)) { String(decoding: $0, as: UTF8.self) }
    }

    /// A table sized for the strings it expects holds them without growing,
    /// and finds each as one that grew from the smallest size does.
    @Test func aTableSizedForItsStringsHoldsThemWithoutGrowing() {
        var sized = ByteStringTable(expected: 1000)
        var grown = ByteStringTable()
        let slots = sized.slotCount
        #expect(slots >= 2000)
        #expect(ByteStringTable().slotCount == 64)
        #expect(ByteStringTable(expected: 0).slotCount == 64)
        for i in 0..<1000 {
            #expect(intern("answer \(i)", &sized) == Int32(i))
            #expect(intern("answer \(i)", &grown) == Int32(i))
        }
        #expect(sized.slotCount == slots)
        #expect(grown.slotCount > 64)
        for i in (0..<1000).reversed() { #expect(intern("answer \(i)", &sized) == Int32(i)) }
        #expect(sized.count == 1000)
    }

    @Test(arguments: [0, 0x5EED_1234_ABCD])
    func equalBytesGetTheSameIndexInFirstSeenOrder(seed: UInt64) {
        var table = ByteStringTable(seed: seed)
        // Every length from 0 to 40 (each tail of the hash), strings that differ
        // only in their first, middle or last byte, and enough of them to grow
        // the table many times.
        var strings: [String] = [""]
        for length in 1...40 {
            let base = String(repeating: "a", count: length)
            strings.append(base)
            strings.append("b" + base.dropFirst())
            strings.append(base.dropLast() + "b")
            var middle = Array(base.utf8)
            middle[length / 2] = UInt8(ascii: "c")
            strings.append(String(decoding: middle, as: UTF8.self))
        }
        strings += (0..<5_000).map { "gsm8k/\($0)" }
        var seen: Set<String> = []
        let unique = strings.filter { seen.insert($0).inserted }
        #expect(unique.count < strings.count, "some strings come twice")
        // Interned in order, each string first seen gets the next index; a
        // string seen before, the index it got.
        let first = Dictionary(uniqueKeysWithValues: unique.enumerated().map { ($1, Int32($0)) })
        for s in strings { #expect(intern(s, &table) == first[s], "\(s)") }
        #expect(table.count == unique.count)
        // Again, in reverse: nothing new.
        for (i, s) in unique.enumerated().reversed() { #expect(intern(s, &table) == Int32(i), "\(s)") }
        #expect(table.count == unique.count)
        for (i, s) in unique.enumerated() { #expect(string(Int32(i), table) == s) }
    }

    @Test func aGuessIsTakenOnlyWhenItsEntryHoldsTheBytes() {
        var table = ByteStringTable(seed: 7)
        let ids = (0..<100).map { "p\($0)" }
        for id in ids { _ = intern(id, &table) }
        func lookup(_ s: String, guess: Int32) -> Int32 {
            var s = s
            return s.withUTF8 { table.intern(UnsafeRawBufferPointer($0), guess: guess) }
        }
        #expect(lookup("p41", guess: 41) == 41)
        #expect(lookup("p41", guess: 42) == 41, "a wrong guess falls back to the lookup")
        #expect(lookup("p41", guess: 1_000) == 41, "past the last entry")
        #expect(lookup("p4", guess: 41) == 4, "a prefix of the guessed entry")
        #expect(lookup("p410", guess: 41) == 100, "longer than the guessed entry: new")
        #expect(lookup("p410", guess: 99) == 100)
        #expect(table.count == 101)
    }

    @Test func bytesNotCanonicalEquivalence() {
        var table = ByteStringTable()
        // "é" precomposed and decomposed: equal as Swift Strings, not as bytes.
        let a = intern("\u{E9}", &table)
        let b = intern("e\u{301}", &table)
        #expect(a != b)
        #expect(intern("\u{E9}", &table) == a)
    }

    @Test func invalidUTF8IsReadBackRepaired() {
        var table = ByteStringTable()
        let bytes: [UInt8] = [0x61, 0xFF, 0x62]
        let i = bytes.withUnsafeBytes { table.intern($0) }
        #expect(bytes.withUnsafeBytes { table.intern($0) } == i)
        #expect(string(i, table) == "a\u{FFFD}b")
    }
}
