import GapCore

/// One sample in full: prompt, reference, response, answer, the verifier's
/// judgement and the filter decision, and its siblings ranked by score.
struct SampleScreen: Widget {
    let state: ExplorerState
    /// The screen's lines, wrapped to the body's width (`lines(_:width:charset:)`), made once a
    /// frame for the text and for the position in the status line.
    let lines: [[Span]]

    func render(in area: Rect, on grid: inout Grid, theme: Theme) {
        let top = min(state.detailScroll, max(0, lines.count - area.height))
        for (i, line) in lines.dropFirst(top).prefix(area.height).enumerated() {
            grid.put(spans: line, at: Point(x: area.x + 2, y: area.y + i), theme: theme, maxWidth: area.width - 3)
        }
    }

    /// The width the lines are wrapped to, in a body `width` columns wide.
    static func wrapWidth(_ width: Int) -> Int { max(10, width - 4) }

    /// Where the view is in `count` lines when they do not all fit (`11-32/272`: lines 11 to 32
    /// of 272), for the status line, as less shows it in its prompt; nil when they all fit.
    static func position(_ state: ExplorerState, lineCount count: Int) -> String? {
        let height = state.body.height
        guard height > 0, count > height else { return nil }
        let top = min(state.detailScroll, count - height)
        return "\(top + 1)-\(top + height)/\(count)"
    }

    /// The screen's lines, wrapped to `width`. Untrusted text (prompt, response,
    /// rationale) is only ever drawn through the grid, which shows control
    /// characters and escape sequences as visible escapes.
    static func lines(_ state: ExplorerState, width: Int, charset: Charset) -> [[Span]] {
        guard let d = state.detail else { return [[Span("sample not available", .warn)]] }
        var out: [[Span]] = []
        let unicode = charset == .unicode
        func section(_ title: String) {
            if !out.isEmpty { out.append([]) }
            out.append([Span(title, .header)])
        }
        func text(_ body: String?, _ role: Role = .text) {
            guard let body, !body.isEmpty else {
                out.append([Span("(none)", .dim)])
                return
            }
            for line in SafeText.wrap(body, width: width, charset: charset) { out.append([Span(line, role)]) }
        }
        let correct: Span
        switch d.utility {
        case 1?: correct = Span(unicode ? "✓ correct" : "correct", .good)
        case let u?: correct = Span(u == 0 ? (unicode ? "✗ wrong" : "wrong") : "utility \(Format.fixed(u))", u == 0 ? .bad : .text)
        case nil: correct = Span("utility unknown", .dim)
        }
        let score: Span = d.score.map { Span("score \(Format.fixed($0))", .accent) }
            ?? Span(d.verified ? "score unparsed (null)" : "not verified", .warn)
        out.append([Span("prompt ", .dim), Span(d.promptID, .accent), Span("  sample ", .dim), Span("#\(d.sampleIndex)", .accent),
                    Span("  "), correct])
        out.append([score, Span("  verdict ", .dim), Span(d.verdict ?? "-"),
                    Span("  "), Span(d.kept ? "KEPT" : "DROPPED", d.kept ? .kept : .dropped),
                    Span(" by \(state.whatIf.map { "what-if \($0)" } ?? d.decidedBy)", .dim)])
        section("Prompt")
        text(d.promptText)
        if let reference = d.reference {
            out.append([Span("reference answer: ", .dim), Span(reference, .accent)])
        }
        section("Response")
        text(d.response)
        out.append([Span("extracted answer: ", .dim), Span(d.answer ?? "-", .accent)])
        section("Verifier rationale")
        text(d.rationale)
        section("Filter")
        var rule = "logged decision"
        if let whatIf = state.whatIf { rule = "what-if rule \(whatIf)" }
        else if let path = state.currentPath, let logged = state.entries[path]?.data.header?.loggedRule { rule = "pipeline rule \(logged), \(d.decidedBy)" }
        out.append([Span(d.kept ? "kept" : "dropped", d.kept ? .kept : .dropped), Span(" (\(rule))", .dim)])
        if let view = state.roundView, let data = state.entries[view.path]?.data,
           let me = view.samples.rows.first(where: { Int($0.sample.index) == d.sampleIndex && data.promptIDs[Int($0.prompt)] == d.promptID }) {
            let siblings = view.samples.rows.filter { $0.prompt == me.prompt }
                .sorted { ($0.sample.score ?? -.infinity, -Int($0.sample.index)) > ($1.sample.score ?? -.infinity, -Int($1.sample.index)) }
            section("Siblings by score (\(siblings.count))")
            for s in siblings {
                let mark = s.sample.index == me.sample.index ? (unicode ? "▸" : ">") : " "
                let ok = s.correct.map { $0 ? (unicode ? "✓" : "y") : (unicode ? "✗" : "n") } ?? "?"
                let answer = s.sample.answer >= 0 ? data.answers[Int(s.sample.answer)] : "-"
                out.append([Span("\(mark) #\(s.sample.index)".padding(toLength: 6, withPad: " ", startingAt: 0), .accent),
                            Span(Format.fixed(s.sample.score).padding(toLength: 7, withPad: " ", startingAt: 0)),
                            Span(ok + " ", s.correct == true ? .good : s.correct == false ? .bad : .dim),
                            Span((s.sample.kept ? "kept   " : "dropped"), s.sample.kept ? .kept : .dropped),
                            Span("  " + answer)])
            }
        }
        return out
    }
}
