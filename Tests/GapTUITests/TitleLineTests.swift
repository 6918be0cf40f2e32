import Testing
@testable import GapTUI

/// The title line keeps its last crumb (where you are) and cuts the widest before it.
@Suite struct TitleLineTests {
    @Test func theWidestCrumbBeforeTheLastIsCut() {
        let crumbs = ["gapscope", "runs", "qwen1.5-7b-gsm8k-cot-score-iterative-s303", "round 0"]
        let fitted = TitleLine.fit(crumbs, separator: " › ", width: 60, charset: .unicode)
        #expect(fitted == "gapscope › runs › qwen1.5-7b-gsm8k-cot-score-ite… › round 0")
        #expect(1 + SafeText.displayWidth(fitted) == 60)
        #expect(TitleLine.fit(crumbs, separator: " › ", width: 80, charset: .unicode) == crumbs.joined(separator: " › "))
        // Never below 8 cells: then the line is cut at its end as before.
        #expect(TitleLine.fit(crumbs, separator: " › ", width: 20, charset: .unicode)
            == "gapscope › runs › qwen1.5… › round 0")
    }
}

/// A legend of many runs names what tells them apart.
@Suite struct CompareNamesTests {
    @Test func sharedWordsAtTheStartAndEndAreLeftOut() {
        #expect(CompareScreen.distinctParts(["llama-2-13b-gsm8k-cot-score-s101", "qwen1.5-7b-gsm8k-cot-score-s101"])
            .parts == ["llama-2-13b", "qwen1.5-7b"])
        #expect(CompareScreen.distinctParts(["qwen1.5-7b-gsm8k-mc-s202", "qwen1.5-7b-gsm8k-tournament-s202"])
            .parts == ["mc", "tournament"])
        // Only whole words go: "run-10" and "run-11" share "run-1" but not a word of it.
        #expect(CompareScreen.distinctParts(["run-10", "run-11"]).parts == ["10", "11"])
        #expect(CompareScreen.distinctParts(["a-x", "a-x-y"]).parts == ["x", "x-y"])
        #expect(CompareScreen.distinctParts(["a-", "a-b"]).parts == ["a-", "a-b"], "one would be left empty")
        #expect(CompareScreen.distinctParts(["same", "same"]).parts == ["same", "same"])
        #expect(CompareScreen.distinctParts(["alone-run"]).parts == ["alone-run"])
        let three = CompareScreen.distinctParts(["x-a-y", "x-b-y", "x-c-y"])
        #expect(three.parts == ["a", "b", "c"] && three.prefix == "x-" && three.suffix == "-y")
    }
}

/// A pipeline's own numbers read as it would write them.
@Suite struct MetricFormatTests {
    @Test func wholeNumbersAreIntegersAndTinyOnesScientific() {
        #expect(Format.metric(640) == "640")
        #expect(Format.metric(-2) == "-2")
        #expect(Format.metric(0.57) == "0.570")
        #expect(Format.metric(1e-5) == "1.00e-5")
        #expect(Format.metric(-3.5e-4) == "-3.50e-4")
        #expect(Format.metric(2.5e12) == "2.50e12")
        #expect(Format.metric(nil) == "-")
        #expect(Format.metric(.nan) == "-")
    }
}
