/// The `summary --json` document, in the shape and key order of the format doc.
public enum SummaryJSON {
    public static func document(_ runs: [RunSummary]) -> JSONValue {
        .object([
            ("runs", .array(runs.map(run))),
            ("scaling", .array(RunSummary.scaling(runs).map(scaling))),
        ])
    }

    public static func run(_ summary: RunSummary) -> JSONValue {
        let data = summary.data
        let header = data.header
        let filter: JSONValue = summary.recomputedRule?.json ?? header?.filter ?? .null
        return .object([
            ("run_id", string(header?.runID)),
            ("path", .string(data.path)),
            ("status", .string(data.status.description)),
            ("title", string(header?.title)),
            ("model", .object([
                ("name", string(header?.modelName)),
                ("family", string(header?.modelFamily)),
                ("pretrain_flops", number(header?.pretrainFlops)),
            ])),
            ("verification_method", string(header?.verificationMethod)),
            ("filter", filter),
            ("bad_lines", .array(data.badLines.map { .object([("line", .int($0.line)), ("reason", .string($0.reason))]) })),
            ("incomplete_last_line", .bool(data.incompleteTailBytes > 0)),
            ("rounds", .array(summary.figures.map(round))),
        ] + (data.importedFrom == nil ? [] : [
            ("import_problems", .array(data.importProblems.map { .string($0.description) })),
        ]))
    }

    public static func round(_ f: RoundFigures) -> JSONValue {
        .object([
            ("round", .int(f.round)),
            ("stage", string(f.stage)),
            ("prompts", .int(f.prompts)),
            ("samples", .int(f.samples)),
            ("verified", .int(f.verified)),
            ("kept", .int(f.kept)),
            ("unknown_utility", .int(f.unknownUtility)),
            ("utility", number(f.utility)),
            ("filtered_utility", number(f.filteredUtility)),
            ("gap", number(f.gap)),
            ("relative_gap", number(f.relativeGap)),
            ("oracle_utility", number(f.oracleUtility)),
            ("gap_efficiency", number(f.gapEfficiency)),
            ("keep_rate", number(f.keepRate)),
            ("coverage", number(f.coverage)),
            ("pass_at_k", f.passAtK.map { .object($0.map { (String($0.k), .number($0.value)) }) } ?? .null),
            ("distinct_answers", number(f.distinctAnswers)),
            ("verifier", .object([
                ("precision", number(f.verifier.precision)),
                ("recall", number(f.verifier.recall)),
                ("accuracy", number(f.verifier.accuracy)),
                ("auroc", number(f.verifier.auroc)),
            ])),
            ("ci95", .object([
                ("utility", interval(f.ci.utility)),
                ("filtered_utility", interval(f.ci.filteredUtility)),
                ("gap", interval(f.ci.gap)),
                ("relative_gap", interval(f.ci.relativeGap)),
            ])),
            ("reported_metrics", .object(f.reportedMetrics.map { ($0.name, .number($0.value)) })),
        ])
    }

    static func scaling(_ fit: ScalingFit) -> JSONValue {
        .object([
            ("family", .string(fit.family)),
            ("slope", number(fit.slope)),
            ("intercept", number(fit.intercept)),
            ("r2", number(fit.r2)),
            ("points", .array(fit.points.map {
                .object([
                    ("run_id", .string($0.runID)),
                    ("log10_flops", .number($0.log10Flops)),
                    ("relative_gap", .number($0.relativeGap)),
                ])
            })),
        ])
    }

    private static func string(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    private static func number(_ d: Double?) -> JSONValue {
        guard let d, d.isFinite else { return .null }
        return .number(d)
    }
    private static func interval(_ i: Interval?) -> JSONValue {
        guard let i else { return .null }
        return .array([number(i.lower), number(i.upper)])
    }
}
