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

    /// A first word that names no file but reads like a command (`sumary`,
    /// `valdate`) is a typo, not a run log the explorer should report missing.
    func validate() throws {
        guard let first = paths.first, !first.contains("/"),
              !FileManager.default.fileExists(atPath: first) else { return }
        let commands = Gapscope.configuration.subcommands.compactMap { $0.configuration.commandName }
        if let command = Self.closest(to: first, among: commands) {
            throw ValidationError("'\(SummaryText.terminalSafe(first))' is neither a command nor a file; did you mean 'gapscope \(command)'?")
        }
    }

    /// The command `word` is at most two edits from (one for words of four
    /// letters or fewer), or that it begins; nil when none is.
    static func closest(to word: String, among commands: [String]) -> String? {
        let typed = Array(word.lowercased())
        guard !typed.isEmpty else { return nil }
        var best: (command: String, distance: Int)?
        for command in commands {
            let name = Array(command)
            if typed.count >= 3, name.starts(with: typed) { return command }
            let distance = editDistance(typed, name)
            let allowed = name.count <= 4 ? 1 : 2
            if distance <= allowed, distance < (best?.distance ?? .max) { best = (command, distance) }
        }
        return best?.command
    }

    /// Levenshtein distance, a swap of two neighbours counting as one edit.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d = min(d, before[j - 2] + 1) }
                current[j] = d
            }
            (before, previous) = (previous, current)
        }
        return previous[b.count]
    }

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
