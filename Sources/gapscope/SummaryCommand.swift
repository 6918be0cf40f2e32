import ArgumentParser
import Foundation
import GapCore

struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Print the figures of each round of each run.",
        discussion: """
            PATH is a run log or a directory searched recursively for run logs.

            With --watch, standard output carries only the figures: with --json one \
            compact JSON document per line (JSON Lines), one per update; with --csv the \
            whole CSV, its header row included, on each update; the plain table is \
            preceded by a "== <time>" line. Messages go to standard error.

            Examples:
              gapscope summary sample-runs
              gapscope summary --json --filter threshold:0.8 runs/qwen-7b/events.jsonl
              gapscope summary --watch --json runs/today | jq -c '.runs[].rounds[-1].gap'
            """)

    @Flag(name: .long, help: "Print the machine-readable JSON document (format doc, \"Summary output\").")
    var json = false

    @Flag(name: .long, help: "Print one CSV row per run and round.")
    var csv = false

    @Option(name: .long, help: "Recompute kept samples with this rule: top_k:K, threshold:T, quantile:Q or none.")
    var filter: String?

    @Flag(name: .long, help: "Keep watching: reprint the figures whenever a log grows (Ctrl-C stops); with --json, one JSON document per line.")
    var watch = false

    @Option(name: .long, help: "With --watch: seconds between checks of the logs.")
    var interval: Double = 0.5

    @Flag(name: .long, help: "With --watch: stop once every run has a run_end record.")
    var exitWhenDone = false

    @OptionGroup var importOptions: ImportOptionGroup

    /// Standard output is a terminal: the CSV shows control characters as
    /// escapes there, and keeps the text as logged in a pipe or file.
    static var toTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

    @Argument(help: "Run logs or directories of run logs (logs of lm-evaluation-harness, Inspect AI and self-rewarding judges too).")
    var paths: [String]

    func validate() throws {
        if json && csv { throw ValidationError("choose one of --json and --csv") }
        if let filter, let problem = FilterRule.parsingProblem(filter) { throw ValidationError(problem) }
    }

    func run() throws {
        if watch { return try watchLoop() }
        let options = FigureOptions(rule: filter.flatMap(FilterRule.init(parsing:)))
        let (runs, errors) = RunSummary.load(paths, options: options, importOptions: importOptions.options)
        for error in errors { printError("gapscope: \(error)") }
        if json {
            print(SummaryJSON.document(runs).prettyEncoded())
        } else if csv {
            print(SummaryText.csv(runs, terminalSafe: Self.toTerminal), terminator: "")
        } else {
            print(SummaryText.table(runs), terminator: "")
        }
        if !errors.isEmpty { throw ExitCode(2) }
    }

    /// One update of `--watch`: a JSON document on one line (JSON Lines), the
    /// whole CSV, or the table under a line with the time. Only the table has
    /// that line, so that JSON and CSV output stays machine-readable.
    private func update(_ runs: [RunSummary]) -> String {
        if json { return SummaryJSON.document(runs).encoded() + "\n" }
        if csv { return SummaryText.csv(runs, terminalSafe: Self.toTerminal) }
        return "== \(ISO8601DateFormatter().string(from: Date()))\n" + SummaryText.table(runs)
    }

    /// Polls the logs and reprints when any of them changes. Directories are
    /// searched again on each check, so a new run log joins the watch.
    private func watchLoop() throws {
        let options = FigureOptions(rule: filter.flatMap(FilterRule.init(parsing:)))
        var followers: [String: RunFollower] = [:]
        var cached: [String: [RunSummary]] = [:]
        var isForeign: [String: Bool] = [:]
        var foreignStates: [String: LogReader.FileState] = [:]
        var first = true
        var reported: [String] = []
        var watched: [String] = []
        while true {
            let found = RunLogFinder.find(paths)
            // A log gone from disk leaves the summary at once, and is read
            // afresh if one appears there again.
            for gone in watched where !found.files.contains(gone) {
                followers[gone] = nil
                cached[gone] = nil
                isForeign[gone] = nil
                foreignStates[gone] = nil
            }
            // A path that is not there yet (a run about to start) is said once, and again if it changes.
            let problems = found.errors.map(\.description)
            if problems != reported {
                for problem in problems where !reported.contains(problem) { printError("gapscope: \(problem)") }
                reported = problems
            }
            var changed = first || found.files != watched
            watched = found.files
            for file in found.files {
                if isForeign[file] == nil { isForeign[file] = RunLoader.isForeign(file) }
                if isForeign[file] == true {
                    // Another tool's log: convert it again whenever it changes.
                    guard let state = try? LogReader(path: file).fileState(), state != foreignStates[file] else { continue }
                    foreignStates[file] = state
                    do {
                        cached[file] = try RunLoader.load(
                            file, importOptions: importOptions.options, keepingSampleLocations: false)
                            .map { RunSummary(data: $0, options: options) }
                        changed = true
                    } catch {
                        printError("gapscope: \(error)")
                    }
                    continue
                }
                var follower = followers[file] ?? RunFollower(path: file, keepingSampleLocations: false)
                do {
                    let (grew, message) = try follower.refresh()
                    if let message { printError("gapscope: \(file): \(message)") }
                    if grew || cached[file] == nil {
                        cached[file] = [RunSummary(data: follower.data, options: options)]
                        changed = true
                    }
                } catch {
                    printError("gapscope: \(error)")
                }
                followers[file] = follower
            }
            let runs = found.files.flatMap { cached[$0] ?? [] }
            if changed {
                print(update(runs), terminator: "")
                fflush(nil)
            }
            first = false
            if exitWhenDone, !runs.isEmpty, runs.allSatisfy({ !$0.data.status.isLive }) { return }
            Thread.sleep(forTimeInterval: max(0.05, interval))
        }
    }
}
