/// A run log read in full with its figures: what `summary` reports.
public struct RunSummary: Sendable {
    public var data: RunData
    public var figures: [RoundFigures]
    /// The rule the figures were computed with; nil: the logged decisions.
    public var recomputedRule: FilterRule?

    public init(data: RunData, options: FigureOptions = .standard) {
        self.data = data
        self.figures = Figures.all(data, options: options)
        self.recomputedRule = options.rule
    }

    /// Reads and summarises each path (files and directories of run logs).
    /// Paths that cannot be read come back as errors; bad lines do not stop
    /// anything. A summary shows no sample's text, so the runs do not keep
    /// where each sample's line is (`RunData.keepsSampleLocations`).
    public static func load(_ paths: [String], options: FigureOptions = .standard,
                            importOptions: ImportOptions = .init()) -> (runs: [RunSummary], errors: [ReadError]) {
        let found = RunLogFinder.find(paths)
        var runs: [RunSummary] = []
        var errors = found.errors
        for file in found.files {
            do {
                for data in try RunLoader.load(file, importOptions: importOptions, keepingSampleLocations: false) {
                    runs.append(RunSummary(data: data, options: options))
                }
            } catch {
                errors.append(error)
            }
        }
        return (runs, errors)
    }

    public static func scaling(_ runs: [RunSummary]) -> [ScalingFit] {
        ScalingFit.fits(runs.map { run in (run.data.header, run.figures.first { $0.round == 0 }) })
    }
}
