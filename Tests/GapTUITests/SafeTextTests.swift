import Testing
@testable import GapTUI

@Suite struct SafeTextTests {
    @Test func controlsBecomeCaretEscapes() {
        #expect(SafeText.sanitize("a\u{1B}[31mred\u{1B}[0m") == "a^[[31mred^[[0m")
        #expect(SafeText.sanitize("nul\u{0}del\u{7F}bell\u{7}") == "nul^@del^?bell^G")
        #expect(SafeText.sanitize("one\ntwo\r") == "one^Jtwo^M")
    }

    @Test func oscTitleSequenceIsInert() {
        #expect(SafeText.sanitize("\u{1B}]0;pwned\u{07}x") == "^[]0;pwned^Gx")
    }

    @Test func c1AndBidiAndFormatCharactersBecomeCodePoints() {
        #expect(SafeText.sanitize("\u{9B}31m") == "<U+009B>31m")
        #expect(SafeText.sanitize("\u{85}") == "<U+0085>")
        #expect(SafeText.sanitize("abc\u{202E}fed") == "abc<U+202E>fed")
        #expect(SafeText.sanitize("\u{2066}x\u{2069}\u{200F}\u{61C}") == "<U+2066>x<U+2069><U+200F><U+061C>")
        #expect(SafeText.sanitize("zero\u{200B}width\u{FEFF}") == "zero<U+200B>width<U+FEFF>")
        #expect(SafeText.sanitize("\u{2028}") == "<U+2028>")
    }

    @Test func zeroWidthJoinerSequencesShowTheirParts() {
        // Terminals disagree on the width of joined emoji; showing the parts keeps columns exact.
        let family = "\u{1F468}\u{200D}\u{1F469}"
        #expect(SafeText.sanitize(family) == "\u{1F468}<U+200D>\u{1F469}")
        #expect(SafeText.displayWidth(family) == 2 + 8 + 2)
    }

    @Test func presentationSelectorsAreDropped() {
        #expect(SafeText.sanitize("\u{2764}\u{FE0F}") == "\u{2764}")
    }

    @Test func tabsExpandToStops() {
        #expect(SafeText.sanitize("a\tb", tabWidth: 4) == "a   b")
        #expect(SafeText.sanitize("\tx", tabWidth: 4) == "    x")
        #expect(SafeText.sanitize("abcd\tx", tabWidth: 4) == "abcd    x")
    }

    @Test func widths() {
        #expect(SafeText.width(of: "a") == 1)
        #expect(SafeText.width(of: "中") == 2)
        #expect(SafeText.width(of: "\u{1F600}") == 2)
        #expect(SafeText.width(of: "\u{301}") == 0)
        #expect(SafeText.width(of: "\u{FF21}") == 2)      // fullwidth A
        #expect(SafeText.width(of: "\u{AC00}") == 2)      // Hangul syllable
        #expect(SafeText.width(of: "\u{2800}") == 1)      // braille
        #expect(SafeText.width(of: "─") == 1)
        #expect(SafeText.displayWidth("日本語abc") == 9)
        #expect(SafeText.displayWidth("e\u{301}") == 1)
        #expect(SafeText.displayWidth("\u{1B}") == 2)
    }

    @Test func combiningMarks() {
        #expect(SafeText.sanitize("e\u{301}") == "e\u{301}")
        // With nothing to sit on, a mark gets a dotted circle rather than joining an escape.
        #expect(SafeText.sanitize("\u{301}x") == "\u{25CC}\u{301}x")
        #expect(SafeText.sanitize("\u{1B}\u{301}") == "^[\u{25CC}\u{301}")
        let zalgo = "a" + String(repeating: "\u{300}", count: 40)
        #expect(SafeText.sanitize(zalgo).unicodeScalars.count == 5)
    }

    @Test func asciiModeEscapesEverythingElse() {
        #expect(SafeText.sanitize("café 中", charset: .ascii) == "caf<U+00E9> <U+4E2D>")
        #expect(SafeText.sanitize("e\u{301}", charset: .ascii) == "e<U+0301>")
    }

    @Test func sanitizingTwiceChangesNothing() {
        let hostile = "\u{1B}[2J\u{0}\t\u{9B}\u{202E}\u{301}中\u{200D}\u{FE0F}\u{7F}"
        for charset in [Charset.unicode, .ascii] {
            let once = SafeText.sanitize(hostile, charset: charset)
            #expect(SafeText.sanitize(once, charset: charset) == once)
        }
    }

    @Test func linesSplitOnLineFeedAndCRLF() {
        #expect(SafeText.lines("a\r\nb\nc\r\n").map(String.init) == ["a", "b", "c", ""])
        #expect(SafeText.lines("").map(String.init) == [""])
    }

    @Test func wrapsWords() {
        #expect(SafeText.wrap("the quick brown fox jumps", width: 10) == ["the quick", "brown fox", "jumps"])
        #expect(SafeText.wrap("  indented text here", width: 10) == ["  indented", "text here"])
        #expect(SafeText.wrap("a\n\nb", width: 5) == ["a", "", "b"])
        #expect(SafeText.wrap("abcdefghijkl", width: 5) == ["abcde", "fghij", "kl"])
        #expect(SafeText.wrap("abcdefghij", width: 4, mode: .characters) == ["abcd", "efgh", "ij"])
    }

    @Test func wrapNeverSplitsAWideCharacter() {
        let lines = SafeText.wrap("ab中文字", width: 3)
        #expect(lines == ["ab", "中", "文", "字"])
        for line in lines { #expect(SafeText.displayWidth(line) <= 3) }
    }

    @Test func wrapEscapesHostileText() {
        let lines = SafeText.wrap("x\u{1B}[31my \u{202E}z", width: 4)
        #expect(lines == ["x^[[", "31my", "<U+2", "02E>", "z"])
        #expect(lines.allSatisfy { !$0.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E } })
    }

    @Test func truncates() {
        #expect(SafeText.truncate("hello world", toWidth: 8) == "hello w…")
        #expect(SafeText.truncate("hello", toWidth: 5) == "hello")
        #expect(SafeText.truncate("hello world", toWidth: 8, charset: .ascii) == "hello w~")
        #expect(SafeText.truncate("中文中文", toWidth: 4) == "中…")
        #expect(SafeText.truncate("abc", toWidth: 0) == "")
        let long = String(repeating: "x", count: 1_000_000)
        #expect(SafeText.truncate(long, toWidth: 3) == "xx…")
    }
}
