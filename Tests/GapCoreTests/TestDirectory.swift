import Foundation

/// One scratch folder per test process, removed when the process exits, so
/// tests leave nothing behind in the system's temporary directory.
enum TestDirectory {
    static let root: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("gapscope-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: TestDirectory.root) }
        return root
    }()
}
