import Dispatch

/// Computes the figures of the format doc from a `RunData`.
///
/// One pass over a round's prompts gathers per-prompt aggregates (a_x, a'_x,
/// max u, n_x, c_x) and the verifier's tallies; pass@k, the CIs and AUROC are
/// computed from those aggregates, never from the records again.
public enum Figures {
    /// The figures of every listed round, rounds computed in parallel.
    public static func all(_ run: RunData, options: FigureOptions = .standard) -> [RoundFigures] {
        rounds(listedRounds(run), of: run, options: options)
    }

    /// The figures of the given rounds, in their order, computed on every core.
    public static func rounds(_ rounds: [Int], of run: RunData, options: FigureOptions = .standard) -> [RoundFigures] {
        let results = UnsafeMutableBufferPointer<RoundFigures?>.allocate(capacity: rounds.count)
        results.initialize(repeating: nil)
        defer { results.deinitialize(); results.deallocate() }
        let slots = SendableBuffer(results)
        DispatchQueue.concurrentPerform(iterations: rounds.count) { i in
            slots.buffer[i] = round(rounds[i], of: run, options: options)
        }
        return results.map { $0! }
    }

    /// Rounds with a sample or a `round` record, ascending.
    public static func listedRounds(_ run: RunData) -> [Int] {
        run.rounds.filter { _, info in
            info.hasRoundRecord || info.groups.contains { !run.groups.sampleRows[Int($0)].isEmpty }
        }.keys.sorted()
    }

    /// The figures of one round.
    public static func round(_ r: Int, of run: RunData, options: FigureOptions = .standard) -> RoundFigures {
        round(r, of: run, options: options, slowPathOnly: false)
    }

    /// With `slowPathOnly`, every prompt goes through `EffectiveSample`s (for tests).
    static func round(_ r: Int, of run: RunData, options: FigureOptions, slowPathOnly: Bool) -> RoundFigures {
        var figures = RoundFigures(round: r)
        guard let info = run.rounds[r] else { return figures }
        figures.stage = info.stage
        figures.expectedPrompts = info.expectedPrompts
        figures.reportedMetrics = info.metrics.map { ReportedMetric(name: $0.0, value: $0.1) }
        let binary = !(run.header?.realUtility ?? false)

        var accumulator = RoundAccumulator(binary: binary)
        var scratch: [EffectiveSample] = []
        let fast = options.rule == nil && !slowPathOnly
        // One for the round, however many runs of inline groups it has.
        var promptScratch = RoundAccumulator.PromptScratch(answers: fast ? run.answers.count : 0)
        defer { promptScratch.deallocate() }
        var next = 0
        while next < info.groups.count {
            if fast {
                next = accumulator.addInlineGroups(info.groups, from: next, of: run, scratch: &promptScratch)
                guard next < info.groups.count else { break }
            }
            let g = info.groups[next]
            next += 1
            if fast, accumulator.add(group: Int(g), of: run) { continue }
            scratch.removeAll(keepingCapacity: true)
            run.appendEffectiveSamples(ofGroup: Int(g), to: &scratch)
            if scratch.isEmpty { continue }
            if let rule = options.rule {
                let kept = rule.keptFlags(scores: scratch.map(\.score), indices: scratch.map(\.index))
                for i in scratch.indices { scratch[i].kept = kept[i] }
            }
            accumulator.add(prompt: scratch)
        }
        accumulator.finish(into: &figures, options: options, round: r)
        return figures
    }
}

/// Per-round sums, gathered prompt by prompt.
struct RoundAccumulator {
    let binary: Bool
    var prompts = 0, samples = 0, verified = 0, kept = 0, unknown = 0
    var distinctSum = 0
    var covered = 0
    /// Per prompt with a known utility: a_x, a'_x, max u, n_x, c_x.
    var a: [Double] = [], aKept: [Double] = [], best: [Double] = []
    var n: [Int] = [], c: [Int] = []
    var tp = 0, fp = 0, tn = 0, fn = 0
    /// Scores of the verified samples with a known utility, by correctness (for AUROC).
    var scores = ScoreTally()
    private var answerScratch: [Int32] = []

    init(binary: Bool) { self.binary = binary }

    /// The running sums of one prompt.
    private struct PromptSums {
        var sum = 0.0, count = 0, keptSum = 0.0, keptCount = 0, maxU = -Double.infinity, ones = 0
    }

    mutating func add(prompt samplesOfPrompt: [EffectiveSample]) {
        startPrompt(samples: samplesOfPrompt.count)
        var p = PromptSums()
        for s in samplesOfPrompt {
            addSample(
                utility: s.utility ?? .nan, score: s.score ?? .nan, verdict: s.verdict, kept: s.kept,
                answer: s.answer, to: &p)
        }
        endPrompt(p)
    }

    /// `add(prompt:)` for group `g` of `run` as logged, read straight from the
    /// columns, without making `EffectiveSample`s and sorting them, when the
    /// group's rows are in ascending sample index (as they are when a prompt's
    /// samples are logged in order). Returns false, having added nothing, when
    /// they are not. Same joins as `appendEffectiveSamples`, same order of
    /// additions: the same figures to the bit.
    mutating func add(group g: Int, of run: RunData) -> Bool {
        let rows = run.groups.sampleRows[g]
        guard !rows.isEmpty else { return true }
        var previous = Int32.min
        for row in rows {
            let index = run.samples.index[Int(row)]
            guard index > previous else { return false }
            previous = index
        }
        let verifies = run.groups.verifyOfSample[g]
        let filterKept = run.groups.filterKept[g]
        startPrompt(samples: rows.count)
        var p = PromptSums()
        for (k, row32) in rows.enumerated() {
            let row = Int(row32)
            var score = Double.nan
            var verdict = Verdict.none
            let v = verifies.isEmpty ? -1 : Int(verifies[k])
            if v >= 0 {
                score = run.verifications.score[v]
                verdict = run.verifications.verdict[v]
            } else {
                let bits = run.samples.inlineVerification[row]
                if bits & 1 == 1 {
                    score = run.samples.inlineScore[row]
                    verdict = Verdict(rawValue: bits >> 1) ?? .none
                }
            }
            let isKept = filterKept.map { $0.contains(run.samples.index[row]) } ?? (run.samples.inlineKept[row] == 1)
            addSample(
                utility: run.samples.utility[row], score: score, verdict: verdict, kept: isKept,
                answer: run.samples.answer[row], to: &p)
        }
        endPrompt(p)
        return true
    }

    /// `add(group:of:)` for `groups[from...]`, one after another, as long as
    /// a group's rows are consecutive, in ascending sample index, with inline
    /// verifications and kept flags only (no `verify` or `filter` record names
    /// it), as in a log its writer kept in order: the same additions in the
    /// same order, read straight from the column buffers, with no branch on
    /// a sample's kept flag or correctness, and distinct answers counted by
    /// a bit per answer of the run. Returns the position of the first group
    /// it did not add.
    mutating func addInlineGroups(
        _ groups: [Int32], from start: Int, of run: RunData, scratch: inout PromptScratch
    ) -> Int {
        let columns = run.samples
        return columns.index.withUnsafeBufferPointer { index in
            columns.utility.withUnsafeBufferPointer { utility in
                columns.answer.withUnsafeBufferPointer { answer in
                    columns.inlineScore.withUnsafeBufferPointer { inlineScore in
                        columns.inlineVerification.withUnsafeBufferPointer { verification in
                            columns.inlineKept.withUnsafeBufferPointer { inlineKept in
                                let columns = InlineColumns(
                                    utility: utility, answer: answer, inlineScore: inlineScore,
                                    verification: verification, inlineKept: inlineKept)
                                var next = start
                                while next < groups.count {
                                    let g = Int(groups[next])
                                    guard let rows = run.groups.sampleRows.consecutiveRows(ofGroup: g),
                                          run.groups.verifyOfSample[g].isEmpty, run.groups.filterKept[g] == nil
                                    else { break }
                                    if !rows.isEmpty {
                                        for row in rows.dropFirst() where index[row] <= index[row - 1] { return next }
                                        addInlineRows(rows, columns, &scratch)
                                    }
                                    next += 1
                                }
                                return next
                            }
                        }
                    }
                }
            }
        }
    }

    /// The columns `addInlineRows` reads.
    private struct InlineColumns {
        let utility: UnsafeBufferPointer<Double>
        let answer: UnsafeBufferPointer<Int32>
        let inlineScore: UnsafeBufferPointer<Double>
        let verification: UnsafeBufferPointer<UInt8>
        let inlineKept: UnsafeBufferPointer<UInt8>
    }

    /// One prompt's answers and scores, gathered to be counted after its
    /// samples, and a bit per answer of the run (`answers`, at least as many
    /// as the run has): whether the prompt has it. Deallocated by its owner.
    struct PromptScratch {
        var capacity = 0
        var answers = UnsafeMutablePointer<Int32>.allocate(capacity: 0)
        var scores = UnsafeMutablePointer<Double>.allocate(capacity: 0)
        var correct = UnsafeMutablePointer<Bool>.allocate(capacity: 0)
        let seen: UnsafeMutablePointer<UInt64>

        init(answers: Int) {
            let words = answers / 64 + 1
            seen = .allocate(capacity: words)
            seen.initialize(repeating: 0, count: words)
        }

        /// How many distinct answers the prompt's `count` answers are; every bit cleared again after.
        @inline(__always)
        func distinctAnswers(_ count: Int) -> Int {
            var distinct = 0
            for i in 0 ..< count {
                let a = Int(answers[i])
                let bit: UInt64 = 1 << UInt64(a & 63)
                distinct &+= seen[a >> 6] & bit == 0 ? 1 : 0
                seen[a >> 6] |= bit
            }
            for i in 0 ..< count { seen[Int(answers[i]) >> 6] = 0 }
            return distinct
        }

        mutating func reserve(_ n: Int) {
            guard n > capacity else { return }
            answers.deallocate()
            scores.deallocate()
            correct.deallocate()
            capacity = max(n, 64)
            answers = .allocate(capacity: capacity)
            scores = .allocate(capacity: capacity)
            correct = .allocate(capacity: capacity)
        }

        func deallocate() {
            seen.deallocate()
            answers.deallocate()
            scores.deallocate()
            correct.deallocate()
        }
    }

    /// One prompt whose samples are `rows`, as `add(group:of:)` adds them.
    @inline(__always)
    private mutating func addInlineRows(_ rows: Range<Int>, _ columns: InlineColumns, _ scratch: inout PromptScratch) {
        scratch.reserve(rows.count)
        prompts += 1
        samples += rows.count
        var p = PromptSums()
        var verifiedCount = 0, keptCount = 0, unknownCount = 0, answerCount = 0, scoreCount = 0
        var confusion = (tp: 0, fp: 0, tn: 0, fn: 0)
        for row in rows {
            let bits = columns.verification[row]
            let score = bits & 1 == 1 ? columns.inlineScore[row] : .nan
            let verdict = bits & 1 == 1 ? bits >> 1 : Verdict.none.rawValue
            let isKept = columns.inlineKept[row] == 1
            let u = columns.utility[row]
            let answer = columns.answer[row]
            verifiedCount &+= score.isNaN ? 0 : 1
            keptCount &+= isKept ? 1 : 0
            scratch.answers[answerCount] = answer
            answerCount &+= answer >= 0 ? 1 : 0
            guard !u.isNaN else { unknownCount &+= 1; continue }
            p.sum += u
            p.count &+= 1
            p.maxU = max(p.maxU, u)
            let isCorrect = u == 1
            p.ones &+= isCorrect ? 1 : 0
            // Adding +0.0 leaves the sum as it was: it starts at +0.0, and a
            // sum of values >= 0 that starts there is never -0.0.
            p.keptSum += isKept ? u : 0
            p.keptCount &+= isKept ? 1 : 0
            if binary {
                let accepted = verdict == Verdict.none.rawValue ? isKept : verdict == Verdict.accept.rawValue
                let a = accepted ? 1 : 0, c = isCorrect ? 1 : 0
                confusion.tp &+= a & c
                confusion.fp &+= a & (1 - c)
                confusion.tn &+= (1 - a) & (1 - c)
                confusion.fn &+= (1 - a) & c
                scratch.scores[scoreCount] = score
                scratch.correct[scoreCount] = isCorrect
                scoreCount &+= score.isNaN ? 0 : 1
            }
        }
        verified += verifiedCount
        kept += keptCount
        unknown += unknownCount
        tp += confusion.tp
        fp += confusion.fp
        tn += confusion.tn
        fn += confusion.fn
        scores.add(
            UnsafeBufferPointer(start: scratch.scores, count: scoreCount),
            correct: UnsafeBufferPointer(start: scratch.correct, count: scoreCount))
        distinctSum += scratch.distinctAnswers(answerCount)
        addPrompt(p)
    }

    private mutating func startPrompt(samples count: Int) {
        prompts += 1
        samples += count
        answerScratch.removeAll(keepingCapacity: true)
    }

    /// One sample of the prompt; NaN for an unknown utility or no numeric score.
    @inline(__always)
    private mutating func addSample(
        utility u: Double, score: Double, verdict: Verdict, kept isKept: Bool, answer: Int32, to p: inout PromptSums
    ) {
        if !score.isNaN { verified += 1 }
        if isKept { kept += 1 }
        if answer >= 0 { answerScratch.append(answer) }
        guard !u.isNaN else { unknown += 1; return }
        p.sum += u
        p.count += 1
        p.maxU = max(p.maxU, u)
        if u == 1 { p.ones += 1 }
        if isKept {
            p.keptSum += u
            p.keptCount += 1
        }
        if binary {
            let isCorrect = u == 1
            let accepted = verdict == .none ? isKept : verdict == .accept
            switch (accepted, isCorrect) {
            case (true, true): tp += 1
            case (true, false): fp += 1
            case (false, false): tn += 1
            case (false, true): fn += 1
            }
            if !score.isNaN {
                scores.add(score, correct: isCorrect)
            }
        }
    }

    private mutating func endPrompt(_ p: PromptSums) {
        answerScratch.sort()
        var distinct = 0
        for (i, x) in answerScratch.enumerated() where i == 0 || answerScratch[i - 1] != x { distinct += 1 }
        distinctSum += distinct
        addPrompt(p)
    }

    /// The prompt's a_x, a'_x, max u, n_x and c_x, when any of its utilities is known.
    private mutating func addPrompt(_ p: PromptSums) {
        guard p.count > 0 else { return }
        let ax = p.sum / Double(p.count)
        a.append(ax)
        if p.keptCount > 0 {
            covered += 1
            aKept.append(p.keptSum / Double(p.keptCount))
        } else {
            aKept.append(ax)
        }
        best.append(p.maxU)
        n.append(p.count)
        c.append(p.ones)
    }

    mutating func finish(into f: inout RoundFigures, options: FigureOptions, round: Int) {
        f.prompts = prompts
        f.samples = samples
        f.verified = verified
        f.kept = kept
        f.unknownUtility = unknown
        f.keepRate = samples > 0 ? Double(kept) / Double(samples) : nil
        f.distinctAnswers = prompts > 0 ? Double(distinctSum) / Double(prompts) : nil
        let known = a.count
        guard known > 0 else { return }
        let p = Double(known)
        let utility = a.reduce(0, +) / p
        let filtered = aKept.reduce(0, +) / p
        let oracle = best.reduce(0, +) / p
        f.utility = utility
        f.filteredUtility = filtered
        f.gap = filtered - utility
        f.relativeGap = Self.relativeGap(a: a, aKept: aKept)
        f.oracleUtility = oracle
        let headroom = oracle - utility
        f.gapEfficiency = abs(headroom) < 1e-12 ? nil : (filtered - utility) / headroom
        f.coverage = Double(covered) / p
        if binary {
            let smallest = n.min()!
            f.passAtK = Statistics.passAtKValues(upTo: smallest).map { k in
                var total = 0.0
                for i in 0..<known { total += Statistics.passAtK(n: n[i], c: c[i], k: k) }
                return PassAtK(k: k, value: total / p)
            }
            var v = VerifierFigures(truePositives: tp, falsePositives: fp, trueNegatives: tn, falseNegatives: fn)
            v.precision = tp + fp > 0 ? Double(tp) / Double(tp + fp) : nil
            v.recall = tp + fn > 0 ? Double(tp) / Double(tp + fn) : nil
            let all = tp + fp + tn + fn
            v.accuracy = all > 0 ? Double(tp + tn) / Double(all) : nil
            v.auroc = scores.auroc()
            f.verifier = v
        }
        f.ci = Bootstrap.intervals(
            a: a, aKept: aKept, resamples: options.bootstrapResamples,
            seed: options.bootstrapSeed &+ UInt64(round), relativeGapDefined: f.relativeGap != nil)
    }

    /// Mean over prompts with a_x < 1 of (a'_x - a_x) / (1 - a_x).
    static func relativeGap(a: [Double], aKept: [Double]) -> Double? {
        var sum = 0.0, count = 0
        for i in a.indices where a[i] < 1 {
            sum += (aKept[i] - a[i]) / (1 - a[i])
            count += 1
        }
        return count > 0 ? sum / Double(count) : nil
    }
}

/// A buffer that parallel workers write at distinct indices.
struct SendableBuffer<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T>
    init(_ buffer: UnsafeMutableBufferPointer<T>) { self.buffer = buffer }
}
