/// Everything read from one run log, in compact columns.
///
/// Per-sample numbers live in parallel arrays (a few dozen bytes a sample);
/// text (responses, rationales, prompts) stays in the file and is read by
/// byte offset when a view opens it (`RecordText`). Samples, verifications
/// and filter decisions are joined through `groups`, one per (round, prompt).
///
/// Records are merged in file order by `apply(_:)`, which gives the format's
/// "last line wins" rules for free; parsing (`BatchParser`) is separate and
/// runs in parallel or off the UI thread.
public struct RunData: Sendable {
    public var path: String
    public internal(set) var header: RunHeader?
    public internal(set) var status: RunStatus = .live
    public internal(set) var badLines: [BadLine] = []
    /// Lines read so far (complete lines only) and the bytes they span.
    public internal(set) var linesRead = 0
    public internal(set) var bytesRead: Int64 = 0
    /// Bytes after the last newline: a line still being written (not counted).
    public internal(set) var incompleteTailBytes = 0

    public internal(set) var samples = SampleColumns()
    public internal(set) var verifications = VerifyColumns()
    public internal(set) var groups = GroupTable()
    public internal(set) var promptIDs: [String] = []
    /// Where each prompt's `prompt` record is (nil when the log has none).
    public internal(set) var promptRecords: [RecordLocation?] = []
    public internal(set) var answers: [String] = []
    public internal(set) var rounds: [Int: RoundInfo] = [:]
    /// Rounds whose records changed since `takeDirtyRounds()` was last called.
    public internal(set) var dirtyRounds: Set<Int> = []

    /// For a log of another tool: the source file, and what could not be mapped.
    public internal(set) var importedFrom: String?
    public internal(set) var importProblems: [ImportProblem] = []
    /// The converted text of an imported log (record locations point into it).
    var inMemoryText: SharedBytes?

    /// `promptIDs` and `answers` by their bytes.
    var promptTable = ByteStringTable(seed: .random(in: .min ... .max))
    var answerTable = ByteStringTable(seed: .random(in: .min ... .max))
    var headerLine: Int?

    /// Whether `samples.location` says where each sample's line is, so that
    /// `detail(of:)` can read its text back, as the explorer does. `summary`
    /// and `validate` report figures and problems, never a sample's text, and
    /// leave it empty: 16 bytes a sample, 20 MB of a 1 GB log.
    public let keepsSampleLocations: Bool

    public init(path: String, keepsSampleLocations: Bool = true) {
        self.path = path
        self.keepsSampleLocations = keepsSampleLocations
    }

    /// Sorted round numbers that have samples or stage records.
    public var roundNumbers: [Int] { rounds.keys.sorted() }

    public mutating func takeDirtyRounds() -> Set<Int> {
        defer { dirtyRounds.removeAll() }
        return dirtyRounds
    }
}

/// Where a record's line is in the file, so its text can be read on demand.
public struct RecordLocation: Sendable, Equatable {
    public var offset: Int64
    public var length: Int32
    public var line: Int32
}

/// What the `round` records said about a round.
public struct RoundInfo: Sendable {
    public var stage: String?
    public var expectedPrompts: Int?
    public var metrics: [(String, Double)] = []
    /// A `round` record named this round (it is listed even before its first sample).
    public internal(set) var hasRoundRecord = false
    /// Indices into `RunData.groups`, one per prompt of the round, in first-seen order.
    public internal(set) var groups: [Int32] = []
}

/// Per-sample columns. Row `i` of every array is one sample.
public struct SampleColumns: Sendable {
    public internal(set) var group: [Int32] = []
    public internal(set) var index: [Int32] = []
    /// In [0,1]; NaN when unknown.
    public internal(set) var utility: [Double] = []
    /// Interned answer (index into `RunData.answers`), -1 when none.
    public internal(set) var answer: [Int32] = []
    /// Inline verification score; NaN when none or unparsed.
    public internal(set) var inlineScore: [Double] = []
    /// Inline verification: bit 0 present; bits 1-2 the verdict.
    public internal(set) var inlineVerification: [UInt8] = []
    /// Inline kept flag: 0 absent or null, 1 true, 2 false.
    public internal(set) var inlineKept: [UInt8] = []
    /// Where each sample's line is; empty unless `RunData.keepsSampleLocations`.
    public internal(set) var location: [RecordLocation] = []

    public var count: Int { group.count }

    mutating func reserveCapacity(_ n: Int, locations: Bool) {
        group.reserveCapacity(n)
        index.reserveCapacity(n)
        utility.reserveCapacity(n)
        answer.reserveCapacity(n)
        inlineScore.reserveCapacity(n)
        inlineVerification.reserveCapacity(n)
        inlineKept.reserveCapacity(n)
        if locations { location.reserveCapacity(n) }
    }
}

/// Per-verify-record columns (the last `verify` of each sample).
public struct VerifyColumns: Sendable {
    public internal(set) var score: [Double] = []
    public internal(set) var verdict: [Verdict] = []
    public internal(set) var location: [RecordLocation] = []

    public var count: Int { score.count }
}

/// One entry per (round, prompt): the join of samples, verifications and the filter.
public struct GroupTable: Sendable {
    public internal(set) var round: [Int32] = []
    public internal(set) var prompt: [Int32] = []
    /// Sample rows of the group (each sample index once; the last line wins).
    public internal(set) var sampleRows = GroupRowTable()
    /// Per sample row above, the row of its last `verify` record or -1; an
    /// empty array when no `verify` record has named a sample of the group
    /// (every row -1), which spares the inline layout an array per group.
    public internal(set) var verifyOfSample: [[Int32]] = []
    /// `verify` records whose sample has not appeared (yet): sample index and verify row.
    var orphanVerifies: [[(Int32, Int32)]] = []
    /// The kept indices of the last `filter` record, nil when none.
    public internal(set) var filterKept: [[Int32]?] = []

    var index = GroupIndex()
    /// Per group, bit i set when sample index i (0 ..< 64) has a row: most
    /// samples are new, and this says so without searching the group's rows.
    var smallIndices: [UInt64] = []

    public var count: Int { round.count }

    /// false when sample `index` certainly has no row in group `g` yet.
    @inline(__always)
    func mayHave(_ index: Int32, inGroup g: Int) -> Bool {
        guard index >= 0, index < 64 else { return true }
        return smallIndices[g] & (1 << UInt64(index)) != 0
    }

    /// Gives group `g` its `verifyOfSample` entries (all -1) if it has none yet.
    mutating func materializeVerifies(ofGroup g: Int) {
        let rows = sampleRows[g].count
        if verifyOfSample[g].count < rows {
            verifyOfSample[g].append(contentsOf: repeatElement(-1, count: rows - verifyOfSample[g].count))
        }
    }

    @inline(__always)
    mutating func noteIndex(_ index: Int32, inGroup g: Int) {
        guard index >= 0, index < 64 else { return }
        smallIndices[g] |= 1 << UInt64(index)
    }
}

/// The sample rows of every group. A group's samples are mostly logged one
/// after another, so its rows are mostly consecutive: they are kept as a
/// first row and a count, and as a list only once a row breaks the run.
/// A list per group cost a heap block of about 112 bytes each (80 000 of
/// them, 9 MB, in a 1 GB log); a range costs 8 bytes. The same rows are
/// always kept the same way, so tables compare by what they store.
public struct GroupRowTable: Sendable, Equatable {
    private var firsts: [Int32] = []
    private var counts: [Int32] = []
    /// Empty while the group's rows are `first ..< first + count`.
    private var lists: [[Int32]] = []

    public subscript(g: Int) -> GroupRows {
        GroupRows(first: firsts[g], count: Int(counts[g]), list: lists[g])
    }

    /// Group `g`'s rows as a range while they are consecutive; nil once they are a list.
    @inline(__always)
    func consecutiveRows(ofGroup g: Int) -> Range<Int>? {
        lists[g].isEmpty ? Int(firsts[g]) ..< Int(firsts[g]) + Int(counts[g]) : nil
    }

    /// Adds an empty group.
    mutating func addGroup() {
        firsts.append(0)
        counts.append(0)
        lists.append([])
    }

    /// Adds `row` to group `g`, after its other rows.
    mutating func append(_ row: Int32, toGroup g: Int) {
        defer { counts[g] += 1 }
        if lists[g].isEmpty {
            if counts[g] == 0 { firsts[g] = row; return }
            if firsts[g] &+ counts[g] == row { return }
            lists[g] = Array(firsts[g] ..< firsts[g] + counts[g])
        }
        lists[g].append(row)
    }
}

/// The sample rows of one group, in the order they were added.
public struct GroupRows: RandomAccessCollection, Sendable {
    let first: Int32
    public let count: Int
    /// Empty while the rows are `first ..< first + count`.
    let list: [Int32]

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    @inline(__always)
    public subscript(i: Int) -> Int32 {
        list.isEmpty ? first &+ Int32(truncatingIfNeeded: i) : list[i]
    }
}

// MARK: - Effective values (after the join)

/// One sample after the join: verification from its last `verify` record
/// (else inline), kept from the group's `filter` record (else inline).
public struct EffectiveSample: Sendable {
    public var row: Int32
    public var index: Int32
    public var utility: Double?
    public var score: Double?
    /// A verification exists (inline or a record), whether or not its score parsed.
    public var verified: Bool
    public var verdict: Verdict
    public var kept: Bool
    public var answer: Int32
    /// The `verify` row, -1 when the verification (if any) is inline.
    public var verifyRow: Int32
}

extension RunData {
    /// The samples of group `g`, joined, in ascending sample index.
    public func effectiveSamples(ofGroup g: Int) -> [EffectiveSample] {
        var out: [EffectiveSample] = []
        appendEffectiveSamples(ofGroup: g, to: &out)
        return out
    }

    /// Appends the joined samples of group `g` to `out` (reusing its storage).
    public func appendEffectiveSamples(ofGroup g: Int, to out: inout [EffectiveSample]) {
        let rows = groups.sampleRows[g]
        let verifies = groups.verifyOfSample[g]
        let filterKept = groups.filterKept[g]
        let start = out.count
        for (k, row32) in rows.enumerated() {
            let row = Int(row32)
            let idx = samples.index[row]
            var score: Double?
            var verdict = Verdict.none
            var verified = false
            let v = verifies.isEmpty ? -1 : verifies[k]
            if v >= 0 {
                verified = true
                let s = verifications.score[Int(v)]
                score = s.isNaN ? nil : s
                verdict = verifications.verdict[Int(v)]
            } else {
                let bits = samples.inlineVerification[row]
                if bits & 1 == 1 {
                    verified = true
                    let s = samples.inlineScore[row]
                    score = s.isNaN ? nil : s
                    verdict = Verdict(rawValue: bits >> 1) ?? .none
                }
            }
            let kept: Bool
            if let filterKept {
                kept = filterKept.contains(idx)
            } else {
                kept = samples.inlineKept[row] == 1
            }
            let u = samples.utility[row]
            out.append(EffectiveSample(
                row: row32, index: idx, utility: u.isNaN ? nil : u, score: score, verified: verified,
                verdict: verdict, kept: kept, answer: samples.answer[row], verifyRow: v))
        }
        out[start...].sort { $0.index < $1.index }
    }
}

/// The group of each (round, prompt). A round's prompts are numbered in the
/// order the log first named them and each round names them in about that
/// order, so a round's groups are kept in an array by prompt, read one after
/// another, as long as that array stays within a few times the round's
/// groups; a prompt past that (a round of prompts numbered far apart, a round
/// number past `numberedRounds`) goes to a dictionary, and its round's array
/// stops growing, so a prompt is always where its number says.
struct GroupIndex: Sendable {
    /// Rounds below this may have an array; beyond it (or below 0), the dictionary.
    static let numberedRounds = 4096
    private var byRound: [[Int32]] = []
    /// Per round: groups in its array, and whether the array has stopped growing.
    private var filled: [Int] = []
    private var frozen: [Bool] = []
    private var others: [UInt64: Int32] = [:]

    @inline(__always)
    func group(round: Int, prompt: Int32) -> Int32? {
        if round >= 0, round < byRound.count, Int(prompt) < byRound[round].count {
            let g = byRound[round][Int(prompt)]
            return g >= 0 ? g : nil
        }
        return others.isEmpty ? nil : others[Self.key(round, prompt)]
    }

    /// Sets the group of a (round, prompt) that has none.
    mutating func set(_ g: Int32, round: Int, prompt: Int32) {
        let p = Int(prompt)
        guard round >= 0, round < Self.numberedRounds else {
            others[Self.key(round, prompt)] = g
            return
        }
        if round >= byRound.count {
            let more = round + 1 - byRound.count
            byRound.append(contentsOf: repeatElement([], count: more))
            filled.append(contentsOf: repeatElement(0, count: more))
            frozen.append(contentsOf: repeatElement(false, count: more))
        }
        if p >= byRound[round].count {
            // An array at most 4 times the round's groups (and 4096 entries).
            guard !frozen[round], p < max(4096, 4 * filled[round]) else {
                frozen[round] = true
                others[Self.key(round, prompt)] = g
                return
            }
            let size = min(max(p + 1, 2 * byRound[round].count), max(4096, 4 * filled[round]))
            byRound[round].append(contentsOf: repeatElement(-1, count: size - byRound[round].count))
        }
        byRound[round][p] = g
        filled[round] += 1
    }

    /// One number for a (round, prompt); rounds are below 2^31.
    @inline(__always)
    static func key(_ round: Int, _ prompt: Int32) -> UInt64 {
        UInt64(truncatingIfNeeded: round) << 32 | UInt64(UInt32(bitPattern: prompt))
    }
}
