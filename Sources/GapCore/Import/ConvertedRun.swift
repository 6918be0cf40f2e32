/// One foreign log turned into a run log.
public struct ConvertedRun: Sendable {
    /// The run id written in the header; also the directory name `convert` writes to.
    public var runID: String
    /// The original path.
    public var source: String
    /// run-log@1 JSON Lines, header first, no trailing newlines.
    public var lines: [String]
    /// Everything that could not be mapped.
    public var problems: [ImportProblem]

    /// A run as an importer produced it; `lines` must begin with a `run` header.
    public init(runID: String, source: String, lines: [String], problems: [ImportProblem]) {
        self.runID = runID
        self.source = source
        self.lines = lines
        self.problems = problems
    }
}

extension ConvertedRun {
    /// One line that says what was imported and how, read back from the
    /// header's `source` object, e.g. `lm-eval-samples: 4 prompts, 256
    /// samples; utility: ...; verifier: ...; filter: ...; 2 problems`.
    public var mappingSummary: String {
        let header = lines.first.flatMap { try? JSONValue.parse($0) }
        let source = header?["source"]
        var parts: [String] = []
        var head = source?["format"]?.stringValue ?? "run"
        if let counts = source?["counts"] {
            let prompts = counts["prompts"]?.intValue ?? 0
            let samples = counts["samples"]?.intValue ?? 0
            head += ": \(prompts) prompt\(prompts == 1 ? "" : "s"), \(samples) sample\(samples == 1 ? "" : "s")"
        }
        parts.append(head)
        for key in ["utility", "verification", "filter"] {
            if let text = source?["mapping"]?[key]?.stringValue { parts.append("\(key): \(text)") }
        }
        let last = lines.count > 1 ? lines.last.flatMap { try? JSONValue.parse($0) } : nil
        if last?["type"]?.stringValue != "run_end" { parts.append("live (no end record)") }
        parts.append(problems.isEmpty ? "no problems" : "\(problems.count) problem\(problems.count == 1 ? "" : "s")")
        return parts.joined(separator: "; ")
    }
}
