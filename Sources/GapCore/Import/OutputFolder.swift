import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder a command writes run logs into (`convert --out`, `simulate --out`).
public enum OutputFolder {
    /// Creates `path` and any folder above it; nil when done, else why not,
    /// naming the path at fault ("runs: not a directory" when a file is in
    /// the way) rather than Foundation's error code.
    public static func create(_ path: String) -> String? {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            return nil
        } catch {
            if let file = firstNonDirectory(in: path) { return "\(file): not a directory" }
            return "\(path): cannot be created (\(error.localizedDescription))"
        }
    }

    /// The outermost of `path` and the folders above it that exists and is
    /// not a directory (links followed).
    static func firstNonDirectory(in path: String) -> String? {
        var ancestors: [String] = []
        var current = path
        while !current.isEmpty, current != "/", current != "." {
            ancestors.append(current)
            let parent = (current as NSString).deletingLastPathComponent
            if parent == current { break }
            current = parent
        }
        for candidate in ancestors.reversed() {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
        }
        return nil
    }

    /// What is at the path a run log is to be written to.
    public enum Occupant: Equatable, Sendable {
        /// Nothing, or an empty file: no data to lose.
        case free
        /// A log this command wrote before (its header says so): it may be replaced.
        case ours
        /// A symbolic link, never written through.
        case link
        /// Anything else, a real run's log above all: never overwritten.
        case other
    }

    /// Who holds `path`: `isOurs` tells from its first record (the header)
    /// whether the command that asks wrote it. `convert` and `simulate`
    /// replace only a free path or their own output.
    public static func occupant(of path: String, isOurs: (JSONValue) -> Bool) -> Occupant {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .free }
        switch info.st_mode & S_IFMT {
        case S_IFLNK:
            return .link
        case S_IFREG:
            if info.st_size == 0 { return .free }
            if let header = RunLogFinder.firstRecord(path), isOurs(header) { return .ours }
            return .other
        default:
            return .other
        }
    }
}
