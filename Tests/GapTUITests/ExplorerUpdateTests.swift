import Foundation
import Testing
import GapCore
@testable import GapTUI

/// Key handling and navigation as pure `update` calls.
@Suite struct ExplorerUpdateTests {
    @Test func enterOpensAndQGoesBackThenQuits() throws {
        var s = try ExplorerFixture.state()
        #expect(s.screen == .runs)
        s.press("j{Enter}")
        guard case let .run(path) = s.screen else { Issue.record("not on the run screen"); return }
        #expect(s.entries[path]?.runID == "tiny-7b")
        s.press("j{Enter}")
        #expect(s.screen == .round(path, 1))
        s.press("G{Enter}")
        guard case let .sample(_, 1, row) = s.screen else { Issue.record("not on a sample"); return }
        #expect(s.roundView?.samples.rows[row].sample.index == 1)
        #expect(s.detail?.promptID == "q2")
        s.press("q{Esc}q")
        #expect(s.screen == .runs)
        #expect(!s.shouldQuit)
        s.press("q")
        #expect(s.shouldQuit)
        var t = try ExplorerFixture.state()
        t.press("{Enter}Q")
        #expect(t.shouldQuit)
    }

    /// "No run logs in this directory" is said while it holds; once a run
    /// log appears, the message goes with the problem.
    @Test func aReadErrorMessageGoesWhenTheProblemDoes() {
        var s = ExplorerState(width: 80, height: 24, charset: .unicode, themes: [Theme.default])
        let problem = "/runs: no run logs in this directory"
        s.update(.feed([.discovered([], errors: [problem])]))
        #expect(s.message == problem)
        s.update(.feed([.discovered([], errors: [problem])]))
        #expect(s.message == problem)
        s.update(.feed([.discovered(["/runs/a/events.jsonl"], errors: [])]))
        #expect(s.message == nil)
        // Another message is left alone.
        s.message = "theme: mono"
        s.update(.feed([.discovered(["/runs/a/events.jsonl"], errors: [])]))
        #expect(s.message == "theme: mono")
    }

    @Test func movementKeysClampToTheList() throws {
        var s = try ExplorerFixture.state()
        s.press("jjjj")
        #expect(s.runsCursor == 1)
        s.press("g")
        #expect(s.runsCursor == 0)
        s.press("G")
        #expect(s.runsCursor == 1)
        s.press("{C-u}")
        #expect(s.runsCursor == 0)
        s.press("{PgDn}")
        #expect(s.runsCursor == 1)
        s.press("k{Down}")
        #expect(s.runsCursor == 1)
    }

    @Test func aPageIsTheRowsOnScreen() throws {
        let run = ExplorerFixture.longRun(rounds: 30, samples: 100)
        // 80x24: the Round screen shows 15 sample rows, the Run screen 9 round rows.
        var s = try ExplorerFixture.state(runs: [run])
        s.press("{Enter}")
        let path = try #require(s.currentPath)
        s.press("{C-f}")
        #expect(s.roundCursor[path] == 9)
        s.press("{C-d}")
        #expect(s.roundCursor[path] == 13)
        s.press("g{Enter}g{C-f}")
        #expect(s.roundView?.cursor == 15)
        // The next page starts right below the last row of this one: nothing skipped.
        #expect(s.roundView?.offset == 1)
        s.press("{C-f}")
        #expect(s.roundView?.cursor == 30)
        #expect(s.roundView?.offset == 16)
        s.press("{PgDn}{PgUp}{C-b}")
        #expect(s.roundView?.cursor == 15)
        s.press("g{C-d}")
        #expect(s.roundView?.cursor == 7)
        s.press("{C-d}{C-u}")
        #expect(s.roundView?.cursor == 7)

        // 160x48: 39 sample rows, 20 round rows.
        var t = try ExplorerFixture.state(width: 160, height: 48, runs: [run])
        t.press("{Enter}{C-f}")
        #expect(t.roundCursor[try #require(t.currentPath)] == 20)
        t.press("g{Enter}{C-f}")
        #expect(t.roundView?.cursor == 39)
        t.press("g{C-d}")
        #expect(t.roundView?.cursor == 19)
        // The help pages by the lines it shows.
        t.update(.resize(width: 80, height: 24))
        t.press("?{C-f}")
        let lines = HelpOverlay(sections: ExplorerView.helpSections(for: .round)).lineCount
        #expect(t.helpRows == 20)
        #expect(t.helpOffset == min(20, lines - 20))
        t.press("{C-f}{C-f}")
        #expect(t.helpOffset == lines - 20, "no further than the last line")
    }

    @Test func sortingKeepsTheSelectedRun() throws {
        var s = try ExplorerFixture.state()
        s.press("j")   // tiny-7b, second by id
        let selected = s.currentPath
        s.press("S")   // by id, descending: tiny-7b first
        #expect(s.runsCursor == 0)
        #expect(s.currentPath == selected)
        s.press("s")
        #expect(s.currentPath == selected)
    }

    @Test func quickFiltersSortAndSiblings() throws {
        var s = try ExplorerFixture.state()
        s.press("j{Enter}{Enter}")
        #expect(s.roundView?.visible == [0, 1, 2, 3])
        s.press("2")   // false accepts: q1#1 (accept, wrong) and q2#0 (kept, no verdict, wrong)
        #expect(s.roundView?.visible == [1, 2])
        s.press("3")   // false rejects: q2#1 (dropped, correct)
        #expect(s.roundView?.visible == [3])
        s.press("6")   // unparsed: q2#1 has score null
        #expect(s.roundView?.visible == [3])
        s.press("1s")  // all, by score descending: 0.9, 0.8, 0.7, then the unscored one
        #expect(s.roundView?.visible == [0, 2, 1, 3])
        s.press("g7")  // siblings of the selected sample (q1#0)
        #expect(s.roundView?.visible == [0, 1])
    }

    @Test func searchJumpsAndWraps() throws {
        var s = try ExplorerFixture.state()
        s.press("j{Enter}{Enter}/q2{Enter}")
        #expect(s.roundView?.cursor == 2)
        s.press("n")
        #expect(s.roundView?.cursor == 3)
        s.press("n")
        #expect(s.roundView?.cursor == 2)
        #expect(s.message == "search wrapped")
        s.press("N")
        #expect(s.roundView?.cursor == 3)
        s.press("/zzz{Enter}")
        #expect(s.message == "not found: zzz")
    }

    @Test func runsFilterAsYouType() throws {
        var s = try ExplorerFixture.state()
        s.press("/70")
        #expect(s.visibleRuns.count == 1)
        s.press("{Bksp}{Bksp}{Esc}")
        #expect(s.visibleRuns.count == 2)
        #expect(s.overlay == nil)
        s.press("/70{Enter}")
        #expect(s.message == "1 run matches \"70\"")
        s.press("/{Bksp}{Bksp}-{Enter}")
        #expect(s.message == "2 runs match \"-\"")
    }

    @Test func escClearsTheRunsFilterBeforeItQuits() throws {
        var s = try ExplorerFixture.state()
        s.press("/70{Enter}j")
        #expect(s.visibleRuns.count == 1)
        s.press("{Esc}")
        #expect(!s.shouldQuit)
        #expect(s.runsQuery.isEmpty)
        #expect(s.visibleRuns.count == 2)
        #expect(s.message == "filter cleared")
        #expect(s.entries[s.currentPath ?? ""]?.runID == "tiny-70b", "the cursor stays on its run")
        // A run opened from a filtered list: Esc goes back to the list, filter kept.
        s.press("/7b{Enter}{Enter}{Esc}")
        #expect(s.screen == .runs)
        #expect(s.runsQuery == "7b")
        s.press("{Esc}{Esc}")
        #expect(s.shouldQuit)
        // q quits, filter or not, as the status line says.
        var t = try ExplorerFixture.state()
        t.press("/70{Enter}q")
        #expect(t.shouldQuit)
    }

    @Test func ctrlUAndCtrlWEditTheTypedLine() throws {
        var s = try ExplorerFixture.state()
        s.press("/tiny 70b  {C-w}")
        #expect(s.overlay == .prompt(Prompt(kind: .search, text: "tiny ")))
        #expect(s.runsQuery == "tiny ")
        s.press("{C-w}{C-w}")
        #expect(s.overlay == .prompt(Prompt(kind: .search, text: "")))
        s.press("7b{C-u}")
        #expect(s.overlay == .prompt(Prompt(kind: .search, text: "")))
        #expect(s.visibleRuns.count == 2)
        s.press("{Esc}:theme light{C-u}theme mono{Enter}")
        #expect(s.theme.name == "mono")
        s.press(":filter top_k:2 threshold{C-w}{C-w}top_k:3{Enter}")
        #expect(s.whatIf == .topK(3))
    }

    @Test func whatIfEditorAndCommands() throws {
        var s = try ExplorerFixture.state()
        s.press("j{Enter}f")
        #expect(s.overlay == .whatIf(WhatIfEditor(rule: nil)))
        s.press("{Right}{Up}{Up}{Enter}")   // top-k, k 1 -> 3
        #expect(s.whatIf == .topK(3))
        guard case let .run(path) = s.screen else { return }
        // Top 3 of 2 keeps every scored sample: round 1 keeps all (gap 0); in round 0 q2's
        // unscored sample is never kept, so q2 keeps only its wrong one: (0.5 + 0) / 2 - 0.5.
        #expect(s.figures(of: path).map(\.gap) == [-0.25, 0])
        #expect(s.entries[path]!.figures[1].gap == 0.25)
        s.press(":logged{Enter}")
        #expect(s.whatIf == nil)
        s.press(":filter threshold:0.55{Enter}")
        #expect(s.whatIf == .threshold(0.55))
        #expect(s.figures(of: path)[0].filteredUtility == 0.25)
        s.press(":round 1{Enter}")
        #expect(s.roundCursor[path] == 1)
        s.press(":bogus{Enter}")
        #expect(s.message == "unknown command: bogus")
        s.press(":theme mono{Enter}")
        #expect(s.theme.name == "mono")
        s.press("t")
        #expect(s.theme.name == "default")
    }

    @Test func roundCommandShowsTheRoundOnTheRoundScreen() throws {
        var s = try ExplorerFixture.state()
        s.press("j{Enter}{Enter}")   // tiny-7b, round 0
        let path = try #require(s.currentPath)
        s.press("2:round 1{Enter}")
        #expect(s.screen == .round(path, 1))
        #expect(s.roundView?.round == 1)
        #expect(s.roundView?.filter == .falseAccepts, "the quick filter stays")
        #expect(s.message == "round 1")
        #expect(s.screenText.contains("round 1 ·"))
        // Back on the Run screen, round 1 is the one selected.
        s.press("q")
        #expect(s.roundCursor[path] == 1)
        // From a sample: the Round screen of that round.
        s.press("g{Enter}{Enter}:round 0{Enter}")
        #expect(s.screen == .round(path, 0))
        #expect(s.stack.count == 3)
        #expect(s.detail == nil)
        // A round that is not there, or no round at all, says so.
        s.press(":round 7{Enter}")
        #expect(s.message == "no round 7 in this run (rounds 0-1)")
        #expect(s.screen == .round(path, 0))
        s.press(":round x{Enter}")
        #expect(s.message == "round N: \"x\" is not a round number")
        s.press(":round{Enter}")
        #expect(s.message == "round N: which round? e.g. :round 2")
        // On the Runs screen it opens the run at that round.
        var t = try ExplorerFixture.state()
        t.press("j")
        let other = try #require(t.currentPath)
        t.press(":round 1{Enter}")
        #expect(t.screen == .run(other))
        #expect(t.roundCursor[other] == 1)
    }

    @Test func aWindowTooSmallTakesOnlyTheKeysThatQuit() throws {
        var s = try ExplorerFixture.state()
        s.press("j{Enter}")
        let run = s.screen
        s.update(.resize(width: 40, height: 10))
        s.press("{Enter}{Tab}?f/:j{Esc}")
        s.update(.mouse(MouseEvent(kind: .click, position: Point(x: 5, y: 3))))
        #expect(s.screen == run)
        #expect(s.overlay == nil)
        #expect(!s.chartFocused)
        #expect(s.roundCursor[try #require(s.currentPath)] == 0)
        #expect(!s.shouldQuit)
        // Large again: the same screen, as it was.
        s.update(.resize(width: 80, height: 24))
        #expect(s.screen == run)
        s.update(.resize(width: 80, height: 11))
        s.press("q")
        #expect(s.shouldQuit, "q quits, as the message says, not back")
        for key in [Key.char("Q"), .ctrl("c")] {
            var t = try ExplorerFixture.state(width: 49, height: 24)
            t.update(.key(key))
            #expect(t.shouldQuit, "\(key)")
        }
    }

    @Test func followPauseAndHelp() throws {
        var s = try ExplorerFixture.state()
        #expect(s.press(key: .char("P")) == [.setPaused(true)])
        #expect(s.paused)
        s.press("F")
        #expect(s.follow)
        s.press("k")
        #expect(!s.follow)
        s.press("?")
        #expect(s.overlay == .help)
        s.press("jj")
        #expect(s.helpOffset == 2)
        s.press("x")
        #expect(s.overlay == nil)
    }

    @Test func markAndCompare() throws {
        var s = try ExplorerFixture.state()
        s.press(" c")
        guard case let .compare(paths) = s.screen else { Issue.record("not comparing"); return }
        #expect(paths.count == 1)
        #expect(s.entries[paths[0]]?.runID == "tiny-70b")
        s.press("q m")   // unmark the first, move on... the cursor moved to the second
        #expect(s.marked.count == 1)
    }

    @Test func mouseClickSelectsAndWheelScrolls() throws {
        var s = try ExplorerFixture.state()
        s.update(.mouse(MouseEvent(kind: .click, position: Point(x: 5, y: 3))))   // title, header, row 0, row 1
        #expect(s.runsCursor == 1)
        s.update(.mouse(MouseEvent(kind: .wheelUp, position: Point(x: 5, y: 3))))
        #expect(s.runsCursor == 0)
        s.press("j{Enter}{Enter}")
        let top = RoundScreen.tableArea(s.body).y + 1
        s.update(.mouse(MouseEvent(kind: .click, position: Point(x: 5, y: top + 2))))
        #expect(s.roundView?.cursor == 2)
    }

    @Test func nextAndPreviousSample() throws {
        var s = try ExplorerFixture.state()
        s.press("j{Enter}{Enter}{Enter}")
        #expect(s.detail?.sampleIndex == 0)
        s.press("n")
        #expect(s.detail?.sampleIndex == 1)
        s.press("nn")
        #expect(s.detail?.promptID == "q2")
        #expect(s.detail?.sampleIndex == 1)
        s.press("n")
        #expect(s.message == "last sample of this list")
        s.press("p")
        #expect(s.detail?.sampleIndex == 0)
    }

    @Test func liveGrowthKeepsTheSelectedSample() throws {
        var s = try ExplorerFixture.state()
        s.press("{Enter}{Enter}j")   // tiny-70b, round 0, second sample (q1#1)
        let selected = s.roundView.map { $0.samples.rows[$0.visible[$0.cursor]].sample.row }
        let path = try #require(s.currentPath)
        // The run grows: a new prompt's samples, and one more sample of q1 that sorts before q1#1's position.
        let grown = ExplorerFixture.runB + """
            {"type":"sample","round":0,"prompt_id":"q0","sample":0,"answer":"1","correct":true,"kept":true}
            {"type":"sample","round":0,"prompt_id":"q1","sample":2,"answer":"9","correct":false}

            """
        try grown.write(toFile: path, atomically: false, encoding: .utf8)
        let data = try LogReader(path: path).read()
        s.update(.feed([.snapshot(RunEntry(data: data, figures: Figures.all(data)))]))
        #expect(s.roundView?.samples.rows.count == 4)
        let now = s.roundView.map { $0.samples.rows[$0.visible[$0.cursor]].sample.row }
        #expect(now == selected)
    }

    @Test func everyKeyInTheHelpDoesSomething() throws {
        for screen in ScreenKind.allCases {
            for binding in KeyMap.bindings(for: screen) {
                for key in binding.keys {
                    #expect(KeyMap.action(for: key, on: screen) != nil, "\(key) on \(screen)")
                }
            }
        }
        // And each screen's help lists them.
        let sections = ExplorerView.helpSections(for: .round)
        let listed = sections.flatMap(\.entries).map(\.keys).joined(separator: " ")
        for key in ["j", "k", "g", "G", "Ctrl-d", "Ctrl-u", "PgDn", "Enter", "q", "Esc", "/", "n", "N", "s", "f", "F", "P", "t", "?", ":", "1", "7"] {
            #expect(listed.contains(key), "\(key) missing from the Round help")
        }
    }
}

extension ExplorerState {
    mutating func press(key: Key) -> [ExplorerEffect] { update(.key(key)) }
}
