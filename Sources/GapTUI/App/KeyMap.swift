import GapCore

/// What a key does. The key map is the single source for both handling keys
/// and the help screen, so `?` always lists exactly the keys that work.
public enum Action: Hashable, Sendable {
    case down, up, pageDown, pageUp, halfPageDown, halfPageUp, top, bottom
    case open, back, clearOrBack, quit, help
    case search, searchNext, searchPrevious, command
    case sort, reverseSort, whatIf, follow, pause, theme, nextPane
    case mark, compare, problems
    case quickFilter(QuickFilter)
    case toggleSeries(Int)
    case nextSample, previousSample
}

/// The kinds of screen, for key bindings.
public enum ScreenKind: Hashable, Sendable, CaseIterable {
    case runs, run, round, sample, compare

    public var title: String {
        switch self {
        case .runs: return "Runs"
        case .run: return "Run"
        case .round: return "Round"
        case .sample: return "Sample"
        case .compare: return "Compare"
        }
    }
}

public struct Binding: Sendable {
    public var keys: [Key]
    public var action: Action
    public var help: String
    /// nil: every screen.
    public var screens: Set<ScreenKind>?
}

public enum KeyMap {
    public static let bindings: [Binding] = {
        let lists: Set<ScreenKind> = [.runs, .run, .round, .sample]
        var b: [Binding] = [
            Binding(keys: [.char("j"), .down], action: .down, help: "move down (scroll on Sample)", screens: lists),
            Binding(keys: [.char("k"), .up], action: .up, help: "move up (leaves follow mode)", screens: lists),
            Binding(keys: [.ctrl("d")], action: .halfPageDown, help: "half a page down", screens: lists),
            Binding(keys: [.ctrl("u")], action: .halfPageUp, help: "half a page up", screens: lists),
            Binding(keys: [.pageDown, .ctrl("f")], action: .pageDown, help: "a page down", screens: lists),
            Binding(keys: [.pageUp, .ctrl("b")], action: .pageUp, help: "a page up", screens: lists),
            Binding(keys: [.char("g"), .home], action: .top, help: "go to the top", screens: lists),
            Binding(keys: [.char("G"), .end], action: .bottom, help: "go to the bottom", screens: lists),
            Binding(keys: [.enter, .char("l"), .right], action: .open, help: "open the selected run, round or sample", screens: [.runs, .run, .round]),
            Binding(keys: [.char("h"), .left], action: .back, help: "back (not on the Runs screen)", screens: [.run, .round, .sample, .compare]),
            Binding(keys: [.char("q")], action: .back, help: "back; on the Runs screen, quit", screens: nil),
            Binding(keys: [.escape], action: .clearOrBack, help: "back; Runs: clear the / filter, else quit",
                    screens: nil),
            Binding(keys: [.char("Q")], action: .quit, help: "quit from any screen", screens: nil),
            Binding(keys: [.char("?")], action: .help, help: "this help", screens: nil),
            Binding(keys: [.char("/")], action: .search, help: "search (Runs: filter the list)", screens: [.runs, .round]),
            Binding(keys: [.char("n")], action: .searchNext, help: "next match", screens: [.round]),
            Binding(keys: [.char("N")], action: .searchPrevious, help: "previous match", screens: [.round]),
            Binding(keys: [.char(":")], action: .command, help: "command: q, theme NAME, filter RULE, round N, logged", screens: nil),
            Binding(keys: [.char("s")], action: .sort, help: "sort: next column (Round: by score)", screens: [.runs, .round]),
            Binding(keys: [.char("S")], action: .reverseSort, help: "reverse the sort", screens: [.runs]),
            Binding(keys: [.char("f")], action: .whatIf, help: "what-if filter: recompute with another rule", screens: nil),
            Binding(keys: [.char("F")], action: .follow, help: "follow a live run (newest round and samples)", screens: nil),
            Binding(keys: [.char("P")], action: .pause, help: "pause / resume live updates", screens: nil),
            Binding(keys: [.char("t")], action: .theme, help: "next colour theme", screens: nil),
            Binding(keys: [.tab], action: .nextPane, help: "next pane (chart / rounds table)", screens: [.run]),
            Binding(keys: [.char(" "), .char("m")], action: .mark, help: "mark the run for Compare", screens: [.runs]),
            Binding(keys: [.char("!")], action: .problems, help: "the run's bad lines and import problems", screens: lists),
            Binding(keys: [.char("c")], action: .compare, help: "compare marked runs (all shown if none)", screens: [.runs]),
            Binding(keys: [.char("n")], action: .nextSample, help: "next sample", screens: [.sample]),
            Binding(keys: [.char("p")], action: .previousSample, help: "previous sample", screens: [.sample]),
        ]
        for (i, filter) in QuickFilter.allCases.enumerated() {
            b.append(Binding(keys: [.char(Character(String(i + 1)))], action: .quickFilter(filter),
                             help: "show \(filter.title)\(filter == .siblings ? " of the selected prompt" : "")", screens: [.round]))
        }
        for (i, series) in RunChartSeries.all.enumerated() {
            b.append(Binding(keys: [.char(Character(String(i + 1)))], action: .toggleSeries(i),
                             help: "show / hide the curve of \(series.help)", screens: [.run]))
        }
        return b
    }()

    /// The bindings that work on a screen, in help order.
    public static func bindings(for screen: ScreenKind) -> [Binding] {
        bindings.filter { $0.screens?.contains(screen) ?? true }
    }

    public static func action(for key: Key, on screen: ScreenKind) -> Action? {
        bindings.first { $0.keys.contains(key) && ($0.screens?.contains(screen) ?? true) }?.action
    }
}

/// The curves of the Run screen's chart.
public struct RunChartSeries: Sendable {
    /// Short, for the chart's legend; the help says more.
    public var name: String
    public var help: String
    public var value: @Sendable (RoundFiguresView) -> Double?

    public static let all: [RunChartSeries] = [
        RunChartSeries(name: "J(f)", help: "J(f), accuracy before filtering") { $0.figures.utility },
        RunChartSeries(name: "J(f[w])", help: "J(f[w]), accuracy of the kept samples") { $0.figures.filteredUtility },
        RunChartSeries(name: "gap", help: "the gap J(f[w]) - J(f)") { $0.figures.gap },
        RunChartSeries(name: "rel.gap", help: "the relative gap") { $0.figures.relativeGap },
        RunChartSeries(name: "oracle", help: "the oracle (best-of-n) bound") { $0.figures.oracleUtility },
        RunChartSeries(name: "pass@n", help: "pass@n, n the smallest sample count") { $0.figures.passAtK?.last?.value },
    ]
}

/// A round's figures as the chart reads them.
public struct RoundFiguresView: Sendable {
    public var figures: RoundFigures
}
