/// A straight line `y = slope * x + intercept`, such as a scaling fit.
public struct LinearFit: Hashable, Sendable {
    public var slope: Double
    public var intercept: Double

    public init(slope: Double, intercept: Double) {
        self.slope = slope
        self.intercept = intercept
    }

    public func value(at x: Double) -> Double { slope * x + intercept }
}

/// Points of one family (same model line or method), with an optional fitted line.
public struct ScatterGroup: Hashable, Sendable {
    public var name: String
    /// Intervals on points are drawn as whiskers.
    public var points: [ChartPoint]
    public var fit: LinearFit?
    /// nil takes `Role.series(index)` by the group's position.
    public var role: Role?

    public init(_ name: String, points: [ChartPoint], fit: LinearFit? = nil, role: Role? = nil) {
        self.name = name
        self.points = points
        self.fit = fit
        self.role = role
    }
}

/// Points marked with a symbol per group (`●■▲◆○✕`, ASCII `*+ox#@`) and each group's fitted
/// line across the plot, for relative gap against log10 pre-training FLOPs. Axes and legend as
/// in `LineChart`; the ranges follow the points, and fitted lines are clipped to them.
public struct ScatterPlot: Widget {
    public var groups: [ScatterGroup]
    public var xRange: ClosedRange<Double>?
    public var yRange: ClosedRange<Double>?
    public var xTitle: String?
    public var yTitle: String?
    public var showLegend: Bool
    /// A horizontal line drawn under the data, such as relative gap = 0.
    public var referenceY: Double?

    public init(groups: [ScatterGroup], xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil,
                xTitle: String? = nil, yTitle: String? = nil, showLegend: Bool = true, referenceY: Double? = nil) {
        self.groups = groups
        self.xRange = xRange
        self.yRange = yRange
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.showLegend = showLegend
        self.referenceY = referenceY
    }

    public func render(in area: Rect, on grid: inout Grid, theme: Theme) {
        let points = groups.map { $0.points.filter(\.isFinite) }
        let all = points.joined()
        var ys = all.map(\.y) + all.compactMap(\.interval).flatMap { [$0.low, $0.high] }
        if let referenceY, referenceY.isFinite { ys.append(referenceY) }
        var xs = all.map(\.x)
        if xs.count == 1, let x = xs.first { xs += [x - 0.5, x + 0.5] }   // one point still gets an axis span
        let topRow = (showLegend && !groups.isEmpty) || yTitle != nil
        guard let frame = ChartFrame(area: area, xData: extent(xs), yData: extent(ys), xFixed: xRange,
                                     yFixed: yRange, topRow: topRow, integerX: false, charset: grid.charset)
        else { return }

        var canvas = PlotCanvas(columns: frame.plot.width, rows: frame.plot.height, braille: frame.braille)
        if let referenceY {
            let y = frame.dotY(referenceY)
            canvas.line(from: (0, y), to: (Double(canvas.dotsWide - 1), y), role: .axis, layer: .fill, ascii: "-")
        }
        for (index, group) in groups.enumerated() {
            let role = group.role ?? Role.series(index)
            if let fit = group.fit, fit.slope.isFinite, fit.intercept.isFinite {
                let lo = frame.xRange.lowerBound, hi = frame.xRange.upperBound
                canvas.line(from: (frame.dotX(lo), frame.dotY(fit.value(at: lo))),
                            to: (frame.dotX(hi), frame.dotY(fit.value(at: hi))), role: role, layer: .stroke, ascii: ".")
            }
            let symbol = ChartMarkers.symbol(index, charset: grid.charset)
            for p in points[index] {
                if let interval = p.interval {
                    let x = frame.dotX(p.x)
                    canvas.line(from: (x, frame.dotY(interval.high)), to: (x, frame.dotY(interval.low)),
                                role: role, layer: .stroke, ascii: "|")
                }
                if let cell = frame.cell(x: p.x, y: p.y) {
                    canvas.mark(cellX: cell.x, cellY: cell.y, symbol: symbol, role: role)
                }
            }
        }
        canvas.draw(on: &grid, at: frame.plot.origin, theme: theme)
        let legend = showLegend ? groups.enumerated().map { index, group in
            ChartFrame.LegendEntry(name: group.name, symbol: ChartMarkers.symbol(index, charset: grid.charset),
                                   role: group.role ?? Role.series(index))
        } : []
        frame.draw(on: &grid, area: area, theme: theme, xTitle: xTitle, yTitle: yTitle, legend: legend)
    }
}
