import GapCore

/// The screens, as a navigation stack. Runs are named by their path.
public enum Screen: Equatable, Sendable {
    case runs
    case run(String)
    case round(String, Int)
    /// A sample of a round, by its row in that round's `RoundSamples`.
    case sample(String, Int, row: Int)
    case compare([String])
}

/// Something drawn over the current screen that takes the keys first.
public enum Overlay: Equatable, Sendable {
    case help
    /// The bad lines and import problems of a run, by path.
    case problems(String)
    case whatIf(WhatIfEditor)
    /// A line being typed: a search (`/`) or a command (`:`).
    case prompt(Prompt)
}

public struct Prompt: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case search, command }
    public var kind: Kind
    public var text: String = ""

    /// Ctrl-w, as in readline and vim: the spaces at the end of the line, then the word before them.
    mutating func deleteWord() {
        while text.last == " " { text.removeLast() }
        while let last = text.last, last != " " { text.removeLast() }
    }
}

/// The what-if editor: a rule kind and its parameter, edited before applying.
public struct WhatIfEditor: Equatable, Sendable {
    public enum Kind: Int, CaseIterable, Sendable { case logged, topK, threshold, quantile, none }
    public var kind: Kind
    public var k: Int = 1
    public var threshold: Double = 0.5
    public var quantile: Double = 0.25

    /// The rule this editor describes; nil means the logged decisions.
    public var rule: FilterRule? {
        switch kind {
        case .logged: return nil
        case .topK: return .topK(k)
        case .threshold: return .threshold(threshold)
        case .quantile: return .quantile(quantile)
        case .none: return FilterRule.none
        }
    }

    public init(rule: FilterRule?) {
        switch rule {
        case nil: kind = .logged
        case let .topK(k)?: kind = .topK; self.k = k
        case let .threshold(t)?: kind = .threshold; threshold = t
        case let .quantile(q)?: kind = .quantile; quantile = q
        case .none?: kind = .none
        }
    }
}

/// The state of the Round screen's table, kept per visit.
public struct RoundView: Sendable {
    public var path: String
    public var round: Int
    public var samples: RoundSamples
    /// The data version the samples were built from (lines read), to rebuild on growth.
    public var builtFrom: Int
    public var rule: FilterRule?
    public var filter: QuickFilter = .all
    public var order: SampleOrder = .log
    /// The prompt whose siblings the `siblings` filter shows.
    public var siblingsOf: Int32?
    /// Row indices (into `samples.rows`) shown, in order.
    public var visible: [Int] = []
    public var cursor = 0
    public var offset = 0
    public var search = ""

    mutating func reselect() {
        let keep = visible.indices.contains(cursor) ? visible[cursor] : nil
        visible = samples.select(filter, prompt: siblingsOf, order: order)
        if let keep, let i = visible.firstIndex(of: keep) { cursor = i }
        cursor = min(cursor, max(0, visible.count - 1))
    }
}

/// The whole state of the explorer. `update` changes it; the views draw it.
public struct ExplorerState: Sendable {
    public var width: Int
    public var height: Int
    public var charset: Charset
    public var themes: [Theme]
    public var themeIndex = 0
    public var theme: Theme { themes[themeIndex] }

    // Data, as the feed delivers it.
    public var entries: [String: RunEntry] = [:]
    /// Run paths in discovery order (the feed's), then any others.
    public var order: [String] = []
    public var readErrors: [String] = []

    // Navigation.
    public var stack: [Screen] = [.runs]
    public var overlay: Overlay?
    /// The first line of the help shown (it scrolls when the window is short).
    public var helpOffset = 0
    public var message: String?
    public var shouldQuit = false
    /// Follow mode: keep the newest round and samples in view as a live run grows.
    public var follow = false
    /// Updates frozen for reading.
    public var paused = false

    // Runs screen.
    public var runsCursor = 0
    public var runsOffset = 0
    public var runsSort: RunColumn = .id
    public var runsAscending = true
    public var runsQuery = ""
    public var marked: Set<String> = []
    /// Every run found at start has been read once. Until then a cursor on the first row
    /// stays on the first row while runs come in; after, the cursor stays on its run.
    public var runsSettled = false

    // Run screen.
    public var roundCursor: [String: Int] = [:]
    /// Chart series the user hid (indices into `RunChartSeries.all`).
    public var hiddenSeries: Set<Int> = []
    /// Tab moves focus between the chart and the rounds table.
    public var chartFocused = false

    // Round and Sample screens.
    public var roundView: RoundView?
    public var detail: SampleDetail?
    public var detailScroll = 0

    // What-if.
    public var whatIf: FilterRule?
    /// Figures under `whatIf`, by run path, with the data version they were computed from.
    public var whatIfFigures: [String: (version: Int, figures: [RoundFigures])] = [:]

    public init(width: Int = 80, height: Int = 24, charset: Charset = .unicode, themes: [Theme] = [.default]) {
        self.width = width
        self.height = height
        self.charset = charset
        self.themes = themes.isEmpty ? [.default] : themes
    }

    public var screen: Screen { stack.last ?? .runs }

    /// The runs of the Runs screen, filtered and sorted.
    public var visibleRuns: [String] {
        let list = order.compactMap(shownEntry)
        return RunList.order(list, query: runsQuery, column: runsSort, ascending: runsAscending).map { list[$0].data.path }
    }

    /// A run as the Runs screen shows and sorts it: with its what-if figures
    /// when a what-if rule is set.
    func shownEntry(_ path: String) -> RunEntry? {
        guard var entry = entries[path] else { return nil }
        if whatIf != nil { entry.figures = figures(of: path) }
        return entry
    }

    /// The figures a run shows: under the what-if rule when one is set.
    public func figures(of path: String) -> [RoundFigures] {
        guard let entry = entries[path] else { return [] }
        if whatIf != nil, let cached = whatIfFigures[path], cached.version == entry.data.linesRead {
            return cached.figures
        }
        return entry.figures
    }
}
