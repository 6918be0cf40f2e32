import Foundation
import Testing
@testable import GapTUI

@Suite struct ThemeTests {
    @Test func parsesRolesColoursAndAttributes() throws {
        let text = """
        # comment
        text = #d0d0d0
        selection = #fff on #264f78 bold   # trailing comment
        status = "on blue"
        key = bright-yellow underline
        axis = 244
        """
        let (theme, warnings) = try ThemeParser.parse(text, name: "t", file: "t.theme")
        #expect(warnings.isEmpty)
        #expect(theme[.text] == Style(foreground: .rgb(0xD0, 0xD0, 0xD0)))
        #expect(theme[.selection] == Style(foreground: .rgb(255, 255, 255), background: .rgb(0x26, 0x4F, 0x78), attributes: .bold))
        #expect(theme[.status] == Style(background: .palette(4)))
        #expect(theme[.key] == Style(foreground: .palette(11), attributes: .underline))
        #expect(theme[.axis] == Style(foreground: .palette(244)))
        // Roles left out come from the base (the default theme).
        #expect(theme[.series3] == Theme.default[.series3])
    }

    @Test func unknownKeysAreIgnoredWithAWarning() throws {
        let (theme, warnings) = try ThemeParser.parse("text = red\nmain_fg = blue\n", name: "t", file: "t.theme")
        #expect(theme[.text].foreground == .palette(1))
        #expect(warnings.map(\.description) == ["t.theme:2: unknown key 'main_fg' ignored"])
    }

    @Test func badColourNamesItsLine() {
        let text = "text = red\n\ndim = #12345g\n"
        #expect(throws: ThemeError(file: "bad.theme", line: 3, message:
            "dim: unknown colour or attribute '#12345g' (use #rrggbb, a colour name such as bright-red, 0-255, default, or bold/dim/italic/underline/reverse)")) {
            try ThemeParser.parse(text, name: "bad", file: "bad.theme")
        }
        #expect(throws: ThemeError.self) { try ThemeParser.parse("text red", name: "x", file: "x") }
        #expect(throws: ThemeError.self) { try ThemeParser.parse("text = red on", name: "x", file: "x") }
        #expect(throws: ThemeError.self) { try ThemeParser.parse("text = red blue", name: "x", file: "x") }
        #expect(throws: ThemeError.self) { try ThemeParser.parse("text =", name: "x", file: "x") }
    }

    @Test func colourNames() {
        #expect(Color(parsing: "default") == .default)
        #expect(Color(parsing: "Bright-Red") == .palette(9))
        #expect(Color(parsing: "brightred") == .palette(9))
        #expect(Color(parsing: "bright_cyan") == .palette(14))
        #expect(Color(parsing: "grey") == .palette(8))
        #expect(Color(parsing: "#abc") == .rgb(0xAA, 0xBB, 0xCC))
        #expect(Color(parsing: "colour200") == .palette(200))
        #expect(Color(parsing: "256") == nil)
        #expect(Color(parsing: "#ggg") == nil)
        #expect(Color(parsing: "purple") == nil)
    }

    @Test func builtinThemesAreCompleteAndMatchTheirFiles() throws {
        let themesDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("themes")
        for (name, text) in BuiltinThemes.sources {
            let file = try String(contentsOf: themesDir.appendingPathComponent(name + ".theme"), encoding: .utf8)
            #expect(file.trimmingCharacters(in: .whitespacesAndNewlines) == text.trimmingCharacters(in: .whitespacesAndNewlines),
                    "themes/\(name).theme and BuiltinThemes differ")
            let parsed = try ThemeParser.parse(text, name: name, file: name, base: Theme(name: "empty", styles: [:]))
            #expect(parsed.warnings.isEmpty)
            let missing = Role.allCases.filter { role in !text.contains("\n\(role.rawValue) ") }
            #expect(missing.isEmpty, "\(name) leaves out \(missing)")
        }
        #expect(Theme.default[.selection].background != .default)
    }

    @Test func loaderFallsBackOnABadFileAndPrefersUserThemes() throws {
        let dir = TestDirectory.root.appendingPathComponent("gapscope-theme-test-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "text = red\ndim = nope\n".write(to: dir.appendingPathComponent("broken.theme"), atomically: true, encoding: .utf8)
        try "accent = magenta\n".write(to: dir.appendingPathComponent("light.theme"), atomically: true, encoding: .utf8)
        let loader = ThemeLoader(directories: [dir])

        let broken = loader.load(named: "broken")
        #expect(broken.usedFallback && broken.theme == .default)
        #expect(broken.problems == [dir.appendingPathComponent("broken.theme").path
            + ":2: dim: unknown colour or attribute 'nope' (use #rrggbb, a colour name such as bright-red, 0-255, default, or bold/dim/italic/underline/reverse)"])

        let light = loader.load(named: "light")
        #expect(!light.usedFallback && light.theme[.accent].foreground == .palette(5))

        let missing = loader.load(named: "nosuch")
        #expect(missing.usedFallback && missing.problems.first?.hasPrefix("no theme named 'nosuch'") == true)

        #expect(loader.load(named: "mono").theme == Theme.mono)
        #expect(loader.availableNames() == ["default", "broken", "high-contrast", "light", "mono"])
        let all = loader.loadAll()
        #expect(all.themes.map(\.name) == ["default", "high-contrast", "light", "mono"])
        #expect(all.problems.count == 1)
    }

    @Test func userDirectoryFollowsXDG() {
        #expect(ThemeLoader.userDirectory(environment: ["XDG_CONFIG_HOME": "/x/cfg", "HOME": "/home/u"]).path
            == "/x/cfg/gapscope/themes")
        #expect(ThemeLoader.userDirectory(environment: ["HOME": "/home/u"]).path == "/home/u/.config/gapscope/themes")
    }

    @Test func builtinDirectoryIsFoundFromABuildDirectory() {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let exe = root.appendingPathComponent(".build/x86_64-unknown-linux-gnu/debug/gapscope")
        #expect(ThemeLoader.builtinDirectory(executable: exe, currentDirectory: URL(fileURLWithPath: "/"))?.standardizedFileURL
            == root.appendingPathComponent("themes").standardizedFileURL)
    }
}
