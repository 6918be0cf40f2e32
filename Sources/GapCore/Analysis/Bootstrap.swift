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
        // Per prompt, side by side so one random draw touches one cache line:
        // a_x, a'_x, the relative gap term and 1 where it is defined (a_x < 1).
        // Where it is not, the term is +0.0: adding it to a running sum that is
        // never -0.0 leaves the sum bit for bit as skipping it would, and the
        // loop below stays free of a branch on a random index. Counts are
        // summed as doubles, exact far beyond any prompt count.
        var rows = [PromptTerms](repeating: PromptTerms(), count: p)
        for i in 0..<p {
            rows[i].a = a[i]
            rows[i].aKept = aKept[i]
            if a[i] < 1 {
                rows[i].rel = (aKept[i] - a[i]) / (1 - a[i])
                rows[i].hasRel = 1
            }
        }
        var utility = [Double](repeating: 0, count: resamples)
        var filtered = [Double](repeating: 0, count: resamples)
        var gap = [Double](repeating: 0, count: resamples)
        var relativeSums = [Double](repeating: 0, count: resamples)
        var relativeCounts = [Double](repeating: 0, count: resamples)
        let pd = Double(p)
        rows.withUnsafeBufferPointer { rows in
            // Resample b draws numbers b*p ..< (b+1)*p of one SplitMix64 stream,
            // as a single generator drawing them in turn would. SplitMix64 can
            // start anywhere in its stream, so two resamples run side by side:
            // their sums are independent chains of additions (each in the
            // order of its draws, so every sum is the same to the bit), which
            // the processor overlaps instead of waiting on one.
            var b = 0
            while b < resamples {
                let second = min(b + 1, resamples - 1)
                var g0 = SplitMix64(seed: seed, skipping: UInt64(b) &* UInt64(p))
                var g1 = SplitMix64(seed: seed, skipping: UInt64(second) &* UInt64(p))
                var a0 = 0.0, k0 = 0.0, r0 = 0.0, c0 = 0.0
                var a1 = 0.0, k1 = 0.0, r1 = 0.0, c1 = 0.0
                for _ in 0..<p {
                    let x = rows[g0.index(below: p)], y = rows[g1.index(below: p)]
                    a0 += x.a; k0 += x.aKept; r0 += x.rel; c0 += x.hasRel
                    a1 += y.a; k1 += y.aKept; r1 += y.rel; c1 += y.hasRel
                }
                utility[b] = a0 / pd
                filtered[b] = k0 / pd
                gap[b] = (k0 - a0) / pd
                relativeSums[b] = r0
                relativeCounts[b] = c0
                if second > b {
                    utility[second] = a1 / pd
                    filtered[second] = k1 / pd
                    gap[second] = (k1 - a1) / pd
                    relativeSums[second] = r1
                    relativeCounts[second] = c1
                }
                b += 2
            }
        }
        // A resample with no prompt below full accuracy has no relative gap.
        var relative: [Double] = []
        relative.reserveCapacity(resamples)
        for i in 0..<resamples where relativeCounts[i] > 0 {
            relative.append(relativeSums[i] / relativeCounts[i])
        }
        return ConfidenceIntervals(
            utility: percentile95(&utility),
            filteredUtility: percentile95(&filtered),
            gap: percentile95(&gap),
            relativeGap: relativeGapDefined ? percentile95(&relative) : nil)
    }

    private struct PromptTerms {
        var a = 0.0, aKept = 0.0, rel = 0.0, hasRel = 0.0
    }

    private static func percentile95(_ values: inout [Double]) -> Interval? {
        guard !values.isEmpty else { return nil }
        values.sort()
        return Interval(
            lower: Statistics.quantile(sorted: values, 0.025),
            upper: Statistics.quantile(sorted: values, 0.975))
    }
}
