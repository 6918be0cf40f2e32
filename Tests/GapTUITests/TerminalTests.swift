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

@Suite struct EscapeSequenceTests {
    /// Reads `bytes` as the input after an Esc, as if they came at once; nil after the last.
    func read(_ bytes: String, then keyCode: Int32? = nil) -> (outcome: EscapeSequence.Outcome, left: Int) {
        var inputs = bytes.unicodeScalars.map { EscapeSequence.Input.character($0.value) }
        if let keyCode { inputs.append(.keyCode(keyCode)) }
        let outcome = EscapeSequence.read {
            inputs.isEmpty ? nil : inputs.removeFirst()
        }
        return (outcome, inputs.count)
    }

    @Test func escAloneIsEsc() {
        #expect(read("").outcome == EscapeSequence.Outcome(key: .escape))
    }

    @Test func unknownSequencesAreReadWholeAndDropped() {
        // ESC [ 99 ~: no such key; nothing of it may act as Esc, [, 9 or ~.
        #expect(read("[99~") == (EscapeSequence.Outcome(key: nil), 0))
        // Modified keys and mouse reports ncurses did not decode.
        #expect(read("[1;5B") == (EscapeSequence.Outcome(key: nil), 0))
        #expect(read("[<0;12;3M") == (EscapeSequence.Outcome(key: nil), 0))
        // The sequence ends at its final byte; what follows is the next key.
        #expect(read("[99~j") == (EscapeSequence.Outcome(key: nil), 1))
    }

    @Test func altWithACharacterIsDropped() {
        #expect(read("j") == (EscapeSequence.Outcome(key: nil), 0))
        #expect(read("q") == (EscapeSequence.Outcome(key: nil), 0))
        #expect(read("[") == (EscapeSequence.Outcome(key: nil), 0), "Alt-[")
        #expect(read("O") == (EscapeSequence.Outcome(key: nil), 0), "Alt-O")
        #expect(read("\u{1B}") == (EscapeSequence.Outcome(key: nil), 0), "Alt-Esc")
    }

    @Test func keysEveryTerminalSendsAlikeAreDecoded() {
        // Home and End as PuTTY, screen and the Linux console send them.
        #expect(read("[1~").outcome.key == .home)
        #expect(read("[4~").outcome.key == .end)
        #expect(read("[7~").outcome.key == .home)
        #expect(read("[5~").outcome.key == .pageUp)
        #expect(read("[6~").outcome.key == .pageDown)
        #expect(read("[3~").outcome.key == .delete)
        // An arrow whose "[B" came in a later packet than its Esc.
        #expect(read("[B").outcome.key == .down)
        #expect(read("[A").outcome.key == .up)
        #expect(read("OB").outcome.key == .down)
        #expect(read("OH").outcome.key == .home)
        #expect(read("[Z").outcome.key == .backTab)
    }

    @Test func aKeyCodeAfterEscIsKept() {
        // Alt-Down as ncurses decodes it, or a resize that came right after an Esc.
        let (outcome, _) = read("", then: 410)
        #expect(outcome == EscapeSequence.Outcome(key: nil, unread: .keyCode(410)))
        // And one that cuts a sequence short.
        #expect(read("[12", then: 410).outcome == EscapeSequence.Outcome(key: nil, unread: .keyCode(410)))
    }

    @Test func aSequenceThatNeverEndsStopsAtTheLimit() {
        let (outcome, left) = read("[" + String(repeating: "1", count: 100))
        #expect(outcome.key == nil)
        #expect(left == 100 - EscapeSequence.maximumLength)
    }

    @Test func escapeDelayFollowsTheEnvironment() {
        #expect(NcursesTerminal.Options(environment: [:]).escapeDelay == 25)
        #expect(NcursesTerminal.Options(environment: ["ESCDELAY": "300"]).escapeDelay == 300)
        #expect(NcursesTerminal.Options(environment: ["ESCDELAY": "0"]).escapeDelay == 0)
        #expect(NcursesTerminal.Options(environment: ["ESCDELAY": "soon"]).escapeDelay == 25)
        #expect(NcursesTerminal.Options(environment: ["ESCDELAY": "-5"]).escapeDelay == 25)
        #expect(NcursesTerminal.Options(escapeDelayMilliseconds: 40, environment: [:]).escapeDelay == 40)
    }
}
