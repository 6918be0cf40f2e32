/// Something in a foreign log that could not be mapped to run-log@1.
public struct ImportProblem: Sendable, Equatable, CustomStringConvertible {
    /// Where: `"file:line"` for line-based formats, `"file#entry"` for an
    /// entry of an archive or document, or the bare file for the whole file.
    public var location: String
    public var message: String

    /// A problem at `location` (see `location` for its forms).
    public init(location: String, message: String) {
        self.location = location
        self.message = message
    }

    /// `location: message`, the form the command line prints.
    public var description: String { "\(location): \(message)" }
}

/// Collects problems while an import runs, so that a fault repeated on
/// thousands of lines is listed a few times and then counted, not printed
/// thousands of times.
struct ProblemLog {
    /// How many problems of one kind are listed before the rest are only counted.
    static let listedPerKind = 20

    private(set) var problems: [ImportProblem] = []
    private var seen: [String: Int] = [:]
    private var kindsInOrder: [String] = []

    /// Records a problem. `kind` groups problems that differ only in their
    /// details (defaults to the message itself).
    mutating func add(_ location: String, _ message: String, kind: String? = nil) {
        let key = kind ?? message
        let count = seen[key, default: 0]
        if count == 0 { kindsInOrder.append(key) }
        seen[key] = count + 1
        if count < Self.listedPerKind {
            problems.append(ImportProblem(location: location, message: message))
        }
    }

    /// The listed problems, then one line per kind that was cut short.
    func finished(file: String) -> [ImportProblem] {
        var all = problems
        for key in kindsInOrder {
            let count = seen[key, default: 0]
            if count > Self.listedPerKind {
                all.append(ImportProblem(
                    location: file,
                    message: "\(count - Self.listedPerKind) more like \"\(key)\" not listed"))
            }
        }
        return all
    }
}
