import Foundation

/// Axis ticks at "nice" values: steps of 1, 2 or 5 times a power of ten, as people read them.
public enum NiceTicks {
    /// Slack for values that should land on a tick but miss it by floating-point error (0.1 * 3).
    static let epsilon = 1e-9

    /// The smallest 1-2-5 step that puts at most `maxCount` ticks in `lo...hi`.
    /// Returns 1 for an empty or non-finite range.
    public static func step(lo: Double, hi: Double, maxCount: Int) -> Double {
        let span = hi - lo
        guard span.isFinite, span > 0 else { return 1 }
        let count = max(1, maxCount)
        var magnitude = pow(10, floor(log10(span / Double(count))))
        while true {
            for multiple in [1.0, 2.0, 5.0] {
                let step = multiple * magnitude
                if tickCount(lo: lo, hi: hi, step: step) <= count { return step }
            }
            magnitude *= 10
        }
    }

    /// Tick values in `lo...hi` at the nice step for at most `maxCount` ticks.
    public static func ticks(lo: Double, hi: Double, maxCount: Int) -> [Double] {
        ticks(lo: lo, hi: hi, step: step(lo: lo, hi: hi, maxCount: maxCount))
    }

    /// Tick values in `lo...hi` at a given step. Each is `k * step` for an integer `k`, not a
    /// running sum, so errors do not accumulate; `-0` is written as `0`.
    public static func ticks(lo: Double, hi: Double, step: Double) -> [Double] {
        guard lo.isFinite, hi.isFinite, step > 0, hi >= lo else { return [] }
        let first = ceil(lo / step - epsilon), last = floor(hi / step + epsilon)
        guard first <= last else { return [] }
        return stride(from: first, through: last, by: 1).map { k in k * step == 0 ? 0 : k * step }
    }

    /// `lo...hi` widened to the nearest ticks outside it, so an axis starts and ends on a label.
    /// An empty range is opened around its value first (`0` becomes `-1...1`, `5` becomes `4.5...5.5`).
    public static func niceRange(lo: Double, hi: Double, maxCount: Int) -> ClosedRange<Double> {
        var (lo, hi) = (lo, hi)
        if !(hi > lo) {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            (lo, hi) = (lo - pad, lo + pad)
        }
        let step = step(lo: lo, hi: hi, maxCount: maxCount)
        let niceLo = floor(lo / step + epsilon) * step, niceHi = ceil(hi / step - epsilon) * step
        // Widening can add a tick at each end; step up if that breaks the limit.
        if tickCount(lo: niceLo, hi: niceHi, step: step) > max(2, maxCount) {
            let wider = self.step(lo: niceLo, hi: niceHi, maxCount: maxCount)
            return (floor(lo / wider + epsilon) * wider)...(ceil(hi / wider - epsilon) * wider)
        }
        return niceLo...niceHi
    }

    /// Labels for ticks at `step`, all with the decimals the step needs (0.25 needs two).
    /// From 10,000 up they use k, M, G, T suffixes: `500k`, `1.5M`.
    public static func labels(for ticks: [Double], step: Double) -> [String] {
        let largest = ticks.map(abs).max() ?? 0
        let units: [(scale: Double, suffix: String)] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
        let unit: (scale: Double, suffix: String) = largest >= 1e4 ? units.first { largest >= $0.scale } ?? (1, "") : (1, "")
        let scaledStep = step / unit.scale
        // As many decimals as the step itself needs: 0.2 needs one, 0.25 two.
        let decimals = (0...12).first { d in
            let shifted = scaledStep * pow(10, Double(d))
            return abs(shifted - shifted.rounded()) < 1e-6 * max(1, shifted)
        } ?? 12
        return ticks.map { value in
            let text = String(format: "%.\(decimals)f", value / unit.scale)
            return (Double(text) == 0 ? String(format: "%.\(decimals)f", 0.0) : text) + unit.suffix
        }
    }

    static func tickCount(lo: Double, hi: Double, step: Double) -> Int {
        Int(floor(hi / step + epsilon) - ceil(lo / step - epsilon)) + 1
    }
}
