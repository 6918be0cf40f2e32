import Foundation
import Testing

/// `summary` prints names and stages from the log: nothing in them may steer the terminal.
@Suite struct SummaryHostileTextTests {
    @Test func controlSequencesInTheLogArePrintedVisibly() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = #"""
            {"type":"run","schema":"gapscope/run-log@1","run_id":"run\u001b]0;pwned\u0007","title":"T\u001b[2J","model":{"name":"M\u202eX","family":"F\u009b1m","pretrain_flops":1e22},"verification":{"method":"cot\u007f"},"filter":{"rule":"top_k","k":1}}
            {"type":"round","round":0,"stage":"st\u001b[31mage"}
            {"type":"sample","round":0,"prompt_id":"p","sample":0,"correct":true,"verification":{"score":0.9},"kept":true}
            {"type":"sample","round":0,"prompt_id":"p","sample":1,"correct":false,"verification":{"score":0.1},"kept":false}

            """#
        let path = dir.appendingPathComponent("events.jsonl").path
        try log.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try CLI.run(["summary", path])
        #expect(result.status == 0)
        let out = result.stdout
        #expect(!out.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E },
                "raw control characters in:\n\(out)")
        for shown in ["run^[]0;pwned^G", "T^[[2J", "M<U+202E>X", "verify cot^?", "st^[[31mage", "F<U+009B>1m"] {
            #expect(out.contains(shown), "\(shown) in:\n\(out)")
        }
    }

    /// `validate` and `convert` print one line per problem, and a file name or
    /// a foreign log's text with control characters in it cannot split the line
    /// or steer the terminal; the CSV keeps the text as logged in a pipe.
    @Test func reportsAreOneSafeLineEach() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let name = "bad\u{1B}]0;pwned\u{07}\nx.jsonl"
        let path = dir.appendingPathComponent(name).path
        try #"""
            {"type":"run","schema":"gapscope/run-log@1","run_id":"r\u001b[2J"}
            {"type":"sample","round":0,"prompt_id":"p","sample":"one"}
            {"type":"sample","round":0,"prompt_id":"p","sample":0,"utility":1}

            """#.write(toFile: path, atomically: true, encoding: .utf8)
        func isSafe(_ text: String) -> Bool {
            !text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) }
        }
        let validate = try CLI.run(["validate", path])
        #expect(validate.status == 1)
        #expect(isSafe(validate.stdout) && isSafe(validate.stderr), "\(validate.stdout)\(validate.stderr)")
        let lines = validate.stdout.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains("bad^[]0;pwned^G^Jx.jsonl:2: "), "\(validate.stdout)")

        // Piped, the CSV holds the run id as logged, quoted only where RFC 4180 asks.
        let csv = try CLI.run(["summary", "--csv", path])
        #expect(csv.stdout.contains("\nr\u{1B}[2J,"), "\(csv.stdout)")
        #expect(csv.stdout.contains("\"\(path)\""), "the path, with its newline, is quoted")
    }
}
