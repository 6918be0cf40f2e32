import Testing
@testable import GapCore

@Suite struct SummaryCSVTests {
    /// The CSV for a terminal shows control characters as escapes; for a
    /// file or pipe it keeps the text as logged, quoted where RFC 4180 asks.
    @Test func textIsKeptOrMadeSafeForATerminal() {
        var data = RunData(path: "runs/a,b.jsonl")
        let log = #"""
            {"type":"run","schema":"gapscope/run-log@1","run_id":"r\u001b[2J\"q\""}
            {"type":"round","round":0,"stage":"st\nage"}
            {"type":"sample","round":0,"prompt_id":"p","sample":0,"utility":1}

            """#
        data.apply(BatchParser.parse(Array(log.utf8)))
        let summary = RunSummary(data: data, options: FigureOptions(bootstrapResamples: 0))
        let raw = SummaryText.csv([summary]).split(separator: "\n", maxSplits: 1)[1]
        #expect(raw.hasPrefix("\"r\u{1B}[2J\"\"q\"\"\",\"runs/a,b.jsonl\",live,0,\"st\nage\","))
        let safe = SummaryText.csv([summary], terminalSafe: true).split(separator: "\n")
        #expect(safe.count == 2)
        #expect(safe[1].hasPrefix("\"r^[[2J\"\"q\"\"\",\"runs/a,b.jsonl\",live,0,st^Jage,"))
    }
}
