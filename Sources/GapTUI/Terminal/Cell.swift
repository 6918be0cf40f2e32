/// One character cell of the screen.
public struct Cell: Hashable, Sendable {
    /// The sanitized glyph shown here (a printable scalar with any combining marks), or the empty
    /// string in the right half of a two-cell glyph, which the glyph to its left covers.
    public internal(set) var symbol: String
    public var style: Style

    init(symbol: String, style: Style) {
        self.symbol = symbol
        self.style = style
    }

    /// A space in the terminal's default colours.
    public static let blank = Cell(symbol: " ", style: .plain)

    /// True in the right half of a wide glyph.
    public var isContinuation: Bool { symbol.isEmpty }
}
