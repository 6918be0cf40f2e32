/// The line set a box is drawn with. In ASCII every style becomes `+`, `-` and `|`.
public enum BorderStyle: Hashable, Sendable {
    case single, rounded, heavy, double

    /// Corners (top-left, top-right, bottom-left, bottom-right), horizontal, vertical.
    func glyphs(_ charset: Charset) -> (tl: String, tr: String, bl: String, br: String, h: String, v: String) {
        guard charset == .unicode else { return ("+", "+", "+", "+", "-", "|") }
        switch self {
        case .single: return ("┌", "┐", "└", "┘", "─", "│")
        case .rounded: return ("╭", "╮", "╰", "╯", "─", "│")
        case .heavy: return ("┏", "┓", "┗", "┛", "━", "┃")
        case .double: return ("╔", "╗", "╚", "╝", "═", "║")
        }
    }
}

extension Grid {
    /// Draws a border around `rect`, with an optional title in the top edge, and returns the
    /// area inside it. Nothing is drawn when the rectangle is smaller than 2x2.
    @discardableResult
    public mutating func drawBox(_ rect: Rect, style: Style, border: BorderStyle = .single,
                                 title: String? = nil, titleStyle: Style? = nil) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let g = border.glyphs(charset)
        drawHorizontalLine(x: rect.x + 1, y: rect.y, width: rect.width - 2, style: style, border: border)
        drawHorizontalLine(x: rect.x + 1, y: rect.maxY - 1, width: rect.width - 2, style: style, border: border)
        drawVerticalLine(x: rect.x, y: rect.y + 1, height: rect.height - 2, style: style, border: border)
        drawVerticalLine(x: rect.maxX - 1, y: rect.y + 1, height: rect.height - 2, style: style, border: border)
        put(symbol: g.tl, at: rect.origin, style: style)
        put(symbol: g.tr, at: Point(x: rect.maxX - 1, y: rect.y), style: style)
        put(symbol: g.bl, at: Point(x: rect.x, y: rect.maxY - 1), style: style)
        put(symbol: g.br, at: Point(x: rect.maxX - 1, y: rect.maxY - 1), style: style)
        if let title, rect.width > 4 {
            let shown = SafeText.truncate(title, toWidth: rect.width - 4, charset: charset)
            put(text: " " + shown + " ", at: Point(x: rect.x + 1, y: rect.y), style: titleStyle ?? style,
                maxWidth: rect.width - 2)
        }
        return rect.inset(by: 1)
    }

    /// A horizontal rule of `width` cells.
    public mutating func drawHorizontalLine(x: Int, y: Int, width: Int, style: Style, border: BorderStyle = .single) {
        let h = border.glyphs(charset).h
        for column in x..<(x + max(0, width)) { put(symbol: h, at: Point(x: column, y: y), style: style) }
    }

    /// A vertical rule of `height` cells.
    public mutating func drawVerticalLine(x: Int, y: Int, height: Int, style: Style, border: BorderStyle = .single) {
        let v = border.glyphs(charset).v
        for row in y..<(y + max(0, height)) { put(symbol: v, at: Point(x: x, y: row), style: style) }
    }
}
