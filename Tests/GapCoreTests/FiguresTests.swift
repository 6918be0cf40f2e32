import Testing
@testable import GapCore

@Suite struct FiguresTests {
    /// Four prompts exercising uncovered prompts, a_x = 1, unknown utility and ties in AUROC.
    let mixed = lines(
        header(),
        // p1: u = 1,0,0; kept s0 and s2. a = 1/3, a' = (1+0)/2 = 1/2, max 1, n 3, c 1.
        sample(0, "p1", 0, u: 1, answer: "a", score: 0.9, kept: true),
        sample(0, "p1", 1, u: 0, answer: "b", score: 0.1, kept: false),
        sample(0, "p1", 2, u: 0, answer: "a", score: 0.9, kept: true),
        // p2: u = 1,1; nothing kept: uncovered, a = a' = 1. n 2, c 2.
        sample(0, "p2", 0, correct: true, answer: "x", score: 0.5, kept: false),
        sample(0, "p2", 1, correct: true),
        // p3: u = 0,0 and one unknown that is kept: no known kept sample, so uncovered, a = a' = 0.
        sample(0, "p3", 0, u: 0, answer: "1", score: .some(nil), kept: false),
        sample(0, "p3", 1, u: 0, answer: "2", score: 0.5),
        sample(0, "p3", 2, answer: "3", kept: true),
        // p4: only an unknown utility: out of every per-prompt mean, still counted.
        sample(0, "p4", 0, kept: true))

    @Test func countsAndMeans() throws {
        let f = try #require(figures(mixed).first)
        #expect(f.prompts == 4)
        #expect(f.samples == 9)
        #expect(f.kept == 4)              // p1 two, p3 one, p4 one
        #expect(f.unknownUtility == 2)    // p3 s2, p4 s0
        #expect(f.verified == 5)          // numeric scores: p1 x3, p2 s0, p3 s1
        // J(f) = (1/3 + 1 + 0) / 3 = 4/9; J(f[w]) = (1/2 + 1 + 0) / 3 = 1/2.
        #expect(abs(f.utility! - 4.0 / 9) < 1e-12)
        #expect(abs(f.filteredUtility! - 0.5) < 1e-12)
        #expect(abs(f.gap! - 1.0 / 18) < 1e-12)
        // Relative gap over p1 and p3 (a < 1): ((1/2 - 1/3) / (2/3) + 0) / 2 = 1/8.
        #expect(abs(f.relativeGap! - 0.125) < 1e-12)
        // Oracle (1 + 1 + 0) / 3 = 2/3; efficiency (1/18) / (2/3 - 4/9) = 1/4.
        #expect(abs(f.oracleUtility! - 2.0 / 3) < 1e-12)
        #expect(abs(f.gapEfficiency! - 0.25) < 1e-12)
        #expect(abs(f.keepRate! - 4.0 / 9) < 1e-12)
        // Covered: p1 only, of the three prompts with a known utility.
        #expect(abs(f.coverage! - 1.0 / 3) < 1e-12)
        // Distinct answers: p1 {a,b} 2, p2 {x} 1, p3 {1,2,3} 3, p4 0; over 4 prompts = 1.5.
        #expect(f.distinctAnswers == 1.5)
    }

    @Test func passAtKUsesTheSmallestKnownN() throws {
        let f = try #require(figures(mixed).first)
        // Smallest n with known utility is 2 (p2, p3): k = 1, 2.
        let pass = try #require(f.passAtK)
        #expect(pass.map(\.k) == [1, 2])
        // pass@1 = mean c/n = (1/3 + 1 + 0) / 3 = 4/9.
        #expect(abs(pass[0].value - 4.0 / 9) < 1e-12)
        // pass@2: p1 1 - C(2,2)/C(3,2) = 2/3; p2 1; p3 0 -> 5/9.
        #expect(abs(pass[1].value - 5.0 / 9) < 1e-12)
    }

    @Test func verifierAsAClassifier() throws {
        let f = try #require(figures(mixed).first)
        // No verdicts: accepted = kept. Known samples:
        // p1: s0 correct kept TP, s1 wrong dropped TN, s2 wrong kept FP; p2: two correct dropped FN;
        // p3: s0, s1 wrong dropped TN.
        #expect(f.verifier.truePositives == 1)
        #expect(f.verifier.falsePositives == 1)
        #expect(f.verifier.trueNegatives == 3)
        #expect(f.verifier.falseNegatives == 2)
        #expect(f.verifier.precision == 0.5)
        #expect(abs(f.verifier.recall! - 1.0 / 3) < 1e-12)
        #expect(abs(f.verifier.accuracy! - 4.0 / 7) < 1e-12)
        // Scored known samples: correct {0.9, 0.5}, wrong {0.1, 0.9, 0.5}.
        // 0.9 beats 0.1 (1), ties 0.9 (1/2), beats 0.5 (1); 0.5 beats 0.1 (1), loses to 0.9 (0), ties 0.5 (1/2).
        // (2.5 + 1.5) / 6 = 2/3.
        #expect(abs(f.verifier.auroc! - 2.0 / 3) < 1e-12)
    }

    @Test func verdictDecidesAcceptanceOverKept() throws {
        let log = lines(
            header(),
            sample(0, "p", 0, u: 1, score: 0.2, verdict: "reject", kept: true),   // FN despite kept
            sample(0, "p", 1, u: 0, score: 0.8, verdict: "accept", kept: false),  // FP despite dropped
            sample(0, "p", 2, u: 0, score: 0.1, verdict: "maybe", kept: true))    // a verdict, not accept: TN
        let f = try #require(figures(log).first)
        #expect(f.verifier.truePositives == 0)
        #expect(f.verifier.falsePositives == 1)
        #expect(f.verifier.trueNegatives == 1)
        #expect(f.verifier.falseNegatives == 1)
        #expect(f.verifier.precision == 0)
        #expect(f.verifier.recall == 0)
        // Correct {0.2} against wrong {0.8, 0.1}: 1 of 2.
        #expect(f.verifier.auroc == 0.5)
    }

    @Test func allPromptsSolvedHasNoRelativeGap() throws {
        let log = lines(header(), sample(0, "p", 0, u: 1, kept: true), sample(0, "p", 1, u: 1))
        let f = try #require(figures(log).first)
        #expect(f.utility == 1)
        #expect(f.relativeGap == nil)
        #expect(f.gapEfficiency == nil)   // oracle - utility = 0
        #expect(f.ci.relativeGap == nil)
        #expect(f.verifier.auroc == nil)  // no wrong sample
    }

    @Test func realValuedUtility() throws {
        let log = lines(
            header(utility: "real"),
            // p1: u 0.2, 0.6 kept -> a 0.4, a' 0.6, max 0.6; relative (0.6-0.4)/0.6 = 1/3.
            sample(0, "p1", 0, u: 0.2, score: 0.1, kept: false),
            sample(0, "p1", 1, u: 0.6, score: 0.7, kept: true),
            // p2: u 1.0, 0.5 kept -> a 0.75, a' 0.5, max 1; relative (0.5-0.75)/0.25 = -1.
            sample(0, "p2", 0, u: 1, score: 0.2, kept: false),
            sample(0, "p2", 1, u: 0.5, score: 0.9, kept: true))
        let f = try #require(figures(log).first)
        #expect(abs(f.utility! - 0.575) < 1e-12)
        #expect(abs(f.filteredUtility! - 0.55) < 1e-12)
        #expect(abs(f.relativeGap! - (1.0 / 3 - 1) / 2) < 1e-12)
        #expect(abs(f.oracleUtility! - 0.8) < 1e-12)
        #expect(f.passAtK == nil)
        #expect(f.verifier == VerifierFigures())
    }

    @Test func roundsAreSeparateAndSorted() {
        let log = lines(
            header(),
            sample(1, "p", 0, u: 0, kept: true), sample(1, "p", 1, u: 1),
            #"{"type":"round","round":2,"stage":"generate","expected_prompts":10}"#,
            sample(0, "p", 0, u: 1, kept: true), sample(0, "p", 1, u: 1),
            #"{"type":"round","round":0,"stage":"done","metrics":{"train_loss":0.41,"note":"x"}}"#)
        let all = figures(log)
        #expect(all.map(\.round) == [0, 1, 2])
        #expect(all[0].stage == "done")
        #expect(all[0].reportedMetrics == [ReportedMetric(name: "train_loss", value: 0.41)])
        #expect(all[1].utility == 0.5)
        #expect(all[1].filteredUtility == 0)
        #expect(all[1].relativeGap == -1)
        #expect(all[2].prompts == 0)
        #expect(all[2].expectedPrompts == 10)
        #expect(all[2].utility == nil)
        #expect(all[2].keepRate == nil)
    }

    /// A round's records add up their metrics: a stage's numbers stay beside a
    /// later stage's; a name logged again, or twice in one object, takes its last value.
    @Test func reportedMetricsGatherOverTheRoundsRecords() {
        let log = lines(
            header(),
            #"{"type":"round","round":0,"stage":"filter","metrics":{"kept_samples":4,"loss":0.9}}"#,
            sample(0, "p", 0, u: 1, kept: true),
            #"{"type":"round","round":0,"stage":"train","metrics":null}"#,
            #"{"type":"round","round":0,"stage":"done","metrics":{"loss":0.5,"epochs":2,"epochs":3}}"#)
        #expect(figures(log)[0].reportedMetrics == [
            ReportedMetric(name: "kept_samples", value: 4), ReportedMetric(name: "loss", value: 0.5),
            ReportedMetric(name: "epochs", value: 3),
        ])
    }

    @Test func bootstrapIsReproducibleAndContainsTheEstimate() throws {
        var text = header() + "\n"
        for p in 0..<60 {
            for s in 0..<4 {
                let u = (p * 7 + s * 3) % 5 < 2 ? 1.0 : 0.0
                text += sample(0, "p\(p)", s, u: u, score: Double((p + s) % 10) / 10, kept: s == p % 4) + "\n"
            }
        }
        let a = try #require(figures(text).first)
        let b = try #require(figures(text).first)
        #expect(a.ci == b.ci)
        for (estimate, interval) in [(a.utility, a.ci.utility), (a.filteredUtility, a.ci.filteredUtility),
                                     (a.gap, a.ci.gap), (a.relativeGap, a.ci.relativeGap)] {
            let value = try #require(estimate)
            let ci = try #require(interval)
            #expect(ci.lower <= value && value <= ci.upper)
            #expect(ci.upper > ci.lower)
        }
        // The standard error of a mean of 60 prompt accuracies in [0,1] is at most 0.5/sqrt(60) ~ 0.065;
        // a 95% interval is about 4 standard errors wide, so under 0.3 here and well above 0.
        let width = a.ci.utility!.upper - a.ci.utility!.lower
        #expect(width > 0.05 && width < 0.3)
    }
}
