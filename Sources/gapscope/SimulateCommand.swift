import ArgumentParser

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "simulate", abstract: "Not yet available.")
    func run() throws { throw ValidationError("'simulate' is not available yet") }
}
