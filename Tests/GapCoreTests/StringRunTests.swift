import CGapScan
import Testing
@testable import GapCore

/// The string-contents kernel, in each of its instruction sets, against the
/// byte-by-byte reading its header describes.
@Suite struct StringRunTests {
    /// Where a byte-by-byte reading stops, and whether it passed a simple escape.
    static func reference(_ bytes: [UInt8], from: Int) -> (stop: Int, escaped: Bool) {
        var i = from
        var escaped = false
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x22 || b < 0x20 { return (i, escaped) }
            if b == 0x5C {
                guard i + 1 < bytes.count, Array(#""\/bfnrt"#.utf8).contains(bytes[i + 1]) else { return (i, escaped) }
                escaped = true
                i += 2
                continue
            }
            i += 1
        }
        return (bytes.count, escaped)
    }

    static func run(_ instructions: Int32, _ bytes: [UInt8], from: Int) -> (stop: Int, escaped: Bool) {
        var escaped: Int32 = 0
        let stop = bytes.withUnsafeBufferPointer {
            gapscan_string_run_using(instructions, $0.baseAddress, from, $0.count, &escaped)
        }
        return (stop, escaped != 0)
    }

    /// Texts dense in what the kernel decides on: quotes, backslashes before
    /// every kind of byte, control bytes, UTF-8, at every offset of a 64-byte block.
    @Test(arguments: [Int32(0), 1])
    func everyVariantStopsWhereTheByteLoopDoes(instructions: Int32) {
        var rng = SplitMix64(seed: 0x5EED + UInt64(instructions))
        let alphabet: [[UInt8]] = [
            Array("a".utf8), Array("plain text ".utf8), Array("é".utf8), [0xFF], [0x22], [0x5C], [0x5C, 0x5C],
            [0x5C, 0x22], [0x5C, 0x6E], [0x5C, 0x75], [0x5C, 0x78], [0x5C, 0x2F], [0x0A], [0x1F], [0x20], [0x7F],
        ]
        for round in 0..<4000 {
            let dense = round % 2 == 0
            var bytes: [UInt8] = []
            let length = rng.index(below: 300)
            while bytes.count < length {
                if dense || rng.index(below: 20) == 0 {
                    bytes += alphabet[rng.index(below: alphabet.count)]
                } else {
                    bytes += Array(repeating: 0x61, count: 1 + rng.index(below: 90))
                }
            }
            let from = bytes.isEmpty ? 0 : rng.index(below: bytes.count + 1)
            let expected = Self.reference(bytes, from: from)
            let got = Self.run(instructions, bytes, from: from)
            #expect(got.stop == expected.stop && got.escaped == expected.escaped,
                    "bytes \(bytes) from \(from): \(got) instead of \(expected)")
        }
    }

    /// An escape whose two bytes straddle a block boundary, at each offset.
    @Test(arguments: [Int32(0), 1])
    func escapesAcrossBlockBoundaries(instructions: Int32) {
        for offset in 0..<130 {
            for escape in [[0x5C, 0x22], [0x5C, 0x5C], [0x5C, 0x75], [0x5C, 0x0A]] as [[UInt8]] {
                var bytes = [UInt8](repeating: 0x62, count: offset) + escape + Array("tail".utf8)
                bytes += [0x22] + Array(repeating: 0x63, count: offset % 7)
                let expected = Self.reference(bytes, from: 0)
                #expect(Self.run(instructions, bytes, from: 0) == expected, "escape \(escape) at \(offset)")
            }
        }
    }

    @Test func anEmptyRangeStopsAtItsEnd() {
        let bytes: [UInt8] = Array("abc".utf8)
        #expect(Self.run(0, bytes, from: 3) == (3, false))
        #expect(Self.run(1, bytes, from: 3) == (3, false))
    }
}
