import Foundation

/// Finds run logs: a file path is taken as it is; a directory is searched
/// recursively for `*.jsonl` files whose first record is a `run` record. A
/// path that is missing, unreadable, or a directory with no run log in it
/// is an error, so a mistyped path is never an empty summary.
public enum RunLogFinder {
    public struct Found: Sendable {
        public var files: [String]
        public var errors: [ReadError]
    }

    public static func find(_ paths: [String]) -> Found {
        var files: [String] = []
        var errors: [ReadError] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                errors.append(ReadError(path: path, message: "no such file or directory"))
                continue
            }
            if !isDirectory.boolValue {
                guard fm.isReadableFile(atPath: path) else {
                    errors.append(ReadError(path: path, message: "permission denied"))
                    continue
                }
                files.append(path)
                continue
            }
            let logs = runLogs(under: path)
            if logs.isEmpty {
                errors.append(ReadError(
                    path: path,
                    message: "no run logs in this directory (.jsonl files that begin with a run record, or logs gapscope can convert)"))
            }
            files.append(contentsOf: logs)
        }
        return Found(files: files, errors: errors)
    }

    /// Run logs below a directory, and logs of other tools gapscope can
    /// import (`.jsonl`, `.json`, `.eval` detected by content), sorted by path.
    public static func runLogs(under directory: String) -> [String] {
        let root = URL(fileURLWithPath: directory)
        guard let walker = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        var found: [String] = []
        for case let url as URL in walker where ["jsonl", "json", "eval"].contains(url.pathExtension) {
            let path = directory.hasSuffix("/")
                ? directory + url.path.dropFirst(root.path.count + 1)
                : directory + "/" + url.path.dropFirst(root.path.count + 1)
            if url.pathExtension == "jsonl", isRunLog(path) {
                found.append(path)
            } else if ForeignLogs.detect(path: path) != nil {
                found.append(path)
            }
        }
        return found.sorted()
    }

    /// Whether the first non-blank line of a file is a `run` record.
    public static func isRunLog(_ path: String) -> Bool {
        guard let line = firstLine(path) else { return false }
        return line.withUnsafeBytes {
            if case .run = RecordScanner.scan($0, 0..<$0.count) { return true }
            return false
        }
    }

    /// The first non-blank line of a file as JSON (a run log's header); nil
    /// when there is none in its first MiB, or it is not JSON.
    public static func firstRecord(_ path: String) -> JSONValue? {
        firstLine(path).flatMap { try? JSONValue.parse($0) }
    }

    private static func firstLine(_ path: String) -> [UInt8]? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var head: [UInt8] = []
        while head.count < 1 << 20 {
            guard let chunk = try? handle.read(upToCount: 64 << 10), !chunk.isEmpty else { break }
            head.append(contentsOf: chunk)
            if let line = firstNonBlankLine(head) { return Array(head[line]) }
        }
        return nil
    }

    private static func firstNonBlankLine(_ bytes: [UInt8]) -> Range<Int>? {
        var start = 0
        while let nl = bytes[start...].firstIndex(of: 0x0A) {
            let line = start..<nl
            if bytes[line].contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) { return line }
            start = nl + 1
        }
        return nil
    }
}
