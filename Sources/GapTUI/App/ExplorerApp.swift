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
                            maxIdleRounds: Int? = nil, trace: FrameTrace? = FrameTrace.fromEnvironment()) {
        var dirty = true
        var idle = 0
        var cause = "start"
        var since = DispatchTime.now()
        while !state.shouldQuit {
            if dirty {
                var grid = terminal.makeGrid()
                ExplorerView.render(state, on: &grid)
                terminal.draw(grid)
                dirty = false
                trace?.frame(cause: cause, since: since, state: state)
            }
            if let event = terminal.readEvent(timeoutMilliseconds: pollMilliseconds) {
                since = DispatchTime.now()
                cause = FrameTrace.describe(event)
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
                    if !dirty {
                        since = DispatchTime.now()
                        cause = "feed"
                    }
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

/// Frame timings for the explorer benchmark: with `GAPSCOPE_TRACE=FILE`, each
/// frame appends one line: the wall-clock time in milliseconds, what caused
/// the frame, how long from that event to the frame being handed to the
/// terminal, and how many samples the loaded runs hold.
public final class FrameTrace {
    private let handle: FileHandle

    public init?(path: String) {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else { return nil }
        self.handle = handle
    }

    public static func fromEnvironment() -> FrameTrace? {
        ProcessInfo.processInfo.environment["GAPSCOPE_TRACE"].flatMap(FrameTrace.init(path:))
    }

    static func describe(_ event: Event) -> String {
        switch event {
        case let .key(key): return "key:\(key.description.replacingOccurrences(of: " ", with: "_"))"
        case .mouse: return "mouse"
        case .resize: return "resize"
        }
    }

    func frame(cause: String, since: DispatchTime, state: ExplorerState) {
        let now = DispatchTime.now()
        let wallClock = Date().timeIntervalSince1970 * 1000
        let latency = Double(now.uptimeNanoseconds - since.uptimeNanoseconds) / 1e6
        let samples = state.entries.values.reduce(0) { $0 + $1.data.samples.count }
        let loading = state.entries.values.contains { $0.loading != nil }
        let line = String(format: "%.1f %@ %.3f samples=%d loading=%d\n", wallClock, cause, latency, samples, loading ? 1 : 0)
        handle.write(Data(line.utf8))
    }
}
