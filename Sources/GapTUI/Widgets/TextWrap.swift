extension SafeText {
    /// Where `wrap` may break a line.
    public enum WrapMode: Hashable, Sendable {
        /// Between words; a word longer than the width is broken where it must be.
        case words
        /// Anywhere (for code, hashes and other text without meaningful spaces).
        case characters
    }

    /// Sanitized lines of at most `width` cells each: the text's own line breaks are kept,
    /// long lines are wrapped, and a wide character is never split across lines.
    /// A paragraph's leading indentation is kept; spaces at a wrap point are dropped.
    public static func wrap(_ text: some StringProtocol, width: Int, charset: Charset = .unicode,
                            tabWidth: Int = defaultTabWidth, mode: WrapMode = .words) -> [String] {
        let width = max(1, width)
        var out: [String] = []
        for source in lines(text) {
            var line = "", lineWidth = 0
            var word: [Glyph] = [], wordWidth = 0
            var continued = false

            func breakLine() {
                while line.hasSuffix(" ") { line.removeLast() }
                out.append(line)
                line = ""
                lineWidth = 0
                continued = true
            }
            func append(_ g: Glyph) {
                // A glyph wider than the whole width (2 in 1) gets a line of its own; the grid clips it.
                if lineWidth + g.width > width, lineWidth > 0 { breakLine() }
                line += g.text
                lineWidth += g.width
            }
            func flushWord() {
                guard !word.isEmpty else { return }
                if lineWidth + wordWidth > width, lineWidth > 0 { breakLine() }
                word.forEach(append)
                word.removeAll(keepingCapacity: true)
                wordWidth = 0
            }

            forEachGlyph(in: source, charset: charset, tabWidth: tabWidth) { g in
                if mode == .characters {
                    append(g)
                } else if g.text == " " {
                    flushWord()
                    if lineWidth + 1 > width {
                        breakLine()
                    } else if lineWidth > 0 || !continued {
                        line += " "
                        lineWidth += 1
                    }
                } else {
                    word.append(g)
                    wordWidth += g.width
                }
                return true
            }
            flushWord()
            out.append(line)
        }
        return out
    }

    /// The sanitized text cut to at most `width` cells, ending in `…` (`~` in ASCII) when
    /// something was cut. Reads only as much of the text as it needs.
    public static func truncate(_ text: some StringProtocol, toWidth width: Int, charset: Charset = .unicode,
                                tabWidth: Int = defaultTabWidth) -> String {
        guard width > 0 else { return "" }
        var kept: [Glyph] = [], keptWidth = 0
        var cut = false
        forEachGlyph(in: text, charset: charset, tabWidth: tabWidth) { g in
            if keptWidth + g.width > width {
                cut = true
                return false
            }
            kept.append(g)
            keptWidth += g.width
            return true
        }
        if cut {
            // The ellipsis takes one cell; drop glyphs (perhaps a wide one) until it fits.
            while keptWidth + 1 > width, let last = kept.popLast() { keptWidth -= last.width }
        }
        return kept.map(\.text).joined() + (cut ? charset.ellipsis : "")
    }
}
