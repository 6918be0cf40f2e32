/// Something that draws itself into a rectangle of a grid. A widget knows nothing of the
/// terminal; it is a value built fresh for each frame from the app's state, and drawing it
/// changes nothing but the grid (no I/O, no state), so every screen can be tested as text.
public protocol Widget {
    /// Draws into `area`, which the caller has already clipped to the grid, using `theme`'s roles.
    /// A widget must tolerate any area, including an empty or one-cell one, without drawing outside it.
    func render(in area: Rect, on grid: inout Grid, theme: Theme)
}

/// A piece of text in one role, for lines made of several styles.
public struct Span: Hashable, Sendable {
    public var text: String
    public var role: Role

    public init(_ text: String, _ role: Role = .text) {
        self.text = text
        self.role = role
    }
}

extension Grid {
    /// Writes spans one after another on a row. Each span's style is laid over `base`
    /// (`Style.patched(with:)`), so a key hint keeps the status bar's background.
    /// - Returns: the cells used, at most `maxWidth`.
    @discardableResult
    public mutating func put(spans: [Span], at point: Point, theme: Theme, base: Style = .plain,
                             maxWidth: Int? = nil) -> Int {
        var used = 0
        let limit = max(0, maxWidth ?? Int.max)
        for span in spans where used < limit {
            used += put(text: span.text, at: Point(x: point.x + used, y: point.y),
                        style: base.patched(with: theme[span.role]), maxWidth: limit - used)
        }
        return used
    }
}

extension Array where Element == Span {
    /// The cells these spans take once sanitized.
    public func displayWidth(charset: Charset = .unicode) -> Int {
        reduce(0) { $0 + SafeText.displayWidth($1.text, charset: charset) }
    }
}
