import ArgumentParser

struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "convert", abstract: "Not yet available.")
    func run() throws { throw ValidationError("'convert' is not available yet") }
}
