import ArgumentParser
import GapCore

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "List every bad line of run logs.",
        discussion: """
            Bad lines are printed as file:line: reason on standard output; \
            notes and each file's count of lines go to standard error. \
            Exit status: 0 when no line is bad, 1 when any line is bad, \
            2 when a path cannot be read. A last line without its newline may \
            still be being written: it is noted, never counted as bad, and so is \
            a run log with no header yet (empty, or its first line unfinished).
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
                for data in try RunLoader.load(file, importOptions: importOptions.options, keepingSampleLocations: false) {
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

    /// Prints what is wrong with one run; true when any line is bad. Bad
    /// lines go to standard output as `file:line: reason`; everything else
    /// (notes on a run still being written, the count of lines) goes to
    /// standard error, so that a script reading `file:line:` sees only bad lines.
    private func report(_ data: RunData, file: String) -> Bool {
        if data.importedFrom != nil {
            for problem in data.importProblems { printLine(problem.description) }
            printError("\(file): imported, \(counted(data.importProblems.count, "problem")) in the mapping")
            return !data.importProblems.isEmpty
        }
        for bad in data.badLines { printLine("\(file):\(bad.line): \(bad.reason)") }
        if let note = Self.note(on: data) { printError("note: \(file): \(note)") }
        let verdict = data.badLines.isEmpty ? "ok" : counted(data.badLines.count, "bad line")
        printError("\(file): \(counted(data.linesRead, "line")), \(verdict)")
        return !data.badLines.isEmpty
    }

    /// What is not bad but worth saying: a run log with no header yet (empty,
    /// or its first line not finished), or a last line still being written.
    static func note(on data: RunData) -> String? {
        let unfinished = "line \(data.linesRead + 1) is not finished (\(counted(data.incompleteTailBytes, "byte")), no newline yet)"
        if data.header == nil, data.badLines.isEmpty {
            if data.incompleteTailBytes > 0 { return "no run header yet: " + unfinished }
            return data.linesRead == 0 ? "no run header yet: the file is empty" : "no run header yet: only blank lines"
        }
        return data.incompleteTailBytes > 0 ? "incomplete last line: " + unfinished : nil
    }
}
