/// Makes untrusted text (model responses, prompts, rationales, file names) safe to draw.
///
/// Nothing that could steer the terminal may reach it: C0 and C1 controls, DEL, escape
/// sequences, bidi overrides and other invisible format characters are shown as visible
/// escapes instead (`^[`, `^@`, `^?`, `<U+0085>`, `<U+202E>`), so the reader also sees
/// that they were there. Widths follow what ncurses and the terminal will do, scalar by
/// scalar, so columns line up: CJK and emoji take two cells, combining marks none.
///
/// | input                                  | shown as                        |
/// |----------------------------------------|---------------------------------|
/// | U+0000-U+001F (not tab)                | caret form `^@` ... `^_`         |
/// | U+007F DEL                             | `^?`                            |
/// | U+0080-U+009F (C1, incl. CSI U+009B)   | `<U+009B>`                      |
/// | format (Cf: bidi, ZWJ, ZWSP, BOM...), line/paragraph separators, unassigned, noncharacters | `<U+XXXX>` |
/// | tab                                    | spaces to the next tab stop     |
/// | U+FE0E/U+FE0F presentation selectors   | dropped (they change a glyph's width in some terminals only) |
/// | combining mark with nothing to sit on  | on a dotted circle `◌`          |
/// | more than 4 marks on one base          | the rest dropped (ncurses holds 5 scalars a cell) |
/// | in ASCII mode, any non-ASCII scalar    | `<U+XXXX>`                      |
///
/// Emoji sequences joined by ZWJ are shown as their parts with a visible `<U+200D>`:
/// terminals disagree about their width, and a grid must know it.
public enum SafeText {
    /// Tab stops every this many columns unless a caller says otherwise.
    public static let defaultTabWidth = 4

    /// One drawable unit: a printable base scalar with its combining marks, or one character of
    /// an escape. Width is 1 or 2 cells.
    public struct Glyph: Hashable, Sendable {
        public var text: String
        public var width: Int
        /// False for escape characters and tab spaces, which a following mark must not join.
        var acceptsMarks: Bool
    }

    /// Base scalar plus at most this many scalars in all; ncurses' CCHARW_MAX is 5.
    static let maxScalarsPerGlyph = 5

    /// The cells a terminal gives one printable scalar: 0 for combining marks and format
    /// characters, 2 for East Asian wide/fullwidth and emoji presentation, else 1.
    /// Controls also count 0 here; `displayWidth(_:charset:tabWidth:)` counts their escapes.
    public static func width(of scalar: Unicode.Scalar) -> Int {
        switch classify(scalar, charset: .unicode) {
        case .printable(let w): return w
        case .mark, .drop, .tab, .escape: return 0
        }
    }

    /// Whether a scalar reorders or isolates text direction (U+202A-202E, U+2066-2069,
    /// U+200E/200F, U+061C). Such scalars are always escaped.
    public static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        default: return false
        }
    }

    /// The text as it will be drawn: one line, escapes in place of anything unsafe.
    /// Sanitizing twice changes nothing. Newlines become `^J`; use `lines(_:)` or
    /// `wrap(_:width:charset:tabWidth:mode:)` to keep them as line breaks.
    public static func sanitize(_ text: some StringProtocol, charset: Charset = .unicode,
                                tabWidth: Int = defaultTabWidth) -> String {
        var out = ""
        forEachGlyph(in: text, charset: charset, tabWidth: tabWidth) { out += $0.text; return true }
        return out
    }

    /// Cells the sanitized text takes on one line.
    public static func displayWidth(_ text: some StringProtocol, charset: Charset = .unicode,
                                    tabWidth: Int = defaultTabWidth) -> Int {
        var total = 0
        forEachGlyph(in: text, charset: charset, tabWidth: tabWidth) { total += $0.width; return true }
        return total
    }

    /// Splits text at line feeds (a CR before the LF goes too) without sanitizing.
    /// Works on scalars: Swift treats "\r\n" as one Character, so `split(separator: "\n")` would miss it.
    public static func lines(_ text: some StringProtocol) -> [Substring] {
        let s = Substring(text)
        return s.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            // Both ends sit next to an LF or CR byte, so they are scalar boundaries.
            let end = line.last == 0x0D ? line.index(before: line.endIndex) : line.endIndex
            return s[line.startIndex..<end]
        }
    }

    /// Calls `body` with each glyph in drawing order until it returns false. Reads no further than
    /// needed, so clipping a megabyte-long line to a table cell costs only the cell's width.
    /// `startColumn` places tab stops for text that does not begin at column 0.
    static func forEachGlyph(in text: some StringProtocol, charset: Charset, tabWidth: Int,
                             startColumn: Int = 0, _ body: (Glyph) -> Bool) {
        var pending: Glyph?
        var pendingScalars = 0
        var column = startColumn
        let tabStop = max(1, tabWidth)

        // Emits the glyph being built; false once the caller has had enough.
        func flush() -> Bool {
            guard let glyph = pending else { return true }
            pending = nil
            column += glyph.width
            return body(glyph)
        }
        func emitAll(_ s: String) -> Bool {
            for ch in s {
                column += 1
                if !body(Glyph(text: String(ch), width: 1, acceptsMarks: false)) { return false }
            }
            return true
        }

        for scalar in text.unicodeScalars {
            switch classify(scalar, charset: charset) {
            case .drop:
                continue
            case .mark:
                if var glyph = pending, glyph.acceptsMarks {
                    if pendingScalars < maxScalarsPerGlyph {
                        glyph.text.unicodeScalars.append(scalar)
                        pending = glyph
                        pendingScalars += 1
                    }
                    continue
                }
                guard flush() else { return }
                pending = Glyph(text: "\u{25CC}" + String(scalar), width: 1, acceptsMarks: true)
                pendingScalars = 2
            case .printable(let w):
                guard flush() else { return }
                pending = Glyph(text: String(scalar), width: w, acceptsMarks: true)
                pendingScalars = 1
            case .tab:
                guard flush() else { return }
                let spaces = tabStop - ((column % tabStop) + tabStop) % tabStop
                guard emitAll(String(repeating: " ", count: spaces)) else { return }
            case .escape(let shown):
                guard flush(), emitAll(shown) else { return }
            }
        }
        _ = flush()
    }

    enum ScalarClass: Equatable {
        case printable(Int)
        case mark
        case tab
        case drop
        case escape(String)
    }

    static func classify(_ scalar: Unicode.Scalar, charset: Charset) -> ScalarClass {
        let v = scalar.value
        switch v {
        case 0x09: return .tab
        case 0x00..<0x20: return .escape("^" + String(Unicode.Scalar(UInt8(v + 0x40))))
        case 0x20..<0x7F: return .printable(1)
        case 0x7F: return .escape("^?")
        case 0xFE0E, 0xFE0F: return .drop
        case 0x80..<0xA0: return .escape(hexEscape(v))
        default: break
        }
        if charset == .ascii { return .escape(hexEscape(v)) }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .format, .control, .lineSeparator, .paragraphSeparator, .unassigned, .surrogate:
            return .escape(hexEscape(v))
        case .nonspacingMark, .enclosingMark:
            return .mark
        default:
            break
        }
        if properties.isNoncharacterCodePoint { return .escape(hexEscape(v)) }
        // Hangul medial vowels and final consonants: letters to Unicode, but zero width to
        // wcwidth, because they compose with the leading consonant.
        if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return .mark }
        return .printable(properties.isEmojiPresentation || isEastAsianWide(v) ? 2 : 1)
    }

    static func hexEscape(_ v: UInt32) -> String {
        let hex = String(v, radix: 16, uppercase: true)
        return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
    }

    static func isEastAsianWide(_ v: UInt32) -> Bool {
        guard v >= 0x1100 else { return false }
        var lo = 0, hi = eastAsianWideRanges.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let range = eastAsianWideRanges[mid]
            if v < range.lowerBound { hi = mid - 1 } else if v > range.upperBound { lo = mid + 1 } else { return true }
        }
        return false
    }
}
