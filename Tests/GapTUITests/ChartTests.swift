import Testing
@testable import GapTUI

@Suite struct NiceTicksTests {
    @Test func stepsAreOneTwoFive() {
        #expect(NiceTicks.step(lo: 0, hi: 1, maxCount: 6) == 0.2)
        #expect(NiceTicks.step(lo: 0, hi: 97, maxCount: 5) == 20)
        #expect(NiceTicks.step(lo: 0, hi: 10, maxCount: 3) == 5)
        #expect(NiceTicks.step(lo: -0.013, hi: 0.042, maxCount: 6) == 0.01)
        #expect(NiceTicks.step(lo: 21.3, hi: 24.7, maxCount: 4) == 1)
        #expect(NiceTicks.step(lo: 1, hi: 1, maxCount: 4) == 1)
    }

    @Test func ticksAreExactMultiples() {
        #expect(NiceTicks.ticks(lo: 0, hi: 1, maxCount: 6) == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
        #expect(NiceTicks.ticks(lo: -0.3, hi: 0.3, step: 0.1).count == 7)
        #expect(NiceTicks.ticks(lo: -1, hi: 1, step: 1) == [-1, 0, 1])
        #expect(NiceTicks.ticks(lo: .nan, hi: 1, step: 1) == [])
    }

    @Test func rangesWidenToTicks() {
        #expect(NiceTicks.niceRange(lo: 0.13, hi: 0.87, maxCount: 6) == 0...1)
        #expect(NiceTicks.niceRange(lo: 0, hi: 0, maxCount: 5) == -1...1)
        #expect(NiceTicks.niceRange(lo: 5, hi: 5, maxCount: 5) == 4.5...5.5)
    }

    @Test func labelsShareDecimalsAndUseSuffixes() {
        #expect(NiceTicks.labels(for: [0, 0.25, 0.5], step: 0.25) == ["0.00", "0.25", "0.50"])
        #expect(NiceTicks.labels(for: [-0.1, 0, 0.1], step: 0.1) == ["-0.1", "0.0", "0.1"])
        #expect(NiceTicks.labels(for: [0, 5, 10], step: 5) == ["0", "5", "10"])
        #expect(NiceTicks.labels(for: [0, 500_000, 1_000_000, 1_500_000], step: 500_000) == ["0.0M", "0.5M", "1.0M", "1.5M"])
        #expect(NiceTicks.labels(for: [0, 20_000, 40_000], step: 20_000) == ["0k", "20k", "40k"])
    }
}

@Suite struct LineChartTests {
    let diagonal = LineChart(series: [ChartSeries("gap", points: (0...4).map { ChartPoint(x: Double($0), y: Double($0)) })],
                             integerX: true)
    let withIntervals = LineChart(series: [ChartSeries("gap", points: [
        ChartPoint(x: 1, y: 0.2, low: 0.1, high: 0.3),
        ChartPoint(x: 2, y: 0.4, low: 0.3, high: 0.5),
        ChartPoint(x: 3, y: 0.3, low: 0.2, high: 0.4),
    ])], yTitle: "gap", integerX: true)

    @Test func brailleLineWithAxesAndLegend() {
        #expect(render(diagonal, width: 20, height: 8).lines() == [
            "               ━ gap",
            "4┤              ⢀⡠⠔⠊",
            " │           ⣀⠤⠊⠁",
            "2┤       ⢀⡠⠔⠊",
            " │   ⢀⡠⠔⠊⠁",
            "0┤⡠⠔⠊⠁",
            " └┬────────┬───────┬",
            "  0        2       4",
        ])
    }

    /// The x title goes at the right end when it fits there, else just
    /// before the last label, else over the labels it covers.
    @Test func theXTitleLeavesTheLastLabelWhereItCan() {
        func labelRow(_ title: String, width: Int) -> String {
            var chart = diagonal
            chart.xTitle = title
            return render(chart, width: width, height: 8).lines().last ?? ""
        }
        #expect(labelRow("", width: 20) == "  0        2       4")
        #expect(labelRow("r", width: 20) == "  0        2     r 4")
        #expect(labelRow("round", width: 20) == "  0        2 round 4")
        #expect(labelRow("round", width: 30) == "  0             2      round 4")
        // No room before the last label: the title (cut to half the width) covers labels.
        #expect(labelRow("rounds of it", width: 20) == "  0       rounds of…")
    }

    @Test func asciiLineUsesMarkersAndDots() {
        #expect(render(diagonal, width: 20, height: 8, charset: .ascii).lines() == [
            "               * gap",
            "4+               ..*",
            " |           ..*.",
            "2+       ..*.",
            " |  ..*..",
            "0+*.",
            " ++--------+-------+",
            "  0        2       4",
        ])
    }

    @Test func whiskers() {
        #expect(render(withIntervals, width: 24, height: 9).lines() == [
            "gap                ━ gap",
            "0.6┤",
            "   │         ⠈⡏",
            "0.4┤     ⣀⡠⠤⠒⠊⡏⠑⠒⠒⠤⠤⣀⣀⡀⢹",
            "0.2┤⣏⠤⠔⠒⠉    ⠈⠉       ⠈⣹",
            "   │⣇",
            "0.0┤",
            "   └┬─────────┬────────┬",
            "    1         2        3",
        ])
        #expect(render(withIntervals, width: 24, height: 9, charset: .ascii).lines() == [
            "gap                * gap",
            "0.6+",
            "   |          |",
            "0.4+     .....*....    |",
            "0.2+*....     |    ....*",
            "   ||",
            "0.0+",
            "   ++---------+--------+",
            "    1         2        3",
        ])
    }

    @Test func bandsShadeBehindTheLine() {
        var band = withIntervals
        band.intervals = .band
        let grid = render(band, width: 24, height: 9)
        #expect(grid.lines()[2...4] == [
            "   │     ⢀⢀⢄⢔⢕⢕⢕⢔⢔⢄⢄⢄⢀⢀",
            "0.4┤⢀⢀⢄⢔⢕⣀⡠⠤⠒⠊⠉⠑⠒⠒⠤⠤⣀⣀⡀⢕",
            "0.2┤⣀⠤⠔⠒⠉⢕⠕⠕⠁⠁⠁⠁⠑⠑⠑⠕⠕⢕⠈⠉",
        ])
        // Where the line passes, the cell takes the series colour; band-only cells the CI colour.
        #expect(grid[9, 3].style == Theme.default[.series1])
        #expect(grid[10, 2].style == Theme.default[.ci])
        #expect(render(band, width: 24, height: 9, charset: .ascii).lines()[2...4] == [
            "   |      ::::::::::::",
            "0.4+ ::::.....*....:::::",
            "0.2+*....::::::::::....*",
        ])
    }

    @Test func seriesTakeTheirThemeRoles() {
        let two = LineChart(series: [
            ChartSeries("a", points: [ChartPoint(x: 0, y: 0), ChartPoint(x: 1, y: 0)]),
            ChartSeries("b", points: [ChartPoint(x: 0, y: 1), ChartPoint(x: 1, y: 1)]),
        ])
        let grid = render(two, width: 20, height: 8)
        let styles = Set(grid.cells.filter { ($0.symbol.unicodeScalars.first?.value ?? 0) & 0xFF00 == 0x2800 }.map(\.style))
        #expect(styles == [Theme.default[.series1], Theme.default[.series2]])
    }

    @Test func monochromeThemesMarkPoints() {
        let grid = render(diagonal, width: 20, height: 8, theme: Theme.default.adapted(to: .none))
        #expect(grid.lines()[0] == "               ● gap")
        #expect(grid.text.filter { $0 == "●" }.count == 6)
    }

    @Test func survivesHostileNumbersAndTinyAreas() {
        let wild = LineChart(series: [ChartSeries("\u{1B}[31mx", points: [
            ChartPoint(x: 0, y: .nan), ChartPoint(x: 1, y: 1e300), ChartPoint(x: 2, y: -1e300),
            ChartPoint(x: .infinity, y: 0), ChartPoint(x: 3, y: 0, low: -.infinity, high: 1e308),
        ])], yRange: 0...1, intervals: .band)
        for (w, h) in [(0, 0), (1, 1), (5, 3), (9, 4), (40, 12)] {
            let grid = render(wild, width: w, height: h)
            #expect(unsafeScalars(in: grid).isEmpty)
        }
        #expect(render(LineChart(series: []), width: 30, height: 8).text.contains("no data"))
    }
}

@Suite struct ScatterPlotTests {
    @Test func pointsAndFittedLines() {
        let plot = ScatterPlot(groups: [
            ScatterGroup("a", points: [ChartPoint(x: 20, y: 0), ChartPoint(x: 24, y: 0.4)], fit: LinearFit(slope: 0.1, intercept: -2)),
            ScatterGroup("b", points: [ChartPoint(x: 22, y: 0.2)]),
        ], xTitle: "FLOPs")
        #expect(render(plot, width: 26, height: 8).lines() == [
            "                  ● a  ■ b",
            "0.4┤                  ⣀⠤⠒●",
            "   │             ⢀⡠⠔⠊⠉",
            "0.2┤        ⢀⣀⠤■⠉⠁",
            "   │    ⣀⡠⠔⠊⠁",
            "0.0┤●⠤⠒⠉",
            "   └┬──────────┬─────────┬",
            "   20         22  FLOPs 24",
        ])
        #expect(render(plot, width: 26, height: 8, charset: .ascii).lines()[1...5] == [
            "0.4+                   ..*",
            "   |              .....",
            "0.2+        ...+..",
            "   |   .....",
            "0.0+*..",
        ])
    }
}

@Suite struct SparklineTests {
    let values: [Double?] = [0.1, 0.2, nil, 0.5, -0.1, 0.3, 0.3, 0.9]

    @Test func blocksAndGaps() {
        #expect(render(Sparkline(values: values), width: 10, height: 1).lines() == ["▂▃ ▅▁▄▄█"])
        #expect(render(Sparkline(values: values), width: 10, height: 1, charset: .ascii).lines() == [".. -_--^"])
    }

    @Test func keepsTheNewestValues() {
        #expect(render(Sparkline(values: [0, 1, 2, 3, 4, 5, 6, 7], range: 0...7), width: 4, height: 1).lines() == ["▅▆▇█"])
        #expect(render(Sparkline(values: [2, 2, 2]), width: 4, height: 1).lines() == ["▅▅▅"])
    }

    @Test func negativeValuesTakeTheirRole() {
        let grid = render(Sparkline(values: [-1, 1], role: .good, negativeRole: .bad), width: 2, height: 1)
        #expect(grid[0, 0].style == Theme.default[.bad] && grid[1, 0].style == Theme.default[.good])
    }
}
