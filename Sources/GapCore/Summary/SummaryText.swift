import Foundation

/// The human-readable and CSV forms of `summary`.
public enum SummaryText {
    /// A block per run: what it is, then a row per round.
    public static func table(_ runs: [RunSummary]) -> String {
        var out = ""
        for run in runs {
            let h = run.data.header
            out += "\(h.map { terminalSafe($0.runID) } ?? "(no run header)")  [\(run.data.status)]  \(terminalSafe(run.data.path))\n"
            var facts: [String] = []
            if let title = h?.title { facts.append(terminalSafe(title)) }
            if let model = h?.modelName { facts.append("model \(terminalSafe(model))") }
            if let flops = h?.pretrainFlops { facts.append("FLOPs \(scientific(flops))") }
            if let method = h?.verificationMethod { facts.append("verify \(terminalSafe(method))") }
            if let rule = run.recomputedRule { facts.append("filter \(rule) (recomputed)") }
            else if let rule = h?.loggedRule { facts.append("filter \(rule)") }
            if !facts.isEmpty { out += "  " + facts.joined(separator: " · ") + "\n" }
            let header = ["round", "stage", "prompts", "samples", "J(f)", "J(f[w])", "gap", "gap 95% CI", "rel.gap", "oracle", "keep", "cover", "AUROC"]
            var rows: [[String]] = [header]
            for f in run.figures {
                rows.append([
                    String(f.round), f.stage.map(terminalSafe) ?? "-", String(f.prompts), String(f.samples),
                    fixed(f.utility), fixed(f.filteredUtility), signed(f.gap),
                    f.ci.gap.map { "[\(signed($0.lower)), \(signed($0.upper))]" } ?? "-",
                    signed(f.relativeGap), fixed(f.oracleUtility), fixed(f.keepRate), fixed(f.coverage),
                    fixed(f.verifier.auroc),
                ])
            }
            out += align(rows, indent: "  ")
            if !run.data.badLines.isEmpty {
                let first = run.data.badLines[0]
                out += "  \(counted(run.data.badLines.count, "bad line")); first: line \(first.line): \(terminalSafe(first.reason))\n"
            }
            if run.data.incompleteTailBytes > 0 {
                out += "  incomplete last line (\(run.data.incompleteTailBytes) bytes): not counted yet\n"
            }
            out += "\n"
        }
        let fits = RunSummary.scaling(runs)
        if !fits.isEmpty {
            out += "Relative gap of round 0 against log10 pre-training FLOPs\n"
            for fit in fits {
                let line = fit.slope.map { "slope \(fixed($0)) per decade, intercept \(fixed(fit.intercept)), R^2 \(fixed(fit.r2))" } ?? "too few points for a line"
                out += "  \(terminalSafe(fit.family)): \(counted(fit.points.count, "run")), \(line)\n"
            }
        }
        return out
    }

    /// Text from a log made safe for a terminal: control characters (C0, DEL, C1) and
    /// bidi or other invisible format characters shown as `^[`, `^?`, `<U+009B>`, `<U+202E>`,
    /// so a run id cannot set the window title or clear the screen of whoever runs `summary`.
    public static func terminalSafe(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x00..<0x20: out += "^" + String(Unicode.Scalar(UInt8(scalar.value + 0x40)))
            case 0x7F: out += "^?"
            case 0x80..<0xA0: out += hexEscape(scalar)
            default:
                switch scalar.properties.generalCategory {
                case .format, .lineSeparator, .paragraphSeparator: out += hexEscape(scalar)
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    private static func hexEscape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
    }

    public static let csvColumns = [
        "run_id", "path", "status", "round", "stage", "prompts", "samples", "verified", "kept", "unknown_utility",
        "utility", "filtered_utility", "gap", "relative_gap", "oracle_utility", "gap_efficiency", "keep_rate",
        "coverage", "distinct_answers", "precision", "recall", "accuracy", "auroc",
        "utility_lo", "utility_hi", "filtered_utility_lo", "filtered_utility_hi", "gap_lo", "gap_hi",
        "relative_gap_lo", "relative_gap_hi", "bad_lines",
    ]

    /// One row per run and round: `csvColumns`, then `pass_at_<k>` for every
    /// k any round of these runs has (empty where a round has not that k).
    /// Text is written as logged (quoted where RFC 4180 asks), or, with
    /// `terminalSafe` (the CSV goes to a terminal), with control characters
    /// shown as visible escapes.
    public static func csv(_ runs: [RunSummary], terminalSafe safe: Bool = false) -> String {
        let text: (String) -> String = safe ? { terminalSafe($0) } : { $0 }
        let ks = Set(runs.flatMap { $0.figures.flatMap { $0.passAtK?.map(\.k) ?? [] } }).sorted()
        var out = (csvColumns + ks.map { "pass_at_\($0)" }).joined(separator: ",") + "\n"
        for run in runs {
            for f in run.figures {
                let cells: [String] = [
                    text(run.data.header?.runID ?? ""), text(run.data.path), text(run.data.status.description), String(f.round),
                    text(f.stage ?? ""),
                    String(f.prompts), String(f.samples), String(f.verified), String(f.kept), String(f.unknownUtility),
                    raw(f.utility), raw(f.filteredUtility), raw(f.gap), raw(f.relativeGap), raw(f.oracleUtility),
                    raw(f.gapEfficiency), raw(f.keepRate), raw(f.coverage), raw(f.distinctAnswers),
                    raw(f.verifier.precision), raw(f.verifier.recall), raw(f.verifier.accuracy), raw(f.verifier.auroc),
                    raw(f.ci.utility?.lower), raw(f.ci.utility?.upper), raw(f.ci.filteredUtility?.lower), raw(f.ci.filteredUtility?.upper),
                    raw(f.ci.gap?.lower), raw(f.ci.gap?.upper), raw(f.ci.relativeGap?.lower), raw(f.ci.relativeGap?.upper),
                    String(run.data.badLines.count),
                ] + ks.map { k in raw(f.passAtK?.first { $0.k == k }?.value) }
                out += cells.map(csvField).joined(separator: ",") + "\n"
            }
        }
        return out
    }

    // MARK: Formatting

    /// Three decimals, or `-` when undefined.
    public static func fixed(_ d: Double?) -> String {
        guard let d, d.isFinite else { return "-" }
        return formatDecimal(d, places: 3)
    }

    /// Three decimals with a sign, or `-`.
    public static func signed(_ d: Double?) -> String {
        guard let d, d.isFinite else { return "-" }
        return (d >= 0 ? "+" : "") + formatDecimal(d, places: 3)
    }

    public static func formatDecimal(_ d: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(d) * scale).rounded()
        let integer = Int(scaled / scale)
        let fraction = Int(scaled) - integer * Int(scale)
        let fractionText = String(fraction)
        let padded = String(repeating: "0", count: max(0, places - fractionText.count)) + fractionText
        let negative = d < 0 && scaled > 0
        return (negative ? "-" : "") + String(integer) + (places > 0 ? "." + padded : "")
    }

    /// `1.85e23` style.
    public static func scientific(_ d: Double) -> String {
        guard d > 0, d.isFinite else { return JSONValue.format(d) }
        var exponent = 0
        var m = d
        while m >= 10 { m /= 10; exponent += 1 }
        while m < 1 { m *= 10; exponent -= 1 }
        return formatDecimal(m, places: 2) + "e" + String(exponent)
    }

    private static func raw(_ d: Double?) -> String {
        guard let d, d.isFinite else { return "" }
        return JSONValue.format(d)
    }

    private static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func align(_ rows: [[String]], indent: String) -> String {
        guard let first = rows.first else { return "" }
        var widths = Array(repeating: 0, count: first.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var out = ""
        for row in rows {
            let cells = row.enumerated().map { i, cell in
                i < 2 ? cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[i] - cell.count) + cell
            }
            out += indent + cells.joined(separator: "  ") + "\n"
        }
        return out
    }
}
