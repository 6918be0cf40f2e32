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

    @Argument(help: "Run logs or directories of run logs.")
    var paths: [String]

    func run() throws {
        let found = RunLogFinder.find(paths)
        var unreadable = !found.errors.isEmpty
        var anyBad = false
        for error in found.errors { printError("gapscope: \(error)") }
        for file in found.files {
            do {
                let data = try LogReader(path: file).read()
                for bad in data.badLines { print("\(file):\(bad.line): \(bad.reason)") }
                if data.header == nil, data.badLines.isEmpty {
                    print("\(file): no run header")
                }
                if data.incompleteTailBytes > 0 {
                    print("\(file):\(data.linesRead + 1): incomplete last line (\(data.incompleteTailBytes) bytes, no newline yet)")
                }
                if !data.badLines.isEmpty || data.header == nil { anyBad = true }
                let verdict = data.badLines.isEmpty && data.header != nil ? "ok" : "\(data.badLines.count) bad line(s)"
                printError("\(file): \(data.linesRead) lines, \(verdict)")
            } catch {
                printError("gapscope: \(error)")
                unreadable = true
            }
        }
        if unreadable { throw ExitCode(2) }
        if anyBad { throw ExitCode(1) }
    }
}
