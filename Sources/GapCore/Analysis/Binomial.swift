#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Binomial variates, for the bootstrap's multinomial counts.
///
/// Small means (n·p below 10) are drawn by inversion, walking the
/// probabilities from 0 up; larger ones use Hörmann's transformed rejection
/// with squeeze (BTRS, "The generation of binomial random variates", 1993),
/// whose cost does not grow with n: about 1.2 pairs of uniforms a variate,
/// and most accepted without a logarithm.
enum Binomial {
    /// A variate of Binomial(n, p).
    static func draw(n: Int, p: Double, using rng: inout SplitMix64) -> Int {
        guard n > 0, p > 0 else { return 0 }
        guard p < 1 else { return n }
        let q = min(p, 1 - p)
        let count = Double(n)
        let k = count * q < 10 ? inversion(count, q, &rng) : btrs(count, q, &rng)
        return p <= 0.5 ? k : n - k
    }

    /// A uniform double in (0, 1): never 0, so its logarithm is finite.
    @inline(__always)
    static func uniform(_ rng: inout SplitMix64) -> Double {
        (Double(rng.next() >> 11) + 0.5) * 0x1p-53
    }

    /// Inversion for p <= 0.5 and n·p < 10 (Kachitvichyanukul and Schmeiser's
    /// BINV): one uniform, walked down the probabilities P(0) = q^n, P(k) =
    /// P(k-1)·((n+1)·s/k - s), s = p/q, until it falls in one; about n·p
    /// steps of a multiply and a divide, and one logarithm and one exponential
    /// a variate. Where rounding leaves the uniform above the sum of the
    /// steps walked (beyond k = 110, a mass below 1e-60 at these means), it
    /// draws again.
    private static func inversion(_ n: Double, _ p: Double, _ rng: inout SplitMix64) -> Int {
        let s = p / (1 - p)
        let a = (n + 1) * s
        let first = exp(n * log1p(-p))
        while true {
            var u = uniform(&rng)
            var r = first
            var k = 0.0
            while u > r, k < 110 {
                u -= r
                k += 1
                r *= a / k - s
            }
            if u <= r, k <= n { return Int(k) }
        }
    }

    /// BTRS for p <= 0.5 and n·p >= 10.
    private static func btrs(_ n: Double, _ p: Double, _ rng: inout SplitMix64) -> Int {
        let spq = (n * p * (1 - p)).squareRoot()
        let b = 1.15 + 2.53 * spq
        let a = -0.0873 + 0.0248 * b + 0.01 * p
        let c = n * p + 0.5
        let vR = 0.92 - 4.2 / b
        let r = p / (1 - p)
        let alpha = (2.83 + 5.1 / b) * spq
        let m = ((n + 1) * p).rounded(.down)
        while true {
            let u = uniform(&rng) - 0.5
            var v = uniform(&rng)
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + c).rounded(.down)
            // Outside 0...n the target has no mass: reject before anything else.
            guard k >= 0, k <= n else { continue }
            // Inside the box where the hat is tight: accept at once.
            if us >= 0.07, v <= vR { return Int(k) }
            v = log(v * alpha / (a / (us * us) + b))
            let bound = (m + 0.5) * log((m + 1) / (r * (n - m + 1)))
                + (n + 1) * log((n - m + 1) / (n - k + 1))
                + (k + 0.5) * log(r * (n - k + 1) / (k + 1))
                + stirlingTail(m) + stirlingTail(n - m) - stirlingTail(k) - stirlingTail(n - k)
            if v <= bound { return Int(k) }
        }
    }

    /// log(k!) minus Stirling's approximation of it: exact values to 9, the series after.
    private static func stirlingTail(_ k: Double) -> Double {
        if k <= 9 {
            switch Int(k) {
            case 0: return 0.0810614667953272
            case 1: return 0.0413406959554092
            case 2: return 0.0276779256849983
            case 3: return 0.02079067210376509
            case 4: return 0.0166446911898211
            case 5: return 0.0138761288230707
            case 6: return 0.0118967099458917
            case 7: return 0.0104112652619720
            case 8: return 0.00925546218271273
            default: return 0.00833056343336287
            }
        }
        let k1 = (k + 1) * (k + 1)
        return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / k1) / k1) / (k + 1)
    }
}
