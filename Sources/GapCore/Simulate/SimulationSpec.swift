import Foundation

/// A language model as the simulator knows it: its name and the size that
/// drives how well it generates and verifies.
public struct SimulatedModel: Sendable, Equatable {
    /// As written in the run header, e.g. `Qwen1.5-7B`.
    public var name: String
    /// Runs of one family share a fitted line in the scaling plot.
    public var family: String
    /// Parameter count.
    public var params: Double
    /// Pre-training compute, the x axis of the paper's scaling plots.
    public var pretrainFlops: Double

    /// A model by its header fields; skill and verification follow from `pretrainFlops`.
    public init(name: String, family: String, params: Double, pretrainFlops: Double) {
        self.name = name
        self.family = family
        self.params = params
        self.pretrainFlops = pretrainFlops
    }

    /// log10 of pre-training FLOPs, which drives generation skill and verification.
    public var log10Flops: Double { log10(pretrainFlops) }

    var json: JSONValue {
        .object([
            ("name", .string(name)), ("family", .string(family)),
            ("params", .number(params)), ("pretrain_flops", .number(pretrainFlops)),
        ])
    }
}

/// The benchmark a simulated run works on; each has its own prompts, answer
/// style and gap behaviour.
public enum SimTask: String, Sendable, CaseIterable {
    /// Grade-school arithmetic word problems with step-by-step solutions.
    case gsm8k
    /// The same problems graded with partial credit for the correct steps (`task.utility: real`).
    case gsm8kPartial = "gsm8k-partial"
    /// Short factual questions: the verifier knows no more than the generator, so the gap is near zero.
    case triviaqa
    /// 4x4 Sudoku: checking is mechanical, yet only the largest models verify well.
    case sudoku

    var realUtility: Bool { self == .gsm8kPartial }
    var split: String { self == .triviaqa ? "validation" : "test" }
    var promptPrefix: String {
        switch self {
        case .gsm8k, .gsm8kPartial: return "gsm8k"
        case .triviaqa: return "triviaqa"
        case .sudoku: return "sudoku4"
        }
    }
    var displayName: String {
        switch self {
        case .gsm8k: return "GSM8K"
        case .gsm8kPartial: return "GSM8K (partial credit)"
        case .triviaqa: return "TriviaQA"
        case .sudoku: return "4x4 Sudoku"
        }
    }
}

/// How the verifier turns its reading of a sample into a score.
public enum SimVerification: String, Sendable, CaseIterable {
    /// Multiple choice "(A) correct / (B) incorrect"; the score is the probability of (A).
    case mc
    /// Chain-of-thought, then a correct/incorrect verdict; the score is 0 or 1.
    case cotBinary = "cot-binary"
    /// Chain-of-thought, then a score out of 10, logged divided by 10.
    case cotScore = "cot-score"
    /// Round-robin pairwise comparisons among a prompt's samples; the score is the share won.
    case tournament

    var displayName: String {
        switch self {
        case .mc: return "MC"
        case .cotBinary: return "CoT-Binary"
        case .cotScore: return "CoT-Score"
        case .tournament: return "Tournament"
        }
    }
}

extension FilterRule {
    /// The `reason` the simulated pipeline writes in its `filter` records.
    var reason: String {
        switch self {
        case let .topK(k): return "top_k k=\(k)"
        case let .threshold(t): return "threshold min_score=\(JSONValue.format(t))"
        case let .quantile(q): return "quantile keep_fraction=\(JSONValue.format(q))"
        case .none: return "none"
        }
    }
}

/// Where a run writes its verifications and filter decisions.
public enum SimLayout: String, Sendable, CaseIterable {
    /// Inside each `sample` record (`"verification":{...}` and `"kept"`).
    case inline
    /// As separate `verify` and `filter` records after the samples.
    case separate
}

/// Everything that defines one simulated run; the same spec and seed give the same bytes.
public struct SimulationSpec: Sendable {
    /// The header's `run_id`, also the run's directory name.
    public var runID: String
    /// The header's `title`.
    public var title: String
    /// Drives every random choice except the prompts.
    public var seed: UInt64
    /// Drives the prompt set, so runs that share it see the same test set.
    public var promptSeed: UInt64
    public var model: SimulatedModel
    /// nil: the generator verifies its own samples.
    public var verifier: SimulatedModel?
    public var task: SimTask
    public var method: SimVerification
    public var filter: FilterRule
    /// Prompts per round (every round sees the same prompts).
    public var prompts: Int
    /// The n of best-of-n.
    public var samplesPerPrompt: Int
    /// Rounds of generate, verify, filter and (but the last) train.
    public var rounds: Int
    public var layout: SimLayout
    /// Binary tasks: write `"correct":true` (else `"utility":1`).
    public var writesCorrectField: Bool
    /// Longer responses (about 650 bytes) and one-line rationales, as in the benchmark log.
    public var verbose: Bool
    /// Share of responses with non-ASCII oddities (CJK, symbols, emoji).
    public var oddTextRate: Double
    /// How many responses carry terminal escape sequences or other control characters.
    public var controlCharacterSamples: Int
    /// Write malformed lines among the records, to show error reporting.
    public var injectBadLines: Bool
    /// Seconds since 1970 of the run's `created` time when not live.
    public var startTime: Int

    /// A spec with the common defaults: GSM8K, CoT-Score, top-1 of 8, 60
    /// prompts, 3 rounds, inline layout, self-verification.
    public init(
        runID: String, title: String, seed: UInt64, promptSeed: UInt64? = nil,
        model: SimulatedModel, verifier: SimulatedModel? = nil,
        task: SimTask = .gsm8k, method: SimVerification = .cotScore, filter: FilterRule = .topK(1),
        prompts: Int = 60, samplesPerPrompt: Int = 8, rounds: Int = 3,
        layout: SimLayout = .inline, writesCorrectField: Bool = true, verbose: Bool = false,
        oddTextRate: Double = 0.012, controlCharacterSamples: Int = 1, injectBadLines: Bool = false,
        startTime: Int? = nil
    ) {
        self.runID = runID
        self.title = title
        self.seed = seed
        self.promptSeed = promptSeed ?? seed
        self.model = model
        self.verifier = verifier
        self.task = task
        self.method = method
        self.filter = filter
        self.prompts = prompts
        self.samplesPerPrompt = samplesPerPrompt
        self.rounds = rounds
        self.layout = layout
        self.writesCorrectField = writesCorrectField
        self.verbose = verbose
        self.oddTextRate = oddTextRate
        self.controlCharacterSamples = controlCharacterSamples
        self.injectBadLines = injectBadLines
        // 2026-11-02T09:00:00Z plus up to three weeks, so runs of different seeds differ in date.
        self.startTime = startTime ?? (1_793_610_000 + Int(SimRNG.mix(seed) % 21) * 86_400 + Int(SimRNG.mix(seed &+ 1) % 8) * 1_800)
    }

    /// The model that verifies.
    public var effectiveVerifier: SimulatedModel { verifier ?? model }
}

extension SimulationSpec {
    /// Why `id` cannot be a run id, or nil when it can. A run id is also the
    /// name of the run's folder inside the output directory, so it must be
    /// one path component of its own: not empty, not `.` or `..`, without
    /// `/` or NUL.
    public static func runIDProblem(_ id: String) -> String? {
        if id.isEmpty { return "it is empty" }
        if id == "." || id == ".." { return "\"\(id)\" is not a folder of its own" }
        if id.contains("/") { return "it contains \"/\"" }
        if id.utf8.contains(0) { return "it contains a NUL character" }
        return nil
    }
}

extension SimulationSpec {
    /// The largest run the simulator writes. It holds every prompt (about
    /// 2 KB each) and a whole round's samples (about 1 KB each) in memory,
    /// and plans every round's batches up front, so these bound its memory to
    /// a few GB; the bench preset at --scale 4 (80 000 prompts x 16 samples)
    /// is well inside them.
    public enum Limits {
        public static let rounds = 1_000
        public static let samplesPerPrompt = 4_096
        public static let prompts = 1_000_000
        /// Prompts times samples per prompt: what one round holds in memory.
        public static let samplesPerRound = 2_000_000
    }

    /// Why this run is too large to simulate, or nil when it is not.
    public var sizeProblem: String? {
        if rounds > Limits.rounds { return "\(rounds) rounds; at most \(Limits.rounds)" }
        if samplesPerPrompt > Limits.samplesPerPrompt {
            return "\(samplesPerPrompt) samples per prompt; at most \(Limits.samplesPerPrompt)"
        }
        if prompts > Limits.prompts { return "\(prompts) prompts; at most \(Limits.prompts)" }
        if prompts * samplesPerPrompt > Limits.samplesPerRound {
            return "\(prompts) prompts x \(samplesPerPrompt) samples = \(prompts * samplesPerPrompt) samples per round; "
                + "at most \(Limits.samplesPerRound) (a round is held in memory)"
        }
        return nil
    }
}
