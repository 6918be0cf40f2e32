/// A box in the middle of the screen listing every key, by section, over whatever is below.
/// Scrolls when the list is taller than the screen.
public struct HelpOverlay: Widget {
    public struct Entry: Hashable, Sendable {
        /// How the key is written: `j / ↓`, `Ctrl-d`, `Enter`.
        public var keys: String
        public var action: String

        public init(_ keys: String, _ action: String) {
            self.keys = keys
            self.action = action
        }
    }

    public struct Section: Hashable, Sendable {
        public var title: String
        public var entries: [Entry]

        public init(_ title: String, _ entries: [Entry]) {
            self.title = title
            self.entries = entries
        }
    }

    public var title: String
    public var sections: [Section]
    /// The first line shown; clamped when drawing.
    public var offset: Int
    /// Shown in the bottom border.
    public var footer: String?

    public init(title: String = "Keys", sections: [Section], offset: Int = 0, footer: String? = "? or Esc closes") {
        self.title = title
        self.sections = sections
        self.offset = offset
        self.footer = footer
    }

    enum Line: Hashable {
        case heading(String)
        case entry(Entry)
        case blank
    }

    var lines: [Line] {
        sections.enumerated().flatMap { index, section in
            (index > 0 ? [Line.blank] : []) + [.heading(section.title)] + section.entries.map(Line.entry)
        }
    }

    /// Lines of content, for clamping the scroll offset in `update`.
    public var lineCount: Int { lines.count }

    public func render(in area: Rect, on grid: inout Grid, theme: Theme) {
        let lines = self.lines
        let charset = grid.charset
        let keyWidth = min(24, sections.flatMap(\.entries).map { SafeText.displayWidth($0.keys, charset: charset) }.max() ?? 0)
        let contentWidth = lines.map { line -> Int in
            switch line {
            case .heading(let text): return SafeText.displayWidth(text, charset: charset)
            case .entry(let entry): return keyWidth + 2 + SafeText.displayWidth(entry.action, charset: charset)
            case .blank: return 0
            }
        }.max() ?? 0
        let titleWidth = SafeText.displayWidth(title, charset: charset) + 4
        let footerWidth = footer.map { SafeText.displayWidth($0, charset: charset) + 4 } ?? 0
        let box = area.centered(width: max(contentWidth + 4, titleWidth, footerWidth), height: lines.count + 2)
        guard box.width >= 6, box.height >= 3 else { return }

        grid.fill(box, style: theme[.text])
        let inner = grid.drawBox(box, style: theme[.border], border: .rounded, title: title, titleStyle: theme[.title])
        if let footer {
            let shown = " " + SafeText.truncate(footer, toWidth: box.width - 4, charset: charset) + " "
            let width = SafeText.displayWidth(shown, charset: charset)
            grid.put(text: shown, at: Point(x: box.maxX - 1 - width, y: box.maxY - 1), style: theme[.dim])
        }
        let text = inner.inset(left: 1, right: 1)
        let first = min(max(0, offset), max(0, lines.count - inner.height))
        for row in 0..<inner.height where first + row < lines.count {
            let y = inner.y + row
            switch lines[first + row] {
            case .heading(let heading):
                grid.put(text: heading, at: Point(x: text.x, y: y), style: theme[.header], maxWidth: text.width)
            case .entry(let entry):
                let keys = SafeText.truncate(entry.keys, toWidth: min(keyWidth, text.width), charset: charset)
                grid.put(text: keys, at: Point(x: text.x, y: y), style: theme[.key], maxWidth: text.width)
                let x = text.x + keyWidth + 2
                grid.put(text: SafeText.truncate(entry.action, toWidth: text.maxX - x, charset: charset),
                         at: Point(x: x, y: y), style: theme[.text], maxWidth: text.maxX - x)
            case .blank:
                break
            }
        }
        Scrollbar(total: lines.count, visible: inner.height, offset: first)
            .render(in: inner, on: &grid, theme: theme)
    }
}
