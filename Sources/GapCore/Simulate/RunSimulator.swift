import Foundation

/// Writes one simulated run log, record batch by record batch, in the order
/// a running pipeline writes them: the header and prompts, then per round the
/// `generate` stage and samples, the `verify` stage and verifications, the
/// `filter` stage and decisions, `train` and `done`, and finally `run_end`.
///
/// Records are produced on demand, so the benchmark log never sits in memory
/// whole and a live writer can pause between batches. Everything but live
/// timestamps follows from the spec and its seeds.
public struct RunSimulator {
    /// The run being written.
    public let spec: SimulationSpec
    var prompts: [SimPromptState]
    /// The verifier's discrimination in round 0 (see `GapModel`).
    let delta0: Double
    let live: Bool
    private let steps: [Step]
    private var nextStep = 0
    private var roundIndex = -1
    private var roundSamples: [[SimSample]] = []
    /// Simulated seconds since 1970 (wall clock in live mode).
    private var clock: Int
    var pendingBadLines: [[UInt8]]
    /// Round-0 samples (prompt * n + sample) whose responses carry control characters.
    let controlSamples: [Int]

    enum Stage: String {
        case generate, verify, filter, train, done
    }

    private enum Step {
        case header
        case prompts(Range<Int>)
        case stage(Int, Stage)
        case samples(Int, Range<Int>)
        case verifications(Int, Range<Int>)
        case filters(Int, Range<Int>)
        case runEnd
    }

    /// - Parameters:
    ///   - live: timestamps from the wall clock, and small batches (about
    ///     eight per stage) so that a watcher sees the run grow.
    ///   - promptsPerBatch: overrides the batch size.
    public init(spec: SimulationSpec, live: Bool = false, promptsPerBatch: Int? = nil) {
        self.spec = spec
        self.live = live
        let skill = GapModel.skill(spec.model, task: spec.task)
        let width = max(4, String(max(spec.prompts - 1, 0)).count)
        prompts = (0..<spec.prompts).map { x in
            var rng = SimRNG(seed: spec.promptSeed, 1, x)
            let problem = spec.task.makeProblem(index: x, rng: &rng)
            let difficulty = GapModel.difficulty(spec.task, rng: &rng)
            let weights = problem.wrongPrior.map { $0 * exp(0.9 * rng.normal()) }
            let total = weights.reduce(0, +)
            let number = String(x)
            let id = spec.task.promptPrefix + "/" + String(repeating: "0", count: max(0, width - number.count)) + number
            return SimPromptState(
                id: id, problem: problem,
                accuracy: GapModel.initialAccuracy(skill: skill, difficulty: difficulty, task: spec.task),
                wrongWeights: total > 0 ? weights.map { $0 / total } : weights)
        }
        var noiseRNG = SimRNG(seed: spec.seed, 3)
        delta0 = GapModel.discrimination(verifier: spec.effectiveVerifier, method: spec.method, task: spec.task, runNoise: noiseRNG.normal())
        clock = live ? Int(Date().timeIntervalSince1970) : spec.startTime

        var pick = SimRNG(seed: spec.seed, 4)
        let total = spec.prompts * spec.samplesPerPrompt
        var chosen: [Int] = []
        while chosen.count < min(spec.controlCharacterSamples, total) {
            let k = pick.index(total)
            if !chosen.contains(k) { chosen.append(k) }
        }
        controlSamples = chosen
        pendingBadLines = spec.injectBadLines ? BadLines.make(spec: spec, promptIDs: prompts.map(\.id)) : []

        let batch = max(1, promptsPerBatch ?? (live ? (spec.prompts + 7) / 8 : 2000))
        func batches(_ make: (Range<Int>) -> Step) -> [Step] {
            stride(from: 0, to: spec.prompts, by: batch).map { make($0..<min($0 + batch, spec.prompts)) }
        }
        var steps: [Step] = [.header]
        // A pipeline knows its prompts at start-up and writes them in one go.
        steps.append(.prompts(0..<spec.prompts))
        for r in 0..<spec.rounds {
            steps.append(.stage(r, .generate))
            switch spec.layout {
            case .separate:
                steps += batches { .samples(r, $0) }
                steps.append(.stage(r, .verify))
                steps += batches { .verifications(r, $0) }
                steps.append(.stage(r, .filter))
                steps += batches { .filters(r, $0) }
            case .inline:
                steps.append(.stage(r, .verify))
                steps.append(.stage(r, .filter))
                steps += batches { .samples(r, $0) }
            }
            if r < spec.rounds - 1 { steps.append(.stage(r, .train)) }
            steps.append(.stage(r, .done))
        }
        steps.append(.runEnd)
        self.steps = steps
    }

    /// Where the log goes inside the output directory.
    public var relativePath: String { spec.runID + "/events.jsonl" }

    /// Batches left to write.
    public var isFinished: Bool { nextStep >= steps.count }

    /// Appends the records of the next batch (whole lines) to `out`; false
    /// when the run is already complete.
    @discardableResult
    public mutating func nextBatch(into out: inout [UInt8]) -> Bool {
        guard nextStep < steps.count else { return false }
        let step = steps[nextStep]
        nextStep += 1
        var buffer = JSONLineBuffer(capacity: 0)
        swap(&buffer.bytes, &out)
        defer { swap(&buffer.bytes, &out) }
        switch step {
        case .header:
            writeHeader(into: &buffer)
        case let .prompts(range):
            for x in range { writePrompt(x, into: &buffer) }
            if spec.injectBadLines && range.lowerBound == 0 { buffer.byte(0x0A) }
        case let .stage(r, stage):
            enterRound(r)
            writeStage(r, stage, into: &buffer)
        case let .samples(r, range):
            enterRound(r)
            for x in range { writeSamples(r, x, into: &buffer) }
        case let .verifications(r, range):
            enterRound(r)
            for x in range { writeVerifications(r, x, into: &buffer) }
        case let .filters(r, range):
            enterRound(r)
            for x in range { writeFilter(r, x, into: &buffer) }
        case .runEnd:
            for line in pendingBadLines { buffer.raw(bytes: line); buffer.byte(0x0A) }
            pendingBadLines = []
            writeRunEnd(status: "completed", into: &buffer)
            return true
        }
        if case .header = step { return true }
        // Malformed lines go out a few at a time among the good ones.
        for _ in 0..<min(2, pendingBadLines.count) {
            buffer.raw(bytes: pendingBadLines.removeFirst())
            buffer.byte(0x0A)
        }
        return true
    }

    /// The `run_end` record of a run stopped before it finished.
    public mutating func abort(into out: inout [UInt8]) {
        var buffer = JSONLineBuffer(capacity: 0)
        swap(&buffer.bytes, &out)
        writeRunEnd(status: "aborted", into: &buffer)
        swap(&buffer.bytes, &out)
        nextStep = steps.count
    }

    /// The whole log in memory (tests and small runs).
    public static func log(for spec: SimulationSpec) -> [UInt8] {
        var sim = RunSimulator(spec: spec)
        var out: [UInt8] = []
        while sim.nextBatch(into: &out) {}
        return out
    }

    private mutating func enterRound(_ r: Int) {
        guard r != roundIndex else { return }
        if roundIndex >= 0 { advanceModel(after: roundSamples) }
        roundIndex = r
        roundSamples = computeRound(r)
    }

    func sample(_ x: Int, _ i: Int) -> SimSample { roundSamples[x][i] }

    /// Seconds of simulated time a stage takes, from the work in it.
    private func duration(of stage: Stage, round r: Int) -> Int {
        let work = Double(spec.prompts * spec.samplesPerPrompt)
        let perSample = 0.08 + 0.03 * (spec.model.params / 1e9).squareRoot()
        switch stage {
        case .generate: return Int(work * perSample) + 30
        case .verify: return Int(work * perSample * 1.4) + 30
        case .filter: return 5 + Int(work / 1000)
        case .train: return 300 + Int(work * 0.4)
        case .done: return 0
        }
    }

    /// The time of the record being written; simulated time moves on by the
    /// stage's duration, live time is the wall clock.
    mutating func timestamp(advancingBy stage: Stage, round r: Int) -> String {
        if live { clock = Int(Date().timeIntervalSince1970) }
        let at = clock
        if !live { clock += duration(of: stage, round: r) }
        return SimTime.iso8601(at)
    }

    var currentTime: String {
        SimTime.iso8601(live ? Int(Date().timeIntervalSince1970) : clock)
    }
}

enum SimTime {
    /// `2026-11-20T10:00:00Z` for seconds since 1970 (UTC, proleptic Gregorian).
    static func iso8601(_ seconds: Int) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secs = seconds - days * 86_400
        // Howard Hinnant's days-to-civil algorithm.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(secs / 3600)):\(two(secs / 60 % 60)):\(two(secs % 60))Z"
    }
}
