import Foundation
import Testing
@testable import GapCore

/// A converted run read back as records, with the look-ups the import tests need.
struct ImportedRecords {
    let run: ConvertedRun
    let records: [JSONValue]

    init(_ run: ConvertedRun) throws {
        self.run = run
        records = try run.lines.map { try JSONValue.parse($0) }
    }

    var header: JSONValue { records[0] }
    func ofType(_ type: String) -> [JSONValue] { records.filter { $0["type"]?.stringValue == type } }
    var promptIDs: [String] {
        var ids: [String] = []
        for sample in ofType("sample") {
            if let id = sample["prompt_id"]?.stringValue, !ids.contains(id) { ids.append(id) }
        }
        return ids
    }
    func samples(_ prompt: String) -> [JSONValue] {
        ofType("sample").filter { $0["prompt_id"]?.stringValue == prompt }
            .sorted { ($0["sample"]?.intValue ?? 0) < ($1["sample"]?.intValue ?? 0) }
    }
    func utilities(_ prompt: String) -> [Double?] { samples(prompt).map { $0["utility"]?.doubleValue } }
    /// Verification scores; nil for `null` and for no verification alike.
    func scores(_ prompt: String) -> [Double?] { samples(prompt).map { $0["verification"]?["score"]?.doubleValue } }
    func answers(_ prompt: String) -> [String?] { samples(prompt).map { $0["answer"]?.stringValue } }
    func kept(_ prompt: String) -> [Int]? {
        ofType("filter").last { $0["prompt_id"]?.stringValue == prompt }?["kept"]?.arrayValue?.compactMap(\.intValue)
    }
    var counts: JSONValue? { header["source"]?["counts"] }
    var endStatus: String? { ofType("run_end").last?["status"]?.stringValue }
}

enum ImportFixtures {
    /// A fresh, empty folder for one test's files.
    static func folder() throws -> URL {
        let url = TestDirectory.root
            .appendingPathComponent("gapscope-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func remove(_ folder: URL) {
        try? FileManager.default.removeItem(at: folder)
    }

    @discardableResult
    static func write(_ text: String, to folder: URL, _ name: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Converts a file that must give exactly one run, and checks the run's lines.
    static func convertOne(_ path: String, _ options: ImportOptions = .init()) throws -> ImportedRecords {
        let runs = try ForeignLogs.convert(path: path, options: options)
        try #require(runs.count == 1)
        let imported = try ImportedRecords(runs[0])
        checkRunLog(imported)
        return imported
    }

    /// The rules of run-log@1 that a reader enforces ("Precise rules"):
    /// a header first, and validated fields of the right type.
    static func checkRunLog(_ imported: ImportedRecords, sourceLocation: SourceLocation = #_sourceLocation) {
        let records = imported.records
        #expect(records.first?["type"]?.stringValue == "run", sourceLocation: sourceLocation)
        #expect(records.first?["schema"]?.stringValue == "gapscope/run-log@1", sourceLocation: sourceLocation)
        #expect(records.first?["run_id"]?.stringValue == imported.run.runID, sourceLocation: sourceLocation)
        #expect(records.dropFirst().allSatisfy { $0["type"]?.stringValue != "run" }, sourceLocation: sourceLocation)
        func isRound(_ value: JSONValue?) -> Bool { (value?.intValue ?? -1) >= 0 }
        func isScore(_ value: JSONValue?) -> Bool { value == nil || value!.isNull || value!.doubleValue != nil }
        for (number, record) in records.enumerated() {
            let line = number + 1
            switch record["type"]?.stringValue {
            case "sample"?:
                #expect(isRound(record["round"]), "line \(line)", sourceLocation: sourceLocation)
                #expect(record["prompt_id"]?.stringValue != nil, "line \(line)", sourceLocation: sourceLocation)
                #expect(record["sample"]?.intValue != nil, "line \(line)", sourceLocation: sourceLocation)
                if let utility = record["utility"] {
                    #expect(utility.doubleValue.map { (0...1).contains($0) } ?? false, "line \(line)",
                            sourceLocation: sourceLocation)
                }
                if let verification = record["verification"] {
                    #expect(verification.objectValue != nil, "line \(line)", sourceLocation: sourceLocation)
                    #expect(isScore(verification["score"]), "line \(line)", sourceLocation: sourceLocation)
                }
            case "filter"?:
                #expect(isRound(record["round"]), "line \(line)", sourceLocation: sourceLocation)
                #expect(record["kept"]?.arrayValue?.allSatisfy { $0.intValue != nil } == true, "line \(line)",
                        sourceLocation: sourceLocation)
            case "round"?:
                #expect(isRound(record["round"]), "line \(line)", sourceLocation: sourceLocation)
            case "run"?, "prompt"?, "run_end"?:
                break
            default:
                Issue.record("line \(line): unexpected record \(record.encoded())", sourceLocation: sourceLocation)
            }
        }
    }
}

/// Compares optional numbers with a tolerance, nil only equal to nil.
func close(_ a: [Double?], _ b: [Double?], tolerance: Double = 1e-9) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { x, y in
        switch (x, y) {
        case (nil, nil): return true
        case let (x?, y?): return abs(x - y) <= tolerance
        default: return false
        }
    }
}
