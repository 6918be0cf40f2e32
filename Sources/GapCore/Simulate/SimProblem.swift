/// What a generated sample turned out to be.
enum SampleOutcome: Equatable, Sendable {
    case correct
    /// One of the problem's plausible wrong answers, by index.
    case wrong(Int)
    /// Cut off before it gave an answer (no `answer`, utility 0).
    case truncated
}

/// What a verifier's rationale says about a sample, chosen to agree with its score.
enum Judgement: Sendable {
    /// Sees no problem (right, or a missed error when the sample is wrong).
    case approves
    /// Names a fault: the real one in a wrong sample, an imagined one in a right sample.
    case findsFault
    /// Hedges.
    case unsure
    /// Output the pipeline could not parse (logged score null).
    case garbled
}

/// One prompt of a simulated task: its text, the right answer, the wrong
/// answers a model plausibly gives, and how responses and checks read.
protocol SimProblem: Sendable {
    var text: String { get }
    var reference: String { get }
    /// Plausible wrong answers, each distinct from `reference`.
    var wrongAnswers: [String] { get }
    /// Relative prior weight of each wrong answer.
    var wrongPrior: [Double] { get }
    /// Utility in [0, 1) of a wrong answer on a partial-credit task.
    func partialCredit(_ wrong: Int) -> Double
    func writeResponse(_ outcome: SampleOutcome, verbose: Bool, rng: inout SimRNG, into out: inout JSONLineBuffer)
    /// The body of a chain-of-thought rationale (the closing verdict or score is added by the caller).
    func writeCheck(_ outcome: SampleOutcome, judgement: Judgement, verbose: Bool, rng: inout SimRNG, into out: inout JSONLineBuffer)
}

extension SimProblem {
    func answer(_ outcome: SampleOutcome) -> String? {
        switch outcome {
        case .correct: return reference
        case let .wrong(i): return wrongAnswers[i]
        case .truncated: return nil
        }
    }
}

/// Text with `{name}` slots, split once so that rendering is a run of copies.
struct TextTemplate: Sendable {
    enum Piece: Sendable {
        case text([UInt8])
        case slot(Int)
    }

    let pieces: [Piece]

    /// `slots` names the slots in the order their numbers are passed to `render`.
    init(_ text: String, slots: [String]) {
        var pieces: [Piece] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            guard let slot = slots.firstIndex(of: name) else {
                preconditionFailure("template slot {\(name)} is not among \(slots)")
            }
            if open > rest.startIndex { pieces.append(.text(Array(rest[..<open].utf8))) }
            pieces.append(.slot(slot))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.text(Array(rest.utf8))) }
        self.pieces = pieces
    }

    func render(into out: inout JSONLineBuffer, _ fill: (Int, inout JSONLineBuffer) -> Void) {
        for piece in pieces {
            switch piece {
            case let .text(bytes): out.raw(bytes: bytes)
            case let .slot(i): fill(i, &out)
            }
        }
    }

    /// The template with every slot filled by the matching string.
    func string(_ values: [String]) -> String {
        var out = JSONLineBuffer(capacity: 256)
        render(into: &out) { i, o in o.raw(values[i]) }
        return String(decoding: out.bytes, as: UTF8.self)
    }
}

extension SimTask {
    /// The problem behind prompt number `index` of a run's prompt set.
    func makeProblem(index: Int, rng: inout SimRNG) -> any SimProblem {
        switch self {
        case .gsm8k, .gsm8kPartial: return ArithmeticProblem.make(rng: &rng)
        case .triviaqa: return TriviaProblem.make(index: index, rng: &rng)
        case .sudoku: return SudokuProblem.make(rng: &rng)
        }
    }
}
