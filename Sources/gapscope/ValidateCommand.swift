import ArgumentParser

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "validate", abstract: "Not yet available.")
    func run() throws { throw ValidationError("'validate' is not available yet") }
}
