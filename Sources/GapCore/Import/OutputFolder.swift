import Foundation

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
}
