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
        var rel = [Double](repeating: 0, count: p)
        var hasRel = [Bool](repeating: false, count: p)
        for i in 0..<p where a[i] < 1 {
            rel[i] = (aKept[i] - a[i]) / (1 - a[i])
            hasRel[i] = true
        }
        var rng = SplitMix64(seed: seed)
        var utility: [Double] = [], filtered: [Double] = [], gap: [Double] = [], relative: [Double] = []
        utility.reserveCapacity(resamples)
        filtered.reserveCapacity(resamples)
        gap.reserveCapacity(resamples)
        relative.reserveCapacity(resamples)
        let pd = Double(p)
        a.withUnsafeBufferPointer { a in
            aKept.withUnsafeBufferPointer { aKept in
                for _ in 0..<resamples {
                    var sumA = 0.0, sumK = 0.0, sumRel = 0.0, countRel = 0
                    for _ in 0..<p {
                        let j = rng.index(below: p)
                        sumA += a[j]
                        sumK += aKept[j]
                        if hasRel[j] {
                            sumRel += rel[j]
                            countRel += 1
                        }
                    }
                    utility.append(sumA / pd)
                    filtered.append(sumK / pd)
                    gap.append((sumK - sumA) / pd)
                    // A resample with no prompt below full accuracy has no relative gap.
                    if countRel > 0 { relative.append(sumRel / Double(countRel)) }
                }
            }
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
