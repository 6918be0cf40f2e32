#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Interns byte strings: equal bytes get the same index, in first-seen order.
///
/// The batch parser keeps one per batch for the prompt ids and answers of its
/// sample lines, so a batch of thousands of samples carries each distinct
/// string once; `RunData` keeps one for all prompt ids and one for all
/// answers, which `apply` looks each batch's strings up in. Strings are
/// compared byte for byte, as the format compares ids and answers (Swift's
/// `String ==` would merge canonically equivalent ones). Open addressing over
/// a byte arena, with a fast multiplicative hash; a table that lives long and
/// takes strings from a file gets a random `seed`, so no file can be made to
/// collide on purpose.
struct ByteStringTable: Sendable {
    private var arena: [UInt8] = []
    /// Where each entry starts in `arena`, and after the last one the
    /// arena's end: entry `i` is `starts[i] ..< starts[i + 1]`.
    private var starts: [Int] = [0]
    /// Per slot, 0 when free, else the entry's tag (the high 32 bits of its
    /// hash) and its index + 1 (low 32): a lookup compares tags in the slot
    /// and goes to an entry and its bytes only when they match. A power of
    /// two in size.
    private var slots: [UInt64]

    private let seed: UInt64

    /// A table with room for about `expected` strings before it grows.
    init(seed: UInt64 = 0, expected: Int = 32) {
        self.seed = seed
        var size = 64
        while size < 2 * expected { size *= 2 }
        slots = [UInt64](repeating: 0, count: size)
    }

    var count: Int { starts.count - 1 }

    /// Slots in the table (a power of two; for tests).
    var slotCount: Int { slots.count }

    private static let tagMask: UInt64 = 0xFFFF_FFFF_0000_0000

    /// The index of `bytes`, added when new. When entry `guess` holds
    /// `bytes`, as it often does where strings come back in the order they
    /// were first seen, it is found without hashing: entries are distinct,
    /// so it is the one.
    mutating func intern(_ bytes: UnsafeRawBufferPointer, guess: Int32 = -1) -> Int32 {
        if guess >= 0, Int(guess) < count, equals(Int(guess), bytes) { return guess }
        let hash = Self.hash(bytes, seed: seed)
        let tag = hash & Self.tagMask
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let s = slots[slot]
            if s == 0 { break }
            if s & Self.tagMask == tag {
                let entry = Int(truncatingIfNeeded: s & 0xFFFF_FFFF) - 1
                if equals(entry, bytes) { return Int32(entry) }
            }
            slot = (slot + 1) & mask
        }
        let index = count
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        slots[slot] = tag | UInt64(index + 1)
        if count * 2 > slots.count { grow() }
        return Int32(index)
    }

    /// Entry `i`'s place in `arena`.
    @inline(__always)
    private func range(_ i: Int) -> Range<Int> {
        starts[i] ..< starts[i + 1]
    }

    /// Calls `body` with entry `i` as UTF-8: its bytes when they are UTF-8
    /// already (nearly always), else as `String(decoding:as:)` repairs them
    /// (invalid bytes become U+FFFD), without making a `String` for the
    /// usual case.
    func withUTF8<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let range = range(i)
        return arena.withUnsafeBytes { arena in
            let bytes = UnsafeRawBufferPointer(rebasing: arena[range])
            if Self.isASCII(bytes) { return body(bytes) }
            var string = String(decoding: bytes, as: UTF8.self)
            return string.withUTF8 { body(UnsafeRawBufferPointer($0)) }
        }
    }

    /// Whether every byte is below 0x80, 8 bytes a step.
    private static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var i = 0
        var high: UInt64 = 0
        while i + 8 <= bytes.count {
            high |= base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < bytes.count {
            high |= UInt64(base.load(fromByteOffset: i, as: UInt8.self))
            i += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }

    private func equals(_ entry: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let range = range(entry)
        guard range.count == bytes.count else { return false }
        guard let other = bytes.baseAddress else { return true }
        return arena.withUnsafeBytes { memcmp($0.baseAddress! + range.lowerBound, other, range.count) == 0 }
    }

    private mutating func grow() {
        var bigger = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        arena.withUnsafeBytes { arena in
            for index in 0..<count {
                let hash = Self.hash(UnsafeRawBufferPointer(rebasing: arena[range(index)]), seed: seed)
                var slot = Int(truncatingIfNeeded: hash) & mask
                while bigger[slot] != 0 { slot = (slot + 1) & mask }
                bigger[slot] = hash & Self.tagMask | UInt64(index + 1)
            }
        }
        slots = bigger
    }

    /// A fast 64-bit hash of short byte strings (ids, answers): 8 bytes a step,
    /// multiply and fold.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        var h: UInt64 = (0x9E37_79B9_7F4A_7C15 ^ seed) &+ UInt64(bytes.count) &* 0xBF58_476D_1CE4_E5B9
        guard let base = bytes.baseAddress else { return h }
        var i = 0
        let n = bytes.count
        while i &+ 8 <= n {
            let w = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
            h ^= h &>> 29
            i &+= 8
        }
        let rest = n &- i
        if rest > 0 {
            // The last 1-7 bytes in at most two loads (which may overlap:
            // the length, hashed first, tells the strings apart).
            let w: UInt64
            if rest >= 4 {
                let low = UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt32.self)))
                let high = UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)))
                w = low | high &<< 32
            } else {
                w = UInt64(base.load(fromByteOffset: i, as: UInt8.self))
                    | UInt64(base.load(fromByteOffset: i &+ rest &>> 1, as: UInt8.self)) &<< 8
                    | UInt64(base.load(fromByteOffset: n &- 1, as: UInt8.self)) &<< 16
            }
            h = (h ^ w) &* 0x94D0_49BB_1331_11EB
            h ^= h &>> 31
        }
        return h &* 0xBF58_476D_1CE4_E5B9 ^ (h &>> 32)
    }
}
