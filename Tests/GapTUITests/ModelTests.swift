import Testing
import GapCore
@testable import GapTUI

@Suite struct ModelTests {
    func run(_ text: String, path: String = "r.jsonl") -> RunData {
        var data = RunData(path: path)
        data.apply(BatchParser.parse(Array(text.utf8)))
        return data
    }

    let log = """
        {"type":"run","schema":"gapscope/run-log@1","run_id":"m","model":{"name":"M"},"task":{"name":"gsm8k"}}
        {"type":"sample","round":0,"prompt_id":"a","sample":0,"utility":1,"verification":{"score":0.9,"verdict":"accept"},"kept":true}
        {"type":"sample","round":0,"prompt_id":"a","sample":1,"utility":0,"verification":{"score":0.8,"verdict":"accept"},"kept":false}
        {"type":"sample","round":0,"prompt_id":"b","sample":0,"utility":1,"verification":{"score":0.1,"verdict":"reject"},"kept":false}
        {"type":"sample","round":0,"prompt_id":"b","sample":1,"utility":0,"verification":{"score":null},"kept":true}
        {"type":"sample","round":0,"prompt_id":"b","sample":2,"verification":{"score":0.5}}

        """

    @Test func loadingPercentIsWholePercentOfTheFileRead() {
        var entry = RunEntry(data: run(log), loading: (done: 2_999, total: 4_000))
        #expect(entry.loadingPercent == 74)
        entry.loading = (done: 0, total: 0) // an empty file, size not yet known
        #expect(entry.loadingPercent == 0)
        entry.loading = nil
        #expect(entry.loadingPercent == nil)
    }

    @Test func quickFiltersAndConfusion() {
        let samples = RoundSamples(run: run(log), round: 0)
        #expect(samples.rows.count == 5)
        // a0 TP, a1 FP (accept, wrong), b0 FN (reject, right), b1 no verdict but kept and wrong: FP; b2 unknown.
        #expect(samples.truePositives == 1)
        #expect(samples.falsePositives == 2)
        #expect(samples.falseNegatives == 1)
        #expect(samples.trueNegatives == 0)
        #expect(samples.select(.falseAccepts) == [1, 3])
        #expect(samples.select(.falseRejects) == [2])
        #expect(samples.select(.kept) == [0, 3])
        #expect(samples.select(.dropped) == [1, 2, 4])
        #expect(samples.select(.unparsed) == [3])
        #expect(samples.select(.siblings, prompt: samples.rows[2].prompt) == [2, 3, 4])
        // By score, unscored last.
        #expect(samples.select(.all, order: .scoreDescending) == [0, 1, 4, 2, 3])
        #expect(samples.select(.all, order: .scoreAscending) == [2, 4, 1, 0, 3])
    }

    @Test func whatIfRuleRecomputesKept() {
        let samples = RoundSamples(run: run(log), round: 0, rule: .topK(1))
        // a: 0.9 beats 0.8; b: 0.5 beats 0.1, b1 unscored.
        #expect(samples.select(.kept) == [0, 4])
    }

    @Test func runListSortsAndFilters() {
        let a = RunEntry(data: run(log, path: "x/a.jsonl"))
        let other = log.replacingOccurrences(of: "\"run_id\":\"m\"", with: "\"run_id\":\"zeta\"")
            .replacingOccurrences(of: "gsm8k", with: "sudoku")
        let b = RunEntry(data: run(other, path: "x/b.jsonl"))
        #expect(RunList.order([a, b], query: "", column: .id, ascending: false) == [1, 0])
        #expect(RunList.order([a, b], query: "SUDO", column: .id, ascending: true) == [1])
        #expect(RunList.order([a, b], query: "", column: .task, ascending: true) == [0, 1])
    }
}
