import GapCore

/// A run as the explorer holds it: its data, figures, and loading progress.
public struct RunEntry: Sendable {
    public var data: RunData
    public var figures: [RoundFigures]
    /// Bytes read of the file's size while the first load runs; nil once loaded.
    public var loading: (done: Int64, total: Int64)?
    /// A message about the last reload (truncation, replacement) or read error.
    public var notice: String?
    /// The log is gone from disk: the run keeps what was read, and is no longer live.
    public var deleted = false

    public init(data: RunData, figures: [RoundFigures] = [], loading: (done: Int64, total: Int64)? = nil) {
        self.data = data
        self.figures = figures
        self.loading = loading
    }

    /// How the run stands: `deleted` once its log is gone, otherwise as logged.
    public var status: RunStatus { deleted ? .ended("deleted") : data.status }

    public var runID: String { data.header?.runID ?? data.path.split(separator: "/").last.map(String.init) ?? data.path }
    public var latest: RoundFigures? { figures.last { $0.prompts > 0 } }
    /// The gap of each round, for the sparkline.
    public var gapSeries: [Double?] { figures.map(\.gap) }
    /// How much of the first load is read, in whole percent; nil once loaded.
    public var loadingPercent: Int? {
        loading.map { $0.total > 0 ? Int(Double($0.done) / Double($0.total) * 100) : 0 }
    }
}

/// The columns of the Runs screen, each sortable.
public enum RunColumn: Int, Sendable, CaseIterable {
    case id, model, flops, task, method, filter, rounds, status, gap, relativeGap

    public var title: String {
        switch self {
        case .id: return "run"
        case .model: return "model"
        case .flops: return "FLOPs"
        case .task: return "task"
        case .method: return "verify"
        case .filter: return "filter"
        case .rounds: return "rnds"
        case .status: return "status"
        case .gap: return "gap"
        case .relativeGap: return "rel.gap"
        }
    }
}

/// Sorting and filtering of the Runs screen, as pure functions of the entries.
public enum RunList {
    /// Indices of `entries` whose text matches `query` (case-insensitive, any
    /// of id, model, task, method, status), sorted by `column`.
    public static func order(_ entries: [RunEntry], query: String, column: RunColumn, ascending: Bool) -> [Int] {
        let needle = query.lowercased()
        var picked = entries.indices.filter { i in
            needle.isEmpty || searchText(entries[i]).lowercased().contains(needle)
        }
        picked.sort { a, b in
            let ka = key(entries[a], column), kb = key(entries[b], column)
            if ka == kb { return a < b }
            return ascending ? ka < kb : kb < ka
        }
        return picked
    }

    static func searchText(_ e: RunEntry) -> String {
        let h = e.data.header
        return [e.runID, h?.modelName, h?.modelFamily, h?.taskName, h?.verificationMethod, h?.title, e.status.description]
            .compactMap { $0 }.joined(separator: " ")
    }

    /// A sort key; undefined values sort first.
    enum Key: Comparable {
        case missing
        case number(Double)
        case text(String)
    }

    static func key(_ e: RunEntry, _ column: RunColumn) -> Key {
        let h = e.data.header
        func text(_ s: String?) -> Key { s.map { .text($0.lowercased()) } ?? .missing }
        func number(_ d: Double?) -> Key { d.map { .number($0) } ?? .missing }
        switch column {
        case .id: return .text(e.runID.lowercased())
        case .model: return text(h?.modelName)
        case .flops: return number(h?.pretrainFlops)
        case .task: return text(h?.taskName)
        case .method: return text(h?.verificationMethod)
        case .filter: return text(h?.loggedRule?.description)
        case .rounds: return .number(Double(e.figures.count))
        case .status: return .text(e.status.description)
        case .gap: return number(e.latest?.gap)
        case .relativeGap: return number(e.latest?.relativeGap)
        }
    }
}
