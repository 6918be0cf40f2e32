import ArgumentParser
import Foundation
import GapCore
import GapTUI

struct ExploreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Open the interactive explorer (the default command).",
        discussion: """
            With no PATH, opens the bundled sample runs. Press ? for every key.
            Examples:
              gapscope
              gapscope explore runs/ --theme light
              TERM=vt100 LANG=C gapscope explore runs/   (ASCII, no colours)
            """)

    @Option(name: .long, help: "Colour theme: default, light, high-contrast, mono, or one of yours in $XDG_CONFIG_HOME/gapscope/themes.")
    var theme: String?

    @Flag(name: .long, help: "Draw with ASCII only (no braille or box drawing).")
    var ascii = false

    @Flag(name: .long, help: "Do not take over the mouse (keeps the terminal's own text selection).")
    var noMouse = false

    @OptionGroup var importOptions: ImportOptionGroup

    @Argument(help: "Run logs or directories of run logs (default: the bundled sample-runs).")
    var paths: [String] = []

    func run() throws {
        let targets = paths.isEmpty ? [try Self.bundledSampleRuns()] : paths
        do {
            try ExplorerApp.run(ExplorerApp.Options(paths: targets, themeName: theme, forceASCII: ascii, mouse: !noMouse,
                                                    importOptions: importOptions.options))
        } catch let error as TerminalError {
            throw ValidationError("\(error) (use `gapscope summary` outside a terminal)")
        }
    }

    /// `sample-runs/` in the current directory, or in the package the executable was built in.
    static func bundledSampleRuns() throws -> String {
        let fm = FileManager.default
        if fm.fileExists(atPath: "sample-runs") { return "sample-runs" }
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            var dir = executable.deletingLastPathComponent()
            for _ in 0..<6 {
                let candidate = dir.appendingPathComponent("sample-runs")
                if fm.fileExists(atPath: candidate.path) { return candidate.path }
                dir = dir.deletingLastPathComponent()
            }
        }
        throw ValidationError("no PATH given and no sample-runs/ found; name a run log or a directory")
    }
}
