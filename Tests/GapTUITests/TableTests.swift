import Testing
@testable import GapTUI

@Suite struct TableTests {
    let columns = [
        Table.Column("run", width: .fill),
        Table.Column("gap", width: .fixed(6), alignment: .right),
        Table.Column("status", width: .fixed(8)),
    ]
    let rows: [[TableCell]] = [
        ["llama-3-8b-selfverify", "0.042", TableCell("live", role: .live)],
        ["qwen-7b", "-0.013", TableCell("failed", role: .bad)],
        ["mistral", "0.1", "done"],
        ["phi-3", "0.25", "done"],
    ]

    @Test func truncatesAlignsAndShowsSort() {
        let table = Table(columns: columns, rows: rows, selected: 1, sort: .init(column: 1, ascending: false))
        let grid = render(table, width: 30, height: 4)
        #expect(grid.lines() == [
            "run             gap ▼ status",
            "llama-3-8b-se…  0.042 live",
            "qwen-7b        -0.013 failed",
            "mistral           0.1 done",
        ])
    }

    @Test func selectedRowIsHighlightedAcrossTheWidth() {
        let theme = Theme.default
        let table = Table(columns: columns, rows: rows, selected: 1)
        let grid = render(table, width: 30, height: 5, theme: theme)
        let selection = theme[.selection]
        for x in 0..<30 { #expect(grid[x, 2].style.background == selection.background) }
        // A cell with its own role keeps its colour on the selection background.
        #expect(grid[25, 2].style.foreground == theme[.bad].foreground)
        #expect(grid[0, 2].style.foreground == selection.foreground)
        #expect(grid[0, 1].style == theme[.text])
        #expect(grid[0, 0].style == theme[.header])
    }

    @Test func scrollsToKeepTheSelectionVisible() {
        let table = Table(columns: columns, rows: rows, selected: 3, offset: 0)
        let grid = render(table, width: 30, height: 3)
        #expect(grid.lines() == [
            "run               gap status",
            "mistral           0.1 done",
            "phi-3            0.25 done",
        ])
        #expect(table.rowIndex(at: Point(x: 3, y: 2), in: grid.bounds) == 3)
        #expect(table.rowIndex(at: Point(x: 3, y: 0), in: grid.bounds) == nil)
        #expect(table.columnIndex(at: Point(x: 22, y: 0), in: grid.bounds) == 2)
        #expect(table.columnIndex(at: Point(x: 21, y: 0), in: grid.bounds) == nil)
        #expect(Table.scrollOffset(selected: 0, offset: 5, rowCount: 10, visibleRows: 4) == 0)
        #expect(Table.scrollOffset(selected: 9, offset: 0, rowCount: 10, visibleRows: 4) == 6)
        #expect(Table.scrollOffset(selected: nil, offset: 50, rowCount: 10, visibleRows: 4) == 6)
        #expect(Table.scrollOffset(selected: 2, offset: 1, rowCount: 10, visibleRows: 4) == 1)
    }

    @Test func asciiTruncationAndSortArrow() {
        let table = Table(columns: columns, rows: rows, sort: .init(column: 0, ascending: true))
        let grid = render(table, width: 30, height: 2, charset: .ascii)
        #expect(grid.lines() == [
            "run ^             gap status",
            "llama-3-8b-se~  0.042 live",
        ])
    }

    /// The arrow takes a space only where the title still fits whole.
    @Test func theSortArrowLeavesTheTitleWholeWhereItCan() {
        let narrow = [Table.Column("score", width: .fixed(6), alignment: .right), Table.Column("rel.gap", width: .fixed(7))]
        for (column, header) in [(0, "score▲ rel.gap"), (1, " score rel.g…▼")] {
            let table = Table(columns: narrow, rows: [], sort: .init(column: column, ascending: column == 0))
            #expect(render(table, width: 14, height: 1).lines() == [header])
        }
    }

    /// A search's text is marked wherever it appears in the searched columns, ignoring case,
    /// also in cut and escaped text, and never elsewhere.
    @Test func searchMatchesAreMarked() {
        let theme = Theme.default
        var table = Table(columns: [Table.Column("prompt", width: .fixed(12)), Table.Column("answer", width: .fixed(8))],
                          rows: [["gsm-Ab-ab", "ab"], ["x\u{1B}ab-long-prompt-AB", "-"]], selected: 1)
        table.highlight = "ab"
        table.highlightColumns = [0]
        let grid = render(table, width: 21, height: 3, theme: theme)
        #expect(grid.lines() == ["prompt       answer", "gsm-Ab-ab    ab", "x^[ab-long-… -"])
        func marked(_ y: Int) -> [Int] { (0..<21).filter { grid[$0, y].style == theme[.match] } }
        #expect(marked(1) == [4, 5, 7, 8], "both cases, not in the answer column")
        #expect(marked(2) == [3, 4], "after the escape, on the selected row too")
        #expect(Table.matches(of: "aa", in: Array("aaaa")) == [0..<2, 2..<4])
        #expect(Table.matches(of: "é", in: Array("CAFÉ")) == [3..<4])
        #expect(Table.matches(of: "x", in: Array("abc")).isEmpty)
    }

    @Test func wideCharactersKeepColumnsAligned() {
        let table = Table(columns: [Table.Column("answer", width: .fixed(7)), Table.Column("ok", width: .fixed(2))],
                          rows: [["中文答案很长", "y"], ["😀 yes", "n"], ["plain", "y"]])
        let grid = render(table, width: 10, height: 4)
        #expect(grid.lines() == [
            "answer  ok",
            "中文答… y",
            "😀 yes  n",
            "plain   y",
        ])
        // Every row puts the second column at cell 8.
        for y in 1...3 { #expect(grid[8, y].symbol != " " && !grid[8, y].isContinuation) }
    }

    @Test func hostileCellTextIsEscaped() {
        let table = Table(columns: [Table.Column("text", width: .fill)],
                          rows: [["\u{1B}[2Jgone\u{202E}"], ["tab\there"]])
        let grid = render(table, width: 24, height: 3)
        #expect(grid.lines() == ["text", "^[[2Jgone<U+202E>", "tab here"])
        #expect(unsafeScalars(in: grid).isEmpty)
    }

    @Test func narrowTablesDropTrailingColumns() {
        let table = Table(columns: columns, rows: rows)
        #expect(table.columnWidths(totalWidth: 30) == [14, 6, 8])
        #expect(table.columnWidths(totalWidth: 10) == [3, 6, 0])
        #expect(render(table, width: 1, height: 1).lines() == ["…"])
        #expect(render(table, width: 0, height: 0).lines() == [])
    }

    @Test func rowsComeFromTheClosureOnlyWhenVisible() {
        nonisolated(unsafe) var built: [Int] = []
        let table = Table(columns: [Table.Column("n")], rowCount: 1_000_000, selected: 500_000) { index in
            built.append(index)
            return [TableCell(String(index))]
        }
        let grid = render(table, width: 10, height: 4)
        #expect(built == [499_998, 499_999, 500_000])
        #expect(grid.lines().last == "500000")
    }
}
