import ArgumentParser
import Foundation
import GapCore

/// `gapscope convert SRC... --out DIR`: logs of other tools to run logs.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert logs of other tools into run logs (run-log@1).",
        discussion: """
            Reads lm-evaluation-harness --log_samples files (samples_<task>_<timestamp>.jsonl), \
            Inspect AI logs (.json, .eval) and self-rewarding judge-score files (JSON Lines with \
            prompt_id, response, avg_score), and writes each as DIR/<run-id>/events.jsonl. What \
            could not be mapped is printed as file:line: message; the mapping chosen is recorded \
            in each run header under "source". An events.jsonl already there is replaced only when \
            it is empty or was converted from the same source; otherwise the run goes to <run-id>-2 (or -3, ...), \
            so converting one source again, alone or with others, replaces its own output. Exits non-zero when a source cannot be read at \
            all, or its run log cannot be written.
            """)

    @Argument(help: ArgumentHelp("Log files, or folders to search for them.", valueName: "source"))
    var sources: [String]

    @Option(name: [.customLong("out"), .customShort("o")],
            help: ArgumentHelp("Folder to write <run-id>/events.jsonl into.", valueName: "dir"))
    var out: String

    @OptionGroup var importOptions: ImportOptionGroup

    func run() throws {
        var failed = false
        var written: Set<String> = []
        for source in sources {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory) else {
                printError("\(source): no such file or folder")
                failed = true
                continue
            }
            let files = isDirectory.boolValue ? Self.foreignLogs(in: source, skipping: out) : [source]
            if isDirectory.boolValue, files.isEmpty { printLine("\(source): no supported logs found") }
            for file in files {
                do {
                    for run in try ForeignLogs.convert(path: file, options: importOptions.options) {
                        try write(run, avoiding: &written)
                    }
                } catch {
                    printError("\(error)")
                    failed = true
                }
            }
        }
        if failed { throw ExitCode.failure }
    }

    /// Writes one run under the first of `<run-id>`, `<run-id>-2`, ... that
    /// holds an earlier conversion of the same source, or else is free (or an
    /// empty file); a name this command has written already, a symbolic
    /// link, or a run log that came from anywhere else is passed over. So two
    /// sources never overwrite each other, a run log of a real run is never
    /// touched, and converting a source again, alone or with others, replaces
    /// its own earlier output.
    /// The suffix goes into the header's `run_id` too.
    private func write(_ run: ConvertedRun, avoiding written: inout Set<String>) throws {
        var run = run
        var runID = run.runID
        var suffix = 2
        while true {
            if !written.contains(runID) {
                let occupant = OutputFolder.occupant(of: destination(of: runID).path) { Self.isConversion(of: run.source, header: $0) }
                if occupant == .free || occupant == .ours { break }
            }
            runID = "\(run.runID)-\(suffix)"
            suffix += 1
        }
        if runID != run.runID, let header = run.lines.first, case var .object(members)? = try? JSONValue.parse(header),
           let index = members.firstIndex(where: { $0.0 == "run_id" }) {
            members[index].1 = .string(runID)
            run.lines[0] = JSONValue.object(members).encoded()
            run.runID = runID
        }
        written.insert(runID)
        let destination = destination(of: runID)
        if let problem = OutputFolder.create(destination.deletingLastPathComponent().path) { throw ValidationError(problem) }
        do {
            try Data((run.lines.joined(separator: "\n") + "\n").utf8).write(to: destination, options: .atomic)
        } catch {
            throw ValidationError("\(destination.path): cannot be written (\(error.localizedDescription))")
        }
        for problem in run.problems { printLine(problem.description) }
        printLine("\(run.source) -> \(destination.path): \(run.mappingSummary)")
    }

    /// Where the run log of `runID` goes: `<out>/<run-id>/events.jsonl`.
    private func destination(of runID: String) -> URL {
        URL(fileURLWithPath: out).appendingPathComponent(runID).appendingPathComponent("events.jsonl")
    }

    /// Whether a run log with this header was written by converting `source`
    /// (its `source.path`), so converting again may replace it. Anything else
    /// there, a run log of a real run above all, is never overwritten.
    static func isConversion(of source: String, header: JSONValue) -> Bool {
        guard header["type"] == .string("run"), case let .string(from)? = header["source"]?["path"]
        else { return false }
        func standardized(_ p: String) -> String { URL(fileURLWithPath: p).standardizedFileURL.path }
        return standardized(from) == standardized(source)
    }

    /// Supported logs in a folder and below, in path order; the output
    /// folder and run logs are left out.
    static func foreignLogs(in folder: String, skipping output: String) -> [String] {
        let outputPath = URL(fileURLWithPath: output).standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            let path = (folder as NSString).appendingPathComponent(relative)
            if URL(fileURLWithPath: path).standardizedFileURL.path == outputPath {
                walker.skipDescendants()
                continue
            }
            guard ["jsonl", "json", "eval"].contains((relative as NSString).pathExtension.lowercased()) else { continue }
            if ForeignLogs.detect(path: path) != nil { found.append(path) }
        }
        return found.sorted()
    }
}
