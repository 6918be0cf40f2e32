/// Malformed lines for the run that shows error reporting: each breaks one
/// rule of the run log format, so a reader must report it with its line
/// number and reason, skip it and keep going.
enum BadLines {
    /// Why each line of `make` is bad, in the same order (nil: the line is
    /// valid but unusual, and must not be reported).
    static let reasons: [String?] = [
        "invalid JSON: line cut off inside a string",
        "\"round\" is a string",
        "\"prompt_id\" is a number",
        "\"sample\" is not an integer",
        "\"utility\" above 1",
        "\"utility\" below 0",
        "\"score\" is a string",
        "\"kept\" of a filter record is not an array",
        "not a JSON object",
        "no \"type\"",
        "\"round\" is negative",
        "\"round\" is a boolean",
        "inline \"kept\" is a string",
        "\"verdict\" is a number",
        "\"verification\" is not an object",
        "\"correct\" is a string",
        "invalid JSON: NaN is not a JSON number",
        nil, // an unknown record type, which readers ignore
    ]

    static func make(spec: SimulationSpec, promptIDs: [String]) -> [[UInt8]] {
        func id(_ k: Int) -> String { promptIDs.isEmpty ? "none/0000" : promptIDs[k % promptIDs.count] }
        let n = max(1, spec.samplesPerPrompt)
        let s = { (k: Int) in k % n }
        let lines: [String] = [
            #"{"type":"sample","round":0,"prompt_id":"\#(id(3))","sample":\#(s(2)),"response":"Step 1: The bakery bakes 12 * 24 = 288 muf"#,
            #"{"type":"sample","round":"0","prompt_id":"\#(id(4))","sample":\#(s(1)),"response":"The answer is 7.","answer":"7","correct":false}"#,
            #"{"type":"sample","round":0,"prompt_id":17,"sample":0,"response":"The answer is 17.","answer":"17","correct":true}"#,
            #"{"type":"sample","round":0,"prompt_id":"\#(id(5))","sample":1.5,"response":"The answer is 3.","answer":"3","correct":false}"#,
            #"{"type":"sample","round":0,"prompt_id":"\#(id(6))","sample":\#(s(3)),"response":"The answer is 12.","answer":"12","utility":1.7}"#,
            #"{"type":"sample","round":0,"prompt_id":"\#(id(7))","sample":\#(s(2)),"response":"The answer is 40.","answer":"40","utility":-0.2}"#,
            #"{"type":"verify","round":0,"prompt_id":"\#(id(2))","sample":\#(s(1)),"score":"high","rationale":"Looks fine to me."}"#,
            #"{"type":"filter","round":0,"prompt_id":"\#(id(2))","kept":"0,2","reason":"top_k k=1"}"#,
            #"[1,2,3]"#,
            #"{"round":0,"prompt_id":"\#(id(8))","sample":0,"response":"The answer is 5."}"#,
            #"{"type":"round","round":-1,"stage":"generate","at":"2026-11-02T09:00:00Z"}"#,
            #"{"type":"sample","round":true,"prompt_id":"\#(id(9))","sample":0,"response":"The answer is 9.","answer":"9","correct":true}"#,
            #"{"type":"sample","round":0,"prompt_id":"\#(id(10))","sample":\#(s(1)),"response":"The answer is 21.","answer":"21","correct":true,"verification":{"score":0.9},"kept":"yes"}"#,
            #"{"type":"verify","round":0,"prompt_id":"\#(id(11))","sample":0,"score":0.5,"verdict":1,"rationale":"Unsure."}"#,
            #"{"type":"sample","round":0,"prompt_id":"\#(id(12))","sample":\#(s(2)),"response":"The answer is 8.","answer":"8","correct":false,"verification":"accept","kept":false}"#,
            #"{"type":"sample","round":0,"prompt_id":"\#(id(13))","sample":\#(s(3)),"response":"The answer is 64.","answer":"64","correct":"true"}"#,
            #"{"type":"verify","round":0,"prompt_id":"\#(id(14))","sample":\#(s(1)),"score":NaN,"rationale":"Score: nan"}"#,
            #"{"type":"checkpoint","round":0,"path":"/checkpoints/round-0","note":"unknown record types are ignored"}"#,
        ]
        assert(lines.count == reasons.count)
        return lines.map { Array($0.utf8) }
    }
}
