/// Scrollable untrusted text (a response, a prompt, a rationale), wrapped to the pane's width,
/// every control shown as a visible escape, with a scrollbar when it does not fit.
///
/// Wrapping a long response on every frame is wasteful; screens that show big texts wrap once
/// per width with `TextPane.wrap(_:width:charset:)` (using `contentWidth(in:)`) and keep the
/// lines in their state.
public struct TextPane: Widget {
    /// Sanitized lines, already wrapped to `contentWidth(in:)`.
    public var lines: [String]
    /// The first line shown; clamped when drawing.
    public var offset: Int
    public var role: Role
    public var showScrollbar: Bool

    /// A pane over lines already wrapped by `wrap(_:width:charset:)`.
    public init(lines: [String], offset: Int = 0, role: Role = .text, showScrollbar: Bool = true) {
        self.lines = lines
        self.offset = offset
        self.role = role
        self.showScrollbar = showScrollbar
    }

    /// A pane that wraps `text` to `width` itself.
    public init(text: String, width: Int, charset: Charset, offset: Int = 0, role: Role = .text,
                showScrollbar: Bool = true) {
        self.init(lines: Self.wrap(text, width: width, charset: charset), offset: offset, role: role,
                  showScrollbar: showScrollbar)
    }

    /// Text wrapped for a pane: word-wrapped, sanitized.
    public static func wrap(_ text: String, width: Int, charset: Charset) -> [String] {
        SafeText.wrap(text, width: width, charset: charset)
    }

    /// The width text is wrapped to in `area`: one column less when a scrollbar may be drawn,
    /// whether or not it is, so the wrapping does not change as text grows past the height.
    public static func contentWidth(in area: Rect, showScrollbar: Bool = true) -> Int {
        max(1, area.width - (showScrollbar ? 1 : 0))
    }

    /// The largest useful offset: the last line at the bottom of the pane.
    public static func maxOffset(lineCount: Int, height: Int) -> Int {
        max(0, lineCount - height)
    }

    public func render(in area: Rect, on grid: inout Grid, theme: Theme) {
        guard !area.isEmpty else { return }
        let first = min(max(0, offset), Self.maxOffset(lineCount: lines.count, height: area.height))
        let width = showScrollbar ? Self.contentWidth(in: area) : area.width
        for row in 0..<area.height where first + row < lines.count {
            grid.put(text: lines[first + row], at: Point(x: area.x, y: area.y + row), style: theme[role], maxWidth: width)
        }
        if showScrollbar {
            Scrollbar(total: lines.count, visible: area.height, offset: first).render(in: area, on: &grid, theme: theme)
        }
    }
}
