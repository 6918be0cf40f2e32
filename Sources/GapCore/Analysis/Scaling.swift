import Foundation

/// How the relative gap of round 0 scales with log10 pre-training FLOPs, per model family.
public struct ScalingFit: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
        public var runID: String
        public var log10Flops: Double
        public var relativeGap: Double
    }

    public var family: String
    public var points: [Point]
    /// nil with fewer than two distinct FLOPs values.
    public var slope: Double?
    public var intercept: Double?
    /// nil when the fit is undefined or the relative gap does not vary.
    public var r2: Double?

    /// One fit per family, families in first-seen order. A run counts when it
    /// has a family, positive finite `pretrain_flops` and a round-0 relative gap.
    public static func fits(_ runs: [(header: RunHeader?, round0: RoundFigures?)]) -> [ScalingFit] {
        var order: [String] = []
        var byFamily: [String: [Point]] = [:]
        for run in runs {
            guard let header = run.header, let family = header.modelFamily,
                  let flops = header.pretrainFlops, flops > 0, flops.isFinite,
                  let rg = run.round0?.relativeGap else { continue }
            if byFamily[family] == nil { order.append(family) }
            byFamily[family, default: []].append(Point(runID: header.runID, log10Flops: log10(flops), relativeGap: rg))
        }
        return order.map { family in
            let points = byFamily[family]!
            let fit = Statistics.leastSquares(x: points.map(\.log10Flops), y: points.map(\.relativeGap))
            return ScalingFit(family: family, points: points, slope: fit?.slope, intercept: fit?.intercept, r2: fit?.r2)
        }
    }
}
