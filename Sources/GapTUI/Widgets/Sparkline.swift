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
        let shown = values.suffix(area.width)
        let finite = shown.compactMap { $0 }.filter(\.isFinite)
        let lo = range?.lowerBound ?? finite.min() ?? 0, hi = range?.upperBound ?? finite.max() ?? 0
        let levels = grid.charset == .unicode ? Self.unicodeLevels : Self.asciiLevels
        for (offset, value) in shown.enumerated() {
            guard let value, value.isFinite else { continue }
            // A flat series sits in the middle rather than looking like all-minimum.
            let fraction = hi > lo ? min(max((value - lo) / (hi - lo), 0), 1) : 0.5
            let level = Int((fraction * Double(levels.count - 1)).rounded())
            let style = theme[value < 0 ? negativeRole ?? role : role]
            grid.put(symbol: levels[level], at: Point(x: area.x + offset, y: area.maxY - 1), style: style)
        }
    }
}
