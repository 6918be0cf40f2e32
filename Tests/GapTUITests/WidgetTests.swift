import Testing
@testable import GapTUI

@Suite struct TextPaneTests {
    let text = "Line one is long enough to wrap around.\n\u{1B}[31mred\u{1B}[0m and \u{202E}bidi\n\n"
        + (1...10).map { "l\($0)" }.joined(separator: "\n")

    @Test func wrapsScrollsAndEscapes() {
        let area = Rect(x: 0, y: 0, width: 20, height: 5)
        let pane = TextPane(text: text, width: TextPane.contentWidth(in: area), charset: .unicode, offset: 2)
        let grid = render(pane, width: 20, height: 5)
        #expect(grid.lines() == [
            "around.            █",
            "^[[31mred^[[0m and │",
            "<U+202E>bidi       │",
            "                   │",
            "l1                 │",
        ])
        #expect(unsafeScalars(in: grid).isEmpty)
    }

    @Test func offsetIsClampedToTheLastPage() {
        let pane = TextPane(lines: ["a", "b", "c"], offset: 99, showScrollbar: false)
        #expect(render(pane, width: 5, height: 2).lines() == ["b", "c"])
        #expect(TextPane.maxOffset(lineCount: 3, height: 2) == 1)
        #expect(render(TextPane(lines: ["short"]), width: 10, height: 3).lines() == ["short", "", ""])
    }

    @Test func asciiScrollbar() {
        let pane = TextPane(lines: (1...8).map(String.init), offset: 4)
        #expect(render(pane, width: 4, height: 4, charset: .ascii).lines() == ["5  |", "6  |", "7  #", "8  #"])
    }
}

@Suite struct StatusBarTests {
    let bar = StatusBar(left: [Span("Runs", .title), Span(" 12 runs")],
                        right: [Span("?", .key), Span(" help  "), Span("q", .key), Span(" quit")])

    @Test func leftAndRightSides() {
        #expect(render(bar, width: 40, height: 1).lines() == ["Runs 12 runs              ? help  q quit"])
        #expect(render(bar, width: 20, height: 1).lines() == ["Runs 12 runs ? help"])
    }

    @Test func spansKeepTheBarBackground() {
        let theme = Theme.default
        let grid = render(bar, width: 40, height: 1, theme: theme)
        #expect(grid[26, 0].style.foreground == theme[.key].foreground)
        #expect(grid.cells.allSatisfy { $0.style.background == theme[.status].background })
    }
}

@Suite struct HelpOverlayTests {
    let help = HelpOverlay(sections: [
        .init("Move", [.init("j / ↓", "down"), .init("k / ↑", "up"), .init("Ctrl-d", "half page down")]),
        .init("Views", [.init("Enter", "open"), .init("q", "back / quit")]),
    ])

    @Test func centredBoxOverTheScreen() {
        var grid = Grid(width: 40, height: 12)
        grid.fill(grid.bounds, symbol: "x", style: .plain)
        help.render(in: grid.bounds, on: &grid, theme: .default)
        #expect(grid.lines() == [
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "xxxxxxx╭ Keys ──────────────────╮xxxxxxx",
            "xxxxxxx│ Move                   │xxxxxxx",
            "xxxxxxx│ j / ↓   down           │xxxxxxx",
            "xxxxxxx│ k / ↑   up             │xxxxxxx",
            "xxxxxxx│ Ctrl-d  half page down │xxxxxxx",
            "xxxxxxx│                        │xxxxxxx",
            "xxxxxxx│ Views                  │xxxxxxx",
            "xxxxxxx│ Enter   open           │xxxxxxx",
            "xxxxxxx│ q       back / quit    │xxxxxxx",
            "xxxxxxx╰─────── ? or Esc closes ╯xxxxxxx",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ])
    }

    @Test func scrollsWhenTaller() {
        var scrolled = help
        scrolled.offset = 3
        let grid = render(scrolled, width: 40, height: 6, charset: .ascii)
        #expect(grid.lines() == [
            "    + Keys ------------------------+",
            "    | Ctrl-d        half page down||",
            "    |                             #|",
            "    | Views                       #|",
            "    | Enter         open          ||",
            "    +------------- ? or Esc closes +",
        ])
        #expect(help.lineCount == 8)
    }
}

@Suite struct ConfusionMatrixTests {
    let matrix = ConfusionMatrix(trueAccepts: 120, falseAccepts: 15, falseRejects: 30, trueRejects: 85)

    @Test func boxedCounts() {
        let grid = render(matrix, width: 30, height: 5)
        #expect(grid.lines() == [
            "┌ verifier ──────────────┐",
            "│         accept  reject │",
            "│ correct    120      30 │",
            "│ wrong       15      85 │",
            "└────────────────────────┘",
        ])
        #expect(grid[14, 3].style == Theme.default[.bad])     // wrong but kept
        #expect(grid[22, 2].style == Theme.default[.warn])    // correct but dropped
        #expect(matrix.size == Size(width: 26, height: 5))
    }

    @Test func oneLineWhenShort() {
        #expect(render(matrix, width: 30, height: 1, charset: .ascii).lines() == ["TA 120  FA 15  FR 30  TR 85"])
    }
}

@Suite struct ProgressBarTests {
    @Test func partialBlocks() {
        #expect(render(ProgressBar(label: "reading run.jsonl", fraction: 0.573), width: 40, height: 1).lines()
            == ["reading run.jsonl [█████████▏      ] 57%"])
        #expect(render(ProgressBar(label: "reading run.jsonl", fraction: 0.573), width: 40, height: 1, charset: .ascii).lines()
            == ["reading run.jsonl [#########.......] 57%"])
        #expect(render(ProgressBar(label: "x", fraction: 1), width: 12, height: 1).lines() == ["x [███] 100%"])
        #expect(render(ProgressBar(label: "reading", fraction: nil), width: 20, height: 1).lines() == ["reading …"])
        #expect(render(ProgressBar(label: "reading", fraction: 0.5), width: 6, height: 1).lines() == ["50%"])
        #expect(render(ProgressBar(label: "reading", fraction: 0.5), width: 14, height: 1).lines() == ["rea… [█▌ ] 50%"])
    }
}
