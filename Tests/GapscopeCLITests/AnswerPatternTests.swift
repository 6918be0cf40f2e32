import Foundation
import Testing

@Suite struct AnswerPatternTests {
    /// A regular expression that does not compile is a usage error in every
    /// command that takes --answer-pattern, before any log is read.
    @Test func anInvalidAnswerPatternIsAUsageError() throws {
        let dir = try CLI.temporaryDirectory()
        let out = dir.appendingPathComponent("out").path
        let commands = [
            ["summary", "sample-runs"], ["summary", "--json", "sample-runs"], ["validate", "sample-runs"],
            ["convert", dir.path, "--out", out], ["explore", "sample-runs"],
        ]
        for command in commands {
            let r = try CLI.run(command + ["--answer-pattern", "("])
            #expect(r.status == 64, "\(command): \(r.stderr)")
            #expect(r.stdout == "", "\(command)")
            #expect(r.stderr.contains(#"--answer-pattern "(" is not a valid regular expression: "#), "\(command): \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out))
        let valid = try CLI.run(["summary", "--answer-pattern", "#### (-?[0-9]+)", "sample-runs/threshold"])
        #expect(valid.status == 0, "\(valid.stderr)")
    }
}
