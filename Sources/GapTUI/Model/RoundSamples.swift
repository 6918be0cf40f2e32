import GapCore

/// One row of the Round screen: a sample after the join, with its verdict as a classifier.
public struct SampleRow: Sendable, Equatable {
    public var sample: EffectiveSample
    public var prompt: Int32
    /// The verifier accepted it: verdict `accept`, or kept when there is no verdict.
    public var accepted: Bool
    /// u = 1; nil when the utility is unknown.
    public var correct: Bool?
    /// Verified, but the verifier's output did not parse (score null).
    public var unparsed: Bool { sample.verified && sample.score == nil }

    public static func == (a: SampleRow, b: SampleRow) -> Bool {
        a.sample.row == b.sample.row && a.sample.kept == b.sample.kept
    }
}

/// The quick filters of the Round screen.
public enum QuickFilter: Sendable, Equatable, CaseIterable {
    case all, falseAccepts, falseRejects, kept, dropped, unparsed, siblings

    public var title: String {
        switch self {
        case .all: return "all"
        case .falseAccepts: return "false accepts"
        case .falseRejects: return "false rejects"
        case .kept: return "kept"
        case .dropped: return "dropped"
        case .unparsed: return "unparsed"
        case .siblings: return "siblings"
        }
    }
}

public enum SampleOrder: Sendable, Equatable, CaseIterable {
    case log, scoreDescending, scoreAscending

    public var title: String {
        switch self {
        case .log: return "log order"
        case .scoreDescending: return "score, high first"
        case .scoreAscending: return "score, low first"
        }
    }
}

/// Every sample of one round, joined, with the confusion counts of the verifier.
public struct RoundSamples: Sendable {
    public var round: Int
    public var rows: [SampleRow] = []
    public var truePositives = 0, falsePositives = 0, trueNegatives = 0, falseNegatives = 0
    /// Samples whose verification did not parse (score null).
    public var unparsed = 0

    /// Builds the rows; with `rule`, kept flags are recomputed from the scores (what-if).
    public init(run: RunData, round: Int, rule: FilterRule? = nil) {
        self.round = round
        guard let info = run.rounds[round] else { return }
        var scratch: [EffectiveSample] = []
        for g in info.groups {
            scratch.removeAll(keepingCapacity: true)
            run.appendEffectiveSamples(ofGroup: Int(g), to: &scratch)
            if let rule, !scratch.isEmpty {
                let kept = rule.keptFlags(scores: scratch.map(\.score), indices: scratch.map(\.index))
                for i in scratch.indices { scratch[i].kept = kept[i] }
            }
            let prompt = run.groups.prompt[Int(g)]
            for s in scratch {
                let accepted = s.verdict == .none ? s.kept : s.verdict == .accept
                let correct = s.utility.map { $0 == 1 }
                let row = SampleRow(sample: s, prompt: prompt, accepted: accepted, correct: correct)
                rows.append(row)
                if row.unparsed { unparsed += 1 }
                switch (accepted, correct) {
                case (true, true?): truePositives += 1
                case (true, false?): falsePositives += 1
                case (false, false?): trueNegatives += 1
                case (false, true?): falseNegatives += 1
                default: break
                }
            }
        }
    }

    /// Row indices passing `filter` (for `siblings`, those of `prompt`), in `order`.
    public func select(_ filter: QuickFilter, prompt: Int32? = nil, order: SampleOrder = .log) -> [Int] {
        var picked: [Int] = []
        picked.reserveCapacity(rows.count)
        for (i, r) in rows.enumerated() {
            let keep: Bool
            switch filter {
            case .all: keep = true
            case .falseAccepts: keep = r.accepted && r.correct == false
            case .falseRejects: keep = !r.accepted && r.correct == true
            case .kept: keep = r.sample.kept
            case .dropped: keep = !r.sample.kept
            case .unparsed: keep = r.unparsed
            case .siblings: keep = r.prompt == prompt
            }
            if keep { picked.append(i) }
        }
        switch order {
        case .log: break
        case .scoreDescending, .scoreAscending:
            let descending = order == .scoreDescending
            picked.sort { a, b in
                // Unscored samples go last either way; ties keep log order.
                let sa = rows[a].sample.score, sb = rows[b].sample.score
                switch (sa, sb) {
                case let (x?, y?) where x != y: return descending ? x > y : x < y
                case (nil, _?): return false
                case (_?, nil): return true
                default: return a < b
                }
            }
        }
        return picked
    }
}
