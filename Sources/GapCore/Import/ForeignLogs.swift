import Foundation

/// Entry point for reading logs of other tools as run logs.
public enum ForeignLogs {
    /// How much of a file `detect` reads; enough for a first JSON line or the
    /// head of a pretty-printed document.
    static let sniffBytes = 64 * 1024

    /// Detects by content (and name as a hint); nil when the file is none of the supported formats.
    ///
    /// Reads at most the first 64 KiB (and a zip's directory), so it is cheap
    /// enough to call on every candidate file of a directory scan. A run log
    /// (first record of type `run`) is never detected as foreign.
    public static func detect(path: String) -> ForeignFormat? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: sniffBytes)) ?? Data())
        let name = ImportNaming.fileName(path)
        let ext = (name as NSString).pathExtension.lowercased()

        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            if InspectEvalArchive.looksLikeInspect(path: path) { return .inspectEval }
            // A zip still being written has no directory yet; the name says what it will be.
            return ext == "eval" ? .inspectEval : nil
        }
        let lines = JSONLinesFile(bytes: head).lines
        var readable = 0
        for line in lines.prefix(5) {
            // The last line of the prefix may be cut off; only whole lines count.
            guard line.bytes.endIndex < head.count || head.count < sniffBytes else { break }
            guard case let .success(object) = line.object() else { continue }
            readable += 1
            // A run log, also one that has lost its header or logs records
            // before it: read as a run log, so its lines are reported, not imported.
            if let type = object["type"]?.stringValue, RunLogFinder.recordTypes.contains(type) { return nil }
            if object["doc_id"] != nil, object["resps"] != nil || object["filtered_resps"] != nil {
                return .lmEvalSamples
            }
            if object["prompt_id"] != nil, object["response"] != nil { return .selfRewarding }
            if InspectLogImporter.isInspectLog(object) { return .inspectJSON }
            if readable >= 2 { break }
        }
        if looksLikePrettyInspect(head) { return .inspectJSON }
        if readable == 0, let first = lines.first, first.bytes.endIndex == head.count, head.count == sniffBytes {
            // One line longer than the window (64 responses can be): its first key still tells.
            let start = String(decoding: first.bytes.prefix(256), as: UTF8.self)
            if start.range(of: #"^\s*\{\s*"doc_id"\s*:"#, options: .regularExpression) != nil { return .lmEvalSamples }
            if start.range(of: #"^\s*\{\s*"prompt_id"\s*:"#, options: .regularExpression) != nil,
               String(decoding: first.bytes, as: UTF8.self).contains(#""response""#) {
                return .selfRewarding
            }
        }
        if readable == 0, name.hasPrefix("samples_"), ext == "jsonl" { return .lmEvalSamples }
        return nil
    }

    /// Converts a foreign log. Throws `ImportError` only when the file cannot
    /// be read at all (missing, unsupported, not a readable archive or
    /// document); everything else that cannot be mapped is in `problems`.
    public static func convert(path: String, options: ImportOptions = .init()) throws -> [ConvertedRun] {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ImportError("\(path): cannot be read")
        }
        guard let format = detect(path: path) else {
            throw ImportError("\(path): not a supported log format (lm-eval samples, Inspect .json/.eval, self-rewarding scores)")
        }
        switch format {
        case .lmEvalSamples:
            return [try LMEvalSamplesImporter(path: path, options: options).convert()]
        case .inspectJSON:
            return [try InspectLogImporter.convertJSON(path: path, options: options)]
        case .inspectEval:
            return [try InspectLogImporter.convertEval(path: path, options: options)]
        case .selfRewarding:
            return [try SelfRewardingImporter(path: path).convert()]
        }
    }

    /// Inspect writes its `.json` logs indented, `version`, `status` and
    /// `eval` first; the head of the file is enough to tell.
    private static func looksLikePrettyInspect(_ head: [UInt8]) -> Bool {
        let text = String(decoding: head, as: UTF8.self)
        guard text.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" }).first == "{" else { return false }
        return text.range(of: #""eval"\s*:\s*\{"#, options: .regularExpression) != nil
            && text.range(of: #""(version|status)"\s*:"#, options: .regularExpression) != nil
            && text.range(of: #""(task|run_id|model)"\s*:"#, options: .regularExpression) != nil
    }
}
