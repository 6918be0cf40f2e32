import Foundation

/// A real terminal for end-to-end tests: a private tmux server (its own socket) with one
/// session of a fixed size, driven with `send-keys` and read with `capture-pane`.
///
/// Each instance starts its own server, so tests can run side by side; `kill()` (call it
/// in a `defer`) stops the server and everything running in it.
final class Tmux {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The tmux executable on PATH, if any.
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/tmux"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    static var isAvailable: Bool { executable != nil }

    /// What the program in the pane sees: nothing of the test runner's environment but these.
    enum Terminal {
        case utf8 // xterm-256color, C.UTF-8
        case vt100 // vt100, LANG=C: ASCII, no colours
        case xterm8 // xterm (8 colours), C.UTF-8

        var environment: [String: String] {
            switch self {
            case .utf8: return ["TERM": "xterm-256color", "LANG": "C.UTF-8"]
            case .vt100: return ["TERM": "vt100", "LANG": "C"]
            case .xterm8: return ["TERM": "xterm", "LANG": "C.UTF-8"]
            }
        }
    }

    let session = "e2e"
    /// Holds the server's socket and configuration, and an empty config home for the explorer.
    let directory: URL
    /// The server's own socket (`-S`, like `-L NAME` but in our directory, so nothing is left behind).
    var socket: String { directory.appendingPathComponent("tmux.sock").path }

    init() throws {
        // Short: a socket's path must fit in 104 bytes.
        directory = TestDirectory.root.appendingPathComponent("gs-e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // No status line (the pane gets every row), and a finished command's output stays readable.
        let config = """
            set -g status off
            set -g remain-on-exit on
            set -g escape-time 0
            set -g history-limit 200

            """
        try config.write(to: directory.appendingPathComponent("tmux.conf"), atomically: true, encoding: .utf8)
    }

    /// Starts `arguments` (run directly, no shell) in a new `width`x`height` session, with
    /// `environment` added to the terminal's.
    func start(_ arguments: [String], terminal: Terminal = .utf8, width: Int = 80, height: Int = 24,
               environment: [String: String] = [:], in workingDirectory: URL = CLI.packageRoot) throws {
        var env = terminal.environment.merging(environment) { _, added in added }
        env["PATH"] = "/usr/local/bin:/usr/bin:/bin"
        env["HOME"] = directory.path
        env["XDG_CONFIG_HOME"] = directory.appendingPathComponent("config").path
        let assignments = env.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        try run(["-f", directory.appendingPathComponent("tmux.conf").path,
                 "new-session", "-d", "-s", session, "-x", String(width), "-y", String(height),
                 "-c", workingDirectory.path, "env", "-i"] + assignments + arguments)
    }

    /// Starts the explorer through a shell that prints `GAPSCOPE-EXITED-<status>` when it ends,
    /// then stays (a dead pane would no longer show the terminal's state, e.g. its cursor).
    func startExplorer(_ arguments: [String], terminal: Terminal = .utf8, width: Int = 80, height: Int = 24,
                       environment: [String: String] = [:]) throws {
        let script = #""$0" "$@"; echo "GAPSCOPE-EXITED-$?"; exec sleep 600"#
        try start(["sh", "-c", script, CLI.executable.path] + arguments, terminal: terminal, width: width, height: height,
                  environment: environment)
    }

    /// Presses keys, in tmux's names: "Enter", "Escape", "Right", "C-d", or plain characters.
    func send(_ keys: String...) throws {
        for key in keys {
            try run(["send-keys", "-t", session, key])
        }
    }

    /// Writes bytes to the program as the terminal would, given in hex: "1b 5b 42" is ESC [ B.
    func sendBytes(_ hex: String) throws {
        try run(["send-keys", "-t", session, "-H"] + hex.split(separator: " ").map(String.init))
    }

    /// Writes text to the program as it is, without reading key names in it.
    func sendText(_ text: String) throws {
        try run(["send-keys", "-t", session, "-l", text])
    }

    /// The visible screen as text (`escapes`: with SGR codes for colours and attributes).
    func capture(escapes: Bool = false) throws -> String {
        try run(["capture-pane", "-p", "-t", session] + (escapes ? ["-e"] : []))
    }

    /// A tmux format of the pane, e.g. `#{pane_title}` or `#{alternate_on}`.
    func display(_ format: String) throws -> String {
        try run(["display-message", "-p", "-t", session, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", session, "-x", String(width), "-y", String(height)])
    }

    /// Captures until `condition` holds; throws with the last screen after `timeout` seconds.
    ///
    /// A capture can fall between the pieces in which tmux takes in one
    /// frame (the title line new, the rows below not yet), so the screen
    /// returned is one on which the condition holds twice, 50 ms apart, and
    /// which did not change in between: a finished frame, for the checks
    /// that follow.
    @discardableResult
    func wait(for what: String, timeout: Double = 10, escapes: Bool = false,
              _ condition: (String) throws -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        var held: String?
        while true {
            screen = try capture(escapes: escapes)
            if try condition(screen) {
                if screen == held { return screen }
                held = screen
            } else {
                held = nil
            }
            if Date() > deadline { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure(description: "timed out after \(timeout) s waiting for \(what); the screen:\n\(screen)")
    }

    /// Waits until the screen contains every one of `texts`.
    @discardableResult
    func wait(for texts: String..., timeout: Double = 10) throws -> String {
        try wait(for: texts.map { "\"\($0)\"" }.joined(separator: ", "), timeout: timeout) { screen in
            texts.allSatisfy { screen.contains($0) }
        }
    }

    /// Stops what runs in the pane and the server, and removes the scratch directory.
    func kill() {
        // The pane's process group first (the shell and the explorer, by their id), and wait
        // for it: tmux itself takes a second or two to hang them up after kill-server.
        if let pane = (try? display("#{pane_pid}")).flatMap({ pid_t($0) }), pane > 1 {
            Foundation.kill(-pane, SIGHUP)
            Self.waitGone(pane)
        }
        // The server ends by itself within a second or so; no need to wait for it.
        _ = try? run(["kill-server"])
        try? FileManager.default.removeItem(at: directory)
    }

    /// Waits up to `timeout` seconds for a process to end (a zombie counts: only its
    /// parent, the tmux server, can reap it); whether it did.
    @discardableResult
    static func waitGone(_ pid: pid_t, timeout: Double = 3) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Foundation.kill(pid, 0) == 0 {
            if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
               let end = stat.lastIndex(of: ")"), stat[end...].hasPrefix(") Z") { return true }
            if Date() > deadline { return false }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return true
    }

    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        guard let executable = Self.executable else { throw Failure(description: "tmux is not installed") }
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "TMUX")
        env.removeValue(forKey: "LC_ALL")
        env.removeValue(forKey: "LC_CTYPE")
        env["LANG"] = "C.UTF-8"
        // Output goes to files, not pipes: the server tmux forks would hold a pipe open for good.
        let id = UUID().uuidString.prefix(8)
        let outPath = directory.appendingPathComponent("out-\(id)").path
        let errPath = directory.appendingPathComponent("err-\(id)").path
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        // -u: this client takes UTF-8, so captures keep wide characters instead of "_".
        let child = try Spawned(executable, ["-u", "-S", socket] + arguments, environment: env,
                                stdout: outPath, stderr: errPath)
        let status = child.wait()
        let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        guard status == 0 else {
            let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
            throw Failure(description: "tmux \(arguments.joined(separator: " ")) failed (\(status)): \(err)")
        }
        return out
    }
}

/// A child process started with a clean signal mask and default signal actions.
///
/// `Foundation.Process` passes on the calling thread's signal mask, and the test runner's
/// threads block most signals: a tmux server started that way never sees the SIGTERM of
/// `kill-server` or SIGCHLD, and a simulator never sees Ctrl-C.
final class Spawned {
    let pid: pid_t
    private var status: Int32?

    init(_ path: String, _ arguments: [String], environment: [String: String],
         stdout: String = "/dev/null", stderr: String = "/dev/null") throws {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for sig: Int32 in 1..<32 where sig != SIGKILL && sig != SIGSTOP { sigaddset(&defaults, sig) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let error = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard error == 0 else { throw Tmux.Failure(description: "cannot start \(path): \(String(cString: strerror(error)))") }
        self.pid = pid
    }

    /// Waits for the child to end; its exit status, or 128 + the signal that ended it.
    @discardableResult
    func wait() -> Int32 {
        if let status { return status }
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) == -1 && errno == EINTR {}
        let result = raw & 0x7F == 0 ? (raw >> 8) & 0xFF : 128 + (raw & 0x7F)
        status = result
        return result
    }

    var isRunning: Bool {
        guard status == nil else { return false }
        var raw: Int32 = 0
        let r = waitpid(pid, &raw, WNOHANG)
        if r == pid {
            status = raw & 0x7F == 0 ? (raw >> 8) & 0xFF : 128 + (raw & 0x7F)
            return false
        }
        return r == 0
    }

    func signal(_ sig: Int32) {
        if isRunning { kill(pid, sig) }
    }
}

/// A captured screen with SGR codes (`capture-pane -e`), read into cells: which character,
/// and whether it is highlighted (reverse video or a background colour).
struct StyledScreen {
    struct Cell {
        var character: Character
        var reverse: Bool
        var background: String?

        var isHighlighted: Bool { reverse || background != nil }
    }

    var lines: [[Cell]] = []

    init(_ captured: String) {
        var reverse = false
        var background: String?
        var line: [Cell] = []
        let scalars = Array(captured.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if s == "\u{1B}", i + 1 < scalars.count, scalars[i + 1] == "[" {
                // A control sequence: parameters, then one final byte in @...~.
                var j = i + 2
                var params = ""
                while j < scalars.count, !(0x40...0x7E).contains(scalars[j].value) {
                    params.unicodeScalars.append(scalars[j])
                    j += 1
                }
                if j < scalars.count, scalars[j] == "m" {
                    Self.apply(params, reverse: &reverse, background: &background)
                }
                i = j + 1
                continue
            }
            if s == "\u{1B}" {
                // Any other escape (e.g. an OSC hyperlink): skip to its terminator.
                var j = i + 1
                while j < scalars.count, scalars[j] != "\u{07}", !(scalars[j] == "\\" && scalars[j - 1] == "\u{1B}") { j += 1 }
                i = j + 1
                continue
            }
            if s == "\n" {
                lines.append(line)
                line = []
            } else {
                line.append(Cell(character: Character(s), reverse: reverse, background: background))
            }
            i += 1
        }
        if !line.isEmpty { lines.append(line) }
    }

    static func apply(_ params: String, reverse: inout Bool, background: inout String?) {
        let codes = params.split(separator: ";", omittingEmptySubsequences: false).map { Int($0.split(separator: ":").first ?? "") ?? 0 }
        var k = 0
        while k < codes.count {
            let code = codes[k]
            switch code {
            case 0:
                reverse = false
                background = nil
            case 7: reverse = true
            case 27: reverse = false
            case 40...47, 100...107: background = String(code)
            case 49: background = nil
            case 38, 48:
                // Extended colour: 5;N or 2;R;G;B.
                let width = k + 1 < codes.count && codes[k + 1] == 2 ? 4 : 2
                if code == 48 { background = codes[(k + 1)..<min(codes.count, k + 1 + width)].map(String.init).joined(separator: ";") }
                k += width
            default: break
            }
            k += 1
        }
    }

    /// The text without its styles, as `capture-pane` without `-e` gives it.
    var plain: String { lines.map { String($0.map(\.character)) }.joined(separator: "\n") }

    /// The text of line `y`.
    func text(_ y: Int) -> String { String(lines[y].map(\.character)) }

    /// Whether line `y` is drawn highlighted where its text starts (a selected table row).
    func isHighlighted(_ y: Int) -> Bool {
        guard lines.indices.contains(y), let first = lines[y].first else { return false }
        return first.isHighlighted
    }
}

/// Display width of captured text, as a terminal lays it out: East Asian wide characters and
/// emoji take two cells (enough of wcwidth for the test texts).
func cellWidth(_ text: some StringProtocol) -> Int {
    text.unicodeScalars.reduce(0) { total, s in
        switch s.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return total + 2
        default:
            return total + 1
        }
    }
}
