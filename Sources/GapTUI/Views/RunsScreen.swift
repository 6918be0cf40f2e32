import GapCore

/// Every run found: what it is, how it went, and its gap over rounds.
struct RunsScreen: Widget {
    let state: ExplorerState

    /// The table's first row on screen, kept by `update` so the list does not jump.
    static func tableArea(_ body: Rect, loading: Bool) -> Rect {
        loading ? body.splitBottom(1).rest : body
    }

    func render(in area: Rect, on grid: inout Grid, theme: Theme) {
        let paths = state.visibleRuns
        let loadingEntry = state.entries.values.first { $0.loading != nil }
        let tableArea = Self.tableArea(area, loading: loadingEntry != nil)
        if paths.isEmpty {
            let text = state.order.isEmpty
                ? (state.readErrors.first ?? "looking for run logs" + grid.charset.ellipsis)
                : "no run matches \"\(state.runsQuery)\" (/ to change, Esc clears)"
            grid.put(text: text, at: Point(x: area.x + 2, y: area.y + 1), style: theme[.dim], maxWidth: area.width - 4)
        } else {
            let columns = Self.columns(width: area.width)
            let sortIndex = columns.firstIndex { $0.column == state.runsSort }
            let charset = grid.charset
            var table = Table(
                columns: columns.map(\.table), rowCount: paths.count, selected: state.runsCursor,
                offset: state.runsOffset,
                sort: sortIndex.map { Table.SortIndicator(column: $0, ascending: state.runsAscending) }
            ) { i in
                guard let entry = state.shownEntry(paths[i]) else { return [] }
                return columns.map { $0.cell(entry, state.marked.contains(paths[i]), charset) }
            }
            // The filter's text, marked in the columns it searches.
            table.highlight = state.runsQuery
            let searched: Set<RunColumn> = [.id, .model, .task, .method, .status]
            table.highlightColumns = Set(columns.indices.filter { columns[$0].column.map(searched.contains) ?? false })
            table.render(in: tableArea, on: &grid, theme: theme)
        }
        if let loadingEntry, let loading = loadingEntry.loading {
            let fraction = loading.total > 0 ? Double(loading.done) / Double(loading.total) : nil
            ProgressBar(label: "reading \(loadingEntry.runID)", fraction: fraction)
                .render(in: area.splitBottom(1).bottom, on: &grid, theme: theme)
        }
    }

    /// The selected run's id when the table, `width` wide, cuts it; nil when it shows whole.
    static func cutID(_ state: ExplorerState, width: Int) -> String? {
        let paths = state.visibleRuns
        guard paths.indices.contains(state.runsCursor), let id = state.entries[paths[state.runsCursor]]?.runID else {
            return nil
        }
        let columns = columns(width: width)
        let table = Table(columns: columns.map(\.table), rowCount: 0) { _ in [] }
        guard let i = columns.firstIndex(where: { $0.column == .id }) else { return nil }
        return SafeText.displayWidth(id) > table.columnWidths(totalWidth: width)[i] ? id : nil
    }

    struct RunsColumn {
        var column: RunColumn?
        var table: Table.Column
        var cell: (RunEntry, Bool, Charset) -> TableCell
    }

    /// The columns that fit: model, task and filter only on wider terminals.
    static func columns(width: Int) -> [RunsColumn] {
        let wide = width >= 120
        var list: [RunsColumn] = [
            RunsColumn(column: nil, table: Table.Column("", width: .fixed(1))) { _, marked, charset in
                TableCell(marked ? charset.bullet : " ", role: .accent)
            },
            RunsColumn(column: .id, table: Table.Column("run", width: .fill(min: 14, weight: 3))) { e, _, _ in
                TableCell(e.runID, role: e.notice != nil ? .warn : nil)
            },
            RunsColumn(column: .flops, table: Table.Column("FLOPs", width: .fixed(7), alignment: .right)) { e, _, _ in
                TableCell(e.data.header?.pretrainFlops.map(SummaryText.scientific) ?? "-", role: .dim)
            },
        ]
        if width >= 100 {
            list.insert(RunsColumn(column: .model, table: Table.Column("model", width: .fill(min: 8, weight: 2))) { e, _, _ in
                TableCell(e.data.header?.modelName ?? "-")
            }, at: 2)
        }
        if wide {
            list.append(RunsColumn(column: .task, table: Table.Column("task", width: .fill(min: 6, weight: 1))) { e, _, _ in
                TableCell(e.data.header?.taskName ?? "-")
            })
        }
        list.append(RunsColumn(column: .method, table: Table.Column("verify", width: .fixed(10))) { e, _, _ in
            TableCell(e.data.header?.verificationMethod ?? "-")
        })
        if wide {
            list.append(RunsColumn(column: .filter, table: Table.Column("filter", width: .fixed(13))) { e, _, _ in
                TableCell(e.data.header?.loggedRule?.description ?? "-", role: .dim)
            })
        }
        list += [
            RunsColumn(column: .rounds, table: Table.Column("rds", width: .fixed(3), alignment: .right)) { e, _, _ in
                TableCell(String(e.figures.count))
            },
            RunsColumn(column: .status, table: Table.Column("status", width: .fixed(9))) { e, _, charset in
                if let percent = e.loadingPercent {
                    return TableCell("read \(percent)%", role: .warn)
                }
                switch e.status {
                case .live: return TableCell("\(charset.bullet) live", role: .live)
                case let .ended(s): return TableCell(s, role: s == "completed" ? .dim : .bad)
                }
            },
            RunsColumn(column: .gap, table: Table.Column("gap", width: .fixed(6), alignment: .right)) { e, _, _ in
                Format.signedCell(e.latest?.gap)
            },
            RunsColumn(column: .relativeGap, table: Table.Column("rel.gap", width: .fixed(7), alignment: .right)) { e, _, _ in
                Format.signedCell(e.latest?.relativeGap)
            },
            RunsColumn(column: nil, table: Table.Column("gap trend", width: .fixed(wide ? 12 : 9))) { e, _, charset in
                TableCell(Format.sparkline(e.gapSeries, charset: charset), role: .accent)
            },
        ]
        return list
    }
}
