import Testing
@testable import GapCore

@Suite struct FilterRuleTests {
    let scores: [Double?] = [0.5, 0.9, nil, 0.9, 0.1, 0.5, 0.7, 0.3, 0.2, 0.6]
    var indices: [Int32] { (0..<Int32(scores.count)).map { $0 } }

    /// A known rule with a value out of range says the range, not that the rule is unknown.
    @Test func parsingProblemsSayTheAllowedRange() {
        #expect(FilterRule.parsingProblem("quantile:0.25") == nil)
        #expect(FilterRule.parsingProblem("quantile:1.5") == "filter rule quantile:Q takes a number Q from 0 to 1, not '1.5'")
        #expect(FilterRule.parsingProblem("top_k:-1") == "filter rule top_k:K takes a whole number K >= 0, not '-1'")
        #expect(FilterRule.parsingProblem("threshold:nan") == "filter rule threshold:T takes a finite number T, not 'nan'")
        #expect(FilterRule.parsingProblem("top_k") == "filter rule top_k:K takes a whole number K >= 0, not nothing")
        #expect(FilterRule.parsingProblem("best:3") == "unknown filter rule 'best:3': use top_k:K, threshold:T, quantile:Q or none")
    }

    @Test func topKBreaksTiesByLowerIndex() {
        // Ranked: 0.9 (#1), 0.9 (#3), 0.7 (#6), 0.6 (#9), 0.5 (#0), 0.5 (#5), ...
        let kept = FilterRule.topK(5).keptFlags(scores: scores, indices: indices)
        #expect(kept.enumerated().filter(\.element).map(\.offset) == [0, 1, 3, 6, 9])
    }

    @Test func quantileRoundsUpWithoutFloatingPointSurprises() {
        // 0.7 * 10 = 7.000000000000001 in floating point; the rule keeps 7, not 8.
        #expect(FilterRule.quantile(0.7).keptFlags(scores: scores, indices: indices).filter { $0 }.count == 7)
        // 0.25 * 10 = 2.5 -> 3; a tiny fraction still keeps one.
        #expect(FilterRule.quantile(0.25).keptFlags(scores: scores, indices: indices).filter { $0 }.count == 3)
        #expect(FilterRule.quantile(0.01).keptFlags(scores: scores, indices: indices).filter { $0 }.count == 1)
        // Only 9 samples are scored: quantile 1 keeps those 9, never the unscored one.
        let all = FilterRule.quantile(1).keptFlags(scores: scores, indices: indices)
        #expect(all.filter { $0 }.count == 9 && !all[2])
    }

    @Test func thresholdAndNone() {
        let kept = FilterRule.threshold(0.6).keptFlags(scores: scores, indices: indices)
        #expect(kept.enumerated().filter(\.element).map(\.offset) == [1, 3, 6, 9])
        #expect(FilterRule.none.keptFlags(scores: scores, indices: indices).allSatisfy { $0 })
    }

    @Test func parsingAndPrinting() {
        #expect(FilterRule(parsing: "top_k:2") == .topK(2))
        #expect(FilterRule(parsing: "threshold:0.8") == .threshold(0.8))
        #expect(FilterRule(parsing: "quantile:0.25") == .quantile(0.25))
        #expect(FilterRule(parsing: "none") == FilterRule.none)
        #expect(FilterRule(parsing: "top_k") == nil)
        #expect(FilterRule(parsing: "quantile:2") == nil)
        #expect(FilterRule(parsing: "best:1") == nil)
        #expect(FilterRule.threshold(0.8).description == "threshold:0.8")
        #expect(FilterRule(json: .object([("rule", .string("quantile")), ("keep_fraction", .number(0.5))])) == .quantile(0.5))
    }

    @Test func recomputedFiguresUseTheRule() throws {
        let log = lines(
            header(),
            // Logged: nothing kept. Recomputed top_k 1 keeps s1 (0.8 beats 0.4; s2 unscored).
            sample(0, "p", 0, u: 0, score: 0.4, kept: false),
            sample(0, "p", 1, u: 1, score: 0.8, kept: false),
            sample(0, "p", 2, u: 1, score: .some(nil), kept: false))
        let logged = try #require(figures(log).first)
        #expect(logged.kept == 0)
        #expect(logged.coverage == 0)
        let top = try #require(figures(log, rule: .topK(1)).first)
        #expect(top.kept == 1)
        #expect(top.filteredUtility == 1)
        // a = 2/3; relative gap (1 - 2/3) / (1/3) = 1.
        #expect(abs(top.relativeGap! - 1) < 1e-12)
        let none = try #require(figures(log, rule: FilterRule.none).first)
        #expect(none.kept == 3)
        #expect(none.gap == 0)
    }
}
