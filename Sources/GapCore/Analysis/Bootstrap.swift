/// 95% percentile bootstrap over prompts.
///
/// A resample draws whole prompts with replacement; since every figure with a
/// CI is a mean of per-prompt values, a resample needs only the per-prompt
/// aggregates (a_x, a'_x), not the samples.
///
/// The loop is a billion-draw affair on a big log, so its layout matters
/// while its arithmetic must not change (the intervals are the same to the
/// bit as one generator drawing one resample after another):
/// - prompts sharing (a_x, a'_x) share one entry of a small table of terms,
///   and each prompt is a 2-byte code into it (binary utility with n samples
///   gives at most a few hundred pairs), so a random draw reads a few hot
///   cache lines instead of missing the cache once the prompts outgrow it;
/// - two resamples run side by side from jumped-ahead SplitMix64 streams:
///   independent chains of additions, each in the order of its own draws.
enum Bootstrap {
    static func intervals(
        a: [Double], aKept: [Double], resamples: Int, seed: UInt64, relativeGapDefined: Bool
    ) -> ConfidenceIntervals {
        let p = a.count
        guard p > 0, resamples > 0 else { return ConfidenceIntervals() }
        // The distinct per-prompt terms: a_x, a'_x, the relative gap term and
        // 1 where it is defined (a_x < 1). Where it is not, the term is +0.0:
        // adding it to a running sum that is never -0.0 leaves the sum bit for
        // bit as skipping it would, and the loop stays free of a branch on a
        // random index. Counts are summed as doubles, exact far beyond any
        // prompt count. Pairs are told apart by their bits.
        var terms: [PromptTerms] = []
        var codeOf: [PairKey: UInt32] = [:]
        var codes = [UInt32](repeating: 0, count: p)
        for i in 0..<p {
            let key = PairKey(a: a[i].bitPattern, aKept: aKept[i].bitPattern)
            if let code = codeOf[key] {
                codes[i] = code
                continue
            }
            var t = PromptTerms(a: a[i], aKept: aKept[i])
            if a[i] < 1 {
                t.rel = (aKept[i] - a[i]) / (1 - a[i])
                t.hasRel = 1
            }
            codes[i] = UInt32(terms.count)
            codeOf[key] = codes[i]
            terms.append(t)
        }
        var sums = Sums(count: resamples)
        terms.withUnsafeBufferPointer { terms in
            if terms.count <= Int(UInt16.max) + 1 {
                let narrow = codes.map { UInt16(truncatingIfNeeded: $0) }
                narrow.withUnsafeBufferPointer { draw(codes: $0, terms: terms, seed: seed, into: &sums) }
            } else {
                codes.withUnsafeBufferPointer { draw(codes: $0, terms: terms, seed: seed, into: &sums) }
            }
        }
        let pd = Double(p)
        var utility = sums.a.map { $0 / pd }
        var filtered = sums.aKept.map { $0 / pd }
        var gap = zip(sums.aKept, sums.a).map { ($0 - $1) / pd }
        // A resample with no prompt below full accuracy has no relative gap.
        var relative: [Double] = []
        relative.reserveCapacity(resamples)
        for i in 0..<resamples where sums.relCount[i] > 0 {
            relative.append(sums.rel[i] / sums.relCount[i])
        }
        return ConfidenceIntervals(
            utility: percentile95(&utility),
            filteredUtility: percentile95(&filtered),
            gap: percentile95(&gap),
            relativeGap: relativeGapDefined ? percentile95(&relative) : nil)
    }

    /// Resample b draws numbers b*p ..< (b+1)*p of one SplitMix64 stream (p
    /// the prompts), as a single generator drawing them in turn would.
    /// SplitMix64 can start anywhere in its stream, so two resamples run side
    /// by side: their sums are independent chains of additions (each in the
    /// order of its draws, so every sum is the same to the bit), which the
    /// processor overlaps instead of waiting on one.
    private static func draw<Code: FixedWidthInteger>(
        codes: UnsafeBufferPointer<Code>, terms: UnsafeBufferPointer<PromptTerms>, seed: UInt64, into sums: inout Sums
    ) {
        let p = codes.count
        let resamples = sums.a.count
        var b = 0
        while b < resamples {
            let second = min(b + 1, resamples - 1)
            var g0 = SplitMix64(seed: seed, skipping: UInt64(b) &* UInt64(p))
            var g1 = SplitMix64(seed: seed, skipping: UInt64(second) &* UInt64(p))
            var a0 = 0.0, k0 = 0.0, r0 = 0.0, c0 = 0.0
            var a1 = 0.0, k1 = 0.0, r1 = 0.0, c1 = 0.0
            for _ in 0..<p {
                let x = terms[Int(codes[g0.index(below: p)])]
                let y = terms[Int(codes[g1.index(below: p)])]
                a0 += x.a; k0 += x.aKept; r0 += x.rel; c0 += x.hasRel
                a1 += y.a; k1 += y.aKept; r1 += y.rel; c1 += y.hasRel
            }
            sums.set(b, a: a0, aKept: k0, rel: r0, relCount: c0)
            if second > b { sums.set(second, a: a1, aKept: k1, rel: r1, relCount: c1) }
            b += 2
        }
    }

    private struct PromptTerms {
        var a: Double, aKept: Double, rel = 0.0, hasRel = 0.0
    }

    private struct PairKey: Hashable {
        var a: UInt64, aKept: UInt64
    }

    /// Per resample: the sums of a_x, a'_x and the relative gap terms, and how many terms.
    private struct Sums {
        var a: [Double], aKept: [Double], rel: [Double], relCount: [Double]

        init(count: Int) {
            a = [Double](repeating: 0, count: count)
            aKept = a
            rel = a
            relCount = a
        }

        mutating func set(_ i: Int, a: Double, aKept: Double, rel: Double, relCount: Double) {
            self.a[i] = a
            self.aKept[i] = aKept
            self.rel[i] = rel
            self.relCount[i] = relCount
        }
    }

    private static func percentile95(_ values: inout [Double]) -> Interval? {
        guard !values.isEmpty else { return nil }
        values.sort()
        return Interval(
            lower: Statistics.quantile(sorted: values, 0.025),
            upper: Statistics.quantile(sorted: values, 0.975))
    }
}
