import Foundation

/// Command-line choices that replace a preset's values in every run it makes.
public struct SimulationOverrides: Sendable {
    /// Used as is for a single run; a prefix of each run id when the preset makes several.
    public var runID: String?
    public var model: SimulatedModel?
    public var verifier: SimulatedModel?
    public var task: SimTask?
    public var method: SimVerification?
    public var filter: FilterRule?
    public var prompts: Int?
    public var samplesPerPrompt: Int?
    public var rounds: Int?
    public var layout: SimLayout?
    public var injectBadLines = false

    /// No overrides: every preset value stays.
    public init() {}
}

/// Named sets of runs, each showing one finding of the paper (or, for
/// `bench`, one big log for measuring the reader).
public enum SimulationPreset: String, CaseIterable, Sendable {
    case single
    case scaling
    case methods
    case iterative
    case cross
    case threshold
    case real
    case qa
    case puzzle
    case badLines = "bad-lines"
    case bench

    /// One line for `--help` and `--list`.
    public var summary: String {
        switch self {
        case .single: return "one run: Qwen1.5-7B, GSM8K, CoT-Score, top-1 of 8, 3 rounds (the options change it)"
        case .scaling: return "Qwen1.5 0.5B to 72B and Llama-2 7B to 70B, CoT-Score: the relative gap grows with FLOPs"
        case .methods: return "MC, CoT-Binary, CoT-Score and tournament verification of the same Qwen1.5-7B samples"
        case .iterative: return "five rounds of self-improvement: the gap vanishes, pass@k and diversity fall"
        case .cross: return "Qwen1.5-1.8B verified by itself and by Qwen1.5-72B, on the same samples"
        case .threshold: return "a threshold rule (score >= 0.8) that leaves some prompts uncovered"
        case .real: return "GSM8K with partial credit: real-valued utility, quantile rule"
        case .qa: return "TriviaQA: the verifier knows no more than the generator, the gap is near zero"
        case .puzzle: return "4x4 Sudoku at 7B and 72B: only the largest model gains"
        case .badLines: return "a small run with malformed lines, CRLF line ends, a blank line and invalid UTF-8"
        case .bench: return "one ~1.1 GB log at scale 1: 20000 prompts x 16 samples x 4 rounds (--scale changes prompts)"
        }
    }

    /// The runs of this preset. Runs of one preset share the prompt set
    /// (`seed`); each run draws its samples from its own seed.
    public func specs(seed: UInt64, scale: Double = 1, overrides: SimulationOverrides = SimulationOverrides()) -> [SimulationSpec] {
        let m = SimModelCatalog.named
        var specs: [SimulationSpec]
        switch self {
        case .single:
            specs = [Self.spec(seed, m("Qwen1.5-7B")!, prompts: 60, samples: 8, rounds: 3)]
        case .scaling:
            specs = SimModelCatalog.qwen.map { Self.spec(seed, $0, prompts: 70, samples: 8, rounds: 1) }
                + SimModelCatalog.llama.map { Self.spec(seed, $0, prompts: 40, samples: 8, rounds: 1) }
        case .methods:
            specs = SimVerification.allCases.map { method in
                var s = Self.spec(seed, m("Qwen1.5-7B")!, method: method, prompts: 70, samples: 8, rounds: 1)
                s.layout = .separate
                return s
            }
        case .iterative:
            var s = Self.spec(seed, m("Qwen1.5-7B")!, prompts: 80, samples: 8, rounds: 5)
            s.runID += "-iterative"
            s.title = "Qwen1.5-7B iterative self-improvement on GSM8K, CoT-Score, top-1 of 8, 5 rounds (simulated)"
            s.writesCorrectField = false
            specs = [s]
        case .cross:
            let selfRun = Self.spec(seed, m("Qwen1.5-1.8B")!, prompts: 60, samples: 8, rounds: 2)
            var crossRun = selfRun
            crossRun.verifier = m("Qwen1.5-72B")!
            crossRun.runID += "-verified-by-qwen1.5-72b"
            crossRun.title = "Qwen1.5-1.8B on GSM8K verified by Qwen1.5-72B, CoT-Score, top-1 of 8 (simulated)"
            crossRun.layout = .separate
            specs = [selfRun, crossRun]
        case .threshold:
            var s = Self.spec(seed, m("Qwen1.5-14B")!, filter: .threshold(0.8), prompts: 60, samples: 6, rounds: 2)
            s.runID += "-threshold"
            s.layout = .separate
            specs = [s]
        case .real:
            specs = [Self.spec(seed, m("Qwen1.5-14B")!, task: .gsm8kPartial, filter: .quantile(0.25), prompts: 50, samples: 8, rounds: 2)]
        case .qa:
            // Keeping half rather than the best one: with top-1, the few prompts a
            // model half knows make a small run's relative gap swing widely.
            specs = [Self.spec(seed, m("Qwen1.5-7B")!, task: .triviaqa, filter: .quantile(0.5), prompts: 80, samples: 8, rounds: 2)]
        case .puzzle:
            specs = ["Qwen1.5-7B", "Qwen1.5-72B"].map { Self.spec(seed, m($0)!, task: .sudoku, prompts: 40, samples: 8, rounds: 1) }
        case .badLines:
            var s = Self.spec(seed, m("Qwen1.5-4B")!, method: .cotBinary, prompts: 40, samples: 4, rounds: 1)
            s.runID += "-bad-lines"
            s.title = "Qwen1.5-4B on GSM8K, CoT-Binary, with \(BadLines.reasons.compactMap { $0 }.count) malformed lines (simulated)"
            s.injectBadLines = true
            specs = [s]
        case .bench:
            var s = Self.spec(seed, m("Qwen1.5-7B")!, filter: .topK(4), prompts: 20_000, samples: 16, rounds: 4)
            s.runID = "bench-qwen1.5-7b-gsm8k"
            s.title = "Benchmark log: Qwen1.5-7B on GSM8K, CoT-Score, top-4 of 16, 4 rounds (simulated)"
            s.verbose = true
            s.oddTextRate = 0.004
            s.controlCharacterSamples = 3
            specs = [s]
        }
        // Scaling, methods, cross and puzzle keep one seed for all their runs (common
        // random numbers): the same draws, so differences between runs come from
        // the models and verifiers, not from sampling noise.
        for (k, _) in specs.enumerated() where ![.scaling, .methods, .cross, .puzzle].contains(self) {
            specs[k].seed = seed &+ UInt64(k) &* 1_000
        }
        // The seed in the id keeps ids unique across presets that run the same model.
        for k in specs.indices where self != .bench { specs[k].runID += "-s\(specs[k].seed)" }
        return specs.map { Self.apply(overrides, scale: scale, to: $0, multiple: specs.count > 1) }
    }

    private static func spec(
        _ seed: UInt64, _ model: SimulatedModel, task: SimTask = .gsm8k, method: SimVerification = .cotScore,
        filter: FilterRule = .topK(1), prompts: Int, samples: Int, rounds: Int
    ) -> SimulationSpec {
        SimulationSpec(
            runID: "\(model.slug)-\(task.rawValue)-\(method.rawValue)",
            title: title(model, task: task, method: method, filter: filter, samples: samples, verifier: nil),
            seed: seed, promptSeed: seed, model: model, task: task, method: method, filter: filter,
            prompts: prompts, samplesPerPrompt: samples, rounds: rounds)
    }

    static func title(_ model: SimulatedModel, task: SimTask, method: SimVerification, filter: FilterRule, samples: Int, verifier: SimulatedModel?) -> String {
        let rule: String
        switch filter {
        case let .topK(k): rule = "top-\(k) of \(samples)"
        case let .threshold(t): rule = "score >= \(JSONValue.format(t))"
        case let .quantile(q): rule = "top \(JSONValue.format(q * 100))% of \(samples)"
        case .none: rule = "no filter"
        }
        let by = verifier.map { " verified by \($0.name)" } ?? ""
        return "\(model.name) on \(task.displayName)\(by), \(method.displayName), \(rule) (simulated)"
    }

    private static func apply(_ o: SimulationOverrides, scale: Double, to base: SimulationSpec, multiple: Bool) -> SimulationSpec {
        var s = base
        var renamed = false
        if let model = o.model { s.model = model; renamed = true }
        if let verifier = o.verifier { s.verifier = verifier.name == s.model.name ? nil : verifier; renamed = true }
        if let task = o.task { s.task = task; renamed = true }
        if let method = o.method { s.method = method; renamed = true }
        if let filter = o.filter { s.filter = filter; renamed = true }
        if let prompts = o.prompts { s.prompts = prompts }
        if let samples = o.samplesPerPrompt { s.samplesPerPrompt = samples }
        if let rounds = o.rounds { s.rounds = rounds }
        if let layout = o.layout { s.layout = layout }
        if o.injectBadLines { s.injectBadLines = true }
        s.prompts = max(1, Int((Double(s.prompts) * scale).rounded()))
        if renamed {
            s.runID = "\(s.model.slug)-\(s.task.rawValue)-\(s.method.rawValue)" + (s.verifier.map { "-verified-by-\($0.slug)" } ?? "") + "-s\(s.seed)"
            s.title = title(s.model, task: s.task, method: s.method, filter: s.filter, samples: s.samplesPerPrompt, verifier: s.verifier)
        }
        if let id = o.runID { s.runID = multiple ? "\(id)-\(s.runID)" : id }
        return s
    }
}
