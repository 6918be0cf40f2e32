import Testing
import GapCore
@testable import GapTUI

/// Runs arriving or changing while the Runs screen is open must not move the selection
/// to another run.
@Suite struct FeedSelectionTests {
    func entry(_ id: String, gap: Bool) -> RunEntry {
        var data = RunData(path: "\(id).jsonl")
        let text = """
            {"type":"run","schema":"gapscope/run-log@1","run_id":"\(id)","model":{"name":"M"}}
            {"type":"sample","round":0,"prompt_id":"a","sample":0,"utility":1,"verification":{"score":0.9},"kept":true}
            {"type":"sample","round":0,"prompt_id":"a","sample":1,"utility":0,"verification":{"score":0.1},"kept":\(gap ? "false" : "true")}

            """
        data.apply(BatchParser.parse(Array(text.utf8)))
        return RunEntry(data: data, figures: Figures.all(data))
    }

    func selected(_ state: ExplorerState) -> String? {
        state.entries[state.visibleRuns[state.runsCursor]]?.runID
    }

    @Test func aRunListedAboveTheSelectedOneDoesNotMoveTheSelection() {
        var state = ExplorerState(width: 80, height: 24, charset: .unicode, themes: [Theme.default])
        state.update(.feed([.discovered(["m.jsonl", "z.jsonl"], errors: []), .snapshot(entry("m", gap: true)),
                            .snapshot(entry("z", gap: true))]))
        state.update(.key(.char("j")))
        #expect(selected(state) == "z")
        state.update(.feed([.discovered(["a.jsonl", "m.jsonl", "z.jsonl"], errors: []), .snapshot(entry("a", gap: true))]))
        #expect(state.visibleRuns.count == 3)
        #expect(selected(state) == "z")
    }

    /// A path that cannot be read is said in the message line once, beside the runs that can.
    @Test func unreadablePathsAreSaidOnce() {
        var state = ExplorerState(width: 80, height: 24, charset: .unicode, themes: [Theme.default])
        let errors = ["/nope: no such file or directory", "/empty: no run logs in this directory"]
        state.update(.feed([.discovered(["m.jsonl"], errors: errors), .snapshot(entry("m", gap: true))]))
        #expect(state.message == "/nope: no such file or directory (+1 more)")
        state.update(.key(.char("j")))
        #expect(state.message == nil)
        state.update(.feed([.discovered(["m.jsonl"], errors: errors)]))
        #expect(state.message == nil, "the same errors again are not said again")
        state.update(.feed([.discovered(["m.jsonl"], errors: errors + ["/late: permission denied"])]))
        #expect(state.message == "/late: permission denied (+2 more)")
    }

    @Test func whileTheFirstRunsComeInTheCursorStaysAtTheTopUnlessMoved() {
        var state = ExplorerState(width: 80, height: 24, charset: .unicode, themes: [Theme.default])
        state.update(.feed([.discovered(["a.jsonl", "m.jsonl", "z.jsonl"], errors: []), .snapshot(entry("z", gap: true))]))
        state.update(.feed([.snapshot(entry("m", gap: true))]))
        #expect(selected(state) == "m", "the top row")
        state.update(.feed([.snapshot(entry("a", gap: true))]))
        #expect(selected(state) == "a", "the top row")
        #expect(state.runsSettled)

        var moved = ExplorerState(width: 80, height: 24, charset: .unicode, themes: [Theme.default])
        moved.update(.feed([.discovered(["a.jsonl", "m.jsonl", "z.jsonl"], errors: []), .snapshot(entry("m", gap: true)),
                            .snapshot(entry("z", gap: true))]))
        moved.update(.key(.char("j")))
        #expect(selected(moved) == "z")
        moved.update(.feed([.snapshot(entry("a", gap: true))]))
        #expect(selected(moved) == "z", "moved while loading: stays on its run")
    }

    /// A run whose log is deleted stays listed as it was last read, marked
    /// deleted rather than live, until a log appears there again.
    @Test func aDeletedRunIsMarkedNotLive() {
        var state = ExplorerState(width: 80, height: 24, charset: .unicode, themes: [Theme.default])
        state.update(.feed([.discovered(["m.jsonl", "z.jsonl"], errors: []), .snapshot(entry("m", gap: true)),
                            .snapshot(entry("z", gap: true))]))
        #expect(state.entries["z.jsonl"]?.status == .live)
        state.update(.feed([.discovered(["m.jsonl"], errors: [])]))
        #expect(state.visibleRuns == ["m.jsonl", "z.jsonl"])
        #expect(state.entries["z.jsonl"]?.status == .ended("deleted"))
        #expect(state.entries["z.jsonl"]?.data.samples.count == 2, "what was read is kept")
        #expect(state.entries["m.jsonl"]?.status == .live)
        let screen = ExplorerView.render(state).text
        #expect(screen.contains("deleted"))
        #expect(screen.contains("1 live"))

        state.update(.feed([.discovered(["m.jsonl", "z.jsonl"], errors: []), .snapshot(entry("z", gap: false))]))
        #expect(state.entries["z.jsonl"]?.status == .live)
    }

    /// At 80 columns long ids are cut in the table; the selected one is shown whole in the title line.
    @Test func theSelectedRunsCutIDIsShownWhole() {
        let long = "qwen1.5-7b-gsm8k-cot-score-iterative-s303"
        var state = ExplorerState(width: 80, height: 24, charset: .unicode, themes: [Theme.default])
        state.update(.feed([.discovered(["\(long).jsonl", "z.jsonl"], errors: []), .snapshot(entry(long, gap: true)),
                            .snapshot(entry("z", gap: true))]))
        var lines = ExplorerView.render(state).lines()
        #expect(lines[0].contains(long))
        #expect(!lines.dropFirst().contains { $0.contains(long) }, "cut in the table")
        state.update(.key(.char("j")))
        lines = ExplorerView.render(state).lines()
        #expect(!lines[0].contains("qwen"), "z fits its column")
        state.update(.key(.char("k")))
        state.update(.resize(width: 200, height: 24))
        lines = ExplorerView.render(state).lines()
        #expect(!lines[0].contains(long))
        #expect(lines.dropFirst().contains { $0.contains(long) }, "whole in the table")
    }

    @Test func aResortedListKeepsTheSelectedRun() {
        var state = ExplorerState(width: 80, height: 24, charset: .unicode, themes: [Theme.default])
        state.update(.feed([.discovered(["a.jsonl", "b.jsonl"], errors: []), .snapshot(entry("a", gap: true)),
                            .snapshot(entry("b", gap: false))]))
        // Sorted by gap: b (no gap) first, then a.
        while state.runsSort != .gap { state.update(.key(.char("s"))) }
        let first = selected(state)
        // The first run's gap changes so that the order flips.
        let other = first == "a" ? "b" : "a"
        state.update(.feed([.snapshot(entry(first!, gap: first == "b")), .snapshot(entry(other, gap: other == "b"))]))
        #expect(selected(state) == first)
    }
}

@Suite struct RunsSortTests {
    /// `s` steps through the columns on screen only, so the sort always has its ▲ or ▼.
    @Test func sortStepsThroughTheShownColumns() {
        for (width, expected) in [(80, [RunColumn.flops, .method, .rounds, .status, .gap, .relativeGap, .id]),
                                  (160, [.model, .flops, .task, .method, .filter, .rounds, .status, .gap, .relativeGap, .id])] {
            var state = ExplorerState(width: width, height: 24, charset: .unicode, themes: [Theme.default])
            var seen: [RunColumn] = []
            for _ in expected {
                state.update(.key(.char("s")))
                seen.append(state.runsSort)
            }
            #expect(seen == expected, "width \(width)")
        }
    }
}

/// A run read afresh while one of its rounds or samples is open (its log
/// replaced, truncated, or deleted and written again) leaves every screen
/// drawable and every key safe, with fewer samples or none.
@Suite struct ShrunkRunTests {
    @Test func screensOfARunReadAfreshStaySafe() throws {
        for keys in ["{Enter}{Enter}", "{Enter}{Enter}G", "{Enter}{Enter}G{Enter}", "{Enter}{Enter}j{Enter}n"] {
            var state = try ExplorerFixture.state()
            state.press(keys)
            let path = try #require(state.currentPath)
            // Read afresh: first empty, as the first snapshot of a new reading, then a smaller run.
            state.update(.feed([.discovered([], errors: [])]))
            #expect(state.entries[path]?.status == .ended("deleted"))
            state.update(.feed([.snapshot(RunEntry(data: RunData(path: path), loading: (0, 1)))]))
            _ = state.screenText
            state.press("jkGgnp{Enter}{PgDn}")
            _ = state.screenText
            var smaller = RunData(path: path)
            smaller.apply(BatchParser.parse(Array("""
                {"type":"run","schema":"gapscope/run-log@1","run_id":"tiny-7b"}
                {"type":"sample","round":0,"prompt_id":"q9","sample":0,"utility":1}

                """.utf8)))
            state.update(.feed([.snapshot(RunEntry(data: smaller, figures: Figures.all(smaller)))]))
            _ = state.screenText
            state.press("jGnp{Enter}kq")
            _ = state.screenText
            state.press("qqq")
        }
    }
}
