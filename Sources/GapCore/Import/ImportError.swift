/// A foreign log that cannot be read at all (as opposed to parts of it that
/// cannot be mapped, which are `ImportProblem`s): missing, unsupported, not
/// a readable archive or document.
public struct ImportError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, starting with the path where one is known.
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
