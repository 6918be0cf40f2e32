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
}
