// The only file that imports CNcurses: everything else draws into a `Grid`.
import CNcurses
import Foundation

/// Why the terminal could not be taken over.
public enum TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Standard input or output is not a terminal (piped, or run from a script).
    case notATerminal
    /// ncurses does not know the terminal type.
    case unknownTerminal(String)

    public var description: String {
        switch self {
        case .notATerminal: return "standard input and output must be a terminal"
        case .unknownTerminal(let term): return "cannot use terminal type '\(term)' (check TERM)"
        }
    }
}

/// The real terminal, through ncursesw.
///
/// Start-up follows htop's checklist: locale from the environment and UTF-8 from its codeset
/// (braille and box drawing, else ASCII), `newterm` so an unknown `TERM` is an error rather
/// than an exit, cbreak/noecho/nonl/keypad, an invisible cursor, a 25 ms escape delay so Esc
/// responds at once (`ESCDELAY` in the environment overrides it, as in every curses program, for
/// links slow enough to split escape sequences), colours with the terminal's default background when it has them, and
/// mouse clicks and wheel. Frames are written cell by cell into stdscr and sent with one
/// `doupdate`, which sends only what changed; nothing is cleared between frames.
///
/// The terminal is given back on `shutdown()`, on normal exit (`atexit`), on SIGINT, SIGTERM,
/// SIGHUP and SIGQUIT (then the signal's usual effect), and on crashes (SIGSEGV, SIGILL,
/// SIGTRAP, SIGABRT, SIGBUS, SIGFPE; then the previous handler, such as Swift's backtracer).
/// While the screen is ours, stderr goes to a scratch file and is replayed once the terminal is
/// restored: a stray warning would otherwise scribble over the frame, and a crash message
/// would vanish with the alternate screen.
///
/// Not thread-safe and not `Sendable`: create, use and shut it down on one thread.
public final class NcursesTerminal: TerminalBackend {
    public struct Options: Sendable {
        /// Draw with ASCII only, whatever the locale.
        public var forceASCII: Bool
        /// Ask for mouse reports (clicks and wheel). Off leaves the mouse to the terminal for
        /// selecting text.
        public var mouse: Bool
        /// How long to wait after Esc for the rest of an escape sequence, unless the environment
        /// sets `ESCDELAY`.
        public var escapeDelayMilliseconds: Int
        /// Read for `NO_COLOR`, `TERM` and `ESCDELAY`.
        public var environment: [String: String]

        public init(forceASCII: Bool = false, mouse: Bool = true, escapeDelayMilliseconds: Int = 25,
                    environment: [String: String] = ProcessInfo.processInfo.environment) {
            self.forceASCII = forceASCII
            self.mouse = mouse
            self.escapeDelayMilliseconds = escapeDelayMilliseconds
            self.environment = environment
        }

        /// The escape delay in use: `ESCDELAY` from the environment when it is a number of
        /// milliseconds (0 or more), else `escapeDelayMilliseconds`.
        public var escapeDelay: Int {
            let set = environment["ESCDELAY"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard let set, set >= 0 else { return max(0, escapeDelayMilliseconds) }
            return set
        }
    }

    public let capabilities: TerminalCapabilities
    private var pairs: [ColorKey: Int32] = [:]
    private var styles: [Style: (attributes: attr_t, pair: Int32)] = [:]
    private var nextPair: Int32 = 1
    private let maxPair: Int32
    private let defaultColors: Bool
    private var needsFullRepaint = false
    private var isActive = true
    private let escapeDelay: Int32
    /// Read after an Esc but not part of its sequence: the next event.
    private var unread: EscapeSequence.Input?

    private struct ColorKey: Hashable {
        var foreground: Int
        var background: Int
    }

    /// Takes over the terminal.
    /// - Throws: `TerminalError` when stdin/stdout is not a terminal or `TERM` is unknown;
    ///   the terminal is untouched then.
    public init(options: Options = Options()) throws(TerminalError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        gs_setlocale_from_environment()
        let unicode = !options.forceASCII && gs_locale_is_utf8() != 0
        // Ours must be in place before newterm, which installs its own only where none is set.
        TerminalRestore.install()
        guard let screen = gs_newterm() else {
            TerminalRestore.uninstall()
            throw .unknownTerminal(options.environment["TERM"] ?? "")
        }
        _ = set_term(screen)
        TerminalRestore.beginCapturingStderr()

        cbreak()
        noecho()
        nonl()
        intrflush(gs_stdscr(), false)
        keypad(gs_stdscr(), true)
        leaveok(gs_stdscr(), true)
        curs_set(0)
        escapeDelay = Int32(clamping: options.escapeDelay)
        gs_set_escdelay(escapeDelay)

        let hasColors = has_colors()
        if hasColors { start_color() }
        defaultColors = hasColors && use_default_colors() == OK
        let depth = ColorDepth.detect(environment: options.environment, hasColors: hasColors,
                                      terminalColors: Int(gs_colors()))
        maxPair = Int32(min(Int(gs_color_pairs()) - 1, NCURSES_EXT_COLORS != 0 ? Int(Int32.max) : 32767))

        var granted = false
        if options.mouse {
            let wanted = gs_button1_pressed() | gs_button1_released() | gs_button2_pressed() | gs_button3_pressed()
                | gs_button4_pressed() | gs_button5_pressed()
            granted = mousemask(wanted, nil) != 0
            // Report presses at once instead of waiting to tell clicks from double clicks.
            mouseinterval(0)
        }
        capabilities = TerminalCapabilities(charset: unicode ? .unicode : .ascii, colorDepth: depth, mouse: granted)
    }

    deinit { shutdown() }

    public var size: Size { Size(width: Int(gs_cols()), height: Int(gs_lines())) }

    public func draw(_ grid: Grid) {
        guard isActive else { return }
        let rows = min(grid.height, Int(gs_lines())), columns = min(grid.width, Int(gs_cols()))
        var cell = cchar_t()
        var text = [wchar_t](repeating: 0, count: SafeText.maxScalarsPerGlyph + 1)
        for y in 0..<rows {
            var x = 0
            while x < columns {
                let source = grid[x, y]
                // The right half of a wide glyph is drawn by its left half.
                if source.isContinuation { x += 1; continue }
                let wide = x + 1 < grid.width && grid[x + 1, y].isContinuation
                let symbol = wide && x + 1 >= columns ? " " : source.symbol
                let look = attributes(for: source.style)
                var count = 0
                for scalar in symbol.unicodeScalars.prefix(SafeText.maxScalarsPerGlyph) {
                    text[count] = wchar_t(bitPattern: scalar.value)
                    count += 1
                }
                text[count] = 0
                _ = gs_setcchar(&cell, text, look.attributes, look.pair)
                let added = gs_mvadd_wch(Int32(y), Int32(x), &cell)
                let width = symbol == source.symbol && wide ? 2 : 1
                // Where the C library's width table disagrees with ours (a glyph newer than libc,
                // say), show "?" and blanks: columns stay aligned and no stale cell survives.
                // At the end of a row the cursor cannot advance, so there is nothing to compare.
                if x + width < columns, added == ERR || Int(gs_getcurx()) != x + width {
                    for (offset, replacement) in ["?", " "].prefix(width).enumerated() {
                        text[0] = wchar_t(replacement.unicodeScalars.first!.value)
                        text[1] = 0
                        _ = gs_setcchar(&cell, text, look.attributes, look.pair)
                        _ = gs_mvadd_wch(Int32(y), Int32(x + offset), &cell)
                    }
                }
                x += width
            }
            if columns < Int(gs_cols()) { _ = gs_clear_from(Int32(y), Int32(columns)) }
        }
        if rows < Int(gs_lines()) { _ = gs_clear_below(Int32(rows)) }
        if needsFullRepaint {
            gs_repaint_all_on_next_update()
            needsFullRepaint = false
        }
        wnoutrefresh(gs_stdscr())
        doupdate()
    }

    /// - Returns: nil also for an escape sequence that means nothing here (see `EscapeSequence`).
    public func readEvent(timeoutMilliseconds: Int) -> Event? {
        guard isActive else { return nil }
        let input: EscapeSequence.Input
        if let pending = unread {
            unread = nil
            input = pending
        } else {
            guard let read = readInput(timeoutMilliseconds: Int32(clamping: max(-1, timeoutMilliseconds))) else { return nil }
            input = read
        }
        switch input {
        case .character(27):
            // Esc alone, or the start of a sequence ncurses did not decode: what follows at once says.
            let outcome = EscapeSequence.read { readInput(timeoutMilliseconds: escapeDelay) }
            unread = outcome.unread
            return outcome.key.map(Event.key)
        case let .character(value):
            return .key(Key(scalar: value))
        case let .keyCode(code):
            return decodeKeyCode(code)
        }
    }

    /// One character or key code, or nil when none came within the timeout (negative: forever).
    private func readInput(timeoutMilliseconds: Int32) -> EscapeSequence.Input? {
        gs_timeout(timeoutMilliseconds)
        var value: wint_t = 0
        switch gs_get_wch(&value) {
        case OK: return .character(UInt32(value))
        case KEY_CODE_YES: return .keyCode(Int32(bitPattern: UInt32(value)))
        default: return nil
        }
    }

    public func forceRedraw() { needsFullRepaint = true }

    public func bell() { beep() }

    public func shutdown() {
        guard isActive else { return }
        isActive = false
        if capabilities.mouse { mousemask(0, nil) }
        TerminalRestore.restore()
        TerminalRestore.uninstall()
    }

    private func decodeKeyCode(_ code: Int32) -> Event {
        switch code {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_HOME, KEY_A1: return .key(.home)
        case KEY_END, KEY_C1: return .key(.end)
        case KEY_BTAB: return .key(.backTab)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_IC: return .key(.insert)
        case KEY_ENTER: return .key(.enter)
        case gs_key_resize():
            needsFullRepaint = true
            return .resize(size)
        case gs_key_mouse():
            return decodeMouse() ?? .key(.unknown(Int(code)))
        case gs_key_f(1)...gs_key_f(12):
            return .key(.function(Int(code - gs_key_f(0))))
        default:
            return .key(.unknown(Int(code)))
        }
    }

    private func decodeMouse() -> Event? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        let state = event.bstate
        let kind: MouseEvent.Kind
        if state & gs_button4_pressed() != 0 {
            kind = .wheelUp
        } else if gs_button5_pressed() != 0, state & gs_button5_pressed() != 0 {
            kind = .wheelDown
        } else if state & gs_button1_pressed() != 0 {
            kind = .press(.left)
        } else if state & gs_button1_released() != 0 {
            kind = .release(.left)
        } else if state & gs_button2_pressed() != 0 {
            kind = .press(.middle)
        } else if state & gs_button3_pressed() != 0 {
            kind = .press(.right)
        } else {
            return nil
        }
        return .mouse(MouseEvent(kind: kind, position: Point(x: Int(event.x), y: Int(event.y))))
    }

    /// The ncurses attributes and colour pair for a style, allocating the pair on first use.
    private func attributes(for style: Style) -> (attributes: attr_t, pair: Int32) {
        if let known = styles[style] { return known }
        var attributes = gs_a_normal()
        let names: [(TextAttributes, attr_t)] = [
            (.bold, gs_a_bold()), (.dim, gs_a_dim()), (.italic, gs_a_italic()),
            (.underline, gs_a_underline()), (.reverse, gs_a_reverse()),
        ]
        for (attribute, value) in names where style.attributes.contains(attribute) { attributes |= value }
        let result = (attributes, pair(foreground: style.foreground, background: style.background))
        styles[style] = result
        return result
    }

    private func pair(foreground: Color, background: Color) -> Int32 {
        let depth = capabilities.colorDepth
        guard depth != .none else { return 0 }
        var key = ColorKey(foreground: ColorMapper.terminalNumber(for: foreground, depth: depth),
                           background: ColorMapper.terminalNumber(for: background, depth: depth))
        if !defaultColors {
            // Without use_default_colors, -1 is not a colour; assume white on black.
            if key.foreground < 0 { key.foreground = 7 }
            if key.background < 0 { key.background = 0 }
        }
        if key.foreground < 0 && key.background < 0 { return 0 }
        if let known = pairs[key] { return known }
        // Out of pairs (a theme with very many colours): fall back to the default colours.
        guard nextPair <= maxPair, gs_init_pair(nextPair, Int32(key.foreground), Int32(key.background)) == OK else { return 0 }
        pairs[key] = nextPair
        nextPair += 1
        return nextPair - 1
    }
}

/// `sigaction` names both a struct and a function; in expressions Swift picks the function.
private typealias SignalAction = sigaction

/// Process-wide terminal restoration, reachable from signal handlers and `atexit`, which cannot
/// capture an instance. Only async-signal-safe calls (and endwin, as every curses program does)
/// happen on the signal path.
private enum TerminalRestore {
    static let terminating: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    static let crashing: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]
    nonisolated(unsafe) static var active = false
    nonisolated(unsafe) static var savedStderr: Int32 = -1
    nonisolated(unsafe) static var capturedStderr: Int32 = -1
    nonisolated(unsafe) static var previous = [SignalAction](repeating: SignalAction(), count: 65)
    nonisolated(unsafe) static var installed: [Int32] = []
    nonisolated(unsafe) static var atexitRegistered = false

    static func install() {
        active = true
        if !atexitRegistered {
            atexitRegistered = true
            atexit { TerminalRestore.restore() }
        }
        installed = handled
        for signal in installed {
            var action = SignalAction()
            action.__sigaction_handler.sa_handler = { signal in TerminalRestore.handle(signal) }
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, &previous[Int(signal)])
        }
    }

    /// The signals to catch: all crashes, and the terminating ones unless the parent chose to
    /// ignore them (`nohup`, a background job), which is the parent's decision to keep.
    static var handled: [Int32] {
        crashing + terminating.filter { gs_signal_is_ignored($0) == 0 }
    }

    static func uninstall() {
        active = false
        for signal in installed { sigaction(signal, &previous[Int(signal)], nil) }
        installed = []
    }

    /// Sends stderr to a scratch file until `restore()`, if stderr is the terminal; a stderr
    /// redirected to a log is left alone.
    static func beginCapturingStderr() {
        guard isatty(STDERR_FILENO) == 1 else { return }
        let file = gs_temporary_file()
        guard file >= 0 else { return }
        savedStderr = dup(STDERR_FILENO)
        guard savedStderr >= 0, dup2(file, STDERR_FILENO) >= 0 else { return }
        capturedStderr = file
    }

    /// Gives the terminal back and replays what was written to stderr meanwhile. Runs once.
    static func restore() {
        guard active else { return }
        active = false
        curs_set(1)
        endwin()
        guard savedStderr >= 0 else { return }
        dup2(savedStderr, STDERR_FILENO)
        close(savedStderr)
        savedStderr = -1
        guard capturedStderr >= 0, lseek(capturedStderr, 0, SEEK_SET) == 0 else { return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4096) { buffer in
            while case let count = read(capturedStderr, buffer.baseAddress, buffer.count), count > 0 {
                _ = write(STDERR_FILENO, buffer.baseAddress, count)
            }
        }
        close(capturedStderr)
        capturedStderr = -1
    }

    /// Restores the terminal, then lets the signal do what it would have done without us.
    static func handle(_ signal: Int32) {
        restore()
        sigaction(signal, &previous[Int(signal)], nil)
        // Blocked until this handler returns, then delivered to the previous disposition. A fault
        // would also recur on return, but an abort() or kill would not.
        raise(signal)
    }
}
