import ArgumentParser

struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "summary", abstract: "Not yet available.")
    func run() throws { throw ValidationError("'summary' is not available yet") }
}
