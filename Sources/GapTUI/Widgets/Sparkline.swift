/// A one-row chart of recent values with block elements `▁▂▃▄▅▆▇█` (ASCII `_.-~^`), such as
/// the gap over rounds in the runs table. The newest values are kept when there are more
/// than cells; a nil or non-finite value leaves a gap.
public struct Sparkline: Widget {
    public var values: [Double?]
    /// The values at the lowest and highest bar; nil uses the data's own extent.
    public var range: ClosedRange<Double>?
    public var role: Role
    /// The role for values below zero (a negative gap), if they should stand out.
    public var negativeRole: Role?

    public init(values: [Double?], range: ClosedRange<Double>? = nil, role: Role = .accent, negativeRole: Role? = nil) {
        self.values = values
        self.range = range
        self.role = role
        self.negativeRole = negativeRole
    }

    static let unicodeLevels = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let asciiLevels = ["_", ".", "-", "~", "^"]

    public func render(in area: Rect, on grid: inout Grid, theme: Theme) {
        guard !area.isEmpty else { return }
        let shown = Array(values.suffix(area.width))
        for (offset, symbol) in Self.symbols(shown, range: range, charset: grid.charset).enumerated() {
            guard let symbol, let value = shown[offset] else { continue }
            let style = theme[value < 0 ? negativeRole ?? role : role]
            grid.put(symbol: symbol, at: Point(x: area.x + offset, y: area.maxY - 1), style: style)
        }
    }

    /// The bar for each value (nil for a gap), scaled to `range` or the values' own extent,
    /// for places that draw the bars as text, such as a table cell.
    public static func symbols(_ values: [Double?], range: ClosedRange<Double>? = nil, charset: Charset) -> [String?] {
        let finite = values.compactMap { $0 }.filter(\.isFinite)
        let lo = range?.lowerBound ?? finite.min() ?? 0, hi = range?.upperBound ?? finite.max() ?? 0
        let levels = charset == .unicode ? unicodeLevels : asciiLevels
        return values.map { value in
            guard let value, value.isFinite else { return nil }
            // A flat series sits in the middle rather than looking like all-minimum.
            let fraction = hi > lo ? min(max((value - lo) / (hi - lo), 0), 1) : 0.5
            return levels[Int((fraction * Double(levels.count - 1)).rounded())]
        }
    }
}
