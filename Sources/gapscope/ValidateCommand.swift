import ArgumentParser
import GapCore

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "List every bad line of run logs.",
        discussion: """
            Exit status: 0 when every line is good, 1 when any line is bad,
            2 when a path cannot be read. A last line without its newline may
            still be being written: it is mentioned, not counted as bad.
            Example: gapscope validate sample-runs
            """)

    @OptionGroup var importOptions: ImportOptionGroup

    @Argument(help: "Run logs or directories of run logs (logs of other tools are checked through their importer).")
    var paths: [String]

    func run() throws {
        let found = RunLogFinder.find(paths)
        var unreadable = !found.errors.isEmpty
        var anyBad = false
        for error in found.errors { printError("gapscope: \(error)") }
        for file in found.files {
            do {
                for data in try RunLoader.load(file, importOptions: importOptions.options) {
                    if report(data, file: file) { anyBad = true }
                }
            } catch {
                printError("gapscope: \(error)")
                unreadable = true
            }
        }
        if unreadable { throw ExitCode(2) }
        if anyBad { throw ExitCode(1) }
    }

    /// Prints what is wrong with one run; true when anything is.
    private func report(_ data: RunData, file: String) -> Bool {
        if data.importedFrom != nil {
            for problem in data.importProblems { print(problem.description) }
            printError("\(file): imported, \(data.importProblems.count) problem(s) in the mapping")
            return !data.importProblems.isEmpty
        }
        for bad in data.badLines { print("\(file):\(bad.line): \(bad.reason)") }
        if data.header == nil, data.badLines.isEmpty {
            print("\(file): no run header")
        }
        if data.incompleteTailBytes > 0 {
            print("\(file):\(data.linesRead + 1): incomplete last line (\(data.incompleteTailBytes) bytes, no newline yet)")
        }
        let verdict = data.badLines.isEmpty && data.header != nil ? "ok" : "\(data.badLines.count) bad line(s)"
        printError("\(file): \(data.linesRead) lines, \(verdict)")
        return !data.badLines.isEmpty || data.header == nil
    }
}
