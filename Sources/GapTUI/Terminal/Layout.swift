/// How much of a row or column split one part gets (see `Rect.rows(_:spacing:)`).
public enum Constraint: Hashable, Sendable {
    /// Exactly this many cells (less when the space runs out).
    case length(Int)
    /// This percentage of the space being split, rounded down.
    case percent(Int)
    /// A share of what the lengths and percentages leave, in proportion to the weight.
    case fill(Int)

    /// `fill(1)`.
    public static var fill: Constraint { .fill(1) }
}

extension Rect {
    /// Splits the rectangle into stacked parts, top to bottom.
    public func rows(_ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        var top = y
        return Self.distribute(height, constraints, spacing: spacing).map { h in
            defer { top += h + spacing }
            return Rect(x: x, y: top, width: width, height: h)
        }
    }

    /// Splits the rectangle into side-by-side parts, left to right.
    public func columns(_ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        var left = x
        return Self.distribute(width, constraints, spacing: spacing).map { w in
            defer { left += w + spacing }
            return Rect(x: left, y: y, width: w, height: height)
        }
    }

    /// Fixed sizes are served first, in order, until the space runs out, so on a small terminal
    /// the leading parts (usually the important ones) keep their size and the trailing ones shrink.
    static func distribute(_ total: Int, _ constraints: [Constraint], spacing: Int) -> [Int] {
        guard !constraints.isEmpty else { return [] }
        let available = max(0, total - max(0, spacing) * (constraints.count - 1))
        var remaining = available
        var sizes = constraints.map { constraint -> Int in
            let wanted: Int
            switch constraint {
            case .length(let n): wanted = max(0, n)
            case .percent(let p): wanted = available * min(max(0, p), 100) / 100
            case .fill: return 0
            }
            let given = min(wanted, remaining)
            remaining -= given
            return given
        }
        let weights = constraints.map { if case .fill(let w) = $0 { max(0, w) } else { 0 } }
        let totalWeight = weights.reduce(0, +)
        guard totalWeight > 0 else { return sizes }
        var leftover = remaining
        for i in sizes.indices where weights[i] > 0 {
            let share = remaining * weights[i] / totalWeight
            sizes[i] = share
            leftover -= share
        }
        // Rounding leaves a few cells over; hand them to the fills from the left.
        for i in sizes.indices where weights[i] > 0 && leftover > 0 {
            sizes[i] += 1
            leftover -= 1
        }
        return sizes
    }
}
