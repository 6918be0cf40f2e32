/// The `run` record: what was run, with which model, verifier and filter.
public struct RunHeader: Sendable {
    public var runID: String
    public var schema: String
    public var title: String?
    public var created: String?
    public var modelName: String?
    public var modelFamily: String?
    public var params: Double?
    public var pretrainFlops: Double?
    /// nil means self-verification (the verifier is the generator).
    public var verifierModel: String?
    public var taskName: String?
    public var taskSplit: String?
    /// `true` when `task.utility` is `real`; verifier figures and pass@k are then undefined.
    public var realUtility: Bool
    public var samplesPerPrompt: Int?
    public var verificationMethod: String?
    /// The rule the pipeline applied, as logged (any JSON object).
    public var filter: JSONValue?
    public var roundsPlanned: Int?
    /// The whole header, for fields gapscope does not interpret.
    public var raw: JSONValue

    /// Reads a header from a parsed `run` record; nil with a reason when a required field is missing.
    static func parse(_ value: JSONValue) -> Result<RunHeader, HeaderError> {
        guard let schema = value["schema"]?.stringValue else { return .failure(HeaderError(reason: "run header needs a string \"schema\"")) }
        guard let runID = value["run_id"]?.stringValue else { return .failure(HeaderError(reason: "run header needs a string \"run_id\"")) }
        let model = value["model"]
        let task = value["task"]
        let filter = value["filter"]
        return .success(RunHeader(
            runID: runID,
            schema: schema,
            title: value["title"]?.stringValue,
            created: value["created"]?.stringValue,
            modelName: model?["name"]?.stringValue,
            modelFamily: model?["family"]?.stringValue,
            params: finite(model?["params"]?.doubleValue),
            pretrainFlops: finite(model?["pretrain_flops"]?.doubleValue),
            verifierModel: value["verifier_model"]?["name"]?.stringValue,
            taskName: task?["name"]?.stringValue,
            taskSplit: task?["split"]?.stringValue,
            realUtility: task?["utility"]?.stringValue == "real",
            samplesPerPrompt: value["generation"]?["samples_per_prompt"]?.intValue,
            verificationMethod: value["verification"]?["method"]?.stringValue,
            filter: filter?.objectValue != nil ? filter : nil,
            roundsPlanned: value["rounds_planned"]?.intValue,
            raw: value))
    }

    /// A number too large for a `Double` (`1e999`) reads as infinite; like a
    /// field of the wrong type, it is taken as absent.
    private static func finite(_ x: Double?) -> Double? {
        x.flatMap { $0.isFinite ? $0 : nil }
    }

    /// The logged filter rule, when it is one of the rules gapscope can recompute.
    public var loggedRule: FilterRule? {
        filter.flatMap(FilterRule.init(json:))
    }

    struct HeaderError: Error { var reason: String }
}

/// Whether a run is still being written, and how it ended.
public enum RunStatus: Sendable, Equatable, CustomStringConvertible {
    case live
    case ended(String)

    public var description: String {
        switch self {
        case .live: return "live"
        case let .ended(status): return status
        }
    }

    public var isLive: Bool { self == .live }
}

/// A line the reader rejected, with its 1-based line number.
public struct BadLine: Sendable, Equatable {
    public var line: Int
    public var reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }
}
