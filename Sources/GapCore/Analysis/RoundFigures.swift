/// The figures of one round, as the format doc defines them. A figure that is
/// undefined (no prompts, a zero denominator) is nil.
public struct RoundFigures: Sendable, Equatable {
    public var round: Int
    public var stage: String?
    public var expectedPrompts: Int?
    /// The pipeline's own numbers from its `round` records, shown beside ours.
    public var reportedMetrics: [ReportedMetric] = []

    public var prompts = 0
    public var samples = 0
    public var verified = 0
    public var kept = 0
    public var unknownUtility = 0

    /// J(f): mean over prompts of the generation accuracy a_x.
    public var utility: Double?
    /// J(f[w]): mean over prompts of the accuracy of the kept samples a'_x.
    public var filteredUtility: Double?
    public var gap: Double?
    public var relativeGap: Double?
    public var oracleUtility: Double?
    public var gapEfficiency: Double?
    public var keepRate: Double?
    public var coverage: Double?
    /// (k, pass@k) for k = 1, 2, 4, ... and the smallest n; nil for real-valued utility.
    public var passAtK: [PassAtK]?
    public var distinctAnswers: Double?
    public var verifier = VerifierFigures()
    /// 95% bootstrap intervals (nil where the figure is undefined).
    public var ci = ConfidenceIntervals()

    public init(round: Int) { self.round = round }
}

public struct ReportedMetric: Sendable, Equatable {
    public var name: String
    public var value: Double
}

public struct PassAtK: Sendable, Equatable {
    public var k: Int
    public var value: Double
}

/// The verifier as a classifier of correct samples (binary utility only).
public struct VerifierFigures: Sendable, Equatable {
    public var truePositives = 0
    public var falsePositives = 0
    public var trueNegatives = 0
    public var falseNegatives = 0
    public var precision: Double?
    public var recall: Double?
    public var accuracy: Double?
    public var auroc: Double?
}

public struct Interval: Sendable, Equatable {
    public var lower: Double
    public var upper: Double
}

public struct ConfidenceIntervals: Sendable, Equatable {
    public var utility: Interval?
    public var filteredUtility: Interval?
    public var gap: Interval?
    public var relativeGap: Interval?
}

/// How figures are computed: the logged filter decisions or a recomputed rule.
public struct FigureOptions: Sendable, Equatable {
    /// nil: use the logged decisions; else recompute kept flags from the scores.
    public var rule: FilterRule?
    public var bootstrapResamples: Int
    public var bootstrapSeed: UInt64

    public static let standard = FigureOptions()

    public init(rule: FilterRule? = nil, bootstrapResamples: Int = 1000, bootstrapSeed: UInt64 = 0x6761_7073_636F_7065) {
        self.rule = rule
        self.bootstrapResamples = bootstrapResamples
        self.bootstrapSeed = bootstrapSeed
    }
}
