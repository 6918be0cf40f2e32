/// One row: a label, a bar and a percentage, as in `reading run.jsonl [█████▋    ] 57%`.
/// Eighth blocks give a smooth bar in Unicode; ASCII uses `#` and `.`.
/// With no fraction (size unknown) only the label and an ellipsis are shown.
public struct ProgressBar: Widget {
    public var label: String
    /// 0...1; nil when the total is unknown.
    public var fraction: Double?
    public var role: Role

    public init(label: String, fraction: Double?, role: Role = .accent) {
        self.label = label
        self.fraction = fraction
        self.role = role
    }

    static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    public func render(in area: Rect, on grid: inout Grid, theme: Theme) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        let unicode = grid.charset == .unicode
        guard let fraction, fraction.isFinite else {
            grid.put(text: label + " " + grid.charset.ellipsis, at: row.origin, style: theme[.text], maxWidth: row.width)
            return
        }
        let f = min(max(fraction, 0), 1)
        let percent = String(Int((f * 100).rounded(.down))) + "%"
        // Room goes to the percentage first, then a bar of at least 3 cells, then the label.
        let labelRoom = min(row.width - percent.count - 7, row.width / 2)
        let labelWidth = max(0, min(SafeText.displayWidth(label, charset: grid.charset), labelRoom))
        var x = row.x + grid.put(text: SafeText.truncate(label, toWidth: labelWidth, charset: grid.charset),
                                 at: row.origin, style: theme[.text])
        if labelWidth > 0 { x += 1 }
        let barWidth = row.maxX - x - 3 - percent.count
        if barWidth >= 3 {
            grid.put(text: "[", at: Point(x: x, y: row.y), style: theme[.border])
            let eighthsFilled = Int((f * Double(barWidth * 8)).rounded(.down))
            var bar = String(repeating: unicode ? "█" : "#", count: eighthsFilled / 8)
            if unicode { bar += Self.eighths[eighthsFilled % 8] }
            grid.put(text: bar, at: Point(x: x + 1, y: row.y), style: theme[role], maxWidth: barWidth)
            if !unicode {
                let rest = barWidth - eighthsFilled / 8
                grid.put(text: String(repeating: ".", count: rest), at: Point(x: x + 1 + barWidth - rest, y: row.y),
                         style: theme[.dim])
            }
            grid.put(text: "]", at: Point(x: x + 1 + barWidth, y: row.y), style: theme[.border])
            x += barWidth + 3
        }
        grid.put(text: percent, at: Point(x: x, y: row.y), style: theme[.text], maxWidth: row.maxX - x)
    }
}
