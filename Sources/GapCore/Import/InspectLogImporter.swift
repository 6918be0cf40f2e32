import Foundation

/// Reads Inspect AI logs, `.json` documents and `.eval` archives, and hands
/// their header and samples to `InspectLogMapping`.
enum InspectLogImporter {
    /// An Inspect log document: an `eval` object beside `version` or `status`.
    static func isInspectLog(_ object: JSONValue) -> Bool {
        guard case .object = object["eval"] ?? .null else { return false }
        return object["version"]?.intValue != nil || object["status"]?.stringValue != nil
    }

    static func convertJSON(path: String, options: ImportOptions) throws -> ConvertedRun {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportError("\(path): cannot be read")
        }
        let document: JSONValue
        do {
            document = try JSONValue.parse([UInt8](data), allowNonFinite: true)
        } catch {
            throw ImportError("\(path): not valid JSON (\(error.description))")
        }
        guard isInspectLog(document) else {
            throw ImportError("\(path): not an Inspect log (no eval object)")
        }
        var problems = ProblemLog()
        if document["samples"] == nil, document["status"]?.stringValue != "started" {
            problems.add(path, "the log holds no samples (written without log_samples?)")
        }
        let samples = (document["samples"]?.arrayValue ?? []).enumerated().map { index, sample in
            (location: "\(path)#samples[\(index)]", sample: sample)
        }
        let mapping = InspectLogMapping(path: path, format: .inspectJSON, header: document,
                                        hasReductions: document["reductions"] != nil, options: options)
        return mapping.convert(samples: samples, problems: &problems)
    }

    static func convertEval(path: String, options: ImportOptions) throws -> ConvertedRun {
        let archive = try InspectEvalArchive(path: path)
        var problems = ProblemLog()
        let header: JSONValue
        do {
            if archive.contains("header.json") {
                header = try archive.json("header.json")
            } else if archive.contains("_journal/start.json") {
                // Written when the eval starts; header.json only comes at the end.
                header = try archive.json("_journal/start.json")
            } else {
                throw ImportError("an .eval archive without header.json or _journal/start.json")
            }
        } catch let error as ImportError {
            throw ImportError("\(path): \(error.message)")
        }
        var samples: [(location: String, sample: JSONValue)] = []
        for name in archive.entryNames where name.hasPrefix("samples/") && name.hasSuffix(".json") {
            let location = "\(path)#\(name)"
            do {
                samples.append((location, try archive.json(name)))
            } catch {
                problems.add(location, "\(error); sample skipped", kind: "sample entry unreadable")
            }
        }
        let mapping = InspectLogMapping(path: path, format: .inspectEval, header: header,
                                        hasReductions: archive.contains("reductions.json"), options: options)
        return mapping.convert(samples: samples, problems: &problems)
    }
}
