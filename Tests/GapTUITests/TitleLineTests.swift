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
