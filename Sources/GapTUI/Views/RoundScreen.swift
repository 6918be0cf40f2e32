import GapCore

/// Every sample of a round: its answer, correctness, the verifier's score and
/// verdict, and the filter decision; the verifier's confusion matrix above.
struct RoundScreen: Widget {
    let state: ExplorerState

    /// Rows between the top of the body and the table's header (info line and confusion box).
    static let headerRows = 6

    static func tableArea(_ body: Rect) -> Rect {
        body.splitTop(headerRows).rest
    }

    func render(in area: Rect, on grid: inout Grid, theme: Theme) {
        guard let view = state.roundView, let entry = state.entries[view.path] else { return }
        let data = entry.data
        let figures = state.figures(of: view.path).first { $0.round == view.round }
        let (info, rest) = area.splitTop(1)
        let sep = grid.charset.separator
        var spans = [Span("round \(view.round)", .header)]
        if let stage = figures?.stage { spans.append(Span(sep + stage, .dim)) }
        spans.append(Span(sep + counted(view.samples.rows.count, "sample"), .dim))
        spans.append(Span(sep + "showing ", .dim))
        spans.append(Span("\(view.filter.title) (\(view.visible.count))", .accent))
        spans.append(Span(sep + view.order.title, .dim))
        if !view.search.isEmpty { spans.append(Span(sep + "/" + view.search, .match)) }
        grid.put(spans: spans, at: Point(x: info.x + 1, y: info.y), theme: theme, maxWidth: info.width - 2)

        let (top, tableArea) = rest.splitTop(Self.headerRows - 1)
        let (boxArea, summaryArea) = top.splitLeft(min(28, top.width / 2))
        ConfusionMatrix(trueAccepts: view.samples.truePositives, falseAccepts: view.samples.falsePositives,
                        falseRejects: view.samples.falseNegatives, trueRejects: view.samples.trueNegatives,
                        title: "verifier accepts")
            .render(in: boxArea, on: &grid, theme: theme)
        if let f = figures {
            let lines: [[Span]] = [
                [Span("J(f) ", .dim), Span(Format.fixed(f.utility)), Span(" \(Format.interval(f.ci.utility))", .ci),
                 Span("  J(f[w]) ", .dim), Span(Format.fixed(f.filteredUtility))],
                [Span("gap ", .dim), Span(Format.signed(f.gap), (f.gap ?? 0) >= 0 ? .good : .bad),
                 Span(" \(Format.interval(f.ci.gap, signed: true))", .ci),
                 Span("  rel.gap ", .dim), Span(Format.signed(f.relativeGap))],
                [Span("precision ", .dim), Span(Format.fixed(f.verifier.precision, 2)), Span("  recall ", .dim),
                 Span(Format.fixed(f.verifier.recall, 2)), Span("  AUROC ", .dim), Span(Format.fixed(f.verifier.auroc, 2))],
                [Span("kept ", .dim), Span("\(f.kept)/\(f.samples)"), Span("  unparsed ", .dim),
                 Span(String(view.samples.unparsed), .warn), Span("  unknown utility ", .dim),
                 Span(String(f.unknownUtility))],
            ]
            for (i, line) in lines.enumerated() where i < summaryArea.height - 1 {
                grid.put(spans: line, at: Point(x: summaryArea.x + 1, y: summaryArea.y + 1 + i), theme: theme,
                         maxWidth: summaryArea.width - 2)
            }
        }

        let unicode = grid.charset == .unicode
        let realUtility = data.header?.realUtility ?? false
        let columns = [
            Table.Column("prompt", width: .fill(min: 10, weight: 2)),
            Table.Column("#", width: .fixed(3), alignment: .right),
            Table.Column("answer", width: .fill(min: 8, weight: 2)),
            // A real-valued utility is shown as the number, not as right or wrong.
            realUtility ? Table.Column("u", width: .fixed(4), alignment: .right) : Table.Column("ok", width: .fixed(2)),
            Table.Column("score", width: .fixed(6), alignment: .right),
            Table.Column("verdict", width: .fixed(8)),
            Table.Column("filter", width: .fixed(7)),
        ]
        let rows = view.samples.rows
        var table = Table(columns: columns, rowCount: view.visible.count, selected: view.cursor, offset: view.offset,
                          sort: view.order == .log ? nil : Table.SortIndicator(column: 4, ascending: view.order == .scoreAscending)) { i in
            let r = rows[view.visible[i]]
            let s = r.sample
            var ok: TableCell
            switch r.correct {
            case true?: ok = TableCell(unicode ? "✓" : "y", role: .good)
            case false?: ok = TableCell(unicode ? "✗" : "n", role: .bad)
            case nil: ok = TableCell("?", role: .dim)
            }
            if realUtility {
                ok = TableCell(s.utility.map { Format.fixed($0, 2) } ?? "?", role: s.utility == nil ? .dim : nil)
            }
            let verdict: TableCell
            switch s.verdict {
            case .accept: verdict = TableCell("accept", role: r.correct == false ? .bad : .good)
            case .reject: verdict = TableCell("reject", role: r.correct == true ? .warn : .dim)
            case .other: verdict = TableCell("other", role: .dim)
            case .none: verdict = TableCell(r.unparsed ? "unparsed" : "-", role: r.unparsed ? .warn : .dim)
            }
            return [
                TableCell(data.promptIDs[Int(r.prompt)]),
                TableCell(String(s.index), role: .dim),
                TableCell(s.answer >= 0 ? data.answers[Int(s.answer)] : "-"),
                ok,
                TableCell(s.score.map { Format.fixed($0) } ?? (s.verified ? "null" : "-"), role: s.score == nil ? .warn : nil),
                verdict,
                TableCell(s.kept ? "kept" : "dropped", role: s.kept ? .kept : .dropped),
            ]
        }
        // The search's text, marked in the columns it searches (prompt and answer).
        table.highlight = view.search
        table.highlightColumns = [0, 2]
        table.render(in: tableArea, on: &grid, theme: theme)
    }
}
