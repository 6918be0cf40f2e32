/// Bytes shared by the copies of a `RunData` (a converted foreign log's text).
public final class SharedBytes: Sendable {
    public let bytes: [UInt8]
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
}

/// Opens any supported file as runs: a run log directly, a log of another
/// tool (lm-evaluation-harness, Inspect AI, self-rewarding judges) through
/// its importer, the converted text kept in memory and read by the same
/// parser, so every figure is computed one way.
public enum RunLoader {
    /// The runs in one file: a run log, or the runs converted from another
    /// tool's log. A file that is neither a run log nor a known foreign
    /// format is read as a run log (every line then reports why). For
    /// `keepingSampleLocations`, see `RunData.keepsSampleLocations`.
    public static func load(
        _ path: String, importOptions: ImportOptions = .init(), keepingSampleLocations: Bool = true
    ) throws(ReadError) -> [RunData] {
        if isForeign(path) {
            let converted: [ConvertedRun]
            do {
                converted = try ForeignLogs.convert(path: path, options: importOptions)
            } catch {
                throw ReadError(path: path, message: "\(error)")
            }
            return converted.map { runData(from: $0, keepingSampleLocations: keepingSampleLocations) }
        }
        return [try LogReader(path: path).read(keepingSampleLocations: keepingSampleLocations)]
    }

    /// Whether a file is another tool's log that gapscope imports, rather than
    /// a run log (one still empty, with no header yet, counts as a run log).
    /// Watchers tail run logs and convert foreign logs again when they change.
    public static func isForeign(_ path: String) -> Bool {
        !RunLogFinder.isRunLog(path) && ForeignLogs.detect(path: path) != nil
    }

    /// A converted run as a `RunData`, its text held in memory.
    public static func runData(from run: ConvertedRun, keepingSampleLocations: Bool = true) -> RunData {
        let bytes = Array((run.lines.joined(separator: "\n") + "\n").utf8)
        var data = RunData(path: run.source, keepsSampleLocations: keepingSampleLocations)
        data.apply(BatchParser.parse(bytes))
        data.inMemoryText = SharedBytes(bytes)
        data.importProblems = run.problems
        data.importedFrom = run.source
        return data
    }
}
