import ArgumentParser

struct ExploreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explore", abstract: "Not yet available.")
    func run() throws { throw ValidationError("'explore' is not available yet") }
}
