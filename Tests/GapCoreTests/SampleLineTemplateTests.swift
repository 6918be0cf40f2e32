import Testing
@testable import GapCore

/// The sample-line template (the layout of the last sample line, replayed on
/// the next) against reading every line afresh: lines of a few layouts, in
/// runs and interleaved, with values of every kind, valid and not.
@Suite struct SampleLineTemplateTests {
    /// Sample lines of a few layouts (member order, spacing, inline
    /// verification or not), with values drawn from valid and invalid ones.
    static func lines(seed: UInt64, count: Int) -> [String] {
        var rng = SplitMix64(seed: seed)
        func pick<T>(_ xs: [T]) -> T { xs[rng.index(below: xs.count)] }
        let values: [String: [String]] = [
            "type": [#""sample""#, #""sample""#, #""sample""#, #""verify""#, #""s\u0061mple""#, #""samples""#, "1"],
            "round": ["0", "3", "12", "-1", "1.0", #""0""#, "99999999999", "0x"],
            // Ids and answers around 16 bytes, the most read without the
            // string scanner, and with raw control bytes and escapes in that reach.
            "prompt_id": [#""p1""#, #""p22""#, #""p\u00e9""#, #""é""#, "7", #""p\x""#, #""gsm8k/test/0001""#,
                          #""gsm8k/test/00012""#, "\"p\u{1}q\"", #""ab\"cd""#, "\"gsm8k/test/\u{1F}12\""],
            "sample": ["0", "15", "5000000000", "1.5", "null", "-3"],
            "response": [#""plain""#, #""line\nbreak \"quoted\" \\ \/""#, #""\u00e9\ud83d\ude00""#, #""bad \q""#,
                         "\"raw \u{1} control\"", #""unterminated"#, "null", "[1,{\"a\":2}]", "3"],
            "answer": [#""42""#, #""a\u0041""#, "7", "null", #""""#, "{}", "\"4\u{1F}\"", #""12345678901234\\""#],
            // Literals broken in their last bytes, as a word compare may miss.
            "correct": ["true", "false", "null", "1", "tru", "falsy", "nul", "trUe"],
            "utility": ["0", "1", "0.5", "1e-1", "2", "-0", "null", #""0.5""#, "0.1234567890123456789"],
            "kept": ["true", "false", "null", "0", "fals", "falsE", "nulL", "truex"],
            "score": ["0.8", "1", "null", #""0.5""#, "-2.5e3", "1."],
            "verdict": [#""accept""#, #""reject""#, #""unsure""#, #""acc\u0065pt""#, "null", "1"],
            "rationale": [#""fine""#, #""Score: 8/10\n""#, "null", #""bad \x""#],
        ]
        struct Layout {
            var members: [String]
            var inner: [String]?
            var colon: String
            var comma: String
        }
        let bases: [Layout] = (0..<3).map { _ in
            var members = ["type", "round", "prompt_id", "sample", "response", "answer", "correct", "utility", "kept"]
                .filter { ["type", "round", "prompt_id", "sample"].contains($0) || rng.index(below: 4) != 0 }
            members.append("verification")
            members.shuffle(using: &rng)
            if rng.index(below: 6) == 0 { members.append(pick(["round", "kept", "answer", "type"])) }  // written twice
            let inner = rng.index(below: 5) == 0 ? nil : ["score", "verdict", "rationale"].filter { _ in rng.index(below: 4) != 0 }
            return Layout(members: members, inner: inner, colon: pick([":", ":", " : "]), comma: pick([",", ",", " ,\t"]))
        }
        // Each layout beside a near miss: one member name, or the spacing
        // after one value, differs in a single byte, anywhere in the name.
        let layouts: [Layout] = bases.flatMap { base -> [Layout] in
            var near = base
            if rng.index(below: 4) == 0 {
                near.comma = near.comma == "," ? ", " : ","
            } else if var inner = near.inner, !inner.isEmpty, rng.index(below: 3) == 0 {
                let k = rng.index(below: inner.count)
                inner[k] = Self.nearMiss(inner[k], &rng)
                near.inner = inner
            } else {
                let k = rng.index(below: near.members.count)
                near.members[k] = Self.nearMiss(near.members[k], &rng)
            }
            return [base, near]
        }
        var out: [String] = []
        while out.count < count {
            let layout = layouts[2 * rng.index(below: bases.count) + (out.count % 3 == 0 ? 1 : 0)]
            for _ in 0..<(1 + rng.index(below: 10)) {
                var parts: [String] = []
                func drawValue(of member: String) -> String {
                    guard let pool = values[member] else { return "0" }  // a near-miss name: any member
                    // Mostly valid values, so that most lines are samples.
                    return rng.index(below: 10) == 0 ? pick(pool) : pool[0]
                }
                for m in layout.members {
                    let value: String
                    if m == "verification" {
                        if let inner = layout.inner {
                            value = "{" + inner.map { #""\#($0)""# + layout.colon + drawValue(of: $0) }
                                .joined(separator: layout.comma) + "}"
                        } else {
                            value = pick(["null", "null", "[1]"])
                        }
                    } else {
                        value = drawValue(of: m)
                    }
                    parts.append(#""\#(m)""# + layout.colon + value)
                }
                out.append("{" + parts.joined(separator: layout.comma) + "}" + (rng.index(below: 4) == 0 ? pick([" ", "\t", "x", " x", "}", ","]) : ""))
            }
        }
        return out
    }

    /// `name` with one byte changed: another member, or none the scanner knows.
    static func nearMiss(_ name: String, _ rng: inout SplitMix64) -> String {
        var bytes = Array(name.utf8)
        let i = rng.index(below: bytes.count)
        bytes[i] = bytes[i] == 0x5F ? 0x2D : bytes[i] ^ 0x20  // '_' -> '-', else the letter's case
        return String(decoding: bytes, as: UTF8.self)
    }

    func describe(_ f: SampleFields?) -> String {
        guard let f else { return "nil" }
        return "\(f.round) \(f.promptID) \(f.sample) \(f.utility.bitPattern) \(String(describing: f.answer)) "
            + "\(String(describing: f.verification?.score?.bitPattern)) \(String(describing: f.verification?.verdict)) "
            + "\(f.verification == nil) \(String(describing: f.kept))"
    }

    @Test(arguments: 1...12)
    func replayingALayoutReadsWhatReadingAfreshDoes(seed: Int) {
        var template = SampleLineScanner.Template()
        var samples = 0
        for text in Self.lines(seed: UInt64(seed), count: 400) {
            var bytes = Array(text.utf8)
            let (fresh, replayed, general) = bytes.withUnsafeMutableBytes { raw in
                let line = UnsafeRawBufferPointer(raw)
                return (SampleLineScanner.scan(line), template.scan(line), RecordScanner.scanLine(line, 0..<line.count))
            }
            #expect(describe(replayed) == describe(fresh), "\(text)")
            // A sample the one-pass scanner reads, the general scanner reads
            // alike (it may read more: the other gives up on any surprise).
            if fresh != nil {
                samples += 1
                if case let .sample(fields, _) = general {
                    #expect(describe(fields) == describe(fresh), "\(text)")
                } else {
                    Issue.record("not a sample to the general scanner: \(text)")
                }
            }
        }
        // The replay must have run, and the lines must be mostly samples.
        #expect(template.replays > 50)
        #expect(samples > 120)
    }

    @Test func theBenchLayoutIsReplayed() {
        var template = SampleLineScanner.Template()
        let lines = (0..<50).map { i in
            #"{"type":"sample","round":\#(i / 16),"prompt_id":"gsm8k/\#(i / 4)","sample":\#(i % 4),"response":"Step \#(i).\nThe answer is \#(i).","answer":"\#(i)","correct":\#(i % 3 == 0),"verification":{"score":0.\#(i % 10),"rationale":"ok"},"kept":\#(i % 2 == 0)}"#
        }
        for text in lines {
            var bytes = Array(text.utf8)
            let (fresh, replayed) = bytes.withUnsafeMutableBytes { raw in
                let line = UnsafeRawBufferPointer(raw)
                return (SampleLineScanner.scan(line), template.scan(line))
            }
            #expect(fresh != nil)
            #expect(describe(replayed) == describe(fresh))
        }
        #expect(template.replays == 49)
    }
}
