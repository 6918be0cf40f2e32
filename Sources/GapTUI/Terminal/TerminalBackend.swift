/// What the terminal can show, decided once at start-up.
public struct TerminalCapabilities: Hashable, Sendable {
    /// Unicode in a UTF-8 locale, else ASCII (or ASCII on request).
    public var charset: Charset
    public var colorDepth: ColorDepth
    /// Whether mouse reports were granted.
    public var mouse: Bool

    public init(charset: Charset, colorDepth: ColorDepth, mouse: Bool) {
        self.charset = charset
        self.colorDepth = colorDepth
        self.mouse = mouse
    }

    public var isUTF8: Bool { charset == .unicode }
}

/// The screen and keyboard the app loop talks to. `NcursesTerminal` is the real one;
/// `HeadlessTerminal` drives the same loop in tests, with scripted events and the drawn
/// grid kept for inspection.
///
/// A loop looks like:
///
///     var theme = loaded.adapted(to: terminal.capabilities.colorDepth)
///     while running {
///         var grid = terminal.makeGrid()
///         render(state, &grid, theme)
///         terminal.draw(grid)
///         let event = terminal.readEvent(timeoutMilliseconds: 250)   // nil: time for a tick
///         state = update(state, event)
///     }
///     terminal.shutdown()
///
/// Backends are not thread-safe: create, use and shut one down on a single thread.
public protocol TerminalBackend: AnyObject {
    var capabilities: TerminalCapabilities { get }
    /// The window's size in cells now.
    var size: Size { get }
    /// Shows a frame. Cells that did not change are not sent again, so drawing every frame in
    /// full is cheap and nothing flickers.
    func draw(_ grid: Grid)
    /// Waits up to `timeoutMilliseconds` (negative: forever) for a key, mouse action or resize.
    /// - Returns: nil when the time ran out, or when what came means nothing (an escape
    ///   sequence of a key the explorer does not know).
    func readEvent(timeoutMilliseconds: Int) -> Event?
    /// Repaints the whole screen with the next frame (Ctrl-L, or after other output garbled it).
    func forceRedraw()
    func bell()
    /// Gives the terminal back as it was. Safe to call more than once.
    func shutdown()
}

extension TerminalBackend {
    /// An empty grid of the window's size and character set, to render the next frame into.
    public func makeGrid() -> Grid {
        Grid(size: size, charset: capabilities.charset)
    }
}
