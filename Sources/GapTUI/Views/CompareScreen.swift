import GapCore

/// Several runs side by side: their gap curves, and relative gap against
/// log10 pre-training FLOPs with a fitted line per model family.
struct CompareScreen: Widget {
    let state: ExplorerState
    let paths: [String]

    func render(in area: Rect, on grid: inout Grid, theme: Theme) {
        let (curvesArea, scalingArea) = area.splitTop(area.height / 2)
        let ids = paths.map { state.entries[$0]?.runID ?? $0 }
        let names = Self.distinctParts(ids)
        let series = paths.enumerated().map { i, path in
            ChartSeries(names.parts[i],
                        points: state.figures(of: path).compactMap { f in
                            f.gap.map { ChartPoint(x: Double(f.round), y: $0, low: f.ci.gap?.lower, high: f.ci.gap?.upper) }
                        }, role: Role.series(i))
        }
        // The words every id shares, left out of the legend, are said in the title.
        let shared = names.parts == ids ? "" : " of " + names.prefix + grid.charset.ellipsis + names.suffix
        let box = grid.drawBox(curvesArea, style: theme[.border], title: "gap by round" + shared, titleStyle: theme[.header])
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

    /// The names without the words all of them share at the start and at the
    /// end (`llama-2-7b` and `qwen1.5-7b` of `...-gsm8k-cot-score-s101`), so a
    /// legend of many runs says what tells them apart. Words end at `-`, `_`,
    /// `/` or a space; names that would lose everything are kept whole.
    static func distinctParts(_ names: [String]) -> (parts: [String], prefix: String, suffix: String) {
        guard names.count > 1 else { return (names, "", "") }
        let chars = names.map(Array.init)
        let separators: Set<Character> = ["-", "_", "/", " "]
        let shortest = chars.map(\.count).min() ?? 0
        // The shared start, up to and with its last separator.
        var prefix = 0
        while prefix < shortest, chars.allSatisfy({ $0[prefix] == chars[0][prefix] }) { prefix += 1 }
        while prefix > 0, !separators.contains(chars[0][prefix - 1]) { prefix -= 1 }
        // The shared end, from its first separator, not reaching into the start.
        var suffix = 0
        while suffix < shortest - prefix,
              chars.allSatisfy({ $0[$0.count - 1 - suffix] == chars[0][chars[0].count - 1 - suffix] }) { suffix += 1 }
        while suffix > 0, !separators.contains(chars[0][chars[0].count - suffix]) { suffix -= 1 }
        let parts = chars.map { String($0[prefix..<($0.count - suffix)]) }
        if parts.contains(where: \.isEmpty) { return (names, "", "") }
        return (parts, String(chars[0][..<prefix]), String(chars[0][(chars[0].count - suffix)...]))
    }
}
