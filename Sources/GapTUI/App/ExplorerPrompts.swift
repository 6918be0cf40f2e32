import GapCore

/// What the typed lines do: search (`/`, `n`, `N`), commands (`:`), and the what-if editor.
extension ExplorerState {
    // MARK: Search

    /// Moves the Round cursor to the next row whose prompt id or answer contains the search text.
    mutating func searchRound(forward: Bool, skipCurrent: Bool) {
        guard var view = roundView, let entry = entries[view.path] else { return }
        let needle = view.search.lowercased()
        guard !needle.isEmpty, !view.visible.isEmpty else {
            message = "no search yet: / to search"
            return
        }
        let n = view.visible.count
        for step in (skipCurrent ? 1 : 0)...n {
            let i = ((view.cursor + (forward ? step : -step)) % n + n) % n
            let row = view.samples.rows[view.visible[i]]
            let prompt = entry.data.promptIDs[Int(row.prompt)]
            let answer = row.sample.answer >= 0 ? entry.data.answers[Int(row.sample.answer)] : ""
            if prompt.lowercased().contains(needle) || answer.lowercased().contains(needle) {
                if forward ? i < view.cursor : i > view.cursor { message = "search wrapped" }
                view.cursor = i
                roundView = view
                return
            }
        }
        message = "not found: \(view.search)"
    }

    mutating func handlePrompt(_ key: Key, _ prompt: Prompt) {
        var prompt = prompt
        switch key {
        case .escape:
            overlay = nil
            if prompt.kind == .search, screenKind == .runs { runsQuery = "" }
            return
        case .enter:
            overlay = nil
            finishPrompt(prompt)
            return
        case .backspace, .delete:
            if prompt.text.isEmpty {
                overlay = nil
                return
            }
            prompt.text.removeLast()
        case let .char(c):
            prompt.text.append(c)
        case .ctrl("u"):
            prompt.text = ""
        case .ctrl("w"):
            prompt.deleteWord()
        default:
            return
        }
        overlay = .prompt(prompt)
        if prompt.kind == .search, screenKind == .runs {
            runsQuery = prompt.text
            runsCursor = 0
        }
    }

    mutating func finishPrompt(_ prompt: Prompt) {
        switch prompt.kind {
        case .search:
            if screenKind == .runs {
                runsQuery = prompt.text
                message = prompt.text.isEmpty ? nil
                    : counted(visibleRuns.count, "run") + (visibleRuns.count == 1 ? " matches" : " match") + " \"\(prompt.text)\""
            } else if var view = roundView {
                view.search = prompt.text
                roundView = view
                searchRound(forward: true, skipCurrent: false)
            }
        case .command:
            runCommand(prompt.text)
        }
    }

    mutating func runCommand(_ text: String) {
        let words = text.split(separator: " ", maxSplits: 1).map(String.init)
        switch words.first {
        case "q"?, "quit"?, "q!"?:
            shouldQuit = true
        case "theme"?:
            let name = words.count > 1 ? words[1] : ""
            if let i = themes.firstIndex(where: { $0.name == name }) {
                themeIndex = i
                message = "theme: \(name)"
            } else {
                message = "themes: " + themes.map(\.name).joined(separator: ", ")
            }
        case "filter"?:
            if words.count > 1, let rule = FilterRule(parsing: words[1]) {
                applyWhatIf(rule)
            } else {
                message = "filter RULE: top_k:K, threshold:T, quantile:Q or none"
            }
        case "logged"?:
            applyWhatIf(nil)
        case "round"?:
            goToRound(words.count > 1 ? words[1] : "")
        case nil:
            break
        default:
            message = "unknown command: \(text)"
        }
    }

    /// `:round N`: selects round N on the Runs and Run screens; on the Round and Sample screens,
    /// shows round N on the Round screen, with the same quick filter, order and search.
    mutating func goToRound(_ argument: String) {
        let argument = argument.trimmingCharacters(in: .whitespaces)
        guard let r = Int(argument) else {
            message = argument.isEmpty ? "round N: which round? e.g. :round 2" : "round N: \"\(argument)\" is not a round number"
            return
        }
        guard let path = currentPath else {
            message = "round \(r): open a run first"
            return
        }
        let rounds = figures(of: path).map(\.round)
        guard let i = rounds.firstIndex(of: r) else {
            if let lowest = rounds.min(), let highest = rounds.max() {
                message = "no round \(r) in this run (rounds \(lowest)-\(highest))"
            } else {
                message = "no round \(r): no rounds logged yet"
            }
            return
        }
        roundCursor[path] = i
        switch screen {
        case .runs:
            push(.run(path))
        case .round, .sample:
            if case .sample = screen { back() }
            let previous = roundView
            stack[stack.count - 1] = .round(path, r)
            openRound(path, r)
            if let previous, var view = roundView {
                view.filter = previous.filter == .siblings ? .all : previous.filter
                view.order = previous.order
                view.search = previous.search
                view.visible = view.samples.select(view.filter, order: view.order)
                view.cursor = follow ? max(0, view.visible.count - 1) : 0
                roundView = view
            }
        case .run, .compare:
            break
        }
        message = "round \(r)"
    }

    // MARK: What-if

    mutating func handleWhatIf(_ key: Key, _ editor: WhatIfEditor) {
        var editor = editor
        let kinds = WhatIfEditor.Kind.allCases
        switch key {
        case .escape, .char("q"):
            overlay = nil
            return
        case .enter:
            overlay = nil
            applyWhatIf(editor.rule)
            return
        case .tab, .right, .char("l"):
            editor.kind = kinds[(editor.kind.rawValue + 1) % kinds.count]
        case .backTab, .left, .char("h"):
            editor.kind = kinds[(editor.kind.rawValue + kinds.count - 1) % kinds.count]
        case .up, .char("k"), .char("+"):
            editor.adjust(1)
        case .down, .char("j"), .char("-"):
            editor.adjust(-1)
        default:
            break
        }
        overlay = .whatIf(editor)
    }

    mutating func applyWhatIf(_ rule: FilterRule?) {
        whatIf = rule
        whatIfFigures.removeAll()
        if rule != nil {
            for path in order where isShown(path) { refreshWhatIf(path) }
        }
        if let view = roundView { refreshRoundView(view.path, force: true) }
        // The open sample's kept or dropped follows the rule too (rows keep their indices).
        if case let .sample(path, _, row) = screen {
            let scroll = detailScroll
            openSample(path, row: row)
            detailScroll = scroll
        }
        message = rule.map { "what-if \($0) recomputes every figure (Run screen: logged gap beside)" } ?? "showing the logged filter decisions"
    }
}
