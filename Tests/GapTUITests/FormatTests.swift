import Testing
@testable import GapTUI

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
