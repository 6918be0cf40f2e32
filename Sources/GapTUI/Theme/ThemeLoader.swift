import Foundation

/// What loading a theme gave: always a usable theme, plus anything the user should be told
/// (a bad file, a missing theme, unknown keys), each message naming the file and line.
public struct ThemeLoadResult: Sendable {
    public var theme: Theme
    public var problems: [String]
    /// True when the requested theme could not be used and the default stands in for it
    /// (say so next to `problems`).
    public var usedFallback: Bool
}

/// Finds and loads themes. Later sources override earlier ones by name:
/// 1. themes embedded in the binary (`default`, `light`, `high-contrast`, `mono`),
/// 2. the built-in `themes/` directory, when one is found (beside the executable, in
///    `../share/gapscope/themes`, in the package that built it, or in the current directory),
/// 3. the user's `$XDG_CONFIG_HOME/gapscope/themes/` (default `~/.config/gapscope/themes/`).
public struct ThemeLoader: Sendable {
    /// Directories searched for `<name>.theme`, lowest precedence first.
    public var directories: [URL]

    public init(directories: [URL]) {
        self.directories = directories
    }

    /// The built-in directory (if found) and the user's directory, from the real environment.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment,
                                executable: URL? = Bundle.main.executableURL,
                                currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        -> ThemeLoader {
        let builtin = builtinDirectory(executable: executable, currentDirectory: currentDirectory)
        return ThemeLoader(directories: (builtin.map { [$0] } ?? []) + [userDirectory(environment: environment)])
    }

    /// `$XDG_CONFIG_HOME/gapscope/themes`, or `~/.config/gapscope/themes`.
    public static func userDirectory(environment: [String: String]) -> URL {
        let config: URL
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            config = URL(fileURLWithPath: xdg, isDirectory: true)
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            config = URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".config", isDirectory: true)
        }
        return config.appendingPathComponent("gapscope/themes", isDirectory: true)
    }

    /// The first `themes/` directory holding `default.theme`: beside the executable, in an
    /// install prefix's `share/gapscope/themes`, in an ancestor of the executable (a package
    /// built with `swift build` keeps it in `.build/<triple>/debug`), or in the current directory.
    public static func builtinDirectory(executable: URL?, currentDirectory: URL) -> URL? {
        var candidates: [URL] = []
        if let executable {
            let dir = executable.resolvingSymlinksInPath().deletingLastPathComponent()
            candidates.append(dir.appendingPathComponent("themes"))
            candidates.append(dir.deletingLastPathComponent().appendingPathComponent("share/gapscope/themes"))
            var ancestor = dir
            for _ in 0..<6 {
                ancestor = ancestor.deletingLastPathComponent()
                candidates.append(ancestor.appendingPathComponent("themes"))
            }
        }
        candidates.append(currentDirectory.appendingPathComponent("themes"))
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("default.theme").path) }
    }

    /// Every theme name on offer, `default` first, then alphabetical.
    public func availableNames() -> [String] {
        var names = Set(BuiltinThemes.sources.map(\.name))
        for dir in directories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            for file in files where file.hasSuffix(".theme") && file.count > 6 {
                names.insert(String(file.dropLast(6)))
            }
        }
        return names.sorted { ($0 == "default" ? 0 : 1, $0) < ($1 == "default" ? 0 : 1, $1) }
    }

    /// Loads a theme by name, never failing: a missing or broken theme gives the default theme
    /// and a message saying why (`~/.config/gapscope/themes/x.theme:3: unknown colour 'blu'`).
    public func load(named name: String) -> ThemeLoadResult {
        let fallback = { (problems: [String]) -> ThemeLoadResult in
            ThemeLoadResult(theme: .default, problems: problems, usedFallback: true)
        }
        guard let file = directories.reversed().map({ $0.appendingPathComponent(name + ".theme") })
            .first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            if let builtin = BuiltinThemes.theme(named: name) {
                return ThemeLoadResult(theme: builtin, problems: [], usedFallback: false)
            }
            return fallback(["no theme named '\(name)' (available: \(availableNames().joined(separator: ", ")))"])
        }
        guard let data = FileManager.default.contents(atPath: file.path),
              let text = String(data: data, encoding: .utf8) else {
            return fallback([ThemeError(file: file.path, line: 0, message: "cannot read the file as UTF-8 text").description])
        }
        do {
            let parsed = try ThemeParser.parse(text, name: name, file: file.path)
            return ThemeLoadResult(theme: parsed.theme, problems: parsed.warnings.map(\.description), usedFallback: false)
        } catch {
            return fallback([error.description])
        }
    }

    /// Every available theme, in `availableNames()` order, for cycling with a key; broken ones
    /// are left out and their problems reported.
    public func loadAll() -> (themes: [Theme], problems: [String]) {
        var themes: [Theme] = [], problems: [String] = []
        for name in availableNames() {
            let result = load(named: name)
            problems += result.problems
            if !result.usedFallback { themes.append(result.theme) }
        }
        return (themes.isEmpty ? [.default] : themes, problems)
    }
}
