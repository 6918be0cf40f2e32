import Foundation
import Testing
@testable import GapTUI
import GapCore

/// Every screen rendered headless and compared with golden text in `Goldens/`.
/// Set GAPSCOPE_RECORD_GOLDENS=1 to rewrite them after a deliberate change, then review the diff.
@Suite struct ExplorerScreenTests {
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")

    func check(_ name: String, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = Self.goldens.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["GAPSCOPE_RECORD_GOLDENS"] != nil {
            try (text + "\n").write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(text + "\n" == expected, "screen \(name) differs from its golden", sourceLocation: sourceLocation)
    }

    static let journeys: [(name: String, keys: String)] = [
        ("runs", ""),
        // Runs sort by id: tiny-70b (live, with a bad line) first, then tiny-7b.
        ("run", "j{Enter}"),
        ("round", "j{Enter}{Enter}"),
        ("sample", "j{Enter}{Enter}jj{Enter}"),
        ("help", "j{Enter}{Enter}?"),
        ("whatif", "j{Enter}f{Right}"),
        ("whatif-applied", "j{Enter}f{Right}{Right}{Up}{Enter}"),   // threshold 0.55
        ("compare", "c"),
        ("round-false-accepts", "j{Enter}{Enter}2"),
        ("live-run", "{Enter}"),
        ("problems", "{Enter}!"),
    ]

    @Test(arguments: journeys)
    func screensAt80x24(_ journey: (name: String, keys: String)) throws {
        var state = try ExplorerFixture.state()
        state.press(journey.keys)
        try check(journey.name + "-80x24", state.screenText)
    }

    @Test(arguments: [journeys[1], journeys[2], journeys[3], journeys[7]])
    func screensAt160x48(_ journey: (name: String, keys: String)) throws {
        var state = try ExplorerFixture.state(width: 160, height: 48)
        state.press(journey.keys)
        try check(journey.name + "-160x48", state.screenText)
    }

    /// `!` lists a run's bad lines over any screen of it, and from the Runs
    /// screen those of the selected run; a run without any says so.
    @Test func problemsListTheBadLinesOfTheRun() throws {
        var state = try ExplorerFixture.state()
        state.press("!")
        #expect(state.overlay == .problems(state.visibleRuns[0]))
        let text = state.screenText
        #expect(text.contains("Problems: tiny-70b"))
        #expect(text.contains("1 bad line "))
        #expect(text.contains("line 5"))
        state.press("x")
        #expect(state.overlay == nil)
        state.press("j!")
        #expect(state.overlay == nil)
        #expect(state.message == "no bad lines in tiny-7b")
    }

    /// Under a what-if rule the Runs screen shows, and sorts by, the gaps
    /// that rule gives, as the Run screen does.
    @Test func runsScreenShowsTheWhatIfGaps() throws {
        var state = try ExplorerFixture.state()
        state.press("f{Right}{Right}{Up}{Enter}")   // threshold 0.55
        let rule = try #require(state.whatIf)
        var shown: [String] = []
        for path in state.visibleRuns {
            let entry = try #require(state.entries[path])
            let whatIf = Figures.all(entry.data, options: FigureOptions(rule: rule)).last { $0.prompts > 0 }
            #expect(state.shownEntry(path)?.latest?.gap == whatIf?.gap)
            shown.append(Format.signed(whatIf?.gap))
        }
        #expect(shown != state.visibleRuns.map { Format.signed(state.entries[$0]?.latest?.gap) }, "the rule changes a gap")
        let text = state.screenText
        for gap in shown { #expect(text.contains(gap)) }
    }

    /// As in file managers with vim keys: `l` and Right open, `h` and Left
    /// go back, but never quit from the Runs screen.
    @Test func hAndLMoveBetweenScreens() throws {
        var state = try ExplorerFixture.state()
        state.press("h")
        #expect(state.screen == .runs)
        #expect(!state.shouldQuit)
        state.press("l")
        guard case let .run(path) = state.screen else { Issue.record("l did not open the run"); return }
        state.press("{Tab}{Right}")
        #expect(state.screen == .round(path, 0))
        state.press("{Left}")
        #expect(state.screen == .run(path))
        state.press("h")
        #expect(state.screen == .runs)
    }

    /// A real-valued utility shows as its number in the Round table; 0.6 is
    /// neither right nor wrong.
    @Test func roundTableShowsRealUtilities() throws {
        let run = """
            {"type":"run","schema":"gapscope/run-log@1","run_id":"real","task":{"utility":"real"},"filter":{"rule":"top_k","k":1}}
            {"type":"sample","round":0,"prompt_id":"q1","sample":0,"answer":"a","utility":0.6,"verification":{"score":0.9},"kept":true}
            {"type":"sample","round":0,"prompt_id":"q1","sample":1,"answer":"b","utility":1,"verification":{"score":0.2},"kept":false}
            {"type":"sample","round":0,"prompt_id":"q1","sample":2,"answer":"c","verification":{"score":0.1},"kept":false}

            """
        var state = try ExplorerFixture.state(runs: [run])
        state.press("{Enter}{Tab}{Enter}")
        let rows = state.screenText.split(separator: "\n").filter { $0.hasPrefix("q1") || $0.hasPrefix("▌q1") || $0.contains("q1 ") }
        #expect(rows.count == 3, "\(state.screenText)")
        #expect(rows.contains { $0.contains("0.60") })
        #expect(rows.contains { $0.contains("1.00") })
        #expect(!state.screenText.contains("✗") && !state.screenText.contains("✓"))
    }

    @Test func asciiFallbackDrawsOnlyASCII() throws {
        for keys in ["", "j{Enter}", "j{Enter}{Enter}", "j{Enter}{Enter}jj{Enter}", "c", "j{Enter}?"] {
            var state = try ExplorerFixture.state(charset: .ascii)
            state.press(keys)
            let text = state.screenText
            #expect(text.unicodeScalars.allSatisfy { $0.isASCII }, "non-ASCII after \(keys):\n\(text)")
            // The explorer's own separators and markers have ASCII forms; only data is ever escaped.
            #expect(!text.contains("<U+"), "an escaped UI glyph after \(keys):\n\(text)")
        }
        var state = try ExplorerFixture.state(charset: .ascii)
        state.press("j{Enter}")
        try check("run-ascii-80x24", state.screenText)
    }

    @Test func tinyTerminalSaysSo() throws {
        var state = try ExplorerFixture.state(width: 30, height: 8)
        try check("tiny-30x8", state.screenText)
        state.update(.resize(width: 80, height: 24))
        #expect(state.screenText.contains("tiny-7b"))
    }

    @Test func samplePositionIsInTheStatusLineNotOverTheText() throws {
        let response = (1...60).map { "step \($0) of the working, long enough to reach the right edge of the screen." }
            .joined(separator: "\\n")
        let run = #"{"type":"run","schema":"gapscope/run-log@1","run_id":"long-answer","model":{"name":"M"},"verification":{"method":"cot-score"},"filter":{"rule":"top_k","k":1}}"#
            + "\n" + #"{"type":"sample","round":0,"prompt_id":"p","sample":0,"response":"\#(response)","answer":"1","correct":true,"kept":true}"#
            + "\n" + #"{"type":"round","round":0,"stage":"done"}"# + "\n"
        var state = try ExplorerFixture.state(runs: [run])
        state.press("{Enter}{Enter}{Enter}jjjjjjjjjj")
        let lines = state.screenText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let total = SampleScreen.lines(state, width: 76, charset: .unicode).count
        #expect(total > 40)
        // The body shows lines 11 to 32 whole; the status line says which.
        let expected = SampleScreen.lines(state, width: 76, charset: .unicode)[10]
            .map(\.text).joined()
        #expect(lines[1].trimmingCharacters(in: .whitespaces) == expected.trimmingCharacters(in: .whitespaces))
        #expect(!lines[1].contains("/\(total)"))
        #expect(lines[23].hasSuffix("11-32/\(total)  ? help"), "status line: \(lines[23])")
        // A sample that fits shows no position.
        var short = try ExplorerFixture.state()
        short.press("j{Enter}{Enter}{Enter}")
        #expect(short.screenText.split(separator: "\n").last?.hasSuffix("back                                         ? help") == true)
    }

    @Test func hostileTextIsShownEscaped() throws {
        var state = try ExplorerFixture.state()
        state.press("j{Enter}{Enter}jj{Enter}")   // q2 sample 0: a response with ANSI colour codes
        let grid = ExplorerView.render(state)
        let text = grid.text
        #expect(text.contains("^[[31mred^[[0m 5"))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) })
    }
}
