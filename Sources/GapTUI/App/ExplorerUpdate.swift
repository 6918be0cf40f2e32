import GapCore

/// What `update` asks the outside world to do.
public enum ExplorerEffect: Equatable, Sendable {
    /// Pause or resume polling the logs.
    case setPaused(Bool)
}

extension ExplorerState {
    /// The one place the state changes. Pure but for reading one sample's
    /// text from its log when the Sample screen opens.
    @discardableResult
    public mutating func update(_ event: ExplorerEvent) -> [ExplorerEffect] {
        defer { syncScroll() }
        switch event {
        case let .resize(width, height):
            self.width = width
            self.height = height
            clampCursors()
            return []
        case .tick:
            return []
        case let .feed(messages):
            // New runs and changed figures can reorder the list: the cursor stays on its run
            // (but at the top while the runs first come in, unless moved).
            let runs = visibleRuns
            let selected = runs.indices.contains(runsCursor) && (runsSettled || runsCursor > 0) ? runs[runsCursor] : nil
            for message in messages { apply(message) }
            if let selected, let i = visibleRuns.firstIndex(of: selected) { runsCursor = i }
            if !runsSettled, !order.isEmpty, order.allSatisfy({ entries[$0].map { $0.loading == nil } ?? false }) {
                runsSettled = true
            }
            return []
        case let .mouse(mouse):
            if !isTooSmall { handleMouse(mouse) }
            return []
        case let .key(key):
            guard !isTooSmall else {
                // Only the message is on screen, and it says "q quits": nothing unseen may change.
                if key == .char("q") || key == .char("Q") || key == .ctrl("c") { shouldQuit = true }
                return []
            }
            return handleKey(key)
        }
    }

    /// The window is below `ExplorerView.minimumSize`: the screens are hidden behind a message.
    var isTooSmall: Bool {
        width < ExplorerView.minimumSize.width || height < ExplorerView.minimumSize.height
    }

    // MARK: Feed

    mutating func apply(_ message: RunFeed.Message) {
        switch message {
        case let .discovered(files, errors):
            // A run whose log is gone stays listed as last read, marked deleted.
            let extra = order.filter { !files.contains($0) && entries[$0] != nil }
            for path in extra { entries[path]?.deleted = true }
            order = files + extra
            // A path that cannot be read is said once in the message line
            // (the runs screen shows it too while there is no run).
            if errors != readErrors, let first = errors.first(where: { !readErrors.contains($0) }) {
                let others = errors.count - 1
                self.message = first + (others > 0 ? " (+\(others) more)" : "")
            } else if let shown = self.message, readErrors.contains(where: { shown.hasPrefix($0) }),
                      !errors.contains(where: { shown.hasPrefix($0) }) {
                // The problem it told of is gone (the run log has appeared): so is the message.
                self.message = nil
            }
            readErrors = errors
        case let .progress(path, done, total):
            // Only a first reading still under way has a progress bar to move.
            if entries[path]?.loading != nil { entries[path]?.loading = (done, total) }
        case let .snapshot(entry):
            let path = entry.data.path
            entries[path] = entry
            if !order.contains(path) { order.append(path) }
            if whatIf != nil, isShown(path) { refreshWhatIf(path) }
            refreshRoundView(path)
            if follow { followNewest(path) }
        }
    }

    /// Whether a run's figures are on screen (so what-if figures are worth computing).
    func isShown(_ path: String) -> Bool {
        switch screen {
        case .runs: return true
        case let .run(p), let .round(p, _), let .sample(p, _, _): return p == path
        case let .compare(paths): return paths.contains(path)
        }
    }

    mutating func refreshWhatIf(_ path: String) {
        guard let rule = whatIf, let entry = entries[path] else { return }
        if let cached = whatIfFigures[path], cached.version == entry.data.linesRead { return }
        whatIfFigures[path] = (entry.data.linesRead, Figures.all(entry.data, options: FigureOptions(rule: rule)))
    }

    /// Rebuilds the Round screen's rows after its run grew, keeping the selected sample selected.
    mutating func refreshRoundView(_ path: String, force: Bool = false) {
        guard var view = roundView, view.path == path, let entry = entries[path] else { return }
        guard force || view.builtFrom != entry.data.linesRead || view.rule != whatIf else { return }
        let selected = view.visible.indices.contains(view.cursor) ? view.samples.rows[view.visible[view.cursor]].sample.row : nil
        view.samples = RoundSamples(run: entry.data, round: view.round, rule: whatIf)
        view.builtFrom = entry.data.linesRead
        view.rule = whatIf
        view.visible = view.samples.select(view.filter, prompt: view.siblingsOf, order: view.order)
        if let selected, let i = view.visible.firstIndex(where: { view.samples.rows[$0].sample.row == selected }) {
            view.cursor = i
        }
        view.cursor = min(view.cursor, max(0, view.visible.count - 1))
        roundView = view
    }

    mutating func followNewest(_ path: String) {
        switch screen {
        case let .run(p) where p == path:
            roundCursor[p] = max(0, (entries[p]?.figures.count ?? 1) - 1)
        case let .round(p, _) where p == path:
            if var view = roundView {
                view.cursor = max(0, view.visible.count - 1)
                roundView = view
            }
        default:
            break
        }
        clampCursors()
    }

    // MARK: Navigation

    mutating func push(_ next: Screen) {
        stack.append(next)
        message = nil
        switch next {
        case let .round(path, round):
            openRound(path, round)
        case let .sample(path, _, row):
            openSample(path, row: row)
        case let .compare(paths):
            if whatIf != nil { paths.forEach { refreshWhatIf($0) } }
        case let .run(path):
            if whatIf != nil { refreshWhatIf(path) }
        case .runs:
            break
        }
    }

    mutating func back() {
        if stack.count <= 1 {
            shouldQuit = true
            return
        }
        let leaving = stack.removeLast()
        if case .round = leaving { roundView = nil }
        if case .sample = leaving { detail = nil; detailScroll = 0 }
        message = nil
    }

    mutating func openRound(_ path: String, _ round: Int) {
        guard let entry = entries[path] else { return }
        let samples = RoundSamples(run: entry.data, round: round, rule: whatIf)
        var view = RoundView(path: path, round: round, samples: samples, builtFrom: entry.data.linesRead, rule: whatIf)
        view.visible = samples.select(.all)
        if follow { view.cursor = max(0, view.visible.count - 1) }
        roundView = view
    }

    mutating func openSample(_ path: String, row: Int) {
        guard let entry = entries[path], let view = roundView, view.samples.rows.indices.contains(row) else { return }
        detail = entry.data.detail(of: view.samples.rows[row].sample)
        detailScroll = 0
    }

    /// Keeps every cursor inside its list after the lists or the window changed.
    mutating func clampCursors() {
        let runs = visibleRuns.count
        runsCursor = min(max(0, runsCursor), max(0, runs - 1))
        if var view = roundView {
            view.cursor = min(max(0, view.cursor), max(0, view.visible.count - 1))
            roundView = view
        }
        for (path, cursor) in roundCursor {
            let count = figures(of: path).count
            roundCursor[path] = min(max(0, cursor), max(0, count - 1))
        }
    }

    /// The body of the screen: everything between the title line and the status line.
    var body: Rect { Rect(x: 0, y: 1, width: width, height: max(0, height - 2)) }

    /// Rows of the Runs table on screen (below its header, above a progress bar while reading).
    var runsRows: Int {
        let loading = entries.values.contains { $0.loading != nil }
        return max(1, RunsScreen.tableArea(body, loading: loading).height - 1)
    }

    /// Rows of the Round screen's sample table on screen.
    var roundRows: Int { max(1, RoundScreen.tableArea(body).height - 1) }

    /// How far a page moves (`PgDn`, `Ctrl-f`; half of it for `Ctrl-d`): the rows of the current
    /// screen's list that are on screen, so paging neither skips rows nor repeats more than one.
    var pageRows: Int {
        switch screen {
        case .runs: return runsRows
        case .run: return max(1, RunScreen.split(body).table.height - 1)
        case .round: return roundRows
        case .sample, .compare: return max(1, body.height)
        }
    }

    /// Moves each list's first shown row just enough to keep its cursor in
    /// view, so lists scroll like `less` rather than jump with the cursor.
    mutating func syncScroll() {
        runsOffset = Table.scrollOffset(selected: runsCursor, offset: runsOffset, rowCount: visibleRuns.count, visibleRows: runsRows)
        if var view = roundView {
            view.offset = Table.scrollOffset(selected: view.cursor, offset: view.offset, rowCount: view.visible.count,
                                             visibleRows: roundRows)
            roundView = view
        }
        if case .sample = screen {
            let lines = SampleScreen.lines(self, width: SampleScreen.wrapWidth(width), charset: charset).count
            detailScroll = min(detailScroll, max(0, lines - body.height))
        }
    }
}
