import Foundation
import GapCore

/// The explorer's main loop: read an event, update the state, draw a frame.
///
/// Runs on one thread (the terminal's). Logs are read by a `RunFeed` on its
/// own thread; the loop picks up its snapshots between keys, so typing never
/// waits on I/O, and a frame is drawn only when something changed.
public struct ExplorerApp {
    public struct Options: Sendable {
        public var paths: [String]
        public var themeName: String?
        public var forceASCII: Bool
        public var mouse: Bool
        public var importOptions: ImportOptions

        public init(paths: [String], themeName: String? = nil, forceASCII: Bool = false, mouse: Bool = true,
                    importOptions: ImportOptions = .init()) {
            self.paths = paths
            self.themeName = themeName
            self.forceASCII = forceASCII
            self.mouse = mouse
            self.importOptions = importOptions
        }
    }

    /// How long the loop waits for a key before it looks at the feed again.
    static let pollMilliseconds = 50

    /// Takes over the terminal, runs until the user quits, and gives the terminal back.
    public static func run(_ options: Options) throws {
        let terminal = try NcursesTerminal(options: NcursesTerminal.Options(forceASCII: options.forceASCII, mouse: options.mouse))
        defer { terminal.shutdown() }
        let feed = RunFeed(paths: options.paths, importOptions: options.importOptions)
        feed.start()
        defer { feed.stop() }
        var state = initialState(for: terminal, themeName: options.themeName)
        loop(terminal: terminal, feed: feed, state: &state)
    }

    /// The state before the first event: the window's size, what the terminal can show, and
    /// the themes, the chosen one first, each adapted to the terminal's colours.
    public static func initialState(for terminal: TerminalBackend, themeName: String?,
                                    loader: ThemeLoader = .standard()) -> ExplorerState {
        let depth = terminal.capabilities.colorDepth
        var (themes, problems) = loader.loadAll()
        let wanted = themeName ?? Theme.preferredName(for: depth)
        if let i = themes.firstIndex(where: { $0.name == wanted }) {
            themes.insert(themes.remove(at: i), at: 0)
        } else if themeName != nil {
            let result = loader.load(named: wanted)
            problems += result.problems
            if !result.usedFallback { themes.insert(result.theme, at: 0) }
        }
        var state = ExplorerState(width: terminal.size.width, height: terminal.size.height,
                                  charset: terminal.capabilities.charset,
                                  themes: themes.map { $0.adapted(to: depth) })
        if let problem = problems.first {
            state.message = "theme: \(problem)" + (problems.count > 1 ? " (+\(problems.count - 1) more)" : "")
        }
        return state
    }

    /// Runs until the state says quit. Separate from `run` so tests can drive it headless.
    public static func loop(terminal: TerminalBackend, feed: RunFeed?, state: inout ExplorerState,
                            maxIdleRounds: Int? = nil) {
        var dirty = true
        var idle = 0
        while !state.shouldQuit {
            if dirty {
                var grid = terminal.makeGrid()
                ExplorerView.render(state, on: &grid)
                terminal.draw(grid)
                dirty = false
            }
            if let event = terminal.readEvent(timeoutMilliseconds: pollMilliseconds) {
                idle = 0
                switch event {
                case let .key(key):
                    if key == .ctrl("l") {
                        terminal.forceRedraw()
                    } else {
                        apply(state.update(.key(key)), feed: feed)
                    }
                case let .mouse(mouse):
                    state.update(.mouse(mouse))
                case let .resize(size):
                    state.update(.resize(width: size.width, height: size.height))
                }
                dirty = true
            } else {
                idle += 1
                if let maxIdleRounds, idle >= maxIdleRounds { return }
            }
            if !state.paused, let feed {
                let messages = feed.drain()
                if !messages.isEmpty {
                    state.update(.feed(messages))
                    dirty = true
                }
            }
        }
    }

    private static func apply(_ effects: [ExplorerEffect], feed: RunFeed?) {
        for effect in effects {
            switch effect {
            case let .setPaused(paused): feed?.setPaused(paused)
            }
        }
    }
}
