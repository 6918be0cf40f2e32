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
    /// Per entry: its bytes in `arena` and its hash.
    private var starts: [Int32] = []
    private var lengths: [Int32] = []
    private var hashes: [UInt64] = []
    /// Entry index + 1 per slot, 0 when free; a power of two in size.
    private var slots: [Int32]

    private let seed: UInt64

    init(seed: UInt64 = 0) {
        self.seed = seed
        slots = [Int32](repeating: 0, count: 64)
    }

    var count: Int { starts.count }

    /// The index of `bytes`, added when new.
    mutating func intern(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        let hash = Self.hash(bytes, seed: seed)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot]) - 1
            if entry < 0 { break }
            if hashes[entry] == hash, equals(entry, bytes) { return Int32(entry) }
            slot = (slot + 1) & mask
        }
        let index = Int32(starts.count)
        starts.append(Int32(arena.count))
        lengths.append(Int32(bytes.count))
        hashes.append(hash)
        arena.append(contentsOf: bytes)
        slots[slot] = index + 1
        if starts.count * 2 > slots.count { grow() }
        return index
    }

    /// Calls `body` with entry `i` as UTF-8: its bytes when they are UTF-8
    /// already (nearly always), else as `String(decoding:as:)` repairs them
    /// (invalid bytes become U+FFFD), without making a `String` for the
    /// usual case.
    func withUTF8<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let start = Int(starts[i])
        return arena.withUnsafeBytes { arena in
            let bytes = UnsafeRawBufferPointer(rebasing: arena[start..<start + Int(lengths[i])])
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
        let length = Int(lengths[entry])
        guard length == bytes.count else { return false }
        let start = Int(starts[entry])
        return arena.withUnsafeBufferPointer { arena in
            for i in 0..<length where arena[start + i] != bytes[i] { return false }
            return true
        }
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        for entry in 0..<starts.count {
            var slot = Int(truncatingIfNeeded: hashes[entry]) & mask
            while bigger[slot] != 0 { slot = (slot + 1) & mask }
            bigger[slot] = Int32(entry) + 1
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
        if i < n {
            var w: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                w |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) &<< shift
                shift &+= 8
                i &+= 1
            }
            h = (h ^ w) &* 0x94D0_49BB_1331_11EB
            h ^= h &>> 31
        }
        return h &* 0xBF58_476D_1CE4_E5B9 ^ (h &>> 32)
    }
}
