import GapCore

/// Number formatting shared by the screens.
enum Format {
    static func fixed(_ d: Double?, _ places: Int = 3) -> String {
        guard let d, d.isFinite else { return "-" }
        return SummaryText.formatDecimal(d, places: places)
    }

    static func signed(_ d: Double?, _ places: Int = 3) -> String {
        guard let d, d.isFinite else { return "-" }
        return (d >= 0 ? "+" : "") + SummaryText.formatDecimal(d, places: places)
    }

    /// A pipeline's own number: whole numbers as integers (`640`, not
    /// `640.000`), very small or large ones in scientific form (`1.00e-5`).
    static func metric(_ d: Double?) -> String {
        guard let d, d.isFinite else { return "-" }
        if d == d.rounded(), abs(d) < 1e9 { return String(Int(d)) }
        if abs(d) >= 0.01, abs(d) < 1e6 { return fixed(d) }
        return (d < 0 ? "-" : "") + SummaryText.scientific(abs(d))
    }

    static func signedCell(_ d: Double?) -> TableCell {
        guard let d, d.isFinite else { return TableCell("-", role: .dim) }
        return TableCell(signed(d), role: d > 0 ? .good : d < 0 ? .bad : .text)
    }

    static func interval(_ i: Interval?, signed: Bool = false) -> String {
        guard let i else { return "-" }
        let f: (Double?) -> String = signed ? { Format.signed($0) } : { Format.fixed($0) }
        return "[\(f(i.lower)),\(f(i.upper))]"
    }

    /// The gap over rounds as a text sparkline, zero always within its range.
    static func sparkline(_ values: [Double?], charset: Charset) -> String {
        let finite = values.compactMap { $0 }.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return "" }
        return Sparkline.symbols(values, range: min(0, lo)...max(0, hi), charset: charset).map { $0 ?? " " }.joined()
    }
}
