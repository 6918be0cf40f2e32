import Testing
@testable import GapTUI

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

/// A legend too long for its line shows whole entries and how many it left out.
@Suite struct ChartLegendTests {
    @Test func aLongLegendEndsWithHowManyAreLeftOut() {
        let legend = (1...5).map { ChartFrame.LegendEntry(name: "run-\($0)", symbol: "━", role: .series(0)) }
        func text(_ room: Int) -> String {
            ChartFrame.legendSpans(legend, room: room, charset: .unicode).map(\.text).joined()
        }
        #expect(text(80) == "━ run-1  ━ run-2  ━ run-3  ━ run-4  ━ run-5")
        #expect(text(30) == "━ run-1  ━ run-2  ━ run-3  +2")
        #expect(text(11) == "━ run-1  +4")
        #expect(text(5) == text(80), "too narrow for one entry: cut at the edge as before")
    }
}
