import Testing
@testable import GapCore

@Suite struct StatisticsTests {
    @Test func passAtKMatchesBinomials() {
        // 1 - C(3,2)/C(5,2) = 1 - 3/10.
        #expect(abs(Statistics.passAtK(n: 5, c: 2, k: 2) - 0.7) < 1e-12)
        // 1 - C(9,4)/C(10,4) = 1 - 126/210.
        #expect(abs(Statistics.passAtK(n: 10, c: 1, k: 4) - 0.4) < 1e-12)
        // 1 - C(12,8)/C(16,8) = 1 - 495/12870.
        #expect(abs(Statistics.passAtK(n: 16, c: 4, k: 8) - (1 - 495.0 / 12870)) < 1e-12)
        #expect(Statistics.passAtK(n: 4, c: 0, k: 4) == 0)
        #expect(Statistics.passAtK(n: 3, c: 3, k: 1) == 1)
        #expect(Statistics.passAtK(n: 8, c: 6, k: 4) == 1)  // n - c < k
    }

    @Test func passAtKValues() {
        #expect(Statistics.passAtKValues(upTo: 1) == [1])
        #expect(Statistics.passAtKValues(upTo: 8) == [1, 2, 4, 8])
        #expect(Statistics.passAtKValues(upTo: 6) == [1, 2, 4, 6])
        #expect(Statistics.passAtKValues(upTo: 0) == [])
    }

    @Test func aurocWithTies() {
        #expect(Statistics.auroc(scores: [1, 1, 1, 1], positive: [true, false, true, false]) == 0.5)
        #expect(Statistics.auroc(scores: [0.9, 0.1], positive: [true, false]) == 1)
        #expect(Statistics.auroc(scores: [0.9, 0.1], positive: [false, true]) == 0)
        #expect(Statistics.auroc(scores: [0.5], positive: [true]) == nil)
        // Positives {3, 2}, negatives {2, 1}: pairs 1 + 1 + 0.5 + 1 = 3.5 of 4.
        #expect(Statistics.auroc(scores: [3, 2, 2, 1], positive: [true, true, false, false]) == 0.875)
    }

    @Test func leastSquares() throws {
        let fit = try #require(Statistics.leastSquares(x: [21, 22, 23, 24], y: [-0.1, 0.0, 0.1, 0.2]))
        #expect(abs(fit.slope - 0.1) < 1e-12)
        #expect(abs(fit.intercept - -2.2) < 1e-9)
        #expect(abs(fit.r2! - 1) < 1e-12)
        #expect(Statistics.leastSquares(x: [1, 1], y: [0, 1]) == nil)
        // Gaps equal but for rounding do not vary: no R^2 from the noise.
        let flat = try #require(Statistics.leastSquares(x: [22, 22.477], y: [-0.125, -0.12500000000000003]))
        #expect(flat.r2 == nil)
        #expect(abs(flat.slope) < 1e-12)
        let noisy = try #require(Statistics.leastSquares(x: [1, 2, 3], y: [0.5, 0.7, 0.6]))
        #expect(abs(noisy.r2! - 0.25) < 1e-12)
    }

    @Test func scalingFitsPerFamily() {
        func round0(_ text: String) -> (RunHeader?, RoundFigures?) {
            let data = readLog(text)
            return (data.header, Figures.all(data).first)
        }
        // Relative gaps: small run 0 (nothing kept beats a = 1/2... kept the wrong one: -1), big run +1.
        let small = lines(header("s", family: "F", flops: 1e21), sample(0, "p", 0, u: 0, kept: true), sample(0, "p", 1, u: 1))
        let big = lines(header("b", family: "F", flops: 1e23), sample(0, "p", 0, u: 0), sample(0, "p", 1, u: 1, kept: true))
        let other = lines(header("o", family: "G", flops: 1e22), sample(0, "p", 0, u: 0), sample(0, "p", 1, u: 1, kept: true))
        let fits = ScalingFit.fits([round0(small), round0(big), round0(other)].map { (header: $0.0, round0: $0.1) })
        #expect(fits.map(\.family) == ["F", "G"])
        #expect(fits[0].points.map(\.relativeGap) == [-1, 1])
        #expect(abs(fits[0].slope! - 1) < 1e-12)   // from -1 at 21 to +1 at 23
        #expect(abs(fits[0].intercept! - -22) < 1e-9)
        #expect(fits[1].slope == nil)
    }

    /// `1e999` overflows a `Double`: the header reads it as absent, and the
    /// run stays out of the fit instead of making it a point at infinity.
    @Test func overflowingFlopsAreLeftOutOfTheFit() {
        func round0(_ text: String) -> (header: RunHeader?, round0: RoundFigures?) {
            let data = readLog(text)
            return (data.header, Figures.all(data).first)
        }
        let small = lines(header("s", family: "F", flops: 1e21), sample(0, "p", 0, u: 0, kept: true), sample(0, "p", 1, u: 1))
        let big = lines(header("b", family: "F", flops: 1e23), sample(0, "p", 0, u: 0), sample(0, "p", 1, u: 1, kept: true))
        let huge = lines(
            header("h", family: "F").replacingOccurrences(of: #""name":"m""#, with: #""name":"m","pretrain_flops":1e999,"params":-1e999"#),
            sample(0, "p", 0, u: 0), sample(0, "p", 1, u: 1, kept: true))
        let parsed = round0(huge)
        #expect(parsed.header?.pretrainFlops == nil)
        #expect(parsed.header?.params == nil)
        let fits = ScalingFit.fits([round0(small), round0(big), parsed])
        #expect(fits.count == 1)
        #expect(fits[0].points.map(\.runID) == ["s", "b"])
        #expect(abs(fits[0].slope! - 1) < 1e-12)
    }
}
