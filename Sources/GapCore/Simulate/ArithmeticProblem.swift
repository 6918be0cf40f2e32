/// A GSM8K-like word problem with its worked solution and the mistakes a
/// model plausibly makes: an arithmetic slip, the wrong operation, a misread
/// number, or stopping at an intermediate result.
struct ArithmeticProblem: SimProblem {
    /// One way of working the problem: the numbers as read, the operations
    /// used, each step's result, and how many steps are written out.
    struct Working: Sendable {
        enum Kind: Sendable, Equatable {
            case correct
            case slip(step: Int, right: Int)
            case wrongOperation(step: Int)
            case misread(given: Int)
            case stoppedEarly(step: Int)
        }

        var kind: Kind
        var givens: [Int]
        var ops: [ArithOp]
        var values: [Int]
        var shownSteps: Int
        var answer: Int { values[shownSteps - 1] }
    }

    let template: ArithmeticTemplate
    let givens: [Int]
    let solution: Working
    let mistakes: [Working]
    let text: String
    let reference: String
    let wrongAnswers: [String]
    let wrongPrior: [Double]

    static func make(rng: inout SimRNG) -> ArithmeticProblem {
        let template = rng.pick(ArithmeticTemplate.all)
        while true {
            guard let givens = template.draw(&rng),
                  let values = evaluate(template, givens: givens, ops: template.steps.map(\.op), slip: nil),
                  values.allSatisfy({ $0 > 0 })
            else { continue }
            let solution = Working(kind: .correct, givens: givens, ops: template.steps.map(\.op), values: values, shownSteps: values.count)
            return ArithmeticProblem(template: template, solution: solution, rng: &rng)
        }
    }

    private init(template: ArithmeticTemplate, solution: Working, rng: inout SimRNG) {
        self.template = template
        self.givens = solution.givens
        self.solution = solution
        text = template.text.string(givens.map(String.init))
        reference = String(solution.answer)
        var candidates = ArithmeticProblem.mistakeCandidates(template, solution: solution, rng: &rng)
        // Shuffle, then keep the first working of each distinct wrong answer.
        for i in stride(from: candidates.count - 1, to: 0, by: -1) {
            candidates.swapAt(i, rng.int(in: 0...i))
        }
        var seen: Set<Int> = [solution.answer]
        var kept: [Working] = []
        for c in candidates where kept.count < 6 && seen.insert(c.answer).inserted {
            kept.append(c)
        }
        mistakes = kept
        wrongAnswers = kept.map { String($0.answer) }
        wrongPrior = kept.map { w in
            switch w.kind {
            case .slip: return 1.0
            case .wrongOperation: return 0.8
            case .stoppedEarly: return 0.7
            case .misread: return 0.5
            case .correct: return 0
            }
        }
    }

    static func evaluate(_ template: ArithmeticTemplate, givens: [Int], ops: [ArithOp], slip: (step: Int, value: Int)?) -> [Int]? {
        var values: [Int] = []
        values.reserveCapacity(template.steps.count)
        for (k, step) in template.steps.enumerated() {
            func value(_ o: Operand) -> Int {
                switch o {
                case let .given(i): return givens[i]
                case let .step(i): return values[i]
                case let .constant(c): return c
                }
            }
            guard var r = ops[k].apply(value(step.a), value(step.b)) else { return nil }
            if let slip, slip.step == k { r = slip.value }
            values.append(r)
        }
        return values
    }

    private static func mistakeCandidates(_ template: ArithmeticTemplate, solution: Working, rng: inout SimRNG) -> [Working] {
        var out: [Working] = []
        let n = template.steps.count
        let ops = solution.ops
        for k in 0..<n {
            let right = solution.values[k]
            for wrongValue in slips(of: right, rng: &rng) {
                if let v = evaluate(template, givens: solution.givens, ops: ops, slip: (k, wrongValue)) {
                    out.append(Working(kind: .slip(step: k, right: right), givens: solution.givens, ops: ops, values: v, shownSteps: n))
                }
            }
            var swapped = ops
            swapped[k] = ops[k].confusedWith
            if let v = evaluate(template, givens: solution.givens, ops: swapped, slip: nil) {
                out.append(Working(kind: .wrongOperation(step: k), givens: solution.givens, ops: swapped, values: v, shownSteps: n))
            }
            if k < n - 1 {
                out.append(Working(kind: .stoppedEarly(step: k), givens: solution.givens, ops: ops, values: solution.values, shownSteps: k + 1))
            }
        }
        let g = rng.index(solution.givens.count)
        var misread = solution.givens
        misread[g] = slips(of: misread[g], rng: &rng).first ?? misread[g] + 1
        if misread[g] > 0, let v = evaluate(template, givens: misread, ops: ops, slip: nil) {
            out.append(Working(kind: .misread(given: g), givens: misread, ops: ops, values: v, shownSteps: n))
        }
        return out
    }

    /// Wrong values a model writes for `right`: off by a little, off by ten, or digits swapped.
    private static func slips(of right: Int, rng: inout SimRNG) -> [Int] {
        var out = [right + rng.pick([-2, -1, 1, 2]), right + rng.pick([-10, 10])]
        let digits = Array(String(right))
        if digits.count >= 2 {
            var swapped = digits
            let i = rng.index(digits.count - 1)
            swapped.swapAt(i, i + 1)
            if swapped[0] != "0", let v = Int(String(swapped)), v != right { out.append(v) }
        }
        return out.filter { $0 != right }
    }

    func partialCredit(_ wrong: Int) -> Double {
        let w = mistakes[wrong]
        let n = Double(solution.values.count)
        switch w.kind {
        case let .slip(step, _), let .wrongOperation(step): return 0.9 * Double(step) / n
        case let .stoppedEarly(step): return 0.5 * Double(step + 1) / n
        case let .misread(g): return 0.9 * Double(firstUse(ofGiven: g)) / n
        case .correct: return 1
        }
    }

    /// The first step that reads given number `g`.
    func firstUse(ofGiven g: Int) -> Int {
        template.steps.firstIndex { step in
            if case let .given(i) = step.a, i == g { return true }
            if case let .given(i) = step.b, i == g { return true }
            return false
        } ?? 0
    }

    func working(_ outcome: SampleOutcome) -> Working {
        if case let .wrong(i) = outcome { return mistakes[i] }
        return solution
    }

    /// The operands of step `k` as `w` reads them.
    func operands(_ w: Working, step k: Int) -> (Int, Int) {
        func value(_ o: Operand) -> Int {
            switch o {
            case let .given(i): return w.givens[i]
            case let .step(i): return w.values[i]
            case let .constant(c): return c
            }
        }
        let step = template.steps[k]
        return (value(step.a), value(step.b))
    }
}
