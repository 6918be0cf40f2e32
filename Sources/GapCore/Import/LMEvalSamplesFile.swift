/// An lm-eval `--log_samples` file read into one entry per document: the
/// harness writes a line per (doc, filter), each repeating the doc and its
/// responses, so the lines of one doc are folded together here.
struct LMEvalSamplesFile {
    /// One line's filter and the metrics it carries.
    struct FilterLine {
        var name: String
        var line: Int
        /// Metric name and value (NaN allowed), in the order the line gives them.
        var metrics: [(String, JSONValue)]
    }

    struct Doc {
        var id: String
        var line: Int
        var doc: JSONValue?
        var target: JSONValue?
        var arguments: JSONValue?
        var resps: JSONValue
        var filters: [FilterLine]
    }

    /// Documents in the order they first appear.
    private(set) var docs: [Doc] = []
    /// Filter names in the order they first appear.
    private(set) var filterNames: [String] = []

    /// Fields of a samples line that are not metrics.
    private static let nonMetricKeys: Set<String> = [
        "doc_id", "doc", "target", "arguments", "resps", "filtered_resps", "filter", "metrics",
        "doc_hash", "prompt_hash", "target_hash",
    ]

    init(path: String, problems: inout ProblemLog) throws {
        let file = try JSONLinesFile(path: path)
        var index: [String: Int] = [:]
        for line in file.lines {
            let location = "\(path):\(line.number)"
            guard let object = line.object(at: location, problems: &problems) else { continue }
            guard let id = ImportNaming.idText(object["doc_id"]) else {
                problems.add(location, "no doc_id; line skipped")
                continue
            }
            guard let resps = object["resps"], case .array = resps else {
                problems.add(location, "doc \(id): no resps array; line skipped", kind: "no resps array")
                continue
            }
            let filterName = object["filter"]?.stringValue ?? "none"
            let filter = FilterLine(name: filterName, line: line.number, metrics: Self.metrics(of: object))
            if !filterNames.contains(filterName) { filterNames.append(filterName) }
            if let existing = index[id] {
                if let same = docs[existing].filters.first(where: { $0.name == filterName }) {
                    problems.add(location, "doc \(id), filter \(filterName) repeats line \(same.line); skipped",
                                 kind: "repeated doc and filter")
                    continue
                }
                if docs[existing].resps != resps {
                    problems.add(location,
                                 "doc \(id): responses differ from line \(docs[existing].line); those of line \(docs[existing].line) are used",
                                 kind: "responses differ between filters")
                }
                docs[existing].filters.append(filter)
            } else {
                index[id] = docs.count
                docs.append(Doc(id: id, line: line.number, doc: object["doc"], target: object["target"],
                                arguments: object["arguments"], resps: resps, filters: [filter]))
            }
        }
    }

    /// The metrics a line carries: those its `metrics` list names, else every
    /// other numeric field (older harness versions have no list).
    private static func metrics(of object: JSONValue) -> [(String, JSONValue)] {
        if let names = object["metrics"]?.arrayValue?.compactMap(\.stringValue) {
            return names.compactMap { name in object[name].map { (name, $0) } }
        }
        return (object.objectValue ?? []).filter { key, value in
            !nonMetricKeys.contains(key) && value.doubleValue != nil
        }
    }
}

extension LMEvalSamplesFile.Doc {
    /// The request's arguments: `gen_args_<i>` objects in newer files, a
    /// list of argument lists in older ones.
    func requestArgument(_ request: Int, _ position: Int) -> JSONValue? {
        if let named = arguments?["gen_args_\(request)"] { return named["arg_\(position)"] }
        if let list = arguments?.arrayValue, list.indices.contains(request),
           let args = list[request].arrayValue, args.indices.contains(position) {
            return args[position]
        }
        return nil
    }

    /// The question as the dataset states it, else the prompt the model saw.
    var promptText: String? {
        for key in ["question", "problem", "prompt", "input", "query", "text", "sentence", "goal"] {
            if let text = doc?[key]?.stringValue { return text }
        }
        return requestArgument(0, 0)?.stringValue
    }

    /// The target as text; several references are joined with ` | `.
    var referenceText: String? {
        switch target {
        case let .array(items)?:
            let texts = items.compactMap { ImportNaming.idText($0) }
            return texts.isEmpty ? nil : texts.joined(separator: " | ")
        default:
            return ImportNaming.idText(target)
        }
    }

    /// Every reference an answer may match.
    var references: [String] {
        switch target {
        case let .array(items)?: return items.compactMap { ImportNaming.idText($0) }
        default: return ImportNaming.idText(target).map { [$0] } ?? []
        }
    }
}
