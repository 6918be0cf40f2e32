import Testing
@testable import GapTUI

@Suite struct ColorMappingTests {
    @Test func to256UsesTheCubeAndGreyRamp() {
        #expect(ColorMapper.map(.rgb(255, 0, 0), to: .palette256) == .palette(196))
        #expect(ColorMapper.map(.rgb(0x5F, 0xAF, 0xFF), to: .palette256) == .palette(75))
        #expect(ColorMapper.map(.rgb(0x30, 0x30, 0x30), to: .palette256) == .palette(236))
        #expect(ColorMapper.map(.rgb(0x80, 0x80, 0x80), to: .palette256) == .palette(244))
        #expect(ColorMapper.map(.palette(9), to: .palette256) == .palette(9))
        #expect(ColorMapper.map(.default, to: .palette256) == .default)
    }

    @Test func to16And8TakeTheNearestBasicColour() {
        #expect(ColorMapper.map(.rgb(255, 80, 80), to: .ansi16) == .palette(9))
        #expect(ColorMapper.map(.rgb(255, 80, 80), to: .ansi8) == .palette(1))
        #expect(ColorMapper.map(.rgb(0xFF, 0xAF, 0x00), to: .ansi8) == .palette(3))
        #expect(ColorMapper.map(.rgb(0x20, 0x20, 0x20), to: .ansi8) == .palette(0))
        #expect(ColorMapper.map(.palette(12), to: .ansi8) == .palette(4))
        #expect(ColorMapper.map(.palette(196), to: .ansi16) == .palette(9))
        #expect(ColorMapper.map(.rgb(0x26, 0x4F, 0x78), to: .ansi8) == .palette(4))
    }

    @Test func greysMapByLightnessNotToYellow() {
        #expect(ColorMapper.map(.rgb(0x6C, 0x6C, 0x6C), to: .ansi8) == .palette(7))
        #expect(ColorMapper.map(.rgb(0x30, 0x30, 0x30), to: .ansi8) == .palette(0))
        #expect(ColorMapper.map(.rgb(0x6C, 0x6C, 0x6C), to: .ansi16) == .palette(8))
        #expect(ColorMapper.map(.rgb(0xD0, 0xD0, 0xD0), to: .ansi16) == .palette(7))
        #expect(ColorMapper.map(.rgb(0xFF, 0xFF, 0xFF), to: .ansi16) == .palette(15))
        #expect(ColorMapper.map(.palette(244), to: .ansi8) == .palette(7))
    }

    @Test func noneDropsColours() {
        #expect(ColorMapper.map(.rgb(1, 2, 3), to: .none) == .default)
        #expect(ColorMapper.terminalNumber(for: .palette(3), depth: .none) == -1)
    }

    @Test func terminalNumbers() {
        #expect(ColorMapper.terminalNumber(for: .default, depth: .palette256) == -1)
        #expect(ColorMapper.terminalNumber(for: .rgb(255, 0, 0), depth: .palette256) == 196)
        #expect(ColorMapper.terminalNumber(for: .rgb(0x12, 0x34, 0x56), depth: .trueColor) == 0x123456)
        #expect(ColorMapper.terminalNumber(for: .rgb(0, 0, 0), depth: .trueColor) == 8)
        #expect(ColorMapper.terminalNumber(for: .palette(3), depth: .trueColor) == 3)
        #expect(ColorMapper.terminalNumber(for: .palette(15), depth: .trueColor) == 0xFFFFFF)
    }

    @Test func depthDetection() {
        #expect(ColorDepth.detect(environment: [:], hasColors: true, terminalColors: 256) == .palette256)
        #expect(ColorDepth.detect(environment: ["COLORTERM": "truecolor"], hasColors: true, terminalColors: 256) == .palette256)
        #expect(ColorDepth.detect(environment: ["COLORTERM": "truecolor"], hasColors: true, terminalColors: 1 << 24) == .trueColor)
        #expect(ColorDepth.detect(environment: [:], hasColors: true, terminalColors: 8) == .ansi8)
        #expect(ColorDepth.detect(environment: [:], hasColors: true, terminalColors: 16) == .ansi16)
        #expect(ColorDepth.detect(environment: [:], hasColors: false, terminalColors: 0) == .none)
        #expect(ColorDepth.detect(environment: ["NO_COLOR": "1"], hasColors: true, terminalColors: 256) == .none)
        #expect(ColorDepth.detect(environment: ["NO_COLOR": ""], hasColors: true, terminalColors: 256) == .palette256)
    }

    @Test func themesAdaptToTheTerminal() {
        let none = Theme.default.adapted(to: .none)
        #expect(none.isMonochrome)
        #expect(none[.selection] == Style(attributes: .reverse))
        #expect(none[.accent] == Style(attributes: .bold))
        #expect(Role.allCases.allSatisfy { none[$0].foreground == .default && none[$0].background == .default })

        let eight = Theme.default.adapted(to: .ansi8)
        for role in Role.allCases {
            for color in [eight[role].foreground, eight[role].background] {
                if case .palette(let n) = color { #expect(n < 8) } else { #expect(color == .default) }
            }
        }
        // The status bar's dark grey would vanish on a dark terminal; reverse video shows it.
        #expect(eight[.status].background == .default && eight[.status].attributes.contains(.reverse))

        let full = Theme.default.adapted(to: .palette256)
        #expect(full[.selection].background == .palette(24))
        #expect(Theme.default.adapted(to: .trueColor) == Theme.default)
    }
}
