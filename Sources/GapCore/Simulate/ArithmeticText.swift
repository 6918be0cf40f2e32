import Foundation

/// How arithmetic responses and checks read.
extension ArithmeticProblem {
    private static let intros: [String] = [
        "Let's think step by step.\n",
        "Let's solve this step by step.\n",
        "",
        "We need to find {goal}.\n",
        "To find {goal}, we work through the problem one step at a time.\n",
    ]

    func writeResponse(_ outcome: SampleOutcome, verbose: Bool, rng: inout SimRNG, into out: inout JSONLineBuffer) {
        let w = working(outcome)
        let mul: StaticString = rng.chance(0.1) ? "×" : rng.chance(0.3) ? "x" : "*"
        let div: StaticString = rng.chance(0.1) ? "÷" : "/"
        let prefixStyle = rng.index(3)
        let intro = rng.pick(Self.intros)
        if let range = intro.range(of: "{goal}") {
            out.raw(String(intro[..<range.lowerBound]))
            out.raw(template.goal)
            out.raw(String(intro[range.upperBound...]))
        } else {
            out.raw(intro)
        }
        if verbose {
            out.raw("The question asks ")
            out.raw(template.goal)
            out.raw(". Let's go through the information in the problem carefully and compute each quantity in order, checking the arithmetic as we go.\n")
        }
        let shown = outcome == .truncated ? 2 : w.shownSteps
        for k in 0..<shown {
            switch prefixStyle {
            case 0: out.raw("Step "); out.int(k + 1); out.raw(": ")
            case 1: out.int(k + 1); out.raw(". ")
            default: break
            }
            if verbose {
                out.raw(k == 0 ? "First, we need a quantity from the numbers given. "
                    : k == w.values.count - 1 ? "Finally, we combine what we have found. "
                    : k % 2 == 1 ? "Next, we use that result. " : "Then we take the next part of the question into account. ")
            }
            if outcome == .truncated && k == 1 {
                // Cut off mid-sentence where the token budget ran out.
                var rest = JSONLineBuffer(capacity: 128)
                writeStep(w, k, mul: mul, div: div, into: &rest)
                out.rawPrefix(of: rest.bytes, count: max(8, rest.count / 2))
                return
            }
            writeStep(w, k, mul: mul, div: div, into: &out)
            out.byte(0x0A)
        }
        if verbose {
            let (a, b) = operands(w, step: shown - 1)
            out.raw("Let me double-check the last step: ")
            out.int(a); out.raw(" "); out.raw(symbol(w.ops[shown - 1], mul: mul, div: div)); out.raw(" "); out.int(b)
            out.raw(" = "); out.int(w.values[shown - 1])
            out.raw(". That matches, so the result is "); out.int(w.answer); out.raw(".\n")
            out.raw("So the quantity the question asks for, "); out.raw(template.goal); out.raw(", is "); out.int(w.answer); out.raw(".\n")
        }
        out.raw("The answer is ")
        out.int(w.answer)
        out.raw(".")
    }

    private func symbol(_ op: ArithOp, mul: StaticString, div: StaticString) -> StaticString {
        switch op {
        case .add: return "+"
        case .sub: return "-"
        case .mul: return mul
        case .div: return div
        }
    }

    private func writeStep(_ w: Working, _ k: Int, mul: StaticString, div: StaticString, into out: inout JSONLineBuffer) {
        let (a, b) = operands(w, step: k)
        template.steps[k].sentence.render(into: &out) { slot, o in
            switch slot {
            case 0: o.int(a)
            case 1: o.raw(symbol(w.ops[k], mul: mul, div: div))
            case 2: o.int(b)
            default: o.int(w.values[k])
            }
        }
    }

    /// "48 / 2 = 24" as the check quotes it.
    private func writeEquation(_ w: Working, _ k: Int, result: Int? = nil, into out: inout JSONLineBuffer) {
        let (a, b) = operands(w, step: k)
        out.int(a); out.raw(" "); out.raw(symbol(w.ops[k], mul: "*", div: "/")); out.raw(" "); out.int(b)
        out.raw(" = "); out.int(result ?? w.values[k])
    }

    private func writeCheckedSteps(_ w: Working, upTo end: Int, into out: inout JSONLineBuffer) {
        for k in 0..<end {
            out.raw("Checking step "); out.int(k + 1); out.raw(": ")
            writeEquation(w, k, into: &out)
            out.raw(" is correct.\n")
        }
    }

    func writeCheck(_ outcome: SampleOutcome, judgement: Judgement, verbose: Bool, rng: inout SimRNG, into out: inout JSONLineBuffer) {
        let w = working(outcome)
        let shown = outcome == .truncated ? 1 : w.shownSteps
        switch judgement {
        case .approves, .garbled:
            if verbose {
                out.raw(outcome == .truncated ? "The steps so far are right." : "All steps check out, and the final answer answers the question.")
                return
            }
            writeCheckedSteps(w, upTo: shown, into: &out)
            if outcome == .truncated {
                out.raw("The reasoning so far is correct.")
            } else {
                out.raw("The final answer "); out.int(w.answer); out.raw(" answers the question.")
            }
        case .unsure:
            if !verbose { writeCheckedSteps(w, upTo: max(1, shown - 1), into: &out) }
            out.raw("I am not sure the last step uses the right quantities.")
        case .findsFault:
            let fault: Int
            switch w.kind {
            case let .slip(step, _), let .wrongOperation(step), let .stoppedEarly(step): fault = step
            case let .misread(g): fault = firstUse(ofGiven: g)
            case .correct: fault = outcome == .truncated ? shown : rng.index(w.values.count)
            }
            if !verbose { writeCheckedSteps(w, upTo: min(fault, shown), into: &out) }
            switch w.kind {
            case _ where outcome == .truncated:
                out.raw("The response is cut off before it gives an answer.")
                return
            case .correct:
                // An error the verifier imagines: it miscomputes a right step.
                out.raw("Checking step "); out.int(fault + 1); out.raw(": ")
                writeEquation(w, fault, into: &out)
                out.raw(" looks wrong; I get "); out.int(w.values[fault] + rng.pick([-10, -1, 1, 2, 10])); out.raw(".")
            case let .slip(step, right):
                out.raw("Checking step "); out.int(step + 1); out.raw(": ")
                writeEquation(w, step, into: &out)
                out.raw(" is incorrect; it should be "); out.int(right); out.raw(".")
            case let .wrongOperation(step):
                out.raw("Step "); out.int(step + 1); out.raw(" uses "); out.raw(w.ops[step].verb)
                out.raw(", but the question calls for "); out.raw(solution.ops[step].verb); out.raw(".")
            case let .misread(g):
                out.raw("Step "); out.int(fault + 1); out.raw(" uses "); out.int(w.givens[g])
                out.raw(", but the problem says "); out.int(givens[g]); out.raw(".")
            case .stoppedEarly:
                out.raw("The response stops at "); out.int(w.answer); out.raw(", but the question asks ")
                out.raw(template.goal); out.raw(".")
            }
            if !verbose { out.raw(" So the final answer "); out.int(w.answer); out.raw(" is wrong.") }
        }
    }
}
