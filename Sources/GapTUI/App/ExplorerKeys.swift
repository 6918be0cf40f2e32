import GapCore

extension ExplorerState {
    public var screenKind: ScreenKind {
        switch screen {
        case .runs: return .runs
        case .run: return .run
        case .round: return .round
        case .sample: return .sample
        case .compare: return .compare
        }
    }

    mutating func handleKey(_ key: Key) -> [ExplorerEffect] {
        switch overlay {
        case .help, .problems:
            // The help (and the list of problems) scrolls like a list; any other key closes it.
            let page = helpRows
            let last = max(0, (ExplorerView.listOverlay(self)?.lineCount ?? 0) - page)
            switch KeyMap.action(for: key, on: .runs) {
            case .down?: helpOffset = min(last, helpOffset + 1)
            case .up?: helpOffset = max(0, helpOffset - 1)
            case .halfPageDown?: helpOffset = min(last, helpOffset + max(1, page / 2))
            case .halfPageUp?: helpOffset = max(0, helpOffset - max(1, page / 2))
            case .pageDown?: helpOffset = min(last, helpOffset + page)
            case .pageUp?: helpOffset = max(0, helpOffset - page)
            default: overlay = nil
            }
            return []
        case let .whatIf(editor):
            handleWhatIf(key, editor)
            return []
        case let .prompt(prompt):
            handlePrompt(key, prompt)
            return []
        case nil:
            break
        }
        guard let action = KeyMap.action(for: key, on: screenKind) else {
            if key != .char(" ") { message = "\(key.description): no action here; ? lists the keys" }
            return []
        }
        return perform(action)
    }

    mutating func perform(_ action: Action) -> [ExplorerEffect] {
        message = nil
        switch action {
        case .down: move(1)
        case .up: move(-1)
        case .halfPageDown: move(max(1, pageRows / 2))
        case .halfPageUp: move(-max(1, pageRows / 2))
        case .pageDown: move(pageRows)
        case .pageUp: move(-pageRows)
        case .top: move(-Int.max / 2)
        case .bottom: move(Int.max / 2)
        case .open: open()
        case .back: back()
        case .clearOrBack:
            if screenKind == .runs, !runsQuery.isEmpty {
                keepingSelectedRun { $0.runsQuery = "" }
                message = "filter cleared"
            } else {
                back()
            }
        case .quit: shouldQuit = true
        case .help:
            overlay = .help
            helpOffset = 0
        case .problems:
            guard let path = currentPath, let entry = entries[path] else { break }
            if entry.data.badLines.isEmpty, entry.data.importProblems.isEmpty {
                message = "no bad lines in \(entry.data.header?.runID ?? path)"
            } else {
                overlay = .problems(path)
                helpOffset = 0
            }
        case .search: overlay = .prompt(Prompt(kind: .search, text: screenKind == .runs ? runsQuery : ""))
        case .command: overlay = .prompt(Prompt(kind: .command))
        case .searchNext: searchRound(forward: true, skipCurrent: true)
        case .searchPrevious: searchRound(forward: false, skipCurrent: true)
        case .sort: sort()
        case .reverseSort: keepingSelectedRun { $0.runsAscending.toggle() }
        case .whatIf: overlay = .whatIf(WhatIfEditor(rule: whatIf))
        case .follow:
            follow.toggle()
            message = follow ? "following: newest round and samples stay in view (k or Up stops)" : "follow off"
            if follow, let path = currentPath { followNewest(path) }
        case .pause:
            paused.toggle()
            message = paused ? "paused: the logs are not read until P" : "resumed"
            return [.setPaused(paused)]
        case .theme:
            themeIndex = (themeIndex + 1) % themes.count
            message = "theme: \(theme.name)"
        case .nextPane: chartFocused.toggle()
        case .mark: markCurrentRun()
        case .compare: openCompare()
        case let .quickFilter(filter): setQuickFilter(filter)
        case let .toggleSeries(i):
            if hiddenSeries.contains(i) { hiddenSeries.remove(i) } else { hiddenSeries.insert(i) }
        case .nextSample: stepSample(1)
        case .previousSample: stepSample(-1)
        }
        return []
    }

    /// Lines of the help on screen: the body less the help box's borders.
    var helpRows: Int { max(1, body.height - 2) }

    /// The run the current screen is about.
    var currentPath: String? {
        switch screen {
        case .runs:
            let runs = visibleRuns
            return runs.indices.contains(runsCursor) ? runs[runsCursor] : nil
        case let .run(p), let .round(p, _), let .sample(p, _, _): return p
        case .compare: return nil
        }
    }

    // MARK: Movement

    mutating func move(_ delta: Int) {
        if delta < 0 { follow = false }
        switch screen {
        case .runs:
            runsCursor = clamp(runsCursor + delta, visibleRuns.count)
        case let .run(path):
            roundCursor[path] = clamp((roundCursor[path] ?? 0) + delta, figures(of: path).count)
        case .round:
            guard var view = roundView else { return }
            view.cursor = clamp(view.cursor + delta, view.visible.count)
            roundView = view
        case .sample:
            detailScroll = max(0, min(detailScroll + delta, 1 << 20))
        case .compare:
            break
        }
    }

    private func clamp(_ value: Int, _ count: Int) -> Int {
        min(max(0, value), max(0, count - 1))
    }

    mutating func open() {
        switch screen {
        case .runs:
            guard let path = currentPath else { return }
            push(.run(path))
            if roundCursor[path] == nil { roundCursor[path] = 0 }
        case let .run(path):
            let rounds = figures(of: path)
            let i = roundCursor[path] ?? 0
            guard rounds.indices.contains(i) else {
                message = entries[path]?.loading != nil ? "still reading this run; its rounds follow" : "no rounds logged yet"
                return
            }
            push(.round(path, rounds[i].round))
        case let .round(path, round):
            guard let view = roundView, view.visible.indices.contains(view.cursor) else { return }
            push(.sample(path, round, row: view.visible[view.cursor]))
        case .sample, .compare:
            break
        }
    }

    mutating func stepSample(_ delta: Int) {
        guard case let .sample(path, round, row) = screen, var view = roundView,
              let i = view.visible.firstIndex(of: row) else { return }
        let next = i + delta
        guard view.visible.indices.contains(next) else {
            message = delta > 0 ? "last sample of this list" : "first sample of this list"
            return
        }
        view.cursor = next
        roundView = view
        stack[stack.count - 1] = .sample(path, round, row: view.visible[next])
        openSample(path, row: view.visible[next])
    }

    /// Changes the Runs list's order with the cursor staying on the run it was on.
    mutating func keepingSelectedRun(_ change: (inout ExplorerState) -> Void) {
        let selected = screenKind == .runs ? currentPath : nil
        change(&self)
        if let selected, let i = visibleRuns.firstIndex(of: selected) { runsCursor = i }
    }

    mutating func sort() {
        switch screen {
        case .runs:
            // Only the columns on screen: a narrow terminal hides model, task and filter.
            let shown = RunsScreen.columns(width: width).compactMap(\.column)
            let all = shown.isEmpty ? RunColumn.allCases : shown
            keepingSelectedRun { $0.runsSort = all[all.firstIndex(of: $0.runsSort).map { ($0 + 1) % all.count } ?? 0] }
            message = "sorted by \(runsSort.title)"
        case .round:
            guard var view = roundView else { return }
            let all = SampleOrder.allCases
            view.order = all[(all.firstIndex(of: view.order)! + 1) % all.count]
            view.reselect()
            roundView = view
            message = "order: \(view.order.title)"
        default:
            break
        }
    }

    mutating func markCurrentRun() {
        guard let path = currentPath else { return }
        if marked.contains(path) { marked.remove(path) } else { marked.insert(path) }
        move(1)
    }

    mutating func openCompare() {
        let shown = visibleRuns
        let picked = marked.isEmpty ? shown : shown.filter { marked.contains($0) }
        guard !picked.isEmpty else {
            message = "no runs to compare"
            return
        }
        push(.compare(picked))
    }

    mutating func setQuickFilter(_ filter: QuickFilter) {
        guard var view = roundView else { return }
        if filter == .siblings {
            guard view.visible.indices.contains(view.cursor) else { return }
            view.siblingsOf = view.samples.rows[view.visible[view.cursor]].prompt
        }
        view.filter = filter
        view.reselect()
        roundView = view
        message = "showing \(filter.title): " + counted(view.visible.count, "sample")
    }

    // MARK: Mouse

    mutating func handleMouse(_ mouse: MouseEvent) {
        switch mouse.kind {
        case .wheelUp: move(-3)
        case .wheelDown: move(3)
        case .press(.middle), .press(.right), .release:
            return
        case .press(.left):
            guard overlay == nil else {
                overlay = nil
                return
            }
            // Lists start below the title line, their header row under that.
            switch screen {
            case .runs:
                let target = runsOffset + mouse.y - body.y - 1
                if target >= 0, target < visibleRuns.count { runsCursor = target }
            case .round:
                guard var view = roundView else { return }
                let target = view.offset + mouse.y - RoundScreen.tableArea(body).y - 1
                if target >= 0, target < view.visible.count { view.cursor = target }
                roundView = view
            default:
                break
            }
        }
    }
}

extension WhatIfEditor {
    /// Steps the parameter of the current rule kind.
    mutating func adjust(_ step: Int) {
        switch kind {
        case .topK: k = max(0, k + step)
        case .threshold: threshold = ((threshold + Double(step) * 0.05) * 100).rounded() / 100
        case .quantile: quantile = min(1, max(0.05, ((quantile + Double(step) * 0.05) * 100).rounded() / 100))
        case .logged, .none: break
        }
    }
}
