import GapCore

/// Draws a whole frame from the state: a title line, the current screen, a
/// status line, and any overlay. Pure: no I/O, nothing but the grid changes.
public enum ExplorerView {
    /// Below this the explorer says so instead of drawing a garbled frame, and takes no key but
    /// q, Q and Ctrl-c, which quit.
    public static let minimumSize = Size(width: 50, height: 12)

    public static func render(_ state: ExplorerState) -> Grid {
        var grid = Grid(width: state.width, height: state.height, charset: state.charset, style: state.theme[.text])
        render(state, on: &grid)
        return grid
    }

    public static func render(_ state: ExplorerState, on grid: inout Grid) {
        let theme = state.theme
        grid.clear(style: theme[.text])
        let bounds = grid.bounds
        guard bounds.width >= minimumSize.width, bounds.height >= minimumSize.height else {
            let lines = ["window too small", "\(bounds.width)x\(bounds.height), needs \(minimumSize.width)x\(minimumSize.height)", "q quits"]
            for (i, line) in lines.enumerated() {
                let y = bounds.height / 2 - 1 + i
                let x = max(0, (bounds.width - line.count) / 2)
                grid.put(text: line, at: Point(x: x, y: y), style: theme[i == 0 ? .warn : .dim], maxWidth: bounds.width - x)
            }
            return
        }
        let (title, rest) = bounds.splitTop(1)
        let (body, status) = rest.splitBottom(1)
        TitleLine(state: state).render(in: title, on: &grid, theme: theme)
        var samplePosition: String?
        switch state.screen {
        case .runs: RunsScreen(state: state).render(in: body, on: &grid, theme: theme)
        case let .run(path): RunScreen(state: state, path: path).render(in: body, on: &grid, theme: theme)
        case .round: RoundScreen(state: state).render(in: body, on: &grid, theme: theme)
        case .sample:
            let lines = SampleScreen.lines(state, width: SampleScreen.wrapWidth(body.width), charset: grid.charset)
            SampleScreen(state: state, lines: lines).render(in: body, on: &grid, theme: theme)
            samplePosition = SampleScreen.position(state, lineCount: lines.count)
        case let .compare(paths): CompareScreen(state: state, paths: paths).render(in: body, on: &grid, theme: theme)
        }
        StatusLine(state: state, samplePosition: samplePosition).render(in: status, on: &grid, theme: theme)
        switch state.overlay {
        case .help?, .problems?:
            listOverlay(state)?.render(in: body, on: &grid, theme: theme)
        case let .whatIf(editor)?:
            WhatIfPanel(editor: editor, logged: loggedRule(state)).render(in: body, on: &grid, theme: theme)
        case .prompt?, nil:
            break
        }
    }

    /// The overlay that lists and scrolls (the keys, a run's problems), as drawn and as its
    /// keys scroll it; nil for any other.
    static func listOverlay(_ state: ExplorerState) -> HelpOverlay? {
        let footer = "j/k scroll, any other key closes"
        switch state.overlay {
        case .help?:
            return HelpOverlay(title: "Keys: \(state.screenKind.title) screen", sections: helpSections(for: state.screenKind),
                               offset: state.helpOffset, footer: footer)
        case let .problems(path)?:
            return HelpOverlay(title: "Problems: \(state.entries[path]?.data.header?.runID ?? path)",
                               sections: problemSections(state), offset: state.helpOffset, footer: footer)
        default:
            return nil
        }
    }

    /// Most problems listed: past this, the list says how many more there
    /// are (`gapscope validate` lists them all), so a log of a million bad
    /// lines does not slow every frame.
    static let problemsListed = 1000

    /// The bad lines and import problems of the run the `problems` overlay is about.
    public static func problemSections(_ state: ExplorerState) -> [HelpOverlay.Section] {
        guard case let .problems(path)? = state.overlay, let data = state.entries[path]?.data else { return [] }
        var sections: [HelpOverlay.Section] = []
        func listed<T>(_ items: [T], _ noun: String, _ entry: (T) -> HelpOverlay.Entry) -> [HelpOverlay.Entry] {
            var entries = items.prefix(problemsListed).map(entry)
            if items.count > problemsListed {
                entries.append(HelpOverlay.Entry("...", "\(counted(items.count - problemsListed, noun)) more; gapscope validate lists them all"))
            }
            return entries
        }
        if !data.badLines.isEmpty {
            sections.append(HelpOverlay.Section(
                counted(data.badLines.count, "bad line"),
                listed(data.badLines, "bad line") { HelpOverlay.Entry("line \($0.line)", $0.reason) }))
        }
        if !data.importProblems.isEmpty {
            sections.append(HelpOverlay.Section(
                counted(data.importProblems.count, "import problem"),
                listed(data.importProblems, "import problem") { HelpOverlay.Entry($0.location, $0.message) }))
        }
        return sections
    }

    /// Every key of a screen, from the key map that handles them.
    public static func helpSections(for screen: ScreenKind) -> [HelpOverlay.Section] {
        let own = KeyMap.bindings(for: screen).filter { $0.screens != nil }
        let everywhere = KeyMap.bindings(for: screen).filter { $0.screens == nil }
        func entries(_ bindings: [Binding]) -> [HelpOverlay.Entry] {
            bindings.map { HelpOverlay.Entry($0.keys.map(\.description).joined(separator: " "), $0.help) }
        }
        return [
            HelpOverlay.Section(screen.title, entries(own)),
            HelpOverlay.Section("Everywhere", entries(everywhere) + [
                HelpOverlay.Entry("mouse", "click selects, wheel scrolls"),
                HelpOverlay.Entry("Ctrl-u Ctrl-w", "after / or :, clear the line, delete a word"),
            ]),
        ]
    }

    static func loggedRule(_ state: ExplorerState) -> String {
        guard let path = state.currentPath, let header = state.entries[path]?.data.header else { return "-" }
        return header.loggedRule?.description ?? header.filter?.encoded() ?? "none logged"
    }
}

/// The first line: where you are, and what the run is doing.
struct TitleLine: Widget {
    let state: ExplorerState

    func render(in area: Rect, on grid: inout Grid, theme: Theme) {
        grid.fill(area, style: theme[.title])
        let sep = grid.charset == .unicode ? " › " : " > "
        var crumbs = ["gapscope"]
        for screen in state.stack {
            switch screen {
            case .runs: crumbs.append("runs")
            case let .run(path): crumbs.append(state.entries[path]?.runID ?? "run")
            case let .round(_, round): crumbs.append("round \(round)")
            case let .sample(path, _, row):
                if let view = state.roundView, view.samples.rows.indices.contains(row),
                   let data = state.entries[path]?.data {
                    let r = view.samples.rows[row]
                    crumbs.append("\(data.promptIDs[Int(r.prompt)]) #\(r.sample.index)")
                }
            case let .compare(paths): crumbs.append("compare " + counted(paths.count, "run"))
            }
        }
        var right: [Span] = []
        if state.paused { right.append(Span(" PAUSED ", .warn)) }
        if state.follow { right.append(Span(" FOLLOW ", .accent)) }
        if let rule = state.whatIf { right.append(Span(" what-if \(rule) ", .warn)) }
        if let path = state.currentPath, let entry = state.entries[path], state.screenKind != .runs {
            right.append(contentsOf: RunStatusText.spans(entry, charset: grid.charset))
        } else {
            let live = state.entries.values.filter { $0.status.isLive }.count
            let known = Set(state.order).union(state.entries.keys).count
            if state.entries.count < known {
                right.append(Span(" reading \(state.entries.count)/\(known) runs", .warn))
            } else {
                right.append(Span(" " + counted(state.entries.count, "run"), .dim))
            }
            if live > 0 { right.append(Span("\(grid.charset.separator)\(live) live", .live)) }
        }
        right.append(Span(" "))
        let rightWidth = min(right.displayWidth(charset: grid.charset), area.width / 2)
        let title = " " + Self.fit(crumbs, separator: sep, width: area.width - rightWidth - 1, charset: grid.charset)
        grid.put(text: title, at: area.origin, style: theme[.title], maxWidth: area.width - rightWidth - 1)
        // On the Runs screen, the selected run's whole id where its column cuts it.
        if state.stack.count == 1, let id = RunsScreen.cutID(state, width: area.width) {
            let x = area.x + SafeText.displayWidth(title, charset: grid.charset) + 2
            grid.put(text: id, at: Point(x: x, y: area.y), style: theme[.dim], maxWidth: area.maxX - rightWidth - 1 - x)
        }
        grid.put(spans: right, at: Point(x: area.maxX - rightWidth, y: area.y), theme: theme, base: theme[.title],
                 maxWidth: rightWidth)
    }
}

extension TitleLine {
    /// The crumbs joined, the widest before the last cut (not below 8 cells)
    /// until they fit `width` with the leading space: where you are now is
    /// what the line must show.
    static func fit(_ crumbs: [String], separator: String, width: Int, charset: Charset) -> String {
        var crumbs = crumbs
        func total() -> Int { 1 + SafeText.displayWidth(crumbs.joined(separator: separator), charset: charset) }
        while total() > width, crumbs.count > 1 {
            let widths = crumbs.dropLast().map { SafeText.displayWidth($0, charset: charset) }
            guard let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 8 else { break }
            let cut = max(8, widths[widest] - (total() - width))
            crumbs[widest] = SafeText.truncate(crumbs[widest], toWidth: cut, charset: charset)
        }
        return crumbs.joined(separator: separator)
    }
}

/// A run's state in words: live or how it ended, the running round's stage and progress.
enum RunStatusText {
    static func spans(_ entry: RunEntry, charset: Charset) -> [Span] {
        var spans: [Span] = []
        if let percent = entry.loadingPercent {
            spans.append(Span(" reading \(percent)%", .warn))
        }
        switch entry.status {
        case .live:
            spans.append(Span(" \(charset.bullet) live", .live))
            if let last = entry.figures.last {
                var stage = " round \(last.round)"
                if let s = last.stage { stage += ": \(s)" }
                if let expected = last.expectedPrompts, expected > 0 {
                    stage += " \(last.prompts)/\(expected)"
                }
                spans.append(Span(stage, .live))
            }
        case let .ended(status):
            spans.append(Span(" \(status)", status == "completed" ? .good : .bad))
        }
        return spans
    }
}

/// The last line: a prompt being typed, a message, or the keys of the screen.
struct StatusLine: Widget {
    let state: ExplorerState
    /// Where the Sample screen's view is in its text (`SampleScreen.position`).
    var samplePosition: String?

    func render(in area: Rect, on grid: inout Grid, theme: Theme) {
        if case let .prompt(prompt)? = state.overlay {
            let lead = prompt.kind == .search ? "/" : ":"
            StatusBar(left: [Span(lead + prompt.text, .accent), Span(grid.charset == .unicode ? "▏" : "_", .accent)],
                      right: [Span("Enter ", .key), Span("done ", .status), Span("Esc ", .key), Span("cancel", .status)])
                .render(in: area, on: &grid, theme: theme)
            return
        }
        var left: [Span] = []
        if let message = state.message {
            left = [Span(message, .accent)]
        } else {
            for (key, what) in hints {
                left.append(Span(key, .key))
                left.append(Span(" \(what)  ", .status))
            }
        }
        var right = [Span("? ", .key), Span("help", .status)]
        if let position = samplePosition { right.insert(Span(position + "  ", .accent), at: 0) }
        StatusBar(left: left, right: right).render(in: area, on: &grid, theme: theme)
    }

    var hints: [(String, String)] {
        switch state.screenKind {
        case .runs: return [("Enter", "open"), ("/", "filter"), ("s", "sort"), ("Space", "mark"), ("c", "compare"), ("f", "what-if"), ("q", "quit")]
        case .run: return [("Enter", "round"), ("1-6", "curves"), ("f", "what-if"), ("F", "follow"), ("q", "back")]
        case .round: return [("Enter", "sample"), ("1-7", "filters"), ("s", "score sort"), ("/", "search"), ("q", "back")]
        case .sample: return [("j/k", "scroll"), ("n/p", "next/prev"), ("q", "back")]
        case .compare: return [("f", "what-if"), ("q", "back")]
        }
    }
}

/// The what-if editor, drawn over the screen.
struct WhatIfPanel: Widget {
    let editor: WhatIfEditor
    let logged: String

    func render(in area: Rect, on grid: inout Grid, theme: Theme) {
        let box = area.centered(width: 54, height: 11)
        grid.fill(box, style: theme[.text])
        grid.drawBox(box, style: theme[.border], title: "What-if filter", titleStyle: theme[.header])
        let inner = box.inset(by: 2)
        var y = inner.y
        grid.put(spans: [Span("Logged rule: ", .dim), Span(logged)], at: Point(x: inner.x, y: y), theme: theme, maxWidth: inner.width)
        y += 2
        var x = inner.x
        for kind in WhatIfEditor.Kind.allCases {
            let name = Self.name(kind)
            let role: Role = kind == editor.kind ? .selection : .text
            x += grid.put(text: " \(name) ", at: Point(x: x, y: y), style: theme[role], maxWidth: inner.maxX - x)
        }
        y += 2
        grid.put(spans: [Span("Value: ", .dim), Span(Self.value(editor), .accent)], at: Point(x: inner.x, y: y), theme: theme,
                 maxWidth: inner.width)
        y += 2
        let unicode = grid.charset == .unicode
        grid.put(spans: [Span(unicode ? "←/→" : "h/l", .key), Span(" rule  "), Span(unicode ? "↑/↓ +/-" : "j/k +/-", .key), Span(" value  "),
                         Span("Enter", .key), Span(" apply  "), Span("Esc", .key), Span(" cancel")],
                 at: Point(x: inner.x, y: y), theme: theme, maxWidth: inner.width)
    }

    static func name(_ kind: WhatIfEditor.Kind) -> String {
        switch kind {
        case .logged: return "logged"
        case .topK: return "top-k"
        case .threshold: return "threshold"
        case .quantile: return "quantile"
        case .none: return "none"
        }
    }

    static func value(_ e: WhatIfEditor) -> String {
        switch e.kind {
        case .logged: return "the pipeline's own decisions"
        case .topK: return "keep the \(e.k) best of each prompt"
        case .threshold: return "keep score >= \(JSONValue.format(e.threshold))"
        case .quantile: return "keep the top \(Int((e.quantile * 100).rounded()))% of each prompt"
        case .none: return "keep every sample"
        }
    }
}
