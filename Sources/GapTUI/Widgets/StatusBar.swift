/// A one-row bar: spans on the left (where you are), spans on the right (key hints, counts).
/// Used at the bottom with `.status` and as a screen's header line with `.title`.
/// When both do not fit the left side wins and the right is cut.
public struct StatusBar: Widget {
    public var left: [Span]
    public var right: [Span]
    /// The bar's own style, under every span (`Grid.put(spans:at:theme:base:maxWidth:)`).
    public var role: Role

    public init(left: [Span], right: [Span] = [], role: Role = .status) {
        self.left = left
        self.right = right
        self.role = role
    }

    public func render(in area: Rect, on grid: inout Grid, theme: Theme) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        let base = theme[role]
        grid.fill(row, style: base)
        let used = grid.put(spans: left, at: row.origin, theme: theme, base: base, maxWidth: row.width)
        let rightWidth = right.displayWidth(charset: grid.charset)
        let start = max(row.x + used + 1, row.maxX - rightWidth)
        guard start < row.maxX else { return }
        grid.put(spans: right, at: Point(x: start, y: row.y), theme: theme, base: base, maxWidth: row.maxX - start)
    }
}
