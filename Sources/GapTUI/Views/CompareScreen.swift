import GapCore

/// Several runs side by side: their gap curves, and relative gap against
/// log10 pre-training FLOPs with a fitted line per model family.
struct CompareScreen: Widget {
    let state: ExplorerState
    let paths: [String]

    func render(in area: Rect, on grid: inout Grid, theme: Theme) {
        let (curvesArea, scalingArea) = area.splitTop(area.height / 2)
        let series = paths.enumerated().map { i, path in
            ChartSeries(state.entries[path]?.runID ?? path,
                        points: state.figures(of: path).compactMap { f in
                            f.gap.map { ChartPoint(x: Double(f.round), y: $0, low: f.ci.gap?.lower, high: f.ci.gap?.upper) }
                        }, role: Role.series(i))
        }
        let box = grid.drawBox(curvesArea, style: theme[.border], title: "gap by round", titleStyle: theme[.header])
        LineChart(series: series, xTitle: "round", intervals: .none, integerX: true, referenceY: 0)
            .render(in: box, on: &grid, theme: theme)

        let fits = ScalingFit.fits(paths.compactMap { path in
            state.entries[path].map { (header: $0.data.header, round0: state.figures(of: path).first { $0.round == 0 }) }
        })
        let scaling = grid.drawBox(scalingArea, style: theme[.border],
                                   title: "relative gap (round 0) vs log10 pre-training FLOPs", titleStyle: theme[.header])
        if fits.isEmpty {
            grid.put(text: "no run has a model family, pre-training FLOPs and a round-0 relative gap",
                     at: Point(x: scaling.x + 1, y: scaling.y + 1), style: theme[.dim], maxWidth: scaling.width - 2)
            return
        }
        let groups = fits.enumerated().map { i, fit in
            var name = fit.family
            if let slope = fit.slope { name += " slope \(Format.signed(slope, 3))" }
            if let r2 = fit.r2 { name += " R^2=\(Format.fixed(r2, 2))" }
            return ScatterGroup(name, points: fit.points.map { ChartPoint(x: $0.log10Flops, y: $0.relativeGap) },
                                fit: fit.slope.map { LinearFit(slope: $0, intercept: fit.intercept ?? 0) }, role: Role.series(i))
        }
        ScatterPlot(groups: groups, xTitle: "log10 FLOPs", referenceY: 0).render(in: scaling, on: &grid, theme: theme)
    }
}
