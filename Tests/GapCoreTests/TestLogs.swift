@testable import GapCore

/// Reads run-log text the way the file reader does, without touching disk.
func readLog(_ text: String, path: String = "test.jsonl") -> RunData {
    var data = RunData(path: path)
    data.apply(BatchParser.parse(Array(text.utf8)))
    return data
}

func figures(_ text: String, rule: FilterRule? = nil) -> [RoundFigures] {
    Figures.all(readLog(text), options: FigureOptions(rule: rule))
}

/// A header line with binary (default) or real utility.
func header(_ id: String = "r", utility: String = "binary", family: String? = nil, flops: Double? = nil) -> String {
    var model = #""name":"m""#
    if let family { model += #","family":"\#(family)""# }
    if let flops { model += #","pretrain_flops":\#(flops)"# }
    return #"{"type":"run","schema":"gapscope/run-log@1","run_id":"\#(id)","model":{\#(model)},"task":{"utility":"\#(utility)"},"filter":{"rule":"top_k","k":1}}"#
}

/// A sample line; nil arguments are left out.
func sample(_ round: Int = 0, _ prompt: String, _ index: Int, u: Double? = nil, correct: Bool? = nil,
            answer: String? = nil, score: Double?? = .none, verdict: String? = nil, kept: Bool? = nil) -> String {
    var fields = [#""type":"sample""#, #""round":\#(round)"#, #""prompt_id":"\#(prompt)""#, #""sample":\#(index)"#]
    if let u { fields.append(#""utility":\#(u)"#) }
    if let correct { fields.append(#""correct":\#(correct)"#) }
    if let answer { fields.append(#""answer":"\#(answer)""#) }
    if case let .some(s) = score {
        var v = [s.map { #""score":\#($0)"# } ?? #""score":null"#]
        if let verdict { v.append(#""verdict":"\#(verdict)""#) }
        fields.append(#""verification":{\#(v.joined(separator: ","))}"#)
    }
    if let kept { fields.append(#""kept":\#(kept)"#) }
    return "{" + fields.joined(separator: ",") + "}"
}

func lines(_ items: String...) -> String { items.joined(separator: "\n") + "\n" }
