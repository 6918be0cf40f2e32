/// One table cell: untrusted text and, optionally, the role to show it in (a "bad" figure).
public struct TableCell: Hashable, Sendable, ExpressibleByStringLiteral {
    public var text: String
    /// nil draws in the table's `.text` role (or the selection).
    public var role: Role?

    public init(_ text: String, role: Role? = nil) {
        self.text = text
        self.role = role
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }
}

/// A scrolling table with a header, a selected row and a sort indicator.
///
/// Rows come from a closure, so a table over millions of samples only builds the rows on
/// screen. Text wider than its column is cut with `…` (`~` in ASCII); wide characters count
/// two cells, so columns stay aligned whatever the text.
public struct Table: Widget {
    public enum Alignment: Hashable, Sendable { case left, right, center }

    /// How wide a column is.
    public enum ColumnWidth: Hashable, Sendable {
        /// Exactly this many cells while space lasts.
        case fixed(Int)
        /// At least `min` cells, plus a share of what is left in proportion to `weight`.
        case fill(min: Int, weight: Int)

        /// `fill(min: 1, weight: 1)`.
        public static var fill: ColumnWidth { .fill(min: 1, weight: 1) }
    }

    public struct Column: Hashable, Sendable {
        public var title: String
        public var width: ColumnWidth
        public var alignment: Alignment

        public init(_ title: String, width: ColumnWidth = .fill, alignment: Alignment = .left) {
            self.title = title
            self.width = width
            self.alignment = alignment
        }
    }

    /// The column the rows are sorted by, shown as `▲`/`▼` (`^`/`v` in ASCII) after its title.
    public struct SortIndicator: Hashable, Sendable {
        public var column: Int
        public var ascending: Bool

        public init(column: Int, ascending: Bool) {
            self.column = column
            self.ascending = ascending
        }
    }

    public var columns: [Column]
    public var rowCount: Int
    /// The cells of row `index`, one per column (missing cells are blank).
    public var row: (Int) -> [TableCell]
    /// The highlighted row, if any.
    public var selected: Int?
    /// The first row drawn; adjusted when drawing so that the selection is on screen.
    public var offset: Int
    public var sort: SortIndicator?
    public var showHeader = true
    /// Blank cells between columns.
    public var columnSpacing = 1
    /// Text marked in the `.match` role wherever it appears, ignoring case, in
    /// the cells of `highlightColumns`: a search's matches, as less and vim show them.
    public var highlight = ""
    public var highlightColumns: Set<Int> = []

    public init(columns: [Column], rowCount: Int, selected: Int? = nil, offset: Int = 0,
                sort: SortIndicator? = nil, row: @escaping (Int) -> [TableCell]) {
        self.columns = columns
        self.rowCount = max(0, rowCount)
        self.row = row
        self.selected = selected
        self.offset = offset
        self.sort = sort
    }

    public init(columns: [Column], rows: [[TableCell]], selected: Int? = nil, offset: Int = 0,
                sort: SortIndicator? = nil) {
        self.init(columns: columns, rowCount: rows.count, selected: selected, offset: offset, sort: sort) { rows[$0] }
    }

    /// Rows that fit in `area` below the header.
    public func visibleRowCount(in area: Rect) -> Int {
        max(0, area.height - (showHeader ? 1 : 0))
    }

    /// The first row to draw: `offset` moved just enough to show `selected`, and never past
    /// the point where the last row reaches the bottom. Screens keep their offset with this in
    /// `update`, so the view does not jump as the selection moves.
    public static func scrollOffset(selected: Int?, offset: Int, rowCount: Int, visibleRows: Int) -> Int {
        guard visibleRows > 0 else { return 0 }
        var first = min(max(0, offset), max(0, rowCount - visibleRows))
        if let selected, selected >= 0, selected < rowCount {
            if selected < first { first = selected }
            if selected >= first + visibleRows { first = selected - visibleRows + 1 }
        }
        return first
    }

    /// The row drawn at `point` (for mouse clicks), or nil on the header or below the rows.
    public func rowIndex(at point: Point, in area: Rect) -> Int? {
        guard area.contains(point) else { return nil }
        let visible = visibleRowCount(in: area)
        let line = point.y - area.y - (showHeader ? 1 : 0)
        let index = Self.scrollOffset(selected: selected, offset: offset, rowCount: rowCount, visibleRows: visible) + line
        return line >= 0 && index < rowCount ? index : nil
    }

    /// The column at `point` (for clicking a header to sort), or nil between columns.
    public func columnIndex(at point: Point, in area: Rect) -> Int? {
        guard area.contains(point) else { return nil }
        var x = area.x
        for (index, width) in columnWidths(totalWidth: area.width).enumerated() where width > 0 {
            if point.x >= x && point.x < x + width { return index }
            x += width + columnSpacing
        }
        return nil
    }

    /// Each column's width in cells for a table `totalWidth` wide. Fixed and minimum widths are
    /// served left to right; columns that no longer fit get 0 and are not drawn.
    public func columnWidths(totalWidth: Int) -> [Int] {
        var remaining = totalWidth
        var widths = columns.map { column -> Int in
            let wanted: Int
            switch column.width {
            case .fixed(let n): wanted = max(0, n)
            case .fill(let minimum, _): wanted = max(0, minimum)
            }
            let needed = wanted + (remaining < totalWidth ? columnSpacing : 0)
            guard wanted > 0, needed <= remaining else { return 0 }
            remaining -= needed
            return wanted
        }
        let weights = columns.enumerated().map { i, column -> Int in
            if case .fill(_, let weight) = column.width, widths[i] > 0 { max(0, weight) } else { 0 }
        }
        let totalWeight = weights.reduce(0, +)
        guard totalWeight > 0, remaining > 0 else { return widths }
        var leftover = remaining
        for i in widths.indices where weights[i] > 0 {
            let share = remaining * weights[i] / totalWeight
            widths[i] += share
            leftover -= share
        }
        for i in widths.indices.reversed() where weights[i] > 0 && leftover > 0 {
            widths[i] += leftover
            leftover = 0
        }
        return widths
    }

    public func render(in area: Rect, on grid: inout Grid, theme: Theme) {
        guard !area.isEmpty else { return }
        let widths = columnWidths(totalWidth: area.width)
        var body = area
        if showHeader {
            let header: Rect
            (header, body) = area.splitTop(1)
            drawHeader(in: header, widths: widths, on: &grid, theme: theme)
        }
        let visible = body.height
        let first = Self.scrollOffset(selected: selected, offset: offset, rowCount: rowCount, visibleRows: visible)
        for line in 0..<visible {
            let index = first + line
            guard index < rowCount else { break }
            let rowRect = body.row(line)
            let isSelected = index == selected
            let base = isSelected ? theme[.selection] : theme[.text]
            grid.fill(rowRect, style: base)
            let cells = row(index)
            forEachColumn(widths, in: rowRect) { column, rect in
                guard column < cells.count else { return }
                let cell = cells[column]
                var style = cell.role.map { theme[$0] } ?? base
                if isSelected, cell.role != nil {
                    // Keep the cell's colour (a red "bad") on the selection's background.
                    style = Style(foreground: style.foreground == .default ? base.foreground : style.foreground,
                                  background: base.background, attributes: style.attributes.union(base.attributes))
                }
                let at = put(cell.text, alignment: columns[column].alignment, in: rect, style: style, on: &grid)
                if !highlight.isEmpty, highlightColumns.contains(column) {
                    mark(highlight, in: at.shown, from: at.x, within: rect, style: theme[.match], on: &grid)
                }
            }
        }
    }

    /// Redraws each match of `needle` in the drawn text `shown` (which starts at `x`) in `style`.
    /// `shown` comes from `SafeText.truncate`, so it is sanitized already.
    func mark(_ needle: String, in shown: String, from x: Int, within rect: Rect, style: Style, on grid: inout Grid) {
        let glyphs = Array(shown)
        for match in Self.matches(of: needle, in: glyphs) {
            let left = x + SafeText.displayWidth(String(glyphs[..<match.lowerBound]), charset: grid.charset)
            guard left < rect.maxX else { break }
            grid.put(text: String(glyphs[match]), at: Point(x: left, y: rect.y), style: style, maxWidth: rect.maxX - left)
        }
    }

    /// Where `needle` (lowercase) appears in `text`, ignoring case, as ranges of
    /// characters that do not overlap, first to last.
    static func matches(of needle: String, in text: [Character]) -> [Range<Int>] {
        let needle = needle.lowercased()
        guard !needle.isEmpty else { return [] }
        let lowered = text.map { $0.lowercased() }
        var found: [Range<Int>] = []
        var start = 0
        while start < text.count {
            var joined = "", end = start
            while end < text.count, joined.count < needle.count {
                joined += lowered[end]
                end += 1
            }
            if joined.hasPrefix(needle) {
                found.append(start..<end)
                start = end
            } else {
                start += 1
            }
        }
        return found
    }

    func drawHeader(in rect: Rect, widths: [Int], on grid: inout Grid, theme: Theme) {
        let style = theme[.header]
        grid.fill(rect, style: style)
        forEachColumn(widths, in: rect) { column, cellRect in
            var title = columns[column].title
            if let sort, sort.column == column {
                let arrow = grid.charset == .unicode ? (sort.ascending ? "▲" : "▼") : (sort.ascending ? "^" : "v")
                // A space before the arrow where it fits; the title is cut only when it must be.
                let width = SafeText.displayWidth(title, charset: grid.charset)
                title = width + 2 <= cellRect.width ? title + " " + arrow
                    : SafeText.truncate(title, toWidth: cellRect.width - 1, charset: grid.charset) + arrow
            }
            put(title, alignment: columns[column].alignment, in: cellRect, style: style, on: &grid)
        }
    }

    func forEachColumn(_ widths: [Int], in rect: Rect, _ body: (Int, Rect) -> Void) {
        var x = rect.x
        for (column, width) in widths.enumerated() where width > 0 {
            let cellRect = Rect(x: x, y: rect.y, width: min(width, rect.maxX - x), height: 1)
            if !cellRect.isEmpty { body(column, cellRect) }
            x += width + columnSpacing
        }
    }

    /// Draws `text` cut to the cell; returns what was drawn and where it starts.
    @discardableResult
    func put(_ text: String, alignment: Alignment, in rect: Rect, style: Style,
             on grid: inout Grid) -> (shown: String, x: Int) {
        let shown = SafeText.truncate(text, toWidth: rect.width, charset: grid.charset)
        let slack = rect.width - SafeText.displayWidth(shown, charset: grid.charset)
        let indent = alignment == .right ? slack : alignment == .center ? slack / 2 : 0
        grid.put(text: shown, at: Point(x: rect.x + indent, y: rect.y), style: style, maxWidth: rect.width - indent)
        return (shown, rect.x + indent)
    }
}
