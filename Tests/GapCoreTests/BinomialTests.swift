import Foundation
import Testing
@testable import GapCore

/// The binomial variates the bootstrap draws its counts from, against the
/// exact binomial law.
@Suite struct BinomialTests {
    /// P(K = k) for K ~ Binomial(n, p).
    static func pmf(_ k: Int, n: Int, p: Double) -> Double {
        let logChoose = lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
        return exp(logChoose + Double(k) * log(p) + Double(n - k) * log1p(-p))
    }

    /// Small and large means, both sides of p = 1/2, both methods (inversion
    /// below n·p = 10, BTRS above) and the edges between them.
    @Test(arguments: [
        (5, 0.3), (40, 0.2), (40, 0.8), (19, 0.5), (21, 0.5), (100, 0.5), (250, 0.04),
        (20_000, 0.0004), (20_000, 0.013), (20_000, 0.61), (1_000, 0.999), (3, 0.99),
    ])
    func variatesFollowTheBinomialLaw(n: Int, p: Double) {
        let draws = 40_000
        var rng = SplitMix64(seed: UInt64(n) &* 31 &+ UInt64(p * 1000))
        var seen = [Int](repeating: 0, count: n + 1)
        var sum = 0.0, sumSquares = 0.0
        for _ in 0..<draws {
            let k = Binomial.draw(n: n, p: p, using: &rng)
            guard k >= 0, k <= n else {
                Issue.record("variate \(k) outside 0...\(n)")
                return
            }
            seen[k] += 1
            sum += Double(k)
            sumSquares += Double(k) * Double(k)
        }
        // Mean and variance, each within 5 standard errors (the variance's
        // from the law's excess kurtosis, large for skewed laws).
        let mean = Double(n) * p, variance = Double(n) * p * (1 - p)
        let excessKurtosis = (1 - 6 * p * (1 - p)) / variance
        let sampleMean = sum / Double(draws)
        let sampleVariance = sumSquares / Double(draws) - sampleMean * sampleMean
        #expect(abs(sampleMean - mean) < 5 * (variance / Double(draws)).squareRoot())
        #expect(abs(sampleVariance - variance) < 5 * variance * ((2 + excessKurtosis) / Double(draws)).squareRoot())

        // Pearson's chi-square over bins of at least 20 expected draws (the
        // tails pooled into their neighbours), against a bound that a
        // correct sampler passes but for odds far below one in a million.
        var bins: [(expected: Double, observed: Int)] = [(0, 0)]
        for k in 0...n {
            if bins[bins.count - 1].expected >= 20 { bins.append((0, 0)) }
            bins[bins.count - 1].expected += Double(draws) * Self.pmf(k, n: n, p: p)
            bins[bins.count - 1].observed += seen[k]
        }
        if bins.count > 1, bins[bins.count - 1].expected < 20 {
            let last = bins.removeLast()
            bins[bins.count - 1].expected += last.expected
            bins[bins.count - 1].observed += last.observed
        }
        let chi2 = bins.reduce(0.0) { $0 + (Double($1.observed) - $1.expected) * (Double($1.observed) - $1.expected) / $1.expected }
        let df = Double(max(bins.count - 1, 1))
        #expect(chi2 < df + 7 * (2 * df).squareRoot() + 10, "chi-square \(chi2) over \(bins.count) bins")
    }

    @Test func edgesAreExact() {
        var rng = SplitMix64(seed: 1)
        for n in [0, 1, 7, 20_000] {
            #expect(Binomial.draw(n: n, p: 0, using: &rng) == 0)
            #expect(Binomial.draw(n: n, p: 1, using: &rng) == n)
        }
        #expect(Binomial.draw(n: 0, p: 0.5, using: &rng) == 0)
    }
}
