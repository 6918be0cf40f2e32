import ArgumentParser
import GapTUI

/// `gapscope`: explore self-improvement runs and the generation-verification gap.
@main
struct Gapscope: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gapscope",
        abstract: "Explore LLM self-improvement runs: the generation-verification gap, round by round.",
        version: GapTUIVersion.value,
        subcommands: [
            ExploreCommand.self, SummaryCommand.self, ValidateCommand.self,
            SimulateCommand.self, ConvertCommand.self,
        ],
        defaultSubcommand: ExploreCommand.self
    )
}
