/// Response and rationale text, with the odd characters real models emit.
extension RunSimulator {
    /// Non-ASCII oddities: a switch into Chinese, full-width punctuation, an
    /// emoji, a zero-width space, symbols.
    private static let unicodeOddities: [(prefix: String, suffix: String)] = [
        ("让我们一步一步地思考。\n", ""),
        ("", "\n（答案：{a}）"),
        ("", " 🎉"),
        ("Let\u{200B}'s see.\n", ""),
        ("", "\n∴ result ≈ {a} ✓"),
        ("", " Je pense que c'est ça."),
    ]

    /// Terminal escape sequences and other control characters, which an
    /// explorer must show escaped: colour codes, a window-title OSC with a
    /// bell, carriage return and backspaces, NUL, DEL, a C1 CSI and a bidi override.
    private static let controlOddities: [(prefix: String, suffix: String)] = [
        ("\u{1B}[1;32m", "\u{1B}[0m"),
        ("\u{1B}]0;training done\u{07}", "\r\u{08}\u{08}  "),
        ("\u{202E}", "\u{0}\u{7F}\u{9B}2J\u{202C}"),
    ]

    func writeResponse(_ r: Int, _ x: Int, _ i: Int, into out: inout JSONLineBuffer) {
        let problem = prompts[x].problem
        let s = sample(x, i)
        var rng = SimRNG(seed: spec.seed, 20, r, x &* 4096 &+ i)
        var oddity: (prefix: String, suffix: String)?
        if r == 0, let k = controlSamples.firstIndex(of: x * spec.samplesPerPrompt + i) {
            // Which kinds appear rotates with the seed, so a set of runs shows them all.
            oddity = Self.controlOddities[(k + Int(spec.seed % 3)) % Self.controlOddities.count]
        } else if rng.chance(spec.oddTextRate) {
            oddity = rng.pick(Self.unicodeOddities)
        }
        let answer = problem.answer(s.outcome) ?? "?"
        if let oddity { out.raw(oddity.prefix) }
        problem.writeResponse(s.outcome, verbose: spec.verbose, rng: &rng, into: &out)
        if let oddity { out.raw(oddity.suffix.replacingOccurrences(of: "{a}", with: answer)) }
        if spec.injectBadLines && r == 0 && x == 1 && i == 0 {
            // Bytes that are not UTF-8: a reader keeps the record and shows U+FFFD.
            out.raw(bytes: [0x20, 0xFF, 0xC3, 0x28])
        }
    }

    func writeRationale(_ r: Int, _ x: Int, _ i: Int, into out: inout JSONLineBuffer) {
        let s = sample(x, i)
        var rng = SimRNG(seed: spec.seed, 30, r, x &* 4096 &+ i)
        let compact = spec.verbose
        switch spec.method {
        case .mc:
            out.raw("Is the solution correct? (A) correct (B) incorrect. Chosen: ")
            out.raw(s.accepts == true ? "(A)" : "(B)")
            return
        case .tournament:
            if s.judgement == .garbled {
                out.raw(rng.pick(["Both responses are reasonable, but", "Response A and Response B reach", "[[tie]]"]))
                return
            }
            out.raw("Won "); out.int(s.detail); out.raw(" of "); out.int(spec.samplesPerPrompt - 1)
            out.raw(" pairwise comparisons.")
            return
        case .cotBinary, .cotScore:
            break
        }
        if s.judgement == .garbled {
            switch rng.index(4) {
            case 0:
                // Cut off mid-way by the token limit, before the score.
                var body = JSONLineBuffer(capacity: 512)
                prompts[x].problem.writeCheck(s.outcome, judgement: .approves, verbose: compact, rng: &rng, into: &body)
                out.rawPrefix(of: body.bytes, count: max(12, body.count * 2 / 3))
            case 1: out.raw("Score: N/A")
            case 2: out.raw(spec.method == .cotScore ? "The solution seems fine. Score: high" : "Verdict: probably")
            default: out.raw("I cannot verify this solution without more information about the problem.")
            }
            return
        }
        prompts[x].problem.writeCheck(s.outcome, judgement: s.judgement, verbose: compact, rng: &rng, into: &out)
        if spec.method == .cotScore {
            switch rng.index(4) {
            case 0: out.raw("\nScore: "); out.int(s.detail)
            case 1: out.raw(" Score: "); out.int(s.detail); out.raw("/10")
            case 2: out.raw("\n**Score: "); out.int(s.detail); out.raw("**")
            default: out.raw(" Score: "); out.int(s.detail)
            }
        } else {
            out.raw(s.accepts == true ? "\nVerdict: correct" : "\nVerdict: incorrect")
        }
    }
}
