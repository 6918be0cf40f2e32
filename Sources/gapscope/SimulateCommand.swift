import ArgumentParser
import Foundation
import GapCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `gapscope simulate`: writes realistic run logs from a model of the
/// generation-verification gap, for trying the explorer without a GPU.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Write simulated self-improvement run logs (run-log@1).",
        discussion: """
            Each run goes to DIR/<run_id>/events.jsonl, replacing a run simulated there before but \
            never another file. The same seed and options give the same bytes \
            (except with --live, which stamps records with the wall clock). The options after --preset \
            replace the preset's values in every run it makes. 'gapscope simulate --list' describes the \
            presets and lists the models.

            Examples:
              gapscope simulate --out runs --preset scaling --seed 101
              gapscope simulate --out runs --model 1.8B --verifier 72B --rounds 2
              gapscope simulate --out runs --live --interval 0.2
              gapscope simulate --out bench-out --preset bench --scale 0.1
            """
    )

    @Option(name: .long, help: ArgumentHelp("Directory to write the runs into.", valueName: "dir"))
    var out: String?

    @Option(help: "Seed of every random choice.")
    var seed: UInt64 = 1

    @Option(help: "Which runs to write (see --list).")
    var preset: SimulationPreset = .single

    @Option(help: "Multiply the number of prompts of every run (bench: 0.1 gives about 110 MB; at most 10000).")
    var scale: Double = 1

    @Option(help: ArgumentHelp("Generator model, e.g. Qwen1.5-14B, Llama-2-70B or just 14B (see --list).", valueName: "name"))
    var model: String?

    @Option(help: ArgumentHelp("Verifier model, for cross-verification (default: the generator).", valueName: "name"))
    var verifier: String?

    @Option(help: "Task.")
    var task: SimTask?

    @Option(help: "Verification method.")
    var method: SimVerification?

    @Option(help: ArgumentHelp("Filter rule: top_k:K, threshold:T, quantile:Q or none.", valueName: "rule"))
    var filter: String?

    @Option(help: "Prompts per run (before --scale; at most 1000000 after it).")
    var prompts: Int?

    @Option(help: "Samples per prompt (at most 4096, and prompts x samples at most 2000000: a round is held in memory).")
    var samples: Int?

    @Option(help: "Rounds of generate, verify, filter and train (at most 1000).")
    var rounds: Int?

    @Option(help: "Where verifications and filter decisions go: inline in samples, or separate records.")
    var layout: SimLayout?

    @Option(name: .customLong("run-id"), help: "Run id, also the run's folder name: no /, not . or .. (a prefix when the preset makes several runs).")
    var runID: String?

    @Flag(help: "Add malformed lines, to show how readers report them.")
    var injectBadLines = false

    @Flag(help: "Append records batch by batch over time, as a running pipeline does; Ctrl-C ends the run as aborted (exit status 130).")
    var live = false

    @Option(help: ArgumentHelp("Seconds between batches with --live.", valueName: "seconds"))
    var interval: Double = 0.5

    @Flag(help: "List the presets and models, and exit.")
    var list = false

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if !list && out == nil { throw ValidationError("Missing --out <dir>.") }
        if scale <= 0 || !scale.isFinite { throw ValidationError("--scale must be a positive number.") }
        if scale > Self.maxScale { throw ValidationError("--scale must be at most \(Int(Self.maxScale)).") }
        try Self.check("--prompts", prompts, atMost: SimulationSpec.Limits.prompts)
        try Self.check("--samples", samples, atMost: SimulationSpec.Limits.samplesPerPrompt)
        try Self.check("--rounds", rounds, atMost: SimulationSpec.Limits.rounds)
        if let runID, let problem = SimulationSpec.runIDProblem(runID) {
            throw ValidationError("--run-id \(runID.debugDescription) cannot name a folder inside --out: \(problem).")
        }
        if interval < 0 || !interval.isFinite { throw ValidationError("--interval must be zero or more seconds.") }
        if let filter, let problem = FilterRule.parsingProblem(filter) { throw ValidationError("--filter: \(problem).") }
        for name in [model, verifier].compactMap({ $0 }) where SimModelCatalog.named(name) == nil {
            throw ValidationError("Unknown model '\(name)'; see 'gapscope simulate --list'.")
        }
        // What --scale makes of the preset's prompts is known only from the runs themselves.
        for spec in specs() {
            if let problem = spec.sizeProblem { throw ValidationError("Run \(spec.runID) would be too large: \(problem).") }
        }
    }

    /// The largest --scale: the bench preset's 20 000 prompts times it still fit an Int.
    static let maxScale = 10_000.0

    /// A count option between 1 and `limit`, when given.
    private static func check(_ option: String, _ value: Int?, atMost limit: Int) throws {
        guard let value else { return }
        if value < 1 { throw ValidationError("\(option) must be at least 1.") }
        if value > limit { throw ValidationError("\(option) must be at most \(limit).") }
    }

    /// The runs to write: the preset's, with the options given on top.
    private func specs() -> [SimulationSpec] {
        var overrides = SimulationOverrides()
        overrides.runID = runID
        overrides.model = model.flatMap(SimModelCatalog.named)
        overrides.verifier = verifier.flatMap(SimModelCatalog.named)
        overrides.task = task
        overrides.method = method
        overrides.filter = filter.flatMap(FilterRule.init(parsing:))
        overrides.prompts = prompts
        overrides.samplesPerPrompt = samples
        overrides.rounds = rounds
        overrides.layout = layout
        overrides.injectBadLines = injectBadLines
        return preset.specs(seed: seed, scale: scale, overrides: overrides)
    }

    func run() throws {
        if list {
            print("Presets:")
            for p in SimulationPreset.allCases { print("  \(p.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(p.summary)") }
            print("Models:")
            for m in SimModelCatalog.all {
                print("  \(m.name.padding(toLength: 13, withPad: " ", startingAt: 0)) \(m.family.padding(toLength: 8, withPad: " ", startingAt: 0)) pretrain_flops \(m.pretrainFlops)")
            }
            return
        }
        guard let out else { return }
        let specs = specs()
        if live && specs.count > 1 {
            throw ValidationError("--live writes one run, and preset '\(preset.rawValue)' makes \(specs.count).")
        }
        if live { installStopHandlers() }
        for spec in specs {
            let started = Date()
            let result: SimulationResult
            do {
                result = try SimulationWriter.write(
                    spec, to: out, live: live ? LivePacing(interval: interval) : nil,
                    shouldStop: { stopRequested != 0 })
            } catch {
                printError("gapscope simulate: \(error.description)")
                throw ExitCode.failure
            }
            if !quiet {
                let seconds = Date().timeIntervalSince(started)
                let size = result.bytes >= 1 << 20
                    ? String(format: "%.1f MB", Double(result.bytes) / 1_048_576)
                    : String(format: "%.1f KB", Double(result.bytes) / 1024)
                print("\(result.path)  \(size) in \(String(format: "%.1f", seconds)) s\(result.aborted ? " (aborted)" : "")")
            }
            // Stopped by a signal: the log is closed, and the status says why
            // (130 for Ctrl-C, as a shell reports a process it interrupted).
            if result.aborted, stopRequested != 0 { throw ExitCode(128 + Int32(stopRequested)) }
        }
    }
}

extension SimulationPreset: ExpressibleByArgument {}
extension SimTask: ExpressibleByArgument {}
extension SimVerification: ExpressibleByArgument {}
extension SimLayout: ExpressibleByArgument {}

/// The signal that asked a live run to stop (0: none); set from the signal
/// handler, read between batches.
nonisolated(unsafe) private var stopRequested: sig_atomic_t = 0

/// The first Ctrl-C (or SIGTERM) asks the live run to close its log; a
/// second one ends the process at once.
private func installStopHandlers() {
    for sig in [SIGINT, SIGTERM] {
        signal(sig) { received in
            stopRequested = received
            signal(received, SIG_DFL)
        }
    }
}
