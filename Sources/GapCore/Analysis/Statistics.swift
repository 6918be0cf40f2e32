/// Small exact estimators used by the figures.
public enum Statistics {
    /// The unbiased pass@k estimator for one prompt: 1 - C(n-c, k) / C(n, k),
    /// computed as a product so large n does not overflow.
    public static func passAtK(n: Int, c: Int, k: Int) -> Double {
        precondition(k >= 1 && k <= n, "pass@k needs 1 <= k <= n")
        if n - c < k { return 1 }
        var ratio = 1.0
        for i in 0..<k {
            ratio *= Double(n - c - i) / Double(n - i)
        }
        return 1 - ratio
    }

    /// The k values of pass@k for a smallest sample count `n`: 1, 2, 4, ... up
    /// to n, and n itself.
    public static func passAtKValues(upTo n: Int) -> [Int] {
        guard n >= 1 else { return [] }
        var ks: [Int] = []
        var k = 1
        while k <= n {
            ks.append(k)
            k *= 2
        }
        if ks.last != n { ks.append(n) }
        return ks
    }

    /// The area under the ROC curve: the probability that a positive's score
    /// is above a negative's, ties counting one half (Mann-Whitney U with
    /// midranks). nil when either class is empty.
    public static func auroc(scores: [Double], positive: [Bool]) -> Double? {
        // NaN has no place in an order: keep the midrank computation's answer.
        if scores.contains(where: \.isNaN) { return aurocByRanks(scores: scores, positive: positive) }
        var positives: [Double] = [], negatives: [Double] = []
        for (score, isPositive) in zip(scores, positive) {
            if isPositive { positives.append(score) } else { negatives.append(score) }
        }
        return auroc(positives: &positives, negatives: &negatives)
    }

    /// The AUROC of two classes' scores (both arrays are sorted in place).
    ///
    /// Counts U directly: each positive beats the negatives below it and ties
    /// with the equal ones, found by walking the two sorted lists together.
    /// Twice U is an integer, so this is exactly the midrank formula's value
    /// (whose half-integer rank sums are exact in a double too), without
    /// sorting indices through a closure.
    static func auroc(positives: inout [Double], negatives: inout [Double]) -> Double? {
        guard !positives.isEmpty, !negatives.isEmpty else { return nil }
        if positives.contains(where: \.isNaN) || negatives.contains(where: \.isNaN) {
            let scores = positives + negatives
            let positive = [Bool](repeating: true, count: positives.count) + [Bool](repeating: false, count: negatives.count)
            return aurocByRanks(scores: scores, positive: positive)
        }
        positives.sort()
        negatives.sort()
        var twiceU = 0
        var below = 0, upTo = 0
        negatives.withUnsafeBufferPointer { neg in
            for s in positives {
                while below < neg.count, neg[below] < s { below += 1 }
                if upTo < below { upTo = below }
                while upTo < neg.count, neg[upTo] <= s { upTo += 1 }
                twiceU += 2 * below + (upTo - below)
            }
        }
        let u = Double(twiceU) / 2
        return u / (Double(positives.count) * Double(negatives.count))
    }

    /// The AUROC by the midrank formula: U = (sum of the positives' ranks) - p(p+1)/2.
    static func aurocByRanks(scores: [Double], positive: [Bool]) -> Double? {
        let n = scores.count
        let positives = positive.lazy.filter { $0 }.count
        let negatives = n - positives
        guard positives > 0, negatives > 0 else { return nil }
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var rankSum = 0.0
        var i = 0
        while i < n {
            var j = i
            while j + 1 < n, scores[order[j + 1]] == scores[order[i]] { j += 1 }
            // Ranks i+1 ... j+1 share their mean.
            let midrank = Double(i + j + 2) / 2
            for t in i...j where positive[order[t]] { rankSum += midrank }
            i = j + 1
        }
        let p = Double(positives)
        let u = rankSum - p * (p + 1) / 2
        return u / (p * Double(negatives))
    }

    /// The q-quantile (0...1) of sorted values, linearly interpolated between
    /// order statistics (the common "type 7" definition).
    public static func quantile(sorted values: [Double], _ q: Double) -> Double {
        precondition(!values.isEmpty)
        let position = q * Double(values.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, values.count - 1)
        let fraction = position - Double(lower)
        return values[lower] + (values[upper] - values[lower]) * fraction
    }

    /// Ordinary least squares y = slope * x + intercept, with R^2. nil slope
    /// when fewer than two distinct x; nil R^2 when y does not vary: no y is
    /// 1e-12 or more from their mean, so values equal but for rounding (the
    /// same fraction summed over other counts) do not make noise an R^2.
    public static func leastSquares(x: [Double], y: [Double]) -> (slope: Double, intercept: Double, r2: Double?)? {
        let n = Double(x.count)
        guard x.count >= 2 else { return nil }
        let mx = x.reduce(0, +) / n
        let my = y.reduce(0, +) / n
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for (xi, yi) in zip(x, y) {
            sxx += (xi - mx) * (xi - mx)
            sxy += (xi - mx) * (yi - my)
            syy += (yi - my) * (yi - my)
        }
        guard sxx > 0 else { return nil }
        let slope = sxy / sxx
        let intercept = my - slope * mx
        // R^2 as the squared correlation, equal to 1 - SSres/SStot for a fit
        // with an intercept, without the residuals' cancellation. A y 1e-12
        // from the mean makes syy positive.
        let varies = y.contains { abs($0 - my) >= 1e-12 }
        return (slope, intercept, varies ? min(1, sxy * sxy / (sxx * syy)) : nil)
    }
}

/// SplitMix64: a small, fast, seedable generator, so bootstrap intervals are
/// the same on every run and machine.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// The generator seeded with `seed` after `count` draws (each draw adds a
    /// constant to the state, so any point of the stream is one step away).
    init(seed: UInt64, skipping count: UInt64) {
        state = seed &+ count &* 0x9E37_79B9_7F4A_7C15
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform index in 0..<n (multiply-shift; the bias is below 2^-40 for n < 2^24).
    @inline(__always)
    public mutating func index(below n: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(n)).high)
    }
}
