import Foundation
import Testing

/// The explorer in a real terminal: tmux runs the built `gapscope`, the tests press keys and
/// read the screen. Each test has its own tmux server; none waits longer than it must.
@Suite(.enabled(if: Tmux.isAvailable, "tmux is not installed"), .serialized)
struct ExplorerE2ETests {
    static var sampleRuns: String { CLI.packageRoot.appendingPathComponent("sample-runs").path }

    // MARK: Navigation

    @Test func navigateEveryScreenAndQuitRestoresTheTerminal() throws {
        let tmux = try Tmux()
        defer { tmux.kill() }
        // No PATH: the bundled sample runs, found from the package directory.
        try tmux.startExplorer([])

        var screen = try Self.waitForLoadedRuns(tmux)
        #expect(try tmux.display("#{alternate_on}") == "1")
        // Runs came in one by one; the cursor is still on the first row.
        let styledRuns = StyledScreen(try tmux.capture(escapes: true))
        #expect(Self.runRows(styledRuns).first.map(styledRuns.isHighlighted) == true, "the first run selected:\n\(screen)")
        #expect(screen.contains("Enter open"))
        #expect(screen.contains("rds") && screen.contains("status"))

        // Each screen is checked once its rows are there: Enter on a run whose rounds are
        // still being read does nothing yet.
        try tmux.send("Enter")
        screen = try tmux.wait(for: "the run screen with its rounds") {
            $0.contains("J(f[w])") && $0.contains("Enter round") && !Self.roundRows($0).isEmpty
        }
        #expect(screen.contains("1 J(f)"), "the chart's legend")
        #expect(screen.contains("6 pass@n"), "the chart's legend")
        #expect(screen.contains("rel.gap") && screen.contains("AUROC"), "the rounds table's header")

        try tmux.send("Enter")
        screen = try tmux.wait(for: "the round screen with its samples") {
            $0.contains("verifier accepts") && $0.contains("Enter sample") && $0.contains(" kept")
        }
        #expect(screen.contains("round 0"))
        #expect(screen.contains("correct") && screen.contains("wrong"), "the confusion box")
        #expect(screen.contains("prompt") && screen.contains("answer") && screen.contains("verdict"))

        try tmux.send("Enter")
        screen = try tmux.wait(for: "Response", "Verifier rationale", "n/p next/prev")
        #expect(screen.contains("Prompt"))
        #expect(screen.contains("sample #0"))

        // n: the next sample of the round.
        try tmux.send("n")
        try tmux.wait(for: "sample #1")

        // ?: help for this screen, from the key map; any other key closes it.
        try tmux.send("?")
        screen = try tmux.wait(for: "Keys: Sample screen", "next sample", "this help")
        #expect(screen.contains("q  ") && screen.contains("Esc  "))
        try tmux.send("x")
        try tmux.wait(for: "help closes") { !$0.contains("Keys: Sample screen") && $0.contains("Verifier rationale") }

        // f: the what-if editor; → to top-k, Enter applies; the title line says so.
        try tmux.send("f")
        screen = try tmux.wait(for: "What-if filter", "Logged rule", "top-k", "Enter apply")
        try tmux.send("Right")
        try tmux.wait(for: "keep the 1 best of each prompt")
        try tmux.send("Up")
        try tmux.wait(for: "keep the 2 best of each prompt")
        try tmux.send("Enter")
        screen = try tmux.wait(for: "title line with what-if") { screen in
            let title = screen.split(separator: "\n", omittingEmptySubsequences: false).first ?? ""
            return title.contains("what-if top_k:2") && !screen.contains("What-if filter")
        }
        #expect(screen.contains("by what-if top_k:2"), "the sample's decision under the rule")
        #expect(screen.contains("what-if top_k:2 recomputes every figure"), "the status message")

        // Back out: q from the sample, Esc from the round, q from the run.
        try tmux.send("q")
        try tmux.wait(for: "Enter sample", "verifier accepts")
        try tmux.send("Escape")
        try tmux.wait(for: "Enter round", "rnd stage")
        try tmux.send("q")
        screen = try tmux.wait(for: "Enter open", "gap trend")
        #expect(screen.contains("what-if top_k:2"), "the what-if rule stays on")

        // q on the runs screen quits: the shell's output is back, the explorer's frame is gone.
        try tmux.send("q")
        screen = try tmux.wait(for: "GAPSCOPE-EXITED-")
        #expect(screen.contains("GAPSCOPE-EXITED-0"))
        #expect(!screen.contains("gapscope ›"))
        #expect(!screen.contains("gap trend"))
        #expect(try tmux.display("#{alternate_on}") == "0", "left the alternate screen")
        #expect(try tmux.display("#{cursor_flag}") == "1", "the cursor is visible again")
        #expect(try tmux.display("#{mouse_any_flag}") == "0", "mouse reporting is off again")
    }

    @Test func keysOfEachScreenDoWhatTheHelpSays() throws {
        let tmux = try Tmux()
        defer { tmux.kill() }
        try tmux.startExplorer(["explore", Self.sampleRuns])
        try Self.waitForLoadedRuns(tmux)
        #expect(try tmux.display("#{mouse_any_flag}") == "1", "the explorer takes the mouse")
        #expect(try tmux.display("#{cursor_flag}") == "0", "and hides the cursor")

        // Runs: G and g move to the last and the first row.
        try tmux.send("G")
        var styled = StyledScreen(try tmux.wait(for: "the last run selected", escapes: true) { captured in
            let s = StyledScreen(captured)
            let rows = Self.runRows(s)
            return rows.count > 2 && rows.last.map(s.isHighlighted) == true
        })
        #expect(Self.runRows(styled).filter(styled.isHighlighted).count == 1)
        try tmux.send("g")
        styled = StyledScreen(try tmux.wait(for: "the first run selected", escapes: true) { captured in
            let s = StyledScreen(captured)
            return Self.runRows(s).first.map(s.isHighlighted) == true
        })
        // s sorts by the next column, S reverses.
        try tmux.send("s")
        try tmux.wait(for: "sorted by FLOPs")
        try tmux.send("S")
        try tmux.wait(for: "FLOPs ▼")
        // / filters the list as you type; Esc clears the filter.
        try tmux.send("/", "l", "l", "a", "m", "a")
        try tmux.wait(for: "/llama")
        try tmux.wait(for: "only llama runs") { screen in
            let rows = screen.split(separator: "\n").filter { $0.contains("completed") }
            return !rows.isEmpty && rows.allSatisfy { $0.contains("llama") }
        }
        try tmux.send("Enter")
        try tmux.wait(for: "runs match \"llama\"")
        try tmux.send("Escape")
        try tmux.wait(for: "every run again") { $0.contains("qwen") && $0.contains("llama") && $0.contains("filter cleared") }
        // Space marks, c compares the marked runs.
        try tmux.send("Space", "Space", "c")
        try tmux.wait(for: "compare 2 runs", "gap by round", "relative gap (round 0)")
        try tmux.send("q")
        try tmux.wait(for: "Enter open")
        // P pauses and resumes, F follows, t and :theme change the theme.
        try tmux.send("P")
        try tmux.wait(for: "PAUSED", "paused: the logs are not read until P")
        try tmux.send("P")
        try tmux.wait(for: "resumed")
        try tmux.send("t")
        try tmux.wait(for: "theme: ")
        try tmux.send(":", "t", "h", "e", "m", "e", " ", "m", "o", "n", "o", "Enter")
        try tmux.wait(for: "theme: mono")
        try tmux.send("F")
        try tmux.wait(for: "FOLLOW", "following")
        try tmux.send("F")
        try tmux.wait(for: "follow off")
        // A key with no binding says so.
        try tmux.send("z")
        try tmux.wait(for: "z: no action here; ? lists the keys")

        // Run: Tab focuses the chart, 1 hides the first curve.
        try tmux.send("Enter")
        try tmux.wait(for: "the run screen with its rounds") { !Self.roundRows($0).isEmpty }
        try tmux.send("Tab")
        try tmux.wait(for: "curves (1-6 toggle)")
        try tmux.send("1")
        try tmux.wait(for: "the first curve hidden") { !$0.contains("1 J(f) ") && $0.contains("2 J(f[w])") }
        try tmux.send("1", "Tab")
        try tmux.wait(for: "the first curve back") { $0.contains("1 J(f) ") && !$0.contains("curves (1-6 toggle)") }

        // Round: quick filters, score sort, search; Ctrl-d pages down.
        try tmux.send("Enter")
        try tmux.wait(for: "verifier accepts", "showing all")
        try tmux.send("3")
        try tmux.wait(for: "showing false rejects")
        try tmux.send("4")
        try tmux.wait(for: "only kept rows") { screen in
            let rows = screen.split(separator: "\n").filter { $0.hasSuffix(" kept") || $0.hasSuffix(" dropped") }
            return screen.contains("showing kept") && !rows.isEmpty && rows.allSatisfy { $0.hasSuffix(" kept") }
        }
        try tmux.send("1", "s")
        try tmux.wait(for: "order: score, high first")
        try tmux.send("s", "s")
        try tmux.wait(for: "order: log order")
        // / finds the first row whose prompt matches; Ctrl-d moves half a page down.
        try tmux.send("/", "0", "0", "0", "1", "Enter")
        let found = StyledScreen(try tmux.wait(for: "the match selected", escapes: true) { captured in
            let s = StyledScreen(captured)
            return s.plain.contains("/0001") && Self.selectedLine(s)?.contains("0001") == true
        })
        try tmux.send("C-d")
        let paged = StyledScreen(try tmux.wait(for: "the cursor half a page down", escapes: true) { captured in
            Self.selectedLineIndex(StyledScreen(captured)) != Self.selectedLineIndex(found)
        })
        let moved = (Self.selectedLineIndex(paged) ?? 0) - (Self.selectedLineIndex(found) ?? 0)
        #expect(moved >= 3, "Ctrl-d moved \(moved) rows")
        // :round N on the Run screen.
        try tmux.send("q", ":", "r", "o", "u", "n", "d", " ", "0", "Enter")
        try tmux.wait(for: "the message round 0") { $0.split(separator: "\n").last?.hasPrefix("round 0") == true }

        // Q quits from anywhere.
        try tmux.send("Q")
        try tmux.wait(for: "GAPSCOPE-EXITED-0")
    }

    /// Escape sequences ncurses does not decode (an unknown key, Home as PuTTY sends it, Alt-j)
    /// and one split in two packets are read whole: none acts as Esc followed by stray keys.
    @Test func escapeSequencesAreReadWholeAndEscAloneStillGoesBack() throws {
        let tmux = try Tmux()
        defer { tmux.kill() }
        // A slow link: the user's ESCDELAY stands, so a sequence split 80 ms apart is still one key.
        try tmux.startExplorer(["explore", Self.sampleRuns + "/iterative"], environment: ["ESCDELAY": "400"])
        try Self.waitForLoadedRuns(tmux)
        try tmux.send("Enter")
        try tmux.wait(for: "the run screen with two rounds or more") { Self.roundRows($0).count >= 2 }

        // ESC [ 99 ~, then z: only z's message, still on the Run screen.
        try tmux.sendBytes("1b 5b 39 39 7e")
        try tmux.send("z")
        var screen = try tmux.wait(for: "z: no action here")
        #expect(screen.contains("rnd stage"), "still on the Run screen:\n\(screen)")
        // Alt-j is not Esc then j: the selection stays on round 0.
        try tmux.sendBytes("1b 6a")
        try tmux.send("x")
        let styled = StyledScreen(try tmux.wait(for: "x's message", escapes: true) { $0.contains("x: no action here") })
        #expect(styled.plain.contains("rnd stage"), "still on the Run screen:\n\(styled.plain)")
        #expect(Self.selectedRound(styled) == 0)
        // ESC [ 1 ~ is Home.
        try tmux.send("j")
        try tmux.wait(for: "round 1 selected", escapes: true) { Self.selectedRound(StyledScreen($0)) == 1 }
        try tmux.sendBytes("1b 5b 31 7e")
        try tmux.wait(for: "round 0 selected again", escapes: true) { Self.selectedRound(StyledScreen($0)) == 0 }
        // Down with its Esc in one packet and "[B" in the next.
        try tmux.sendBytes("1b")
        Thread.sleep(forTimeInterval: 0.08)
        try tmux.sendText("[B")
        screen = try tmux.wait(for: "round 1 selected by the split Down", escapes: true) { Self.selectedRound(StyledScreen($0)) == 1 }
        #expect(StyledScreen(screen).plain.contains("rnd stage"))

        // Esc with nothing after it still goes back.
        try tmux.send("Escape")
        try tmux.wait(for: "Enter open", "gap trend")
        try tmux.send("Q")
        try tmux.wait(for: "GAPSCOPE-EXITED-0")
    }

    /// Ctrl-f on the Round screen at 80x24 moves by the 15 sample rows shown: each page starts
    /// right below the last; Ctrl-d moves half of that.
    @Test func pagesMoveByTheRowsOnScreen() throws {
        let tmux = try Tmux()
        defer { tmux.kill() }
        try tmux.startExplorer(["explore", Self.sampleRuns + "/malformed"])
        try Self.waitForLoadedRuns(tmux)
        try tmux.send("Enter")
        try tmux.wait(for: "the run screen with its rounds") { !Self.roundRows($0).isEmpty }
        try tmux.send("Tab", "Enter")
        try tmux.wait(for: "verifier accepts", "Enter sample", " kept")
        try tmux.send("g")
        let top = StyledScreen(try tmux.wait(for: "the first sample selected", escapes: true) { captured in
            let s = StyledScreen(captured)
            return Self.sampleRows(s).first.map(s.isHighlighted) == true
        })
        let first = Self.sampleRows(top).map(top.text)
        #expect(first.count == 15, "sample rows on screen:\n\(top.plain)")

        try tmux.send("C-d")
        let half = StyledScreen(try tmux.wait(for: "the cursor half a page down", escapes: true) {
            Self.selectedLine(StyledScreen($0)) != Self.selectedLine(top)
        })
        #expect(Self.selectedLine(half) == first[7], "Ctrl-d moves 7 rows")

        try tmux.send("g", "C-f")
        let page = StyledScreen(try tmux.wait(for: "a page down", escapes: true) { captured in
            let s = StyledScreen(captured)
            return Self.selectedLine(s) != Self.selectedLine(top) && Self.selectedLine(s) != Self.selectedLine(half)
        })
        let second = Self.sampleRows(page).map(page.text)
        #expect(second.first == first[1], "one page down, the list starts one row further:\n\(page.plain)")
        #expect(Self.selectedLine(page) == second.last)

        try tmux.send("C-f")
        let next = StyledScreen(try tmux.wait(for: "another page down", escapes: true) {
            Self.selectedLine(StyledScreen($0)) != Self.selectedLine(page)
        })
        let third = Self.sampleRows(next).map(next.text)
        #expect(third.count == 15)
        #expect(Set(third).isDisjoint(with: second), "no row of the previous page repeated:\n\(next.plain)")
        #expect(Self.selectedLine(next) == third.last)
        try tmux.send("Q")
        try tmux.wait(for: "GAPSCOPE-EXITED-0")
    }

    /// The lines of the Round screen's sample table, below its header and above the status line.
    static func sampleRows(_ screen: StyledScreen) -> [Int] {
        guard let header = screen.lines.indices.first(where: { screen.text($0).hasPrefix("prompt ") }) else { return [] }
        return Array((header + 1)..<(screen.lines.count - 1)).filter { !screen.text($0).trimmingCharacters(in: .whitespaces).isEmpty }
    }

    /// The highlighted line below the title line and above the status line, if any.
    static func selectedLineIndex(_ screen: StyledScreen) -> Int? {
        screen.lines.indices.dropFirst().dropLast().first { screen.isHighlighted($0) && !screen.text($0).hasPrefix("prompt ") }
    }

    static func selectedLine(_ screen: StyledScreen) -> String? {
        selectedLineIndex(screen).map(screen.text)
    }

    /// The data rows of the Runs screen (they show a status).
    static func runRows(_ screen: StyledScreen) -> [Int] {
        screen.lines.indices.filter { y in
            let text = screen.text(y)
            return text.contains("completed") || text.contains("live") || text.contains("failed") || text.contains("aborted")
        }.filter { $0 > 0 }
    }

    /// Waits for the runs list with every run read (no "read N%" left).
    @discardableResult
    static func waitForLoadedRuns(_ tmux: Tmux, title: String = "gapscope › runs") throws -> String {
        try tmux.wait(for: "every run read") { screen in
            screen.contains(title) && screen.contains("gap trend")
                && screen.range(of: #"\d+ runs?\b"#, options: .regularExpression) != nil
                && screen.range(of: #"read \d+%|reading "#, options: .regularExpression) == nil
                && screen.contains("completed")
        }
    }

    // MARK: Hostile text

    /// ESC sequences that would set the window title, clear the screen or colour the text,
    /// C1 CSI, NUL, DEL and a bidi override, beside CJK and emoji that must show as they are.
    static let hostileLog = #"""
        {"type":"run","schema":"gapscope/run-log@1","run_id":"hostile\u001b]0;pwned\u0007-run","title":"T\u001b[2J","model":{"name":"M\u202eX"},"verification":{"method":"cot-score"},"filter":{"rule":"top_k","k":1}}
        {"type":"prompt","prompt_id":"p\u001b[31mred\u009b\u0000","text":"Prompt \u001b]0;pwned\u0007 text","reference":"42"}
        {"type":"round","round":0,"stage":"done"}
        {"type":"sample","round":0,"prompt_id":"p\u001b[31mred\u009b\u0000","sample":0,"response":"resp \u001b[31mRED\u001b[0m\ntitle \u001b]0;pwned\u0007\nclear \u001b[2J\nc1 \u009b31m\nnul \u0000 del \u007f\nbidi \u202eevil\u202c\ncjk 漢字 emoji 😀 end","answer":"a\u001b[2J漢字😀\u007f","correct":true,"verification":{"score":0.9,"verdict":"accept","rationale":"why \u001b]0;pwned\u0007 ok"},"kept":true}
        {"type":"sample","round":0,"prompt_id":"p\u001b[31mred\u009b\u0000","sample":1,"response":"plain","answer":"7","correct":false,"verification":{"score":0.1,"verdict":"reject"},"kept":false}
        {"type":"run_end","status":"completed"}

        """#

    @Test func hostileTextIsShownEscapedAndNeverReachesTheTerminal() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("hostile"), withIntermediateDirectories: true)
        try Self.hostileLog.write(to: dir.appendingPathComponent("hostile/events.jsonl"), atomically: true, encoding: .utf8)

        let tmux = try Tmux()
        defer { tmux.kill() }
        try tmux.startExplorer(["explore", "--no-mouse", dir.path])
        let titleBefore = try tmux.display("#{pane_title}")

        // Each wait includes the status line's hints: ncurses writes a frame top to bottom, and a
        // capture taken mid-frame would still show the previous screen's last line.
        var screen = try tmux.wait(for: "hostile^[]0;pwned^G", "completed", "Enter open")
        try checkFrameIntact(screen, hints: "Enter open")
        #expect(try tmux.display("#{mouse_any_flag}") == "0", "--no-mouse leaves the mouse to the terminal")

        try tmux.send("Enter")
        screen = try tmux.wait(for: "hostile^[]0;pwned^G-run", "M<U+202E>X", "rnd stage", "Enter round")
        try checkFrameIntact(screen, hints: "Enter round")

        try tmux.send("Enter")
        screen = try tmux.wait(for: "p^[[31mred<U+009B>^@", "a^[[2J漢字😀^?", "Enter sample")
        try checkFrameIntact(screen, hints: "Enter sample")
        // The wide characters take two cells each: the columns after the answer still line up.
        let lines = screen.split(separator: "\n").map(String.init)
        let header = try #require(lines.first { $0.hasPrefix("prompt ") && $0.contains("verdict") })
        let row = try #require(lines.first { $0.contains("漢字") })
        let headerFilter = cellWidth(header[..<header.range(of: "filter")!.lowerBound])
        let rowFilter = cellWidth(row[..<row.range(of: "kept")!.lowerBound])
        #expect(headerFilter == rowFilter, "the filter column of the row with CJK and emoji:\n\(header)\n\(row)")

        try tmux.send("Enter")
        screen = try tmux.wait(for: "Response", "Verifier rationale", "j/k scroll")
        try checkFrameIntact(screen, hints: "j/k scroll")
        for shown in ["resp ^[[31mRED^[[0m", "title ^[]0;pwned^G", "clear ^[[2J", "c1 <U+009B>31m", "nul ^@ del ^?",
                      "bidi <U+202E>evil<U+202C>", "cjk 漢字 emoji 😀 end", "extracted answer: a^[[2J漢字😀^?",
                      "Prompt ^[]0;pwned^G text", "why ^[]0;pwned^G ok", "prompt p^[[31mred<U+009B>^@"] {
            #expect(screen.contains(shown), "shown escaped: \(shown)")
        }

        // Nothing from the data reached the terminal as a control sequence.
        let styled = try tmux.capture(escapes: true)
        #expect(!styled.contains("\u{1B}]0;"))
        #expect(!styled.contains("\u{1B}[2J"))
        #expect(!styled.contains("\u{1B}[31m"), "the data's red")
        #expect(!styled.unicodeScalars.contains { $0.value == 0x9B || $0.value == 0x202E || $0.value == 0 || $0.value == 0x7F })
        let title = try tmux.display("#{pane_title}")
        #expect(!title.contains("pwned"))
        #expect(title == titleBefore, "the window title is unchanged")
    }

    /// The title line and the status line are where they belong: nothing cleared or moved the screen.
    func checkFrameIntact(_ screen: String, hints: String) throws {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        let first = try #require(lines.first)
        #expect(first.hasPrefix(" gapscope › runs"), "title line: \(first)")
        let status = lines.prefix(24).last ?? ""
        #expect(status.hasPrefix(hints) && status.hasSuffix("? help"), "status line: \(status)")
    }

    // MARK: Terminals

    @Test func asciiTerminalShowsOnlyASCII() throws {
        let tmux = try Tmux()
        defer { tmux.kill() }
        try tmux.startExplorer(["explore", Self.sampleRuns], terminal: .vt100)

        var screen = try Self.waitForLoadedRuns(tmux, title: "gapscope > runs")
        #expect(isASCII(screen), "runs screen:\n\(screen)")
        try tmux.send("Enter")
        screen = try tmux.wait(for: "the run screen with its rounds") { $0.contains("1 J(f)") && !Self.roundRows($0).isEmpty }
        #expect(isASCII(screen), "run screen:\n\(screen)")
        #expect(screen.contains("+--") || screen.contains("|"), "the chart's axes in ASCII")
        try tmux.send("Enter")
        screen = try tmux.wait(for: "the round screen with its samples") {
            $0.contains("verifier accepts") && $0.contains("Enter sample") && $0.contains(" kept")
        }
        #expect(isASCII(screen), "round screen:\n\(screen)")
        try tmux.send("Enter")
        screen = try tmux.wait(for: "Response", "Verifier rationale")
        #expect(isASCII(screen), "sample screen:\n\(screen)")
        try tmux.send("?")
        screen = try tmux.wait(for: "Keys: Sample screen")
        #expect(isASCII(screen), "help:\n\(screen)")
        try tmux.send("x", "Q")
        try tmux.wait(for: "GAPSCOPE-EXITED-0")
    }

    func isASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 < 0x80 }
    }

    @Test func eightColourTerminalGetsOnlyTheEightColours() throws {
        let tmux = try Tmux()
        defer { tmux.kill() }
        try tmux.startExplorer(["explore", Self.sampleRuns], terminal: .xterm8)
        try Self.waitForLoadedRuns(tmux)
        try tmux.send("Enter")
        let styled = try tmux.wait(for: "the run screen", escapes: true) {
            let plain = StyledScreen($0).plain
            return plain.contains("J(f[w])") && !Self.roundRows(plain).isEmpty
        }
        #expect(!styled.contains("38;5;") && !styled.contains("48;5;") && !styled.contains("38;2;"), "no 256 or true colours")
        #expect(styled.range(of: "\u{1B}\\[[0-9;]*3[1-7]m", options: .regularExpression) != nil, "some of the 8 colours")
        // The selected row still stands out.
        let lines = StyledScreen(styled)
        let row = try #require(lines.lines.indices.first { lines.text($0).hasPrefix("  0 ") })
        #expect(lines.isHighlighted(row))
    }

    @Test func tooSmallWindowSaysSoAndRedrawsWhenLargeAgain() throws {
        let tmux = try Tmux()
        defer { tmux.kill() }
        try tmux.startExplorer(["explore", Self.sampleRuns])
        try Self.waitForLoadedRuns(tmux)
        try tmux.send("Enter")
        try tmux.wait(for: "the run screen with its rounds") { !Self.roundRows($0).isEmpty }

        try tmux.resize(width: 30, height: 8)
        var screen = try tmux.wait(for: "too small", "30x8")
        #expect(!screen.contains("rnd stage"))
        // Keys other than those that quit do nothing while small: nothing opens unseen.
        try tmux.send("Enter", "?", "Tab")

        try tmux.resize(width: 80, height: 24)
        screen = try tmux.wait(for: "rnd stage", "Enter round")
        #expect(!screen.contains("too small"))
        #expect(!screen.contains("verifier accepts") && !screen.contains("Keys:") && !screen.contains("curves (1-6 toggle)"))
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.hasPrefix(" gapscope › runs") == true)
        #expect(lines.prefix(24).last?.hasSuffix("? help") == true)

        // q quits from the message, as it says, not back to the Runs screen.
        try tmux.resize(width: 30, height: 8)
        try tmux.wait(for: "too small", "q quits")
        try tmux.send("q")
        try tmux.wait(for: "GAPSCOPE-EXITED-0")
    }

    // MARK: Live

    @Test func liveRunUpdatesWithoutKeysAndKeepsTheSelection() throws {
        let out = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let simulator = try Self.liveSimulator(out: out, "--prompts", "12", "--samples", "4", "--rounds", "6")
        defer {
            simulator.signal(SIGKILL)
            simulator.wait()
        }

        let tmux = try Tmux()
        defer { tmux.kill() }
        // Started on the empty directory: the run's log is found when the simulator creates it.
        try tmux.startExplorer(["explore", out.path])

        // No key pressed: the run shows up, marked live.
        var screen = try tmux.wait(for: "1 live", "● live")
        #expect(screen.range(of: #"\b1 run\b"#, options: .regularExpression) != nil)

        try tmux.send("Enter")
        screen = try tmux.wait(for: "the live stage in the title line") { Self.titleStage($0) != nil }
        let first = try #require(Self.titleStage(screen))
        // The round count or the stage moves on by itself.
        screen = try tmux.wait(for: "the title line to move on from \(first)") {
            guard let now = Self.titleStage($0) else { return false }
            return now != first
        }

        // Select the second round as soon as there is one.
        screen = try tmux.wait(for: "a second round row") { Self.roundRows($0).contains(1) }
        try tmux.send("j")
        var styled = StyledScreen(try tmux.wait(for: "round 1 selected", escapes: true) {
            Self.selectedRound(StyledScreen($0)) == 1
        })
        let rowsBefore = Self.roundRows(styled.plain)

        // Rows come in (round 2, 3, ...): the selection stays on round 1.
        styled = StyledScreen(try tmux.wait(for: "more rounds", escapes: true) { captured in
            return Self.roundRows(StyledScreen(captured).plain).count > rowsBefore.count
        })
        #expect(Self.selectedRound(styled) == 1, "the selection stayed on round 1")
        let highlighted = styled.lines.indices.filter { y in
            styled.isHighlighted(y) && Self.roundNumber(styled.text(y)) != nil
        }
        #expect(highlighted.count == 1, "one selected row")

        // Enter opens the selected round, not the newest.
        try tmux.send("Enter")
        try tmux.wait(for: "round 1 ·", "verifier accepts")
        try tmux.send("q")
        try tmux.wait(for: "rnd stage")

        // The simulator stopped (Ctrl-C): the run ends as aborted, and the explorer says so.
        simulator.signal(SIGINT)
        #expect(simulator.wait() == 130)
        screen = try tmux.wait(for: "aborted")
        #expect(!(screen.split(separator: "\n").first ?? "").contains("live"))
    }

    /// `gapscope simulate --live` writing into `out`, a batch every 0.3 s.
    static func liveSimulator(out: URL, _ options: String...) throws -> Spawned {
        try Spawned(CLI.executable.path, ["simulate", "--out", out.path, "--live", "--interval", "0.3", "--quiet"] + options,
                    environment: ProcessInfo.processInfo.environment)
    }

    @Test func runsListKeepsTheSelectedRunWhenANewRunAppearsAboveIt() throws {
        let out = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let done = try CLI.run(["simulate", "--out", out.path, "--run-id", "zzz-done", "--prompts", "4", "--samples", "2",
                                "--rounds", "2", "--quiet"])
        #expect(done.status == 0)

        let tmux = try Tmux()
        defer { tmux.kill() }
        try tmux.startExplorer(["explore", out.path])
        try tmux.wait(for: "zzz-done", "completed", "1 run")

        // A new run starts; its id sorts before the selected one, so it is listed above it.
        let simulator = try Self.liveSimulator(out: out, "--run-id", "aaa-live", "--prompts", "8", "--rounds", "3")
        defer {
            simulator.signal(SIGKILL)
            simulator.wait()
        }
        let screen = StyledScreen(try tmux.wait(for: "the new run listed", escapes: true) { $0.contains("aaa-live") })
        let rows = screen.lines.indices.filter { screen.text($0).contains("aaa-live") || screen.text($0).contains("zzz-done") }
        #expect(rows.count == 2)
        let selected = rows.filter { screen.isHighlighted($0) }.map { screen.text($0) }
        #expect(selected.count == 1 && selected.first?.contains("zzz-done") == true,
                "the selection stays on zzz-done:\n\(screen.plain)")

        // Enter opens the run that is selected.
        try tmux.send("Enter")
        let opened = try tmux.wait(for: "a run screen") { $0.contains("Enter round") }
        #expect(opened.split(separator: "\n").first?.contains("zzz-done") == true, "opened:\n\(opened)")
    }

    /// "round 2: verify" from "● live round 2: verify 3/12" in the title line.
    static func titleStage(_ screen: String) -> String? {
        guard let title = screen.split(separator: "\n", omittingEmptySubsequences: false).first,
              let range = title.range(of: #"live round \d+(: \w+)?( \d+/\d+)?"#, options: .regularExpression) else { return nil }
        return String(title[range])
    }

    /// The round numbers in the rounds table, top to bottom.
    static func roundRows(_ screen: String) -> [Int] {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let header = lines.firstIndex(where: { $0.hasPrefix("rnd stage") }) else { return [] }
        return lines[(header + 1)...].compactMap(roundNumber)
    }

    static func roundNumber(_ line: String) -> Int? {
        guard let range = line.range(of: #"^\s*\d+ (generate|verify|filter|train|done|-)\s"#, options: .regularExpression)
        else { return nil }
        return Int(line[range].split(separator: " ").first ?? "")
    }

    /// The round of the highlighted row of the rounds table.
    static func selectedRound(_ screen: StyledScreen) -> Int? {
        guard let header = screen.lines.indices.first(where: { screen.text($0).hasPrefix("rnd stage") }) else { return nil }
        for y in (header + 1)..<screen.lines.count where screen.isHighlighted(y) {
            if let round = roundNumber(screen.text(y)) { return round }
        }
        return nil
    }
}
