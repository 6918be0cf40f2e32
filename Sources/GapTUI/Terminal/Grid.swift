/// The in-memory screen every widget draws into; the terminal backend only flushes it.
///
/// Text enters only through `put(text:at:style:maxWidth:)` and friends, which sanitize it
/// (see `SafeText`), so the grid holds nothing but printable glyphs and a frame can never
/// carry a control sequence to the terminal. A two-cell glyph fills its cell and the next,
/// which holds a continuation marker (`Cell.isContinuation`); overwriting either half blanks
/// the other, so a glyph is never left half drawn. Everything is clipped to the grid.
public struct Grid: Hashable, Sendable {
    public let width: Int
    public let height: Int
    /// What the terminal can show; widgets pick box, braille and block characters by it.
    public let charset: Charset
    /// Row-major cells, `width * height` of them.
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, charset: Charset = .unicode, style: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.charset = charset
        cells = Array(repeating: Cell(symbol: " ", style: style), count: self.width * self.height)
    }

    public init(size: Size, charset: Charset = .unicode) {
        self.init(width: size.width, height: size.height, charset: charset)
    }

    public var size: Size { Size(width: width, height: height) }
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at a position; a blank cell outside the grid.
    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, x < width, y >= 0, y < height else { return .blank }
        return cells[y * width + x]
    }

    public subscript(point: Point) -> Cell { self[point.x, point.y] }

    /// Writes untrusted text on one row, sanitized, clipped to `maxWidth` cells and to the grid.
    /// A wide glyph that does not fit whole is left out. Text may start left of the grid
    /// (horizontal scrolling); the part left of column 0 is skipped.
    /// - Returns: the number of cells the text advanced, at most `maxWidth`.
    @discardableResult
    public mutating func put(text: some StringProtocol, at point: Point, style: Style, maxWidth: Int? = nil) -> Int {
        let limit = max(0, maxWidth ?? Int.max)
        let right = point.x + min(limit, max(0, width - point.x))
        guard point.y >= 0, point.y < height, point.x < right else { return 0 }
        var x = point.x
        SafeText.forEachGlyph(in: text, charset: charset, tabWidth: SafeText.defaultTabWidth) { glyph in
            guard x + glyph.width <= right else { return false }
            if x >= 0 {
                place(glyph, x: x, y: point.y, style: style)
            } else if x + glyph.width > 0 {
                // A wide glyph straddling the left edge: show the half that is on screen as blank.
                place(SafeText.Glyph(text: " ", width: 1, acceptsMarks: false), x: 0, y: point.y, style: style)
            }
            x += glyph.width
            return true
        }
        return x - point.x
    }

    /// Writes one glyph (the first of `symbol` once sanitized), as charts and borders do.
    /// - Returns: false when it did not fit.
    @discardableResult
    public mutating func put(symbol: some StringProtocol, at point: Point, style: Style) -> Bool {
        var first: SafeText.Glyph?
        SafeText.forEachGlyph(in: symbol, charset: charset, tabWidth: 1) { first = $0; return false }
        guard let glyph = first, point.y >= 0, point.y < height, point.x >= 0, point.x + glyph.width <= width
        else { return false }
        place(glyph, x: point.x, y: point.y, style: style)
        return true
    }

    /// Fills a rectangle with one single-width character (a space unless given).
    public mutating func fill(_ rect: Rect, symbol: Character = " ", style: Style) {
        var glyph = SafeText.Glyph(text: " ", width: 1, acceptsMarks: false)
        SafeText.forEachGlyph(in: String(symbol), charset: charset, tabWidth: 1) { g in
            if g.width == 1 { glyph = g }
            return false
        }
        let area = rect.intersection(bounds)
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { place(glyph, x: x, y: y, style: style) }
        }
    }

    /// Clears the whole grid to blanks of one style.
    public mutating func clear(style: Style = .plain) {
        for i in cells.indices { cells[i] = Cell(symbol: " ", style: style) }
    }

    /// Replaces the style of every cell in a rectangle, keeping the characters.
    public mutating func setStyle(_ style: Style, in rect: Rect) {
        updateStyles(in: rect) { $0 = style }
    }

    /// Lays `overlay` over the style of every cell in a rectangle (see `Style.patched(with:)`).
    public mutating func patchStyle(_ overlay: Style, in rect: Rect) {
        updateStyles(in: rect) { $0 = $0.patched(with: overlay) }
    }

    /// Changes the style of every cell in a rectangle, keeping the characters.
    public mutating func updateStyles(in rect: Rect, _ change: (inout Style) -> Void) {
        let area = rect.intersection(bounds)
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { change(&cells[y * width + x].style) }
        }
    }

    /// The rows as text, for golden tests and logs: a wide glyph appears once (its continuation
    /// cell adds nothing), so in a monospace font the lines line up like the screen.
    public func lines(trimmingTrailingSpaces: Bool = true) -> [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width { line += cells[y * width + x].symbol }
            if trimmingTrailingSpaces {
                while line.hasSuffix(" ") { line.removeLast() }
            }
            return line
        }
    }

    /// `lines()` joined by newlines.
    public var text: String { lines().joined(separator: "\n") }

    /// Stores a sanitized glyph, first blanking any wide glyph it cuts in half.
    mutating func place(_ glyph: SafeText.Glyph, x: Int, y: Int, style: Style) {
        let row = y * width
        // A continuation cell always follows its head, so only the two ends can cut a glyph.
        if cells[row + x].isContinuation, x > 0 { cells[row + x - 1].symbol = " " }
        let end = x + glyph.width
        if end < width, cells[row + end].isContinuation { cells[row + end].symbol = " " }
        cells[row + x] = Cell(symbol: glyph.text, style: style)
        if glyph.width == 2 { cells[row + x + 1] = Cell(symbol: "", style: style) }
    }
}
