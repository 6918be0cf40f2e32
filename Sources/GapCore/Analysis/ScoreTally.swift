/// The verifier's scores of correct and wrong samples, as counts per
/// distinct score, for the AUROC.
///
/// Verifier scores take few distinct values (a 0-10 scale, a probability
/// with a few digits), so a round of hundreds of thousands of samples needs
/// a small table instead of two long arrays to sort. Past `maxDistinct`
/// distinct scores (or on a NaN) it keeps the scores themselves. Either way
/// the AUROC is the same number: U counts pairs, an exact integer (twice U).
struct ScoreTally {
    static let maxDistinct = 1 << 14

    /// Open addressing over score bit patterns (-0.0 stored as +0.0, as the
    /// two compare equal); `counts[2 * i]` wrong, `counts[2 * i + 1]` correct.
    private var keys: [UInt64] = []
    private var counts: [Int] = []
    private var distinct = 0
    /// Set once the table is given up: every score, by class.
    private var correctScores: [Double]?
    private var wrongScores: [Double] = []

    private static let empty = UInt64.max  // a NaN pattern, never a key

    mutating func add(_ score: Double, correct: Bool) {
        if correctScores != nil || score.isNaN {
            spill()
            if correct { correctScores!.append(score) } else { wrongScores.append(score) }
            return
        }
        if keys.isEmpty {
            keys = [UInt64](repeating: Self.empty, count: 64)
            counts = [Int](repeating: 0, count: 128)
        }
        let bits = (score + 0.0).bitPattern
        let mask = keys.count - 1
        var slot = Self.slot(bits, mask)
        while keys[slot] != bits {
            if keys[slot] == Self.empty {
                keys[slot] = bits
                distinct += 1
                break
            }
            slot = (slot + 1) & mask
        }
        counts[2 * slot + (correct ? 1 : 0)] += 1
        if distinct * 2 > keys.count {
            if distinct >= Self.maxDistinct { spill() } else { grow() }
        }
    }

    /// `add(_:correct:)` for each score and its class, in turn: scores the
    /// table holds are counted in place, any other goes through `add`.
    mutating func add(_ scores: UnsafeBufferPointer<Double>, correct: UnsafeBufferPointer<Bool>) {
        var i = 0
        while i < scores.count {
            if correctScores == nil, !keys.isEmpty {
                i = counts.withUnsafeMutableBufferPointer { counts in
                    keys.withUnsafeBufferPointer { keys in
                        let mask = keys.count - 1
                        var j = i
                        while j < scores.count, !scores[j].isNaN {
                            let bits = (scores[j] + 0.0).bitPattern
                            var slot = Self.slot(bits, mask)
                            while keys[slot] != bits {
                                if keys[slot] == Self.empty { return j }
                                slot = (slot + 1) & mask
                            }
                            counts[2 * slot + (correct[j] ? 1 : 0)] += 1
                            j += 1
                        }
                        return j
                    }
                }
                guard i < scores.count else { return }
            }
            add(scores[i], correct: correct[i])
            i += 1
        }
    }

    @inline(__always)
    private static func slot(_ bits: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (bits &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    /// nil when either class is empty.
    mutating func auroc() -> Double? {
        if var positives = correctScores {
            return Statistics.auroc(positives: &positives, negatives: &wrongScores)
        }
        var entries: [(score: Double, wrong: Int, correct: Int)] = []
        entries.reserveCapacity(distinct)
        var positives = 0, negatives = 0
        for (slot, key) in keys.enumerated() where key != Self.empty {
            entries.append((Double(bitPattern: key), counts[2 * slot], counts[2 * slot + 1]))
            negatives += counts[2 * slot]
            positives += counts[2 * slot + 1]
        }
        guard positives > 0, negatives > 0 else { return nil }
        entries.sort { $0.score < $1.score }
        var twiceU = 0, below = 0
        for e in entries {
            twiceU += e.correct * (2 * below + e.wrong)
            below += e.wrong
        }
        return Double(twiceU) / 2 / (Double(positives) * Double(negatives))
    }

    private mutating func grow() {
        let oldKeys = keys, oldCounts = counts
        keys = [UInt64](repeating: Self.empty, count: oldKeys.count * 2)
        counts = [Int](repeating: 0, count: oldCounts.count * 2)
        let mask = keys.count - 1
        for (i, key) in oldKeys.enumerated() where key != Self.empty {
            var slot = Self.slot(key, mask)
            while keys[slot] != Self.empty { slot = (slot + 1) & mask }
            keys[slot] = key
            counts[2 * slot] = oldCounts[2 * i]
            counts[2 * slot + 1] = oldCounts[2 * i + 1]
        }
    }

    /// Gives up the table: its scores, each as often as it was counted.
    private mutating func spill() {
        guard correctScores == nil else { return }
        var positives: [Double] = []
        for (slot, key) in keys.enumerated() where key != Self.empty {
            let score = Double(bitPattern: key)
            wrongScores.append(contentsOf: repeatElement(score, count: counts[2 * slot]))
            positives.append(contentsOf: repeatElement(score, count: counts[2 * slot + 1]))
        }
        correctScores = positives
        keys = []
        counts = []
        distinct = 0
    }
}
