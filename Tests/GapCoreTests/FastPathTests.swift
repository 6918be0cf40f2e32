import Foundation
import Testing
@testable import GapCore

/// The reader's and the figures' fast paths against straightforward ones, on
/// varied logs: compact sample lines vs one `ScannedRecord` per line, stretched
/// parallel reading vs one piece, the interleaved bootstrap vs one generator
/// (and the bootstrap by counts vs drawing prompts, within Monte Carlo error),
/// the AUROC by counting vs by midranks.
@Suite struct FastPathTests {
    /// A log with both layouts, every kind of bad line, escapes, invalid
    /// UTF-8, CRLF, blank lines, repeated and out-of-order records, long
    /// lines, records broken by a line end inside a value.
    static func variedLog(seed: UInt64, prompts: Int = 40) -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        func pick<T>(_ xs: [T]) -> T { xs[rng.index(below: xs.count)] }
        func chance(_ p: Double) -> Bool { Double(rng.next() >> 11) / Double(1 << 53) < p }
        let pieces = ["plain words ", #"line\nbreak "#, #"tab\t"#, #"quote\"d "#, #"back\\slash "#, #"\u00e9t\u00e9 "#,
                      #"\ud83d\ude00 "#, #"lone \ud800 "#, "é ", "日本 ", #"\/ "#]
        func text(_ n: Int) -> String { (0..<n).map { _ in pick(pieces) }.joined() }
        let numbers = ["0", "1", "0.5", "1.0", "0.25", "1e-1", "-0", "0.1234567890123456789", "2", "-1", "true", "null", #""0.5""#]
        var out: [UInt8] = []
        func line(_ s: String, end: String = "\n") { out += Array(s.utf8) + Array(end.utf8) }
        if chance(0.3) { line(sample(0, "early", 0, u: 1)) }
        line(header("v\(seed)", utility: chance(0.2) ? "real" : "binary"))
        for round in 0..<3 {
            for p in 0..<prompts {
                let pid = pick(["p\(p)", "p\(p)", #"p\u00e9\#(p)"#, "pe\u{301}\(p)", "p\u{e9}\(p)"])
                let count = 1 + rng.index(below: 6)
                for i in chance(0.2) ? Array((0..<count).reversed()) : Array(0..<count) {
                    var fields = [#""type":"sample""#, #""round":\#(round)"#, #""prompt_id":"\#(pid)""#, #""sample":\#(i)"#]
                    if chance(0.9) { fields.append(#""response":"\#(text(rng.index(below: 40)))""#) }
                    if chance(0.5) { fields.append(#""correct":\#(pick(["true", "false", "null", "1"]))"#) }
                    if chance(0.4) { fields.append(#""utility":\#(pick(numbers))"#) }
                    if chance(0.8) { fields.append(#""answer":\#(pick([#""\#(rng.index(below: 5))""#, #""a\u0041""#, #""aA""#, "3", "null"]))"#) }
                    if chance(0.6) {
                        var v: [String] = []
                        if chance(0.9) { v.append(#""score":\#(pick(numbers))"#) }
                        if chance(0.7) { v.append(#""verdict":\#(pick([#""accept""#, #""reject""#, #""unsure""#, #""acc\u0065pt""#, "null", "1"]))"#) }
                        if chance(0.5) { v.append(#""rationale":"\#(text(4))""#) }
                        if chance(0.05) { v.append(#""sc\u006fre":0.75"#) }
                        fields.append(chance(0.95) ? #""verification":{\#(v.joined(separator: ","))}"# : #""verification":[1]"#)
                        if chance(0.03) { fields.append(#""verification":null"#) }
                    }
                    if chance(0.7) { fields.append(#""kept":\#(pick(["true", "false", "null", "0"]))"#) }
                    if chance(0.08) {
                        // A member written twice: the last one counts.
                        fields.append(pick([#""round":\#(round)"#, #""round":"x""#, #""utility":null"#, #""utility":0.5"#,
                                            #""answer":7"#, #""answer":"b""#, #""kept":null"#, #""kept":true"#, #""correct":false"#,
                                            #""prompt_id":"\#(pid)""#, #""sample":\#(i)"#, #""type":"verify""#, #""type":"sample""#]))
                    }
                    fields.shuffle(using: &rng)
                    var record = "{" + fields.joined(separator: ",") + "}"
                    if chance(0.05) {
                        record = record.replacingOccurrences(of: ":", with: " : ").replacingOccurrences(of: ",\"", with: " ,\t\"")
                    }
                    switch rng.index(below: 40) {
                    case 0: record.removeLast()
                    case 1: record += ","
                    case 2: record = " " + record + " \r"
                    case 3: record = "[" + record + "]"
                    case 4: record = record.replacingOccurrences(of: #""round":\#(round)"#, with: #""round":\#(pick(["-1", "1.0", #""0""#, "true", "99999999999"]))"#)
                    case 5: record = record.replacingOccurrences(of: #""sample":\#(i)"#, with: #""sample":\#(pick(["5000000000", "1.5", "null", "70", "-3"]))"#)
                    case 6: record = record.replacingOccurrences(of: "words", with: "wo\u{1}rds")
                    case 7: record = record.replacingOccurrences(of: #"\t"#, with: #"\x"#)
                    case 8: record = record.replacingOccurrences(of: #""type":"sample""#, with: #""type":"s\u0061mple""#)
                    // A line end in the white space of an array or object
                    // value, where a string was: two bad lines.
                    case 9: record = record.replacing(/"response":"(\\.|[^"\\])*"/, with: "\"response\":[1,\n2]")
                    case 10: record = record.replacing(/"answer":("[^"]*"|null|3)/, with: "\"answer\":{\"a\":\n1}")
                    default: break
                    }
                    if rng.index(below: 60) == 0 {
                        out += Array(record.utf8.prefix(record.utf8.count / 2)) + [0xFF, 0xFE] + Array(record.utf8.dropFirst(record.utf8.count / 2)) + [0x0A]
                    } else {
                        line(record)
                    }
                    if chance(0.1) {
                        line(#"{"type":"verify","round":\#(round),"prompt_id":"\#(pid)","sample":\#(rng.index(below: 8)),"score":\#(pick(numbers)),"verdict":\#(pick([#""accept""#, #""reject""#, "null"]))}"#)
                    }
                    if chance(0.03) { line(record) }
                    if chance(0.02) { line(pick(["", "   ", "\r"])) }
                }
                if chance(0.3) {
                    let kept = (0..<rng.index(below: 4)).map { _ in String(rng.index(below: 7)) }.joined(separator: ",")
                    line(#"{"type":"filter","round":\#(round),"prompt_id":"\#(pid)","kept":[\#(kept)]}"#)
                }
                if chance(0.05) { line(#"{"type":"filter","round":\#(round),"prompt_id":"\#(pid)","kept":[1.5]}"#) }
                if chance(0.1) { line(#"{"type":"prompt","prompt_id":"\#(pid)","text":"\#(text(5))"}"#) }
            }
            line(#"{"type":"round","round":\#(round),"stage":"done","metrics":{"loss":0.5,"x":"y"}}"#)
            if chance(0.2) { line(header("again")) }
            if chance(0.2) { line(#"{"type":"telemetry","x":1}"#) }
            if chance(0.3) {
                line(#"{"type":"sample","round":\#(round),"prompt_id":"p0","sample":9,"response":"\#(String(repeating: "x", count: 5000))","correct":true,"kept":true}"#)
            }
        }
        if chance(0.5) { line(#"{"type":"run_end","status":"completed"}"#) }
        if chance(0.3) { line(#"{"type":"sample","round":0,"prompt_id":"p1","sample":0,"correct":tr"#, end: "") }
        return out
    }

    /// Everything `apply` builds, for comparing two readings.
    func expectSame(_ a: RunData, _ b: RunData, _ context: String) {
        #expect(a.badLines == b.badLines, "\(context)")
        #expect(a.linesRead == b.linesRead, "\(context)")
        #expect(a.bytesRead == b.bytesRead, "\(context)")
        #expect(a.incompleteTailBytes == b.incompleteTailBytes, "\(context)")
        #expect(a.status == b.status, "\(context)")
        #expect(a.promptIDs == b.promptIDs, "\(context)")
        #expect(a.promptRecords == b.promptRecords, "\(context)")
        #expect(a.answers == b.answers, "\(context)")
        #expect(a.samples.group == b.samples.group, "\(context)")
        #expect(a.samples.index == b.samples.index, "\(context)")
        #expect(a.samples.utility.map(\.bitPattern) == b.samples.utility.map(\.bitPattern), "\(context)")
        #expect(a.samples.answer == b.samples.answer, "\(context)")
        #expect(a.samples.inlineScore.map(\.bitPattern) == b.samples.inlineScore.map(\.bitPattern), "\(context)")
        #expect(a.samples.inlineVerification == b.samples.inlineVerification, "\(context)")
        #expect(a.samples.inlineKept == b.samples.inlineKept, "\(context)")
        #expect(a.samples.location == b.samples.location, "\(context)")
        #expect(a.groups.round == b.groups.round, "\(context)")
        #expect(a.groups.prompt == b.groups.prompt, "\(context)")
        #expect(a.groups.sampleRows == b.groups.sampleRows, "\(context)")
        #expect(a.groups.filterKept == b.groups.filterKept, "\(context)")
        #expect(a.verifications.score.map(\.bitPattern) == b.verifications.score.map(\.bitPattern), "\(context)")
        #expect(a.roundNumbers == b.roundNumbers, "\(context)")
        for g in 0..<min(a.groups.count, b.groups.count) {
            let x = a.effectiveSamples(ofGroup: g), y = b.effectiveSamples(ofGroup: g)
            #expect(x.map(\.verifyRow) == y.map(\.verifyRow), "\(context) group \(g)")
            #expect(x.map(\.kept) == y.map(\.kept), "\(context) group \(g)")
            #expect(x.map(\.verdict) == y.map(\.verdict), "\(context) group \(g)")
        }
        #expect(Figures.all(a) == Figures.all(b), "\(context)")
        #expect(Figures.all(a, options: FigureOptions(rule: .topK(2))) == Figures.all(b, options: FigureOptions(rule: .topK(2))), "\(context)")
    }

    /// Reads `bytes` as the reader did before batches had compact sample
    /// lines: every line scanned to a `ScannedRecord` and applied in turn.
    func straightforwardReading(_ bytes: [UInt8]) -> RunData {
        var data = RunData(path: "test.jsonl")
        data.apply(bytes.withUnsafeBytes { BatchParser.parse($0, fileOffset: 0, compactSamples: false) })
        return data
    }

    @Test(arguments: 1...40)
    func compactSampleLinesReadAsEveryLineScannedInFull(seed: Int) {
        let bytes = Self.variedLog(seed: UInt64(seed))
        var fast = RunData(path: "test.jsonl")
        fast.apply(BatchParser.parse(bytes))
        let plain = straightforwardReading(bytes)
        #expect(!plain.badLines.isEmpty)
        expectSame(fast, plain, "seed \(seed)")
    }

    /// Sample lines in runs of one layout (which the sample-line template
    /// replays), followed by every kind of line end and by other bytes, some
    /// broken by a line end inside an array or object value where a string
    /// or null was.
    @Test(arguments: 1...8)
    func sampleLinesOfOneLayoutReadAsEveryLineScannedInFull(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &+ 0xE0)
        var bytes = Array((header() + "\n").utf8)
        let ends = ["\n", "\n", "\n", "\r\n", "\r\r\n", " \n", "\n\n", "\r", "x\n", "\r \n"]
        var end = "\n"
        for (k, text) in SampleLineTemplateTests.lines(seed: UInt64(seed), count: 400).enumerated() {
            // A sample of its own per line, so every line's row is compared.
            var line = text.replacing(/"sample":0(?![0-9.eE])/, with: "\"sample\":\(k)")
            switch rng.index(below: 16) {
            case 0: line = line.replacing(/"response":"(\\.|[^"\\])*"/, with: "\"response\":[1,\n2]")
            case 1: line = line.replacing(/"rationale":"(\\.|[^"\\])*"/, with: "\"rationale\":{\"a\":\n1}")
            case 2: line = line.replacing(/"verification":null/, with: "\"verification\":[\n]")
            case 3: line = line.replacing(/"answer":"42"/, with: "\"answer\":[4,\n2]")
            default: break
            }
            // Line ends in runs, so that a layout is learnt with the bytes
            // before one kind and replayed before another.
            if rng.index(below: 3) == 0 { end = ends[rng.index(below: ends.count)] }
            bytes += Array(line.utf8) + Array(end.utf8)
        }
        var fast = RunData(path: "test.jsonl")
        fast.apply(BatchParser.parse(bytes))
        let plain = straightforwardReading(bytes)
        #expect(plain.samples.count > 50)
        #expect(plain.badLines.count > 20)
        expectSame(fast, plain, "seed \(seed)")
    }

    /// A layout learnt from lines whose text ends in a carriage return (the
    /// line end of "\r\r\n" takes the other), then lines of that layout
    /// whose line end is "\r\n": their text has no carriage return left.
    @Test func aCarriageReturnBeforeTheLineEndIsNotTheLayouts() {
        let ends = ["\n", "\r\r\n", "\r\r\n", "\r\r\n", "\r\r\n", "\r\n", "\r\r\n", "\r\r\n", "\r\r\n", "\n", "\r\n"]
        var text = header() + "\n"
        for (k, end) in ends.enumerated() { text += sample(0, "p", k, u: 1, kept: true) + end }
        let bytes = Array(text.utf8)
        var fast = RunData(path: "test.jsonl")
        fast.apply(BatchParser.parse(bytes))
        let plain = straightforwardReading(bytes)
        #expect(plain.samples.count == ends.count)
        expectSame(fast, plain, "carriage returns")
    }

    @Test(arguments: 1...20)
    func figuresFromColumnsEqualFiguresFromJoinedSamples(seed: Int) {
        var data = RunData(path: "test.jsonl")
        data.apply(BatchParser.parse(Self.variedLog(seed: UInt64(seed))))
        for r in Figures.listedRounds(data) {
            #expect(Figures.round(r, of: data) == Figures.round(r, of: data, options: .standard, slowPathOnly: true), "seed \(seed) round \(r)")
        }
    }

    /// Prompts of up to 201 samples, unknown utilities, verifications without
    /// a score: inline figures (distinct answers by bits) against joined
    /// samples (by sorting) and an independent count.
    @Test func figuresOfLargePromptsFromColumnsEqualFiguresFromJoinedSamples() {
        var rng = SplitMix64(seed: 77)
        var text = header() + "\n"
        var distinct: [Int] = []
        for p in 0..<6 {
            var answers = Set<String>()
            for i in 0..<(p * 40 + 1) {
                let u: Double? = rng.index(below: 10) == 0 ? nil : Double(rng.index(below: 2))
                let score: Double?? = rng.index(below: 5) == 0 ? .some(nil) : .some(Double(rng.index(below: 11)) / 10)
                let answer = rng.index(below: 6) == 0 ? nil : "\(rng.index(below: 1 + p * 7))"
                if let answer { answers.insert(answer) }
                text += sample(0, "p\(p)", i, u: u, answer: answer, score: score, kept: rng.index(below: 4) == 0) + "\n"
            }
            distinct.append(answers.count)
        }
        let data = readLog(text)
        #expect(data.samples.count == (0..<6).reduce(0) { $0 + $1 * 40 + 1 })
        let fast = Figures.round(0, of: data)
        #expect(fast == Figures.round(0, of: data, options: .standard, slowPathOnly: true))
        #expect(fast.distinctAnswers == Double(distinct.reduce(0, +)) / 6)
    }

    @Test func compactSampleLinesSplitAcrossBatchesReadTheSame() {
        // Cut a log into batches at every few lines: a batch's strings and
        // caches must not leak into the next one.
        let bytes = Self.variedLog(seed: 99)
        var data = RunData(path: "test.jsonl")
        var start = 0
        var cut = 0
        while start < bytes.count {
            var end = start
            var newlines = 0
            while end < bytes.count, newlines < 1 + cut % 7 {
                if bytes[end] == 0x0A { newlines += 1 }
                end += 1
            }
            if newlines == 0 { break }
            data.apply(bytes[start..<end].withUnsafeBytes { BatchParser.parse($0, fileOffset: Int64(start)) })
            start = end
            cut += 1
        }
        var tail = RecordBatch()
        tail.endOffset = Int64(start)
        tail.incompleteTailBytes = bytes.count - start
        data.apply(tail)
        expectSame(data, straightforwardReading(bytes), "batches")
    }

    @Test(arguments: [(1, 2), (7, 2), (64, 3), (333, 2), (4096, 2), (1 << 20, 2), (200, 1)])
    func stretchedParallelReadingOfVariedLogs(stretch: Int, parallelism: Int) throws {
        for seed in [3, 17] as [UInt64] {
            let bytes = Self.variedLog(seed: seed, prompts: 12)
            let dir = TestDirectory.root.appendingPathComponent("gapscope-fast-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let path = dir.appendingPathComponent("events.jsonl").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            var reference = straightforwardReading(bytes)
            reference.path = "x"
            // Stretches parsed from a mapping of the file, and read into buffers.
            for mapsFile in [true, false] {
                var read = try LogReader(path: path, stretchSize: stretch, parallelism: parallelism, mapsFile: mapsFile).read()
                read.path = "x"
                expectSame(read, reference, "stretch \(stretch) parallelism \(parallelism) seed \(seed) mapped \(mapsFile)")
            }
        }
    }

    @Test func aLineLongerThanManyStretchesAndAnUnfinishedOne() throws {
        let long = sample(0, "p", 0, u: 1, answer: String(repeating: "y", count: 100_000), kept: true)
        let text = lines(header(), long, sample(0, "p", 1, u: 0), long) + String(long.prefix(50_000))
        let dir = TestDirectory.root.appendingPathComponent("gapscope-fast-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("events.jsonl").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        for stretch in [1000, 4096, 65_536] {
            var batches = 0
            var data = RunData(path: path)
            let end = try LogReader(path: path, stretchSize: stretch, parallelism: 3).readBatches(from: 0) { batch, _, _ in
                batches += 1
                data.apply(batch)
            }
            #expect(end == Int64(text.utf8.count - 50_000))
            #expect(data.linesRead == 4)
            #expect(data.samples.count == 2)
            #expect(data.incompleteTailBytes == 50_000)
            #expect(data.badLines.isEmpty)
            #expect(batches <= 5)
        }
    }

    // MARK: Figures

    /// The bootstrap as first written: one generator, one resample after another.
    func bootstrapOneByOne(a: [Double], aKept: [Double], resamples: Int, seed: UInt64) -> [[Double]] {
        let p = a.count
        var rng = SplitMix64(seed: seed)
        var utility: [Double] = [], filtered: [Double] = [], gap: [Double] = [], relative: [Double] = []
        for _ in 0..<resamples {
            var sumA = 0.0, sumK = 0.0, sumRel = 0.0, countRel = 0
            for _ in 0..<p {
                let j = rng.index(below: p)
                sumA += a[j]
                sumK += aKept[j]
                if a[j] < 1 {
                    sumRel += (aKept[j] - a[j]) / (1 - a[j])
                    countRel += 1
                }
            }
            utility.append(sumA / Double(p))
            filtered.append(sumK / Double(p))
            gap.append((sumK - sumA) / Double(p))
            if countRel > 0 { relative.append(sumRel / Double(countRel)) }
        }
        return [utility, filtered, gap, relative].map { $0.sorted() }
    }

    @Test(arguments: [1, 2, 3, 7, 50, 501])
    func interleavedBootstrapEqualsOneResampleAfterAnother(prompts: Int) {
        var rng = SplitMix64(seed: UInt64(prompts))
        let a = (0..<prompts).map { _ in Double(rng.index(below: 9)) / 8 }
        let aKept = a.map { x in x == 1 ? 1 : Double(rng.index(below: 5)) / 4 }
        for resamples in [1, 2, 5, 1000] {
            let seed: UInt64 = 0x6761_7073_636F_7065 &+ UInt64(resamples)
            let ci = Bootstrap.intervals(a: a, aKept: aKept, resamples: resamples, seed: seed, relativeGapDefined: true)
            let ref = bootstrapOneByOne(a: a, aKept: aKept, resamples: resamples, seed: seed)
            func interval(_ sorted: [Double]) -> Interval? {
                sorted.isEmpty ? nil : Interval(
                    lower: Statistics.quantile(sorted: sorted, 0.025), upper: Statistics.quantile(sorted: sorted, 0.975))
            }
            #expect(ci.utility == interval(ref[0]))
            #expect(ci.filteredUtility == interval(ref[1]))
            #expect(ci.gap == interval(ref[2]))
            #expect(ci.relativeGap == interval(ref[3]))
        }
    }

    /// Many prompts over few (a_x, a'_x) pairs: resamples drawn as counts per
    /// pair. Their intervals are those of drawing prompt after prompt, but
    /// for the Monte Carlo error of 4000 resamples (each bound's standard
    /// error is some 2% of the interval's width; the bound here is 15%).
    @Test(arguments: [(2_500, 1), (20_000, 2), (6_000, 3)])
    func bootstrapByCountsAgreesWithDrawingPrompts(prompts: Int, seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        // Binary utility over 16 samples, 4 kept: a skewed mix of pairs, some rare.
        let a = (0..<prompts).map { _ in Double(min(rng.index(below: 17), rng.index(below: 17))) / 16 }
        let aKept = a.map { x in x == 1 ? 1 : min(1, x + Double(rng.index(below: 3)) / 4) }
        #expect(Set(zip(a, aKept).map { "\($0) \($1)" }).count * Bootstrap.countsThreshold <= prompts)
        let resamples = 4000
        let ci = Bootstrap.intervals(a: a, aKept: aKept, resamples: resamples, seed: seed, relativeGapDefined: true)
        let ref = bootstrapOneByOne(a: a, aKept: aKept, resamples: resamples, seed: seed &+ 99)
        for (interval, sorted) in [(ci.utility, ref[0]), (ci.filteredUtility, ref[1]), (ci.gap, ref[2]), (ci.relativeGap, ref[3])] {
            let got = try #require(interval)
            let lower = Statistics.quantile(sorted: sorted, 0.025), upper = Statistics.quantile(sorted: sorted, 0.975)
            let width = upper - lower
            #expect(width > 0)
            #expect(abs(got.lower - lower) < 0.15 * width, "\(got) against \(lower)...\(upper)")
            #expect(abs(got.upper - upper) < 0.15 * width, "\(got) against \(lower)...\(upper)")
        }
    }

    @Test func splitMixJumpsAhead() {
        var one = SplitMix64(seed: 42)
        for _ in 0..<1234 { _ = one.next() }
        var jumped = SplitMix64(seed: 42, skipping: 1234)
        #expect((0..<10).map { _ in one.next() } == (0..<10).map { _ in jumped.next() })
    }

    @Test func aurocByCountingEqualsMidranks() {
        var rng = SplitMix64(seed: 5)
        for trial in 0..<200 {
            let n = 1 + rng.index(below: trial < 100 ? 12 : 400)
            let distinct = 1 + rng.index(below: 30)
            let scores = (0..<n).map { _ in
                let s = Double(rng.index(below: distinct)) / Double(distinct)
                return s == 0 && rng.index(below: 2) == 0 ? -0.0 : s
            }
            let positive = (0..<n).map { _ in rng.index(below: 3) == 0 }
            let reference = Statistics.aurocByRanks(scores: scores, positive: positive)
            #expect(Statistics.auroc(scores: scores, positive: positive) == reference)
            var tally = ScoreTally()
            for (s, p) in zip(scores, positive) { tally.add(s, correct: p) }
            #expect(tally.auroc() == reference)
            // In prompts' batches, as the figures add them: the same counts.
            var batched = ScoreTally()
            var start = 0
            while start < n {
                let end = min(n, start + 1 + rng.index(below: 20))
                scores[start..<end].withUnsafeBufferPointer { s in
                    positive[start..<end].withUnsafeBufferPointer { batched.add(s, correct: $0) }
                }
                start = end
            }
            #expect(batched.auroc() == reference)
        }
    }

    @Test func scoreTallyWithManyDistinctScoresOrANaN() {
        var rng = SplitMix64(seed: 8)
        let n = ScoreTally.maxDistinct * 3
        let scores = (0..<n).map { i in i % 5 == 0 ? 0.5 : Double(rng.next() >> 11) / Double(1 << 53) }
        let positive = scores.map { $0 > 0.4 ? rng.index(below: 4) != 0 : rng.index(below: 4) == 0 }
        var tally = ScoreTally()
        for (s, p) in zip(scores, positive) { tally.add(s, correct: p) }
        #expect(tally.auroc() == Statistics.aurocByRanks(scores: scores, positive: positive))
        // One batch past the table's limit: it gives up the table midway.
        var batched = ScoreTally()
        scores.withUnsafeBufferPointer { s in positive.withUnsafeBufferPointer { batched.add(s, correct: $0) } }
        #expect(batched.auroc() == tally.auroc())

        let withNaN = [0.1, .nan, 0.9, 0.5, 0.5]
        let classes = [false, true, true, false, true]
        var nanTally = ScoreTally()
        for (s, p) in zip(withNaN, classes) { nanTally.add(s, correct: p) }
        // Scores are never NaN in a log (JSON has no NaN); the answer is still a number.
        let nanAUROC = nanTally.auroc()
        #expect(nanAUROC != nil && nanAUROC! >= 0 && nanAUROC! <= 1)
    }
}
