import Foundation

/// Finds run logs: a file path is taken as it is; a directory is searched
/// recursively for run logs (below) and logs gapscope can convert. A path
/// that is missing, unreadable, or a directory with no run log in it is an
/// error, so a mistyped path is never an empty summary; so is a log in a
/// directory that cannot be read, so a log is never left out unsaid.
public enum RunLogFinder {
    public struct Found: Sendable {
        public var files: [String]
        public var errors: [ReadError]
    }

    public static func find(_ paths: [String]) -> Found {
        var files: [String] = []
        var errors: [ReadError] = []
        for path in paths {
            // One stat says whether it is there, a directory, or a file.
            guard let type = fileType(path) else {
                errors.append(ReadError(path: path, message: "no such file or directory"))
                continue
            }
            if type != S_IFDIR {
                if let problem = unreadable(path, type: type) { errors.append(problem) } else { files.append(path) }
                continue
            }
            let found = logs(under: path)
            if found.files.isEmpty, found.errors.isEmpty {
                errors.append(ReadError(
                    path: path,
                    message: "no run logs in this directory (events.jsonl, .jsonl files of run records, or logs gapscope can convert)"))
            }
            files.append(contentsOf: found.files)
            errors.append(contentsOf: found.errors)
        }
        return Found(files: distinct(files), errors: errors)
    }

    /// Each file once, where paths overlap (`runs runs/a/events.jsonl`),
    /// compared with `.` and `..` resolved; the first path given is kept.
    static func distinct(_ files: [String]) -> [String] {
        var seen: Set<String> = []
        return files.filter { seen.insert(URL(fileURLWithPath: $0).standardizedFileURL.path).inserted }
    }

    /// Why the file at `path`, of type `type` (not a directory), cannot be
    /// read as a log; nil when it can. A pipe or device is never opened:
    /// reading it could wait forever.
    static func unreadable(_ path: String, type: mode_t) -> ReadError? {
        guard type == S_IFREG else { return ReadError(path: path, message: "not a regular file") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            return ReadError(path: path, message: "permission denied")
        }
        return nil
    }

    /// The type bits (`S_IFREG`, `S_IFDIR`, ...) of `path`, links followed; nil when it cannot be stat'ed.
    static func fileType(_ path: String) -> mode_t? {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
    }

    /// The record types of a run log.
    static let recordTypes: Set<String> = ["run", "prompt", "round", "sample", "verify", "filter", "run_end"]

    /// Run logs below a directory, and logs of other tools gapscope can
    /// import (`.jsonl`, `.json`, `.eval` detected by content), sorted by
    /// path. A run log is a `.jsonl` file named `events.jsonl` (the
    /// conventional name, whatever it holds, so a broken one is reported),
    /// or whose first non-blank line is a record of a run log (a header, or
    /// a record logged before it). Files of those kinds that cannot be read
    /// come back as errors.
    public static func logs(under directory: String) -> Found {
        let root = URL(fileURLWithPath: directory)
        guard let walker = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [], options: [.skipsHiddenFiles])
        else { return Found(files: [], errors: [ReadError(path: directory, message: "cannot be listed")]) }
        var found = Found(files: [], errors: [])
        for case let url as URL in walker where ["jsonl", "json", "eval"].contains(url.pathExtension) {
            let path = directory.hasSuffix("/")
                ? directory + url.path.dropFirst(root.path.count + 1)
                : directory + "/" + url.path.dropFirst(root.path.count + 1)
            // One stat: gone meanwhile or a directory is passed over; a pipe or device is said.
            guard let type = fileType(path), type != S_IFDIR else { continue }
            if let problem = unreadable(path, type: type) {
                found.errors.append(problem)
                continue
            }
            if url.pathExtension == "jsonl", url.lastPathComponent == "events.jsonl" || startsLikeRunLog(path) {
                found.files.append(path)
            } else if ForeignLogs.detect(path: path) != nil {
                found.files.append(path)
            }
        }
        found.files.sort()
        found.errors.sort { $0.path < $1.path }
        return found
    }

    /// Whether the first non-blank line of a file is a `run` record.
    public static func isRunLog(_ path: String) -> Bool {
        firstLine(path).map(isHeader) ?? false
    }

    /// Whether the first non-blank line of a file is a record of a run log:
    /// its header, or a record written before it (which makes a bad line).
    static func startsLikeRunLog(_ path: String) -> Bool {
        guard let line = firstLine(path) else { return false }
        if isHeader(line) { return true }
        guard let type = (try? JSONValue.parse(line))?["type"]?.stringValue else { return false }
        return recordTypes.contains(type)
    }

    /// Whether a line is a valid `run` record, as the reader takes a header.
    private static func isHeader(_ line: [UInt8]) -> Bool {
        line.withUnsafeBytes {
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
