import Foundation

/// A short factual question (TriviaQA-like). Whether a model knows the fact
/// decides both its answer and its check, so verification adds little.
struct TriviaProblem: SimProblem {
    struct Fact: Sendable {
        let question: String
        let answer: String
        let wrong: [String]
        /// A sentence a model that knows the fact writes.
        let note: String
    }

    let fact: Fact
    let text: String
    var reference: String { fact.answer }
    var wrongAnswers: [String] { fact.wrong }
    var wrongPrior: [Double] { fact.wrong.indices.map { 1 / Double($0 + 1) } }

    static func make(index: Int, rng: inout SimRNG) -> TriviaProblem {
        // Walk the facts in a seeded order; a second pass asks them again in other words.
        let facts = Self.facts
        let fact = facts[(index + Int(rng.next() % 7)) % facts.count]
        let pass = index / facts.count
        let text = pass == 0 ? fact.question : "Quiz question \(pass + 1): \(fact.question)"
        return TriviaProblem(fact: fact, text: text)
    }

    func partialCredit(_ wrong: Int) -> Double { 0 }

    private static let wrongLeads = [
        "I believe it is {a}, which comes up most often in this context.",
        "If I remember correctly, it is {a}.",
        "{a} is the best-known answer here.",
        "This is {a}, as far as I recall.",
    ]

    func writeResponse(_ outcome: SampleOutcome, verbose: Bool, rng: inout SimRNG, into out: inout JSONLineBuffer) {
        if verbose { out.raw("Let me recall what I know about this before answering. ") }
        switch outcome {
        case .correct:
            out.raw(fact.note)
        case let .wrong(i):
            out.raw(rng.pick(Self.wrongLeads).replacingOccurrences(of: "{a}", with: fact.wrong[i]))
        case .truncated:
            out.raw("There are a few candidates here, and I need to think about which one")
            return
        }
        out.raw(" The answer is ")
        out.raw(answer(outcome) ?? "")
        out.raw(".")
    }

    func writeCheck(_ outcome: SampleOutcome, judgement: Judgement, verbose: Bool, rng: inout SimRNG, into out: inout JSONLineBuffer) {
        let given = answer(outcome)
        if let given {
            out.raw("The response says "); out.raw(given); out.raw(". ")
        } else {
            out.raw("The response gives no answer. ")
        }
        switch judgement {
        case .approves, .garbled:
            out.raw("As far as I know, that is correct.")
        case .unsure:
            out.raw("I am not certain about this fact.")
        case .findsFault:
            // The verifier's own belief: the truth when it knows better, else another candidate.
            let belief = given == fact.answer ? (fact.wrong.first ?? fact.answer) : fact.answer
            out.raw("I recall that the answer is "); out.raw(belief); out.raw(", so the response is wrong.")
        }
    }
}
