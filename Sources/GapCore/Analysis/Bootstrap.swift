/// 95% percentile bootstrap over prompts.
///
/// A resample draws whole prompts with replacement; since every figure with a
/// CI is a mean of per-prompt values, a resample needs only the per-prompt
/// aggregates (a_x, a'_x), not the samples. Prompts sharing (a_x, a'_x) share
/// one entry of a small table of terms (binary utility with n samples gives
/// at most a few hundred pairs), so a resample is a count of draws per term.
///
/// Two ways to draw it, both of the bootstrap's own law:
/// - many prompts per term (the usual big log): the counts at once, from
///   their multinomial law, one binomial variate a term (`drawCounts`); the
///   cost no longer grows with the prompts;
/// - otherwise, one index a prompt. Each prompt is a 2-byte code into the
///   table, so a random draw reads a few hot cache lines, and two resamples
///   run side by side from jumped-ahead SplitMix64 streams: independent
///   chains of additions, each in the order of its own draws, so the sums are
///   those of one generator drawing one resample after another, to the bit.
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
            var t = PromptTerms(values: [a[i], aKept[i], 0, 0])
            if a[i] < 1 {
                t.values[2] = (aKept[i] - a[i]) / (1 - a[i])
                t.values[3] = 1
            }
            codes[i] = UInt32(terms.count)
            codeOf[key] = codes[i]
            terms.append(t)
        }
        var sums = Sums(count: resamples)
        terms.withUnsafeBufferPointer { terms in
            if terms.count * countsThreshold <= p {
                var population = [Int](repeating: 0, count: terms.count)
                for code in codes { population[Int(code)] += 1 }
                drawCounts(population: population, terms: terms, seed: seed, into: &sums)
            } else if terms.count <= Int(UInt16.max) + 1 {
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
            // Lane by lane, the same additions in the same order as four
            // scalar sums, two lanes to an instruction.
            var s0 = SIMD4<Double>(), s1 = SIMD4<Double>()
            for _ in 0..<p {
                s0 += terms[Int(codes[g0.index(below: p)])].values
                s1 += terms[Int(codes[g1.index(below: p)])].values
            }
            sums.set(b, a: s0[0], aKept: s0[1], rel: s0[2], relCount: s0[3])
            if second > b { sums.set(second, a: s1[0], aKept: s1[1], rel: s1[2], relCount: s1[3]) }
            b += 2
        }
    }

    /// Resamples draw how many prompts of each term they hold, not which
    /// prompts, when there are at least this many prompts per distinct term.
    /// A variate costs some 30-50 times what a drawn index does (the two
    /// ways took the same time at about 50 prompts a term, on the bench
    /// logs of 3 000 prompts a round), and a resample needs one per term
    /// instead of one per prompt.
    static let countsThreshold = 48

    /// Each resample as its counts: how many of its p draws fall on the
    /// prompts of each term, drawn at once from their multinomial law, which
    /// is that of counting p draws of single prompts. Counts come as a chain
    /// of binomials, each term taking its share of the draws the terms
    /// before it left (the largest term last, taking what remains), so a
    /// resample costs one variate a term, however many the prompts.
    private static func drawCounts(
        population: [Int], terms: UnsafeBufferPointer<PromptTerms>, seed: UInt64, into sums: inout Sums
    ) {
        let order = population.indices.sorted { (population[$0], $0) < (population[$1], $1) }
        guard let largest = order.last else { return }
        let p = population.reduce(0, +)
        var rng = SplitMix64(seed: seed)
        for b in 0..<sums.a.count {
            var draws = p, prompts = p
            var s = SIMD4<Double>()
            for code in order.dropLast() {
                guard draws > 0 else { break }
                let n = population[code]
                let k = Binomial.draw(n: draws, p: Double(n) / Double(prompts), using: &rng)
                s += Double(k) * terms[code].values
                draws -= k
                prompts -= n
            }
            s += Double(draws) * terms[largest].values
            sums.set(b, a: s[0], aKept: s[1], rel: s[2], relCount: s[3])
        }
    }

    /// a_x, a'_x, the relative gap term and 1 where it is defined.
    private struct PromptTerms {
        var values: SIMD4<Double>
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
