import ArgumentParser
import GapCore

struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Print the figures of each round of each run.",
        discussion: """
            PATH is a run log or a directory searched recursively for run logs.
            Examples:
              gapscope summary sample-runs
              gapscope summary --json --filter threshold:0.8 runs/qwen-7b/events.jsonl
            """)

    @Flag(name: .long, help: "Print the machine-readable JSON document (format doc, \"Summary output\").")
    var json = false

    @Flag(name: .long, help: "Print one CSV row per run and round.")
    var csv = false

    @Option(name: .long, help: "Recompute kept samples with this rule: top_k:K, threshold:T, quantile:Q or none.")
    var filter: String?

    @Argument(help: "Run logs or directories of run logs.")
    var paths: [String]

    func validate() throws {
        if json && csv { throw ValidationError("choose one of --json and --csv") }
        if let filter, FilterRule(parsing: filter) == nil {
            throw ValidationError("unknown filter rule '\(filter)': use top_k:K, threshold:T, quantile:Q or none")
        }
    }

    func run() throws {
        let options = FigureOptions(rule: filter.flatMap(FilterRule.init(parsing:)))
        let (runs, errors) = RunSummary.load(paths, options: options)
        for error in errors { printError("gapscope: \(error)") }
        if json {
            print(SummaryJSON.document(runs).prettyEncoded())
        } else if csv {
            print(SummaryText.csv(runs), terminator: "")
        } else {
            print(SummaryText.table(runs), terminator: "")
        }
        if !errors.isEmpty { throw ExitCode(2) }
    }
}
