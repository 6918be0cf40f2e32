import Foundation

/// The simulator's seeded random number generator: xoshiro256** seeded
/// through SplitMix64.
///
/// Every random choice of the simulator comes from one of these, derived from
/// the run's seed and the choice's place (prompt, round, sample), so a run is
/// the same bytes for the same seed from one build to the next
/// (`SystemRandomNumberGenerator` is not seedable, and the standard library's
/// `random(in:)` algorithms may change between Swift versions). Only `exp`,
/// `log` and `cos` come from the platform's libm, whose last bits may differ
/// between operating systems.
struct SimRNG: RandomNumberGenerator, Sendable {
    private var s0, s1, s2, s3: UInt64

    init(seed: UInt64) {
        var sm = seed
        s0 = SimRNG.splitMix(&sm)
        s1 = SimRNG.splitMix(&sm)
        s2 = SimRNG.splitMix(&sm)
        s3 = SimRNG.splitMix(&sm)
    }

    /// A generator for one place in the run, independent of every other place:
    /// the seed is hashed together with the place's coordinates.
    init(seed: UInt64, _ a: Int, _ b: Int = 0, _ c: Int = 0, _ d: Int = 0) {
        var h = SimRNG.mix(seed ^ 0x243F_6A88_85A3_08D3)
        for part in [a, b, c, d] {
            h = SimRNG.mix(h ^ UInt64(bitPattern: Int64(part)) &+ 0x9E37_79B9_7F4A_7C15)
        }
        self.init(seed: h)
    }

    static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return mix(state)
    }

    static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// Uniform in [0, 1), 53 random bits.
    mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform integer in `range` (a multiply-shift reduction: its tiny bias
    /// does not matter here, and it is the same everywhere).
    mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound + 1)
        return range.lowerBound + Int(next().multipliedFullWidth(by: span).high)
    }

    /// Uniform index in `0..<count`.
    mutating func index(_ count: Int) -> Int {
        int(in: 0...(count - 1))
    }

    mutating func chance(_ p: Double) -> Bool {
        uniform() < p
    }

    /// Standard normal (Box-Muller; one value per call keeps the stream simple).
    mutating func normal() -> Double {
        let u1 = max(uniform(), 0x1.0p-60)
        let u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    mutating func pick<T>(_ items: [T]) -> T {
        items[index(items.count)]
    }

    /// An index drawn with probability proportional to `weights`.
    mutating func weightedIndex(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var x = uniform() * total
        for (i, w) in weights.enumerated() {
            x -= w
            if x < 0 { return i }
        }
        return weights.count - 1
    }
}

/// The logistic function.
@inline(__always)
func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

@inline(__always)
func logit(_ p: Double) -> Double { log(p / (1 - p)) }
