import GapCore

/// One run: its curves over rounds, then a table of the rounds with every figure.
struct RunScreen: Widget {
    let state: ExplorerState
    let path: String

    /// The chart takes a little over half of the body; the table the rest.
    static func split(_ area: Rect) -> (info: Rect, chart: Rect, table: Rect) {
        let (info, rest) = area.splitTop(1)
        let chartHeight = max(6, rest.height * 11 / 20)
        let (chart, table) = rest.splitTop(chartHeight)
        return (info, chart, table)
    }

    func render(in area: Rect, on grid: inout Grid, theme: Theme) {
        guard let entry = state.entries[path] else { return }
        let figures = state.figures(of: path)
        let (info, chartArea, tableArea) = Self.split(area)
        grid.put(spans: Self.infoSpans(entry, charset: grid.charset), at: Point(x: info.x + 1, y: info.y), theme: theme, maxWidth: info.width - 2)

        let chart = LineChart(
            series: RunChartSeries.all.enumerated().compactMap { i, s -> ChartSeries? in
                guard !state.hiddenSeries.contains(i) else { return nil }
                let points = figures.compactMap { f -> ChartPoint? in
                    guard let y = s.value(RoundFiguresView(figures: f)) else { return nil }
                    let ci: Interval? = i == 0 ? f.ci.utility : i == 1 ? f.ci.filteredUtility : i == 2 ? f.ci.gap : nil
                    return ChartPoint(x: Double(f.round), y: y, low: ci?.lower, high: ci?.upper)
                }
                return ChartSeries("\(i + 1) \(s.name)", points: points, role: Role.series(i))
            },
            xTitle: "round", intervals: .whiskers, integerX: true, referenceY: 0)
        var chartBox = chartArea
        if state.chartFocused {
            chartBox = grid.drawBox(chartArea, style: theme[.accent], title: "curves (1-6 toggle)", titleStyle: theme[.accent])
        }
        chart.render(in: chartBox, on: &grid, theme: theme)

        let wide = area.width >= 120
        // The pipeline's own numbers, the latest reported first (a round's final
        // stage logs its summary numbers last); the table keeps those that fit.
        var metricNames: [String] = []
        for f in figures.reversed() {
            for metric in f.reportedMetrics.reversed() where !metricNames.contains(metric.name) {
                metricNames.append(metric.name)
            }
        }
        var columns: [(Table.Column, (RoundFigures) -> TableCell)] = [
            (Table.Column("rnd", width: .fixed(3), alignment: .right), { TableCell(String($0.round)) }),
            (Table.Column("stage", width: .fixed(8)), { TableCell($0.stage ?? "-", role: .dim) }),
            (Table.Column("prompts", width: .fixed(7), alignment: .right), { TableCell(String($0.prompts)) }),
            (Table.Column("J(f)", width: .fixed(5), alignment: .right), { TableCell(Format.fixed($0.utility)) }),
            (Table.Column("J(f[w])", width: .fixed(7), alignment: .right), { TableCell(Format.fixed($0.filteredUtility)) }),
            (Table.Column("gap", width: .fixed(6), alignment: .right), { Format.signedCell($0.gap) }),
            (Table.Column("gap 95% CI", width: .fixed(15), alignment: .right), { TableCell(Format.interval($0.ci.gap, signed: true), role: .ci) }),
            (Table.Column("rel.gap", width: .fixed(7), alignment: .right), { Format.signedCell($0.relativeGap) }),
            (Table.Column("oracle", width: .fixed(6), alignment: .right), { TableCell(Format.fixed($0.oracleUtility)) }),
            (Table.Column("AUROC", width: .fixed(5), alignment: .right), { TableCell(Format.fixed($0.verifier.auroc, 2)) }),
        ]
        if wide {
            columns.insert((Table.Column("J(f) CI", width: .fixed(13), alignment: .right), { TableCell(Format.interval($0.ci.utility), role: .ci) }), at: 4)
            columns += [
                (Table.Column("pass@n", width: .fixed(6), alignment: .right), { TableCell(Format.fixed($0.passAtK?.last?.value)) }),
                (Table.Column("keep", width: .fixed(5), alignment: .right), { TableCell(Format.fixed($0.keepRate, 2)) }),
                (Table.Column("cover", width: .fixed(5), alignment: .right), { TableCell(Format.fixed($0.coverage, 2)) }),
                (Table.Column("prec", width: .fixed(5), alignment: .right), { TableCell(Format.fixed($0.verifier.precision, 2)) }),
                (Table.Column("recall", width: .fixed(6), alignment: .right), { TableCell(Format.fixed($0.verifier.recall, 2)) }),
                (Table.Column("answers", width: .fixed(7), alignment: .right), { TableCell(Format.fixed($0.distinctAnswers, 1)) }),
            ]
        }
        if state.whatIf != nil {
            // The logged rule's gap beside the what-if one; on narrow screens it takes the oracle's place.
            let logged = entry.figures
            let column = (Table.Column("logged", width: .fixed(6), alignment: .right), { (f: RoundFigures) in
                TableCell(Format.signed(logged.first { $0.round == f.round }?.gap), role: .dim)
            })
            if !wide, let oracle = columns.firstIndex(where: { $0.0.title == "oracle" }) { columns.remove(at: oracle) }
            columns.insert(column, at: columns.firstIndex { $0.0.title == "gap" }! + 1)
        }
        for name in metricNames {
            columns.append((Table.Column(name, width: .fixed(max(6, min(10, name.count))), alignment: .right), { f in
                TableCell(Format.metric(f.reportedMetrics.first { $0.name == name }?.value), role: .dim)
            }))
        }
        let table = Table(columns: columns.map(\.0), rowCount: figures.count,
                          selected: state.chartFocused ? nil : state.roundCursor[path] ?? 0) { i in
            columns.map { $0.1(figures[i]) }
        }
        table.render(in: tableArea, on: &grid, theme: theme)
    }

    /// The run's header facts; what went wrong in reading it (bad lines,
    /// import problems, a notice) comes first, so a narrow screen still shows it.
    static func infoSpans(_ entry: RunEntry, charset: Charset) -> [Span] {
        let h = entry.data.header
        var spans: [Span] = []
        func add(_ label: String, _ value: String?, _ role: Role = .text) {
            guard let value else { return }
            if !spans.isEmpty { spans.append(Span(charset.separator, .dim)) }
            if !label.isEmpty { spans.append(Span(label + " ", .dim)) }
            spans.append(Span(value, role))
        }
        if let first = entry.data.badLines.first {
            add("", "\(counted(entry.data.badLines.count, "bad line")) (first: line \(first.line); ! lists them)", .bad)
        }
        if !entry.data.importProblems.isEmpty {
            let hint = entry.data.badLines.isEmpty ? " (! lists them)" : ""
            add("", counted(entry.data.importProblems.count, "import problem") + hint, .warn)
        }
        add("", entry.notice, .warn)
        add("", h?.modelName)
        add("FLOPs", h?.pretrainFlops.map(SummaryText.scientific))
        add("task", h?.taskName)
        add("verify", h?.verificationMethod.map { m in h?.verifierModel.map { "\(m) by \($0)" } ?? m })
        add("filter", h?.loggedRule?.description)
        return spans
    }
}
