/// 95% percentile bootstrap over prompts.
///
/// A resample draws whole prompts with replacement; since every figure with a
/// CI is a mean of per-prompt values, a resample needs only the per-prompt
/// aggregates (a_x, a'_x), not the samples.
enum Bootstrap {
    static func intervals(
        a: [Double], aKept: [Double], resamples: Int, seed: UInt64, relativeGapDefined: Bool
    ) -> ConfidenceIntervals {
        let p = a.count
        guard p > 0, resamples > 0 else { return ConfidenceIntervals() }
        // Per prompt: the relative gap term, and 1 where it is defined (a_x < 1).
        // Where it is not, the term is +0.0: adding it to a running sum that is
        // never -0.0 leaves the sum bit for bit as skipping it would, and the
        // loop below stays free of a branch on a random index.
        var rel = [Double](repeating: 0, count: p)
        var hasRel = [Int](repeating: 0, count: p)
        for i in 0..<p where a[i] < 1 {
            rel[i] = (aKept[i] - a[i]) / (1 - a[i])
            hasRel[i] = 1
        }
        var utility = [Double](repeating: 0, count: resamples)
        var filtered = [Double](repeating: 0, count: resamples)
        var gap = [Double](repeating: 0, count: resamples)
        var relativeSums = [Double](repeating: 0, count: resamples)
        var relativeCounts = [Int](repeating: 0, count: resamples)
        let pd = Double(p)
        a.withUnsafeBufferPointer { a in
        aKept.withUnsafeBufferPointer { aKept in
        rel.withUnsafeBufferPointer { rel in
        hasRel.withUnsafeBufferPointer { hasRel in
            // Resample b draws numbers b*p ..< (b+1)*p of one SplitMix64 stream,
            // as a single generator drawing them in turn would. SplitMix64 can
            // start anywhere in its stream, so `lanes` resamples run side by
            // side: their sums are independent chains of additions (each in
            // the order of its draws, so every sum is the same to the bit),
            // which the processor overlaps instead of waiting on one.
            let lanes = 4
            var b = 0
            while b < resamples {
                let width = min(lanes, resamples - b)
                var rng = (0..<lanes).map { SplitMix64(seed: seed, skipping: UInt64(min(b + $0, resamples - 1)) &* UInt64(p)) }
                var sumA = [Double](repeating: 0, count: lanes), sumK = sumA, sumRel = sumA
                var countRel = [Int](repeating: 0, count: lanes)
                rng.withUnsafeMutableBufferPointer { rng in
                sumA.withUnsafeMutableBufferPointer { sumA in
                sumK.withUnsafeMutableBufferPointer { sumK in
                sumRel.withUnsafeMutableBufferPointer { sumRel in
                countRel.withUnsafeMutableBufferPointer { countRel in
                    var a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0
                    var k0 = 0.0, k1 = 0.0, k2 = 0.0, k3 = 0.0
                    var r0 = 0.0, r1 = 0.0, r2 = 0.0, r3 = 0.0
                    var c0 = 0, c1 = 0, c2 = 0, c3 = 0
                    var g0 = rng[0], g1 = rng[1], g2 = rng[2], g3 = rng[3]
                    for _ in 0..<p {
                        let j0 = g0.index(below: p), j1 = g1.index(below: p)
                        let j2 = g2.index(below: p), j3 = g3.index(below: p)
                        a0 += a[j0]; k0 += aKept[j0]; r0 += rel[j0]; c0 &+= hasRel[j0]
                        a1 += a[j1]; k1 += aKept[j1]; r1 += rel[j1]; c1 &+= hasRel[j1]
                        a2 += a[j2]; k2 += aKept[j2]; r2 += rel[j2]; c2 &+= hasRel[j2]
                        a3 += a[j3]; k3 += aKept[j3]; r3 += rel[j3]; c3 &+= hasRel[j3]
                    }
                    sumA[0] = a0; sumA[1] = a1; sumA[2] = a2; sumA[3] = a3
                    sumK[0] = k0; sumK[1] = k1; sumK[2] = k2; sumK[3] = k3
                    sumRel[0] = r0; sumRel[1] = r1; sumRel[2] = r2; sumRel[3] = r3
                    countRel[0] = c0; countRel[1] = c1; countRel[2] = c2; countRel[3] = c3
                }}}}}
                for l in 0..<width {
                    utility[b + l] = sumA[l] / pd
                    filtered[b + l] = sumK[l] / pd
                    gap[b + l] = (sumK[l] - sumA[l]) / pd
                    relativeSums[b + l] = sumRel[l]
                    relativeCounts[b + l] = countRel[l]
                }
                b += width
            }
        }}}}
        // A resample with no prompt below full accuracy has no relative gap.
        var relative: [Double] = []
        relative.reserveCapacity(resamples)
        for i in 0..<resamples where relativeCounts[i] > 0 {
            relative.append(relativeSums[i] / Double(relativeCounts[i]))
        }
        return ConfidenceIntervals(
            utility: percentile95(&utility),
            filteredUtility: percentile95(&filtered),
            gap: percentile95(&gap),
            relativeGap: relativeGapDefined ? percentile95(&relative) : nil)
    }

    private static func percentile95(_ values: inout [Double]) -> Interval? {
        guard !values.isEmpty else { return nil }
        values.sort()
        return Interval(
            lower: Statistics.quantile(sorted: values, 0.025),
            upper: Statistics.quantile(sorted: values, 0.975))
    }
}
