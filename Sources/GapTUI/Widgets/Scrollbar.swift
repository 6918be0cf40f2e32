/// A vertical scroll position indicator: a track with a thumb sized to the visible part.
/// Draws nothing when everything fits.
public struct Scrollbar: Widget {
    public var total: Int
    public var visible: Int
    public var offset: Int

    public init(total: Int, visible: Int, offset: Int) {
        self.total = total
        self.visible = visible
        self.offset = offset
    }

    public func render(in area: Rect, on grid: inout Grid, theme: Theme) {
        guard !area.isEmpty, total > visible, visible > 0 else { return }
        let height = area.height
        let thumb = max(1, height * visible / total)
        let maxOffset = total - visible
        let top = (height - thumb) * min(max(0, offset), maxOffset) / maxOffset
        let unicode = grid.charset == .unicode
        for row in 0..<height {
            let inThumb = row >= top && row < top + thumb
            grid.put(symbol: inThumb ? (unicode ? "█" : "#") : (unicode ? "│" : "|"),
                     at: Point(x: area.maxX - 1, y: area.y + row), style: theme[inThumb ? .accent : .border])
        }
    }
}
