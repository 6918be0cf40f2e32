import Foundation
import GapCore
@testable import GapTUI

/// Two small runs written for the explorer's tests, so screens can be
/// compared with golden text that only changes when the drawing does.
enum ExplorerFixture {
    static let runA = """
        {"type":"run","schema":"gapscope/run-log@1","run_id":"tiny-7b","title":"Tiny 7B","model":{"name":"Tiny-7B","family":"Tiny","pretrain_flops":1e23},"task":{"name":"gsm8k","utility":"binary"},"verification":{"method":"cot-score"},"filter":{"rule":"top_k","k":1}}
        {"type":"prompt","prompt_id":"q1","text":"Natalia sold 48 clips in April and half as many in May. How many in all?","reference":"72"}
        {"type":"round","round":0,"stage":"done","metrics":{"train_loss":0.41}}
        {"type":"sample","round":0,"prompt_id":"q1","sample":0,"response":"48 + 24 = 72. The answer is 72.","answer":"72","correct":true,"verification":{"score":0.9,"verdict":"accept","rationale":"Both steps check out. Score: 9"},"kept":true}
        {"type":"sample","round":0,"prompt_id":"q1","sample":1,"response":"48 + 48 = 96. The answer is 96.","answer":"96","correct":false,"verification":{"score":0.7,"verdict":"accept","rationale":"Looks fine. Score: 7"},"kept":false}
        {"type":"sample","round":0,"prompt_id":"q2","sample":0,"response":"\\u001b[31mred\\u001b[0m 5","answer":"5","correct":false,"verification":{"score":0.8},"kept":true}
        {"type":"sample","round":0,"prompt_id":"q2","sample":1,"response":"The answer is 6.","answer":"6","correct":true,"verification":{"score":null},"kept":false}
        {"type":"sample","round":1,"prompt_id":"q1","sample":0,"answer":"72","correct":true,"verification":{"score":0.6},"kept":true}
        {"type":"sample","round":1,"prompt_id":"q1","sample":1,"answer":"72","correct":true,"verification":{"score":0.5},"kept":false}
        {"type":"sample","round":1,"prompt_id":"q2","sample":0,"answer":"6","correct":true,"verification":{"score":0.4},"kept":true}
        {"type":"sample","round":1,"prompt_id":"q2","sample":1,"answer":"5","correct":false,"verification":{"score":0.3},"kept":false}
        {"type":"round","round":1,"stage":"done","metrics":{"train_loss":0.38}}
        {"type":"run_end","status":"completed"}

        """

    static let runB = """
        {"type":"run","schema":"gapscope/run-log@1","run_id":"tiny-70b","model":{"name":"Tiny-70B","family":"Tiny","pretrain_flops":1e24},"task":{"name":"gsm8k"},"verification":{"method":"mc"},"filter":{"rule":"top_k","k":1}}
        {"type":"round","round":0,"stage":"verify","expected_prompts":4}
        {"type":"sample","round":0,"prompt_id":"q1","sample":0,"answer":"72","correct":true,"verification":{"score":0.9},"kept":true}
        {"type":"sample","round":0,"prompt_id":"q1","sample":1,"answer":"70","correct":false,"verification":{"score":0.2},"kept":false}
        not json

        """

    /// A run with `rounds` rounds and `samples` samples in round 0 (one in every other round),
    /// for lists longer than the screen.
    static func longRun(rounds: Int, samples: Int) -> String {
        var lines = [#"{"type":"run","schema":"gapscope/run-log@1","run_id":"long","model":{"name":"Long"},"task":{"name":"gsm8k"},"verification":{"method":"cot-score"},"filter":{"rule":"top_k","k":1}}"#]
        for round in 0..<rounds {
            for sample in 0..<(round == 0 ? samples : 1) {
                lines.append(#"{"type":"sample","round":\#(round),"prompt_id":"p\#(sample)","sample":0,"answer":"1","correct":true,"verification":{"score":0.5},"kept":true}"#)
            }
            lines.append(#"{"type":"round","round":\#(round),"stage":"done"}"#)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The fixture written to a fresh directory: `a/events.jsonl`, `b/events.jsonl` and so on.
    static func directory(runs: [String] = [runA, runB]) throws -> String {
        let dir = TestDirectory.root.appendingPathComponent("gapscope-explorer-\(UUID().uuidString)")
        for (i, text) in runs.enumerated() {
            let sub = dir.appendingPathComponent(String(UnicodeScalar(UInt8(97 + i))))
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            try text.write(to: sub.appendingPathComponent("events.jsonl"), atomically: true, encoding: .utf8)
        }
        return dir.path
    }

    /// A state holding both runs, as the feed would deliver them.
    static func state(width: Int = 80, height: Int = 24, charset: Charset = .unicode,
                      runs: [String] = [runA, runB]) throws -> ExplorerState {
        var state = ExplorerState(width: width, height: height, charset: charset, themes: [Theme.default, Theme.mono])
        let found = RunLogFinder.find([try directory(runs: runs)])
        var messages: [RunFeed.Message] = [.discovered(found.files, errors: [])]
        for file in found.files {
            let data = try LogReader(path: file).read()
            messages.append(.snapshot(RunEntry(data: data, figures: Figures.all(data))))
        }
        state.update(.feed(messages))
        return state
    }
}

extension ExplorerState {
    /// Types keys as a user would: letters as themselves, and named keys in braces (`{Enter}`).
    mutating func press(_ keys: String) {
        var i = keys.startIndex
        while i < keys.endIndex {
            if keys[i] == "{", let close = keys[i...].firstIndex(of: "}") {
                let name = String(keys[keys.index(after: i)..<close])
                let key: Key
                switch name {
                case "Enter": key = .enter
                case "Esc": key = .escape
                case "Tab": key = .tab
                case "Up": key = .up
                case "Down": key = .down
                case "Left": key = .left
                case "Right": key = .right
                case "PgDn": key = .pageDown
                case "PgUp": key = .pageUp
                case "Bksp": key = .backspace
                case "Home": key = .home
                default: key = .ctrl(Character(name.replacingOccurrences(of: "C-", with: "")))
                }
                update(.key(key))
                i = keys.index(after: close)
            } else {
                update(.key(.char(keys[i])))
                i = keys.index(after: i)
            }
        }
    }

    var screenText: String { ExplorerView.render(self).text }
}
