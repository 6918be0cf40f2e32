import Testing
@testable import GapTUI

@Suite struct GridTests {
    @Test func putClipsAndReportsWidth() {
        var grid = Grid(width: 8, height: 2)
        #expect(grid.put(text: "hello world", at: Point(x: 2, y: 0), style: .plain) == 6)
        #expect(grid.put(text: "abcdef", at: Point(x: 0, y: 1), style: .plain, maxWidth: 3) == 3)
        #expect(grid.put(text: "zzz", at: Point(x: 0, y: 5), style: .plain) == 0)
        #expect(grid.lines() == ["  hello", "abc"])
    }

    @Test func wideCharactersTakeTwoCells() {
        var grid = Grid(width: 6, height: 1)
        #expect(grid.put(text: "中文x", at: Point(x: 0, y: 0), style: .plain) == 5)
        #expect(grid[0, 0].symbol == "中")
        #expect(grid[1, 0].isContinuation)
        #expect(grid.lines() == ["中文x"])
    }

    @Test func wideCharacterThatDoesNotFitIsLeftOut() {
        var grid = Grid(width: 5, height: 1)
        #expect(grid.put(text: "ab中文", at: Point(x: 0, y: 0), style: .plain) == 4)
        #expect(grid.lines() == ["ab中"])
        #expect(!grid[4, 0].isContinuation)
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var grid = Grid(width: 6, height: 1)
        grid.put(text: "中文字", at: Point(x: 0, y: 0), style: .plain)
        grid.put(text: "x", at: Point(x: 1, y: 0), style: .plain)   // right half of 中
        grid.put(text: "y", at: Point(x: 2, y: 0), style: .plain)   // left half of 文
        #expect(grid.lines() == [" xy 字"])
        #expect(grid.cells.allSatisfy { !$0.isContinuation || $0 == grid[5, 0] })
    }

    @Test func textStartingLeftOfTheGridIsClipped() {
        var grid = Grid(width: 4, height: 1)
        grid.put(text: "中abc", at: Point(x: -1, y: 0), style: .plain)
        #expect(grid.lines() == [" abc"])
    }

    @Test func hostileTextNeverReachesTheGridRaw() {
        var grid = Grid(width: 60, height: 3)
        grid.put(text: "\u{1B}[31mred\u{1B}]0;title\u{07}\u{0}\u{7F}\u{9B}2J", at: Point(x: 0, y: 0), style: .plain)
        grid.put(text: "\u{202E}evil\u{2066}\u{200D}\u{200B}\u{85}\t", at: Point(x: 0, y: 1), style: .plain)
        grid.put(symbol: "\u{1B}", at: Point(x: 0, y: 2), style: .plain)
        grid.fill(Rect(x: 1, y: 2, width: 3, height: 1), symbol: "\u{7}", style: .plain)
        #expect(unsafeScalars(in: grid).isEmpty)
        #expect(grid.lines()[0] == "^[[31mred^[]0;title^G^@^?<U+009B>2J")
        #expect(grid.lines()[1] == "<U+202E>evil<U+2066><U+200D><U+200B><U+0085>")
        #expect(grid.lines()[2] == "^^^^")
    }

    @Test func asciiGridHoldsOnlyASCII() {
        var grid = Grid(width: 30, height: 2, charset: .ascii)
        grid.put(text: "naïve 中 ✓", at: Point(x: 0, y: 0), style: .plain)
        grid.drawBox(Rect(x: 0, y: 0, width: 3, height: 2), style: .plain)
        #expect(grid.cells.allSatisfy { $0.symbol.unicodeScalars.allSatisfy(\.isASCII) })
    }

    @Test func boxesWithTitlesAndASCIIFallback() {
        var grid = Grid(width: 12, height: 3)
        let inner = grid.drawBox(grid.bounds, style: .plain, title: "Runs")
        #expect(inner == Rect(x: 1, y: 1, width: 10, height: 1))
        #expect(grid.lines() == ["┌ Runs ────┐", "│          │", "└──────────┘"])
        var ascii = Grid(width: 6, height: 3, charset: .ascii)
        ascii.drawBox(ascii.bounds, style: .plain, border: .rounded)
        #expect(ascii.lines() == ["+----+", "|    |", "+----+"])
    }

    @Test func stylesApplyToRectangles() {
        var grid = Grid(width: 4, height: 2)
        let red = Style(foreground: .palette(1))
        grid.put(text: "ab", at: Point(x: 0, y: 0), style: red)
        grid.patchStyle(Style(background: .palette(4), attributes: .bold), in: Rect(x: 0, y: 0, width: 4, height: 1))
        #expect(grid[0, 0].style == Style(foreground: .palette(1), background: .palette(4), attributes: .bold))
        #expect(grid[3, 0].style == Style(background: .palette(4), attributes: .bold))
        #expect(grid[0, 1].style == .plain)
    }

    @Test func rectSplitsAndLayouts() {
        let r = Rect(x: 0, y: 0, width: 80, height: 24)
        let (top, rest) = r.splitTop(1)
        #expect(top == Rect(x: 0, y: 0, width: 80, height: 1) && rest.height == 23)
        #expect(r.splitRight(100).right == r)
        #expect(r.rows([.length(1), .fill, .length(1)]).map(\.height) == [1, 22, 1])
        #expect(r.columns([.percent(25), .fill(1), .fill(2)], spacing: 1).map(\.width) == [19, 20, 39])
        #expect(r.columns([.length(50), .length(50)]).map(\.width) == [50, 30])
        #expect(r.centered(width: 20, height: 10) == Rect(x: 30, y: 7, width: 20, height: 10))
        #expect(r.inset(by: 50).isEmpty)
    }
}
