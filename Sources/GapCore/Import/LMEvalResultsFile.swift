import Foundation

/// What the harness's `results_<timestamp>.json`, written beside the samples
/// file of the same run, adds: the model, the task's configuration, and the
/// harness's own aggregate figures.
struct LMEvalResultsFile {
    /// One entry of a task's `filter_list`.
    struct FilterConfig {
        var name: String
        var regexPattern: String?
        /// The harness's `group_select`: which regex match to take (0 the first).
        var groupSelect: Int
        var isMajorityVote: Bool
    }

    let path: String
    var modelName: String?
    var modelParameters: Int?
    /// ISO 8601, from the harness's Unix `date`.
    var created: String?
    var split: String?
    var dataset: String?
    var temperature: Double?
    var topP: Double?
    var repeats: Int?
    var filters: [FilterConfig] = []
    /// The task's numbers in `results` (e.g. `"exact_match,maj@64": 0.5`).
    var metrics: [(String, JSONValue)] = []

    /// The task name and timestamp in `samples_<task>_<timestamp>.jsonl`.
    static func nameParts(ofSamplesFile path: String) -> (task: String, timestamp: String?) {
        var stem = ImportNaming.stem(path)
        if stem.hasPrefix("samples_") { stem.removeFirst("samples_".count) }
        let pattern = #"_(\d{4}-\d{2}-\d{2}T[0-9.:\-]+)$"#
        if let range = stem.range(of: pattern, options: .regularExpression) {
            let timestamp = String(stem[range].dropFirst())
            return (String(stem[..<range.lowerBound]), timestamp)
        }
        return (stem, nil)
    }

    /// Reads the results file beside `samplesPath` for `task`, if there is one.
    /// Throws only when the file exists but cannot be read as JSON.
    static func beside(samplesPath: String, task: String) throws -> LMEvalResultsFile? {
        guard let timestamp = nameParts(ofSamplesFile: samplesPath).timestamp else { return nil }
        let directory = (samplesPath as NSString).deletingLastPathComponent
        let path = (directory as NSString).appendingPathComponent("results_\(timestamp).json")
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let document: JSONValue
        do {
            document = try JSONValue.parse([UInt8](data), allowNonFinite: true)
        } catch {
            throw ImportError("\(path): not valid JSON (\(error.description))")
        }
        return LMEvalResultsFile(path: path, document: document, task: task)
    }

    init(path: String, document: JSONValue, task: String) {
        self.path = path
        let config = document["config"]
        modelName = document["model_name"]?.stringValue
            ?? Self.pretrained(in: config?["model_args"]?.stringValue)
            ?? config?["model"]?.stringValue
        modelParameters = config?["model_num_parameters"]?.intValue
        if let date = document["date"]?.doubleValue {
            created = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: date))
        }
        let taskConfig = document["configs"]?[task]
            ?? document["configs"]?.objectValue?.first(where: { $0.1["task"]?.stringValue == task })?.1
        if let taskConfig {
            split = taskConfig["test_split"]?.stringValue
            dataset = taskConfig["dataset_path"]?.stringValue
            temperature = taskConfig["generation_kwargs"]?["temperature"]?.doubleValue
            topP = taskConfig["generation_kwargs"]?["top_p"]?.doubleValue
            repeats = taskConfig["repeats"]?.intValue
            filters = (taskConfig["filter_list"]?.arrayValue ?? []).compactMap(Self.filter)
        }
        for (key, value) in document["results"]?[task]?.objectValue ?? [] {
            if let number = value.doubleValue, number.isFinite { metrics.append((key, value)) }
        }
    }

    private static func pretrained(in modelArgs: String?) -> String? {
        guard let modelArgs else { return nil }
        for part in modelArgs.split(separator: ",") where part.hasPrefix("pretrained=") {
            return String(part.dropFirst("pretrained=".count))
        }
        return nil
    }

    private static func filter(_ entry: JSONValue) -> FilterConfig? {
        guard let name = entry["name"]?.stringValue else { return nil }
        var config = FilterConfig(name: name, regexPattern: nil, groupSelect: 0, isMajorityVote: false)
        for step in entry["filter"]?.arrayValue ?? [] {
            switch step["function"]?.stringValue {
            case "regex"?:
                // The harness's RegexFilter default, used when a task names none.
                config.regexPattern = step["regex_pattern"]?.stringValue ?? #"#### (\-?[0-9\.\,]+)"#
                config.groupSelect = step["group_select"]?.intValue ?? 0
            case "majority_vote"?:
                config.isMajorityVote = true
            default:
                break
            }
        }
        return config
    }
}
