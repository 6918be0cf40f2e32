/// One data point of a chart, with an optional confidence interval.
public struct ChartPoint: Hashable, Sendable {
    public var x: Double
    public var y: Double
    /// Lower and upper ends of the interval around `y`, if known.
    public var low: Double?
    public var high: Double?

    public init(x: Double, y: Double, low: Double? = nil, high: Double? = nil) {
        self.x = x
        self.y = y
        self.low = low
        self.high = high
    }

    var isFinite: Bool { x.isFinite && y.isFinite }
    /// The interval, when both ends are known and finite.
    var interval: (low: Double, high: Double)? {
        guard let low, let high, low.isFinite, high.isFinite else { return nil }
        return (min(low, high), max(low, high))
    }
}

/// A named line of points.
public struct ChartSeries: Hashable, Sendable {
    public var name: String
    public var points: [ChartPoint]
    /// nil takes `Role.series(index)` by the series' position.
    public var role: Role?

    public init(_ name: String, points: [ChartPoint], role: Role? = nil) {
        self.name = name
        self.points = points
        self.role = role
    }
}

/// Lines through points, drawn with braille dots (2x4 per cell) in Unicode and with `.` between
/// `*`-style point markers in ASCII; axes with 1-2-5 ticks, a legend, and confidence intervals
/// as whiskers or bands. Non-finite values are skipped, not drawn as garbage.
public struct LineChart: Widget {
    /// How confidence intervals are shown.
    public enum IntervalStyle: Hashable, Sendable {
        case none
        /// A vertical bar with caps at each point, in the series' role.
        case whiskers
        /// A shaded area between consecutive intervals, in the `.ci` role.
        case band
    }

    public var series: [ChartSeries]
    /// Axis ranges; nil fits the data and widens it to nice ticks.
    public var xRange: ClosedRange<Double>?
    public var yRange: ClosedRange<Double>?
    public var xTitle: String?
    public var yTitle: String?
    public var intervals: IntervalStyle
    public var showLegend: Bool
    /// Symbols at the data points. nil turns them on where lines cannot be told apart by
    /// colour (monochrome themes) or are not drawn as lines (ASCII).
    public var markers: Bool?
    /// Whole-number x values only (rounds): no ticks between them.
    public var integerX: Bool
    /// A horizontal line drawn under the data, such as gap = 0.
    public var referenceY: Double?

    public init(series: [ChartSeries], xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil,
                xTitle: String? = nil, yTitle: String? = nil, intervals: IntervalStyle = .whiskers,
                showLegend: Bool = true, markers: Bool? = nil, integerX: Bool = false, referenceY: Double? = nil) {
        self.series = series
        self.xRange = xRange
        self.yRange = yRange
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.intervals = intervals
        self.showLegend = showLegend
        self.markers = markers
        self.integerX = integerX
        self.referenceY = referenceY
    }

    public func render(in area: Rect, on grid: inout Grid, theme: Theme) {
        let points = series.map { $0.points.filter(\.isFinite).sorted { $0.x < $1.x } }
        let all = points.joined()
        var ys = all.map(\.y)
        if intervals != .none { ys += all.compactMap(\.interval).flatMap { [$0.low, $0.high] } }
        if let referenceY, referenceY.isFinite { ys.append(referenceY) }
        let topRow = (showLegend && !series.isEmpty) || yTitle != nil
        guard let frame = ChartFrame(area: area, xData: extent(all.map(\.x)), yData: extent(ys), xFixed: xRange,
                                     yFixed: yRange, topRow: topRow, integerX: integerX, charset: grid.charset)
        else { return }

        let showMarkers = markers ?? (theme.isMonochrome || grid.charset == .ascii)
        var canvas = PlotCanvas(columns: frame.plot.width, rows: frame.plot.height, braille: frame.braille)
        if let referenceY {
            let y = frame.dotY(referenceY)
            canvas.line(from: (0, y), to: (Double(canvas.dotsWide - 1), y), role: .axis, layer: .fill, ascii: "-")
        }
        for (index, line) in points.enumerated() {
            let role = series[index].role ?? Role.series(index)
            drawIntervals(line, role: role, frame: frame, on: &canvas)
            for (a, b) in zip(line, line.dropFirst()) {
                canvas.line(from: (frame.dotX(a.x), frame.dotY(a.y)), to: (frame.dotX(b.x), frame.dotY(b.y)),
                            role: role, layer: .stroke, ascii: ".")
            }
            if line.count == 1, let p = line.first {
                canvas.line(from: (frame.dotX(p.x), frame.dotY(p.y)), to: (frame.dotX(p.x), frame.dotY(p.y)),
                            role: role, layer: .stroke, ascii: ChartMarkers.symbol(index, charset: grid.charset))
            }
            if showMarkers {
                for p in line {
                    guard let cell = frame.cell(x: p.x, y: p.y) else { continue }
                    canvas.mark(cellX: cell.x, cellY: cell.y, symbol: ChartMarkers.symbol(index, charset: grid.charset), role: role)
                }
            }
        }
        canvas.draw(on: &grid, at: frame.plot.origin, theme: theme)

        let legend = showLegend ? series.enumerated().map { index, s in
            ChartFrame.LegendEntry(name: s.name,
                                   symbol: showMarkers ? ChartMarkers.symbol(index, charset: grid.charset)
                                       : (grid.charset == .unicode ? "━" : "-"),
                                   role: s.role ?? Role.series(index))
        } : []
        frame.draw(on: &grid, area: area, theme: theme, xTitle: xTitle, yTitle: yTitle, legend: legend)
        if all.isEmpty {
            let message = "no data"
            grid.put(text: message, at: Point(x: frame.plot.x + (frame.plot.width - message.count) / 2,
                                                y: frame.plot.y + frame.plot.height / 2),
                     style: theme[.dim], maxWidth: frame.plot.width)
        }
    }

    private func drawIntervals(_ line: [ChartPoint], role: Role, frame: ChartFrame, on canvas: inout PlotCanvas) {
        switch intervals {
        case .none:
            return
        case .band where line.count > 1:
            // Every other dot, so the band reads as shading beside a solid line.
            for (a, b) in zip(line, line.dropFirst()) {
                guard let ia = a.interval, let ib = b.interval else { continue }
                let x0 = frame.dotX(a.x), x1 = frame.dotX(b.x)
                let from = clampedInt(x0.rounded(.up), 0, canvas.dotsWide - 1)
                let to = clampedInt(x1.rounded(.down), 0, canvas.dotsWide - 1)
                guard x1 > x0, from <= to else { continue }
                for dx in from...to {
                    let t = (Double(dx) - x0) / (x1 - x0)
                    let top = frame.dotY(ia.high + t * (ib.high - ia.high))
                    let bottom = frame.dotY(ia.low + t * (ib.low - ia.low))
                    guard top.isFinite, bottom.isFinite, top <= Double(canvas.dotsHigh), bottom >= 0 else { continue }
                    let first = clampedInt(top.rounded(), 0, canvas.dotsHigh - 1)
                    let last = clampedInt(bottom.rounded(), 0, canvas.dotsHigh - 1)
                    for dy in first...last where !canvas.braille || (dx + dy) % 2 == 0 {
                        canvas.dot(dx, dy, role: .ci, layer: .fill, ascii: ":")
                    }
                }
            }
        case .band, .whiskers:
            for p in line {
                guard let interval = p.interval else { continue }
                let x = frame.dotX(p.x), top = frame.dotY(interval.high), bottom = frame.dotY(interval.low)
                canvas.line(from: (x, top), to: (x, bottom), role: role, layer: .stroke, ascii: "|")
                if canvas.braille {
                    canvas.line(from: (x - 1, top), to: (x + 1, top), role: role, layer: .stroke, ascii: "-")
                    canvas.line(from: (x - 1, bottom), to: (x + 1, bottom), role: role, layer: .stroke, ascii: "-")
                }
            }
        }
    }
}

/// The smallest range holding every value, or nil when there are none.
func extent(_ values: [Double]) -> ClosedRange<Double>? {
    let finite = values.filter(\.isFinite)
    guard let lo = finite.min(), let hi = finite.max() else { return nil }
    return lo...hi
}

/// A finite value rounded into `lo...hi` without trapping on values beyond `Int`'s range.
func clampedInt(_ value: Double, _ lo: Int, _ hi: Int) -> Int {
    guard value.isFinite else { return value > 0 ? hi : lo }
    return Int(min(max(value, Double(lo)), Double(hi)))
}
