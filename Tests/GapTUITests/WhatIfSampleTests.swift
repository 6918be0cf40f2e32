import Testing
import GapCore
@testable import GapTUI

/// A what-if rule applied on the Sample screen changes that sample's decision too.
@Suite struct WhatIfSampleTests {
    @Test func theOpenSampleFollowsTheRule() throws {
        var state = try ExplorerFixture.state()
        // tiny-7b, round 0, q1 #1: score 0.7, dropped by the pipeline.
        state.press("j{Enter}{Enter}j{Enter}")
        #expect(state.detail?.promptID == "q1" && state.detail?.sampleIndex == 1)
        #expect(state.detail?.kept == false)
        state.press("jj")
        let scroll = state.detailScroll

        state.press("f{Right}{Right}{Up}{Enter}") // threshold 0.55
        #expect(state.whatIf != nil)
        #expect(state.detail?.kept == true)
        #expect(state.detailScroll == scroll, "the text stays where it was")
        state.press("gg")
        #expect(state.screenText.contains("KEPT by what-if threshold:0.55"))

        // Back to the logged decisions.
        state.press(":logged{Enter}")
        #expect(state.detail?.kept == false)
        #expect(state.screenText.contains("DROPPED by inline kept flag"))
    }
}
