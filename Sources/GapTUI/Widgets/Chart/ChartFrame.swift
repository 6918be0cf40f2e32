/// The part of a chart around the data: the plot rectangle and the scales that map values into
/// it, the axes with 1-2-5 ticks and their labels, the titles and the legend.
/// `LineChart` and `ScatterPlot` share it so that their axes look and read the same.
struct ChartFrame {
    struct LegendEntry {
        var name: String
        var symbol: String
        var role: Role
    }

    /// The cells the data is drawn in.
    let plot: Rect
    let xRange: ClosedRange<Double>
    let yRange: ClosedRange<Double>
    let xTicks: [Double]
    let yTicks: [Double]
    let xLabels: [String]
    let yLabels: [String]
    let braille: Bool

    /// Dots per cell across and down.
    var cellDots: (x: Int, y: Int) { braille ? (2, 4) : (1, 1) }

    /// Lays a chart out in `area`; nil when the area is too small to show one.
    /// - Parameters:
    ///   - xData, yData: the extent of the data, used unless `xFixed`/`yFixed` is given;
    ///     y is widened to the nearest ticks.
    ///   - topRow: reserve the first row for the y title and legend.
    ///   - integerX: no ticks between whole numbers (rounds).
    init?(area: Rect, xData: ClosedRange<Double>?, yData: ClosedRange<Double>?, xFixed: ClosedRange<Double>?,
          yFixed: ClosedRange<Double>?, topRow: Bool, integerX: Bool, charset: Charset) {
        braille = charset == .unicode
        let top = topRow ? 1 : 0
        let plotHeight = area.height - top - 2
        guard plotHeight >= 2, area.width >= 8 else { return nil }

        let yCount = max(2, min(10, plotHeight / 2 + 1))
        yRange = Self.range(fixed: yFixed, data: yData, maxCount: yCount)
        let yStep = NiceTicks.step(lo: yRange.lowerBound, hi: yRange.upperBound, maxCount: yCount)
        yTicks = NiceTicks.ticks(lo: yRange.lowerBound, hi: yRange.upperBound, step: yStep)
        yLabels = NiceTicks.labels(for: yTicks, step: yStep)
        let labelWidth = yLabels.map { SafeText.displayWidth($0, charset: charset) }.max() ?? 0
        let plotWidth = area.width - labelWidth - 1
        guard plotWidth >= 4 else { return nil }
        plot = Rect(x: area.x + labelWidth + 1, y: area.y + top, width: plotWidth, height: plotHeight)

        // Fewer x ticks until their labels fit side by side with a space between.
        var xCount = max(2, plotWidth / 6)
        var range: ClosedRange<Double>, ticks: [Double], labels: [String]
        repeat {
            // The data's own x extent, so lines reach both sides; only y is widened to ticks.
            if let xData, xData.upperBound > xData.lowerBound, xFixed == nil {
                range = xData
            } else if integerX, xFixed == nil, let xData, xData.lowerBound.isFinite {
                // One round: half a round either side, so that its own number
                // is the one tick (not -1 and 1 around it).
                range = (xData.lowerBound - 0.5)...(xData.lowerBound + 0.5)
            } else {
                range = Self.range(fixed: xFixed, data: xData, maxCount: xCount)
            }
            var step = NiceTicks.step(lo: range.lowerBound, hi: range.upperBound, maxCount: xCount)
            if integerX { step = max(1, step) }
            ticks = NiceTicks.ticks(lo: range.lowerBound, hi: range.upperBound, step: step)
            labels = NiceTicks.labels(for: ticks, step: step)
            let widest = labels.map { SafeText.displayWidth($0, charset: charset) }.max() ?? 0
            if (widest + 1) * ticks.count <= plotWidth || xCount == 2 { break }
            xCount -= 1
        } while true
        (xRange, xTicks, xLabels) = (range, ticks, labels)
    }

    private static func range(fixed: ClosedRange<Double>?, data: ClosedRange<Double>?, maxCount: Int)
        -> ClosedRange<Double> {
        if let fixed, fixed.upperBound > fixed.lowerBound, fixed.lowerBound.isFinite, fixed.upperBound.isFinite {
            return fixed
        }
        let data = data ?? 0...1
        return NiceTicks.niceRange(lo: data.lowerBound, hi: data.upperBound, maxCount: maxCount)
    }

    /// The horizontal dot position of a value (fractional; may fall outside the plot).
    func dotX(_ x: Double) -> Double {
        (x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * Double(plot.width * cellDots.x - 1)
    }

    /// The vertical dot position of a value, from the top (fractional; may fall outside the plot).
    func dotY(_ y: Double) -> Double {
        (yRange.upperBound - y) / (yRange.upperBound - yRange.lowerBound) * Double(plot.height * cellDots.y - 1)
    }

    /// The plot cell holding a value, if it is inside the plot.
    func cell(x: Double, y: Double) -> (x: Int, y: Int)? {
        let dx = dotX(x).rounded(), dy = dotY(y).rounded()
        guard dx >= 0, dy >= 0, dx < Double(plot.width * cellDots.x), dy < Double(plot.height * cellDots.y)
        else { return nil }
        return (Int(dx) / cellDots.x, Int(dy) / cellDots.y)
    }

    /// Draws axes, tick labels, titles and legend around the plot.
    func draw(on grid: inout Grid, area: Rect, theme: Theme, xTitle: String?, yTitle: String?, legend: [LegendEntry]) {
        let style = theme[.axis]
        let unicode = grid.charset == .unicode
        let axisX = plot.x - 1
        grid.drawVerticalLine(x: axisX, y: plot.y, height: plot.height, style: style)
        grid.drawHorizontalLine(x: plot.x, y: plot.maxY, width: plot.width, style: style)
        grid.put(symbol: unicode ? "└" : "+", at: Point(x: axisX, y: plot.maxY), style: style)

        for (value, label) in zip(yTicks, yLabels) {
            guard let row = cell(x: xRange.lowerBound, y: value)?.y else { continue }
            grid.put(symbol: unicode ? "┤" : "+", at: Point(x: axisX, y: plot.y + row), style: style)
            let width = SafeText.displayWidth(label, charset: grid.charset)
            grid.put(text: label, at: Point(x: axisX - width, y: plot.y + row), style: style, maxWidth: axisX - area.x)
        }

        // The tick labels that fit side by side, then the axis title where it
        // fits: at the right end, else just before the last label ("round 4"),
        // else at the right end in place of the labels it covers.
        let labelRow = plot.maxY + 1
        var labels: [(start: Int, end: Int, text: String)] = []
        for (value, label) in zip(xTicks, xLabels) {
            guard let column = cell(x: value, y: yRange.lowerBound)?.x else { continue }
            grid.put(symbol: unicode ? "┬" : "+", at: Point(x: plot.x + column, y: plot.maxY), style: style)
            let width = SafeText.displayWidth(label, charset: grid.charset)
            let start = min(max(plot.x + column - width / 2, area.x), area.maxX - width)
            guard start >= (labels.last.map { $0.end + 1 } ?? area.x) else { continue }
            labels.append((start, start + width, label))
        }
        if let xTitle {
            let shown = SafeText.truncate(xTitle, toWidth: area.width / 2, charset: grid.charset)
            let width = SafeText.displayWidth(shown, charset: grid.charset)
            var titleStart = area.maxX - width
            if let last = labels.last, last.end + 1 > titleStart {
                let before = labels.dropLast().last.map { $0.end + 1 } ?? area.x
                if last.start - 1 - width >= before {
                    titleStart = last.start - 1 - width
                } else {
                    labels.removeAll { $0.end + 1 > titleStart }
                }
            }
            grid.put(text: shown, at: Point(x: titleStart, y: labelRow), style: style)
        }
        for label in labels {
            grid.put(text: label.text, at: Point(x: label.start, y: labelRow), style: style)
        }

        guard plot.y > area.y else { return }
        var used = 0
        if let yTitle {
            used = grid.put(text: SafeText.truncate(yTitle, toWidth: area.width, charset: grid.charset),
                            at: Point(x: area.x, y: area.y), style: style) + 2
        }
        let room = area.maxX - (area.x + used)
        let spans = Self.legendSpans(legend, room: room, charset: grid.charset)
        let width = spans.displayWidth(charset: grid.charset)
        let start = max(area.x + used, area.maxX - width)
        grid.put(spans: spans, at: Point(x: start, y: area.y), theme: theme, maxWidth: area.maxX - start)
    }
}

extension ChartFrame {
    /// The legend's entries that fit `room` cells whole, and `+N` for those
    /// left out, so a legend too long for the line says it is cut rather than
    /// ending inside a name.
    static func legendSpans(_ legend: [LegendEntry], room: Int, charset: Charset) -> [Span] {
        func spans(_ count: Int) -> [Span] {
            legend.prefix(count).enumerated().flatMap { i, entry in
                [Span(i == 0 ? "" : "  "), Span(entry.symbol + " " + entry.name, entry.role)]
            }
        }
        let all = spans(legend.count)
        guard all.displayWidth(charset: charset) > room else { return all }
        for count in stride(from: legend.count - 1, through: 1, by: -1) {
            let cut = spans(count) + [Span("  +\(legend.count - count)", .dim)]
            if cut.displayWidth(charset: charset) <= room { return cut }
        }
        return all
    }
}

/// Point symbols for charts, one per series: by shape where colour may be missing.
enum ChartMarkers {
    static func symbol(_ index: Int, charset: Charset) -> String {
        let symbols = charset == .unicode ? ["●", "■", "▲", "◆", "○", "✕"] : ["*", "+", "o", "x", "#", "@"]
        return symbols[((index % symbols.count) + symbols.count) % symbols.count]
    }
}
