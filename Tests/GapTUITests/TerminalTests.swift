import Testing
@testable import GapTUI

@Suite struct KeyTests {
    @Test func decodesControlCharacters() {
        #expect(Key(scalar: 4) == .ctrl("d"))
        #expect(Key(scalar: 21) == .ctrl("u"))
        #expect(Key(scalar: 12) == .ctrl("l"))
        #expect(Key(scalar: 9) == .tab)
        #expect(Key(scalar: 13) == .enter)
        #expect(Key(scalar: 10) == .enter)
        #expect(Key(scalar: 27) == .escape)
        #expect(Key(scalar: 127) == .backspace)
        #expect(Key(scalar: 8) == .backspace)
        #expect(Key(scalar: 0) == .ctrl("@"))
        #expect(Key(scalar: 31) == .ctrl("_"))
    }

    @Test func decodesPrintableAndOddCharacters() {
        #expect(Key(scalar: 0x6A) == .char("j"))
        #expect(Key(scalar: 0x20) == .char(" "))
        #expect(Key(scalar: 0x4E2D) == .char("中"))
        #expect(Key(scalar: 0x9B) == .unknown(0x9B))
        #expect(Key(scalar: 0xD800) == .unknown(0xD800))
    }

    @Test func describesKeysForHelp() {
        #expect(Key.ctrl("d").description == "Ctrl-d")
        #expect(Key.pageDown.description == "PgDn")
        #expect(Key.char(" ").description == "Space")
        #expect(Key.backTab.description == "Shift-Tab")
        #expect(Key.function(1).description == "F1")
    }

    @Test func aClickIsALeftPress() {
        let click = MouseEvent(kind: .click, position: Point(x: 3, y: 4))
        #expect(click.kind == .press(.left) && click.x == 3 && click.y == 4)
    }
}

@Suite struct HeadlessTerminalTests {
    /// A miniature app loop, as screens will write it: render, draw, read, update.
    func run(_ terminal: HeadlessTerminal, rows: [String]) -> Int {
        let theme = Theme.default.adapted(to: terminal.capabilities.colorDepth)
        var selected = 0
        loop: while true {
            var grid = terminal.makeGrid()
            let table = Table(columns: [Table.Column("name")], rows: rows.map { [TableCell($0)] }, selected: selected)
            table.render(in: grid.bounds, on: &grid, theme: theme)
            terminal.draw(grid)
            switch terminal.readEvent(timeoutMilliseconds: 100) {
            case nil, .key(.char("q")): break loop
            case .key(.char("j")), .key(.down): selected = min(rows.count - 1, selected + 1)
            case .key(.char("k")), .key(.up): selected = max(0, selected - 1)
            case .key(.ctrl("d")): selected = min(rows.count - 1, selected + 5)
            case .mouse(let mouse) where mouse.kind == .click:
                selected = table.rowIndex(at: mouse.position, in: grid.bounds) ?? selected
            default: break
            }
        }
        terminal.shutdown()
        return selected
    }

    @Test func drivesALoopWithKeysMouseAndResize() {
        let terminal = HeadlessTerminal(size: Size(width: 20, height: 5))
        terminal.type("jj")
        terminal.enqueue(.key(.ctrl("d")), .mouse(MouseEvent(kind: .press(.left), position: Point(x: 2, y: 1))))
        terminal.resize(to: Size(width: 12, height: 3))
        terminal.type("kq")
        let selected = run(terminal, rows: (0..<30).map { "row \($0)" })
        #expect(selected == 3)
        #expect(terminal.frameCount == 7)
        #expect(terminal.isShutDown)
        #expect(terminal.lastFrame?.size == Size(width: 12, height: 3))
        #expect(terminal.lastFrame?.lines() == ["name", "row 2", "row 3"])
    }

    @Test func asciiTerminalsGetAsciiGrids() {
        let terminal = HeadlessTerminal(capabilities: TerminalCapabilities(charset: .ascii, colorDepth: .none, mouse: false))
        #expect(terminal.makeGrid().charset == .ascii)
        #expect(!terminal.capabilities.isUTF8)
    }
}
