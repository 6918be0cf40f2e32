import CGapScan
import Foundation
import Testing
@testable import GapCore

@Suite struct LogReaderTests {
    func temporaryFile(_ text: String) throws -> String {
        let dir = TestDirectory.root.appendingPathComponent("gapscope-reader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("events.jsonl").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A varied log: both layouts, bad lines, repeated and out-of-order records, a long line.
    func variedLog() -> String {
        var text = header() + "\n"
        for p in 0..<40 {
            for s in 0..<5 {
                let u = (p + s) % 3 == 0 ? 1.0 : 0.0
                if p % 2 == 0 {
                    text += sample(0, "p\(p)", s, u: u, answer: "\(p % 4 + s % 2)", score: Double(s) / 5, kept: s == 4) + "\n"
                } else {
                    text += #"{"type":"verify","round":0,"prompt_id":"p\#(p)","sample":\#(s),"score":\#(Double(p % 5) / 5)}"# + "\n"
                    text += sample(0, "p\(p)", s, u: u, answer: "a") + "\n"
                }
            }
            if p % 2 == 1 { text += #"{"type":"filter","round":0,"prompt_id":"p\#(p)","kept":[\#(p % 5)]}"# + "\n" }
            if p % 7 == 0 { text += "{broken\n" }
            if p % 9 == 0 { text += sample(1, "p\(p)", 0, u: 1, answer: String(repeating: "x", count: 3000), kept: true) + "\n" }
        }
        return text
    }

    @Test func stretchedParallelReadingEqualsReadingInOnePiece() throws {
        let text = variedLog() + #"{"type":"sample","round":0"#
        let path = try temporaryFile(text)
        let reference = readLog(text)
        for stretch in [64, 1000, 1 << 20] {
            for parallelism in [1, 3] {
                for mapsFile in [true, false] {
                    let data = try LogReader(
                        path: path, stretchSize: stretch, parallelism: parallelism, mapsFile: mapsFile).read()
                    #expect(data.badLines == reference.badLines)
                    #expect(data.linesRead == reference.linesRead)
                    #expect(data.incompleteTailBytes == reference.incompleteTailBytes)
                    #expect(Figures.all(data) == Figures.all(reference))
                }
            }
        }
    }

    /// A mapped stretch reaches `mappedOverhang` past its end for its last
    /// line; a stretch whose last line goes on further is read instead.
    @Test func aLineLongerThanTheMappedOverhangIsReadInstead() throws {
        let long = sample(0, "p", 1, u: 1, answer: String(repeating: "w", count: Int(LogReader.mappedOverhang) + 300_000))
        let text = lines(header(), sample(0, "p", 0, u: 0), long, sample(0, "p", 2, u: 1))
        let path = try temporaryFile(text)
        let reference = readLog(text, path: path)
        for stretch in [4096, 65_536] {
            let mapped = try LogReader(path: path, stretchSize: stretch, parallelism: 2, mapsFile: true).read()
            #expect(mapped.badLines.isEmpty)
            #expect(mapped.linesRead == 4)
            #expect(mapped.samples.location == reference.samples.location)
            #expect(Figures.all(mapped) == Figures.all(reference))
        }
    }

    /// The package's SIGBUS handler: a window's page that goes away (the file
    /// cut short) reads as zeros and marks the window; nothing else changes.
    @Test func aMappedWindowThatLosesItsPagesIsMarked() throws {
        let page = Int(gapscan_page_size())
        let path = try temporaryFile(String(repeating: "x", count: 3 * page))
        let fd = open(path, O_RDONLY)
        #expect(fd >= 0)
        defer { close(fd) }
        let before = gapscan_lost_pages()
        let whole = try #require(gapscan_map_window(fd, 0, 3 * page))
        #expect(whole[2 * page] == UInt8(ascii: "x"))
        #expect(gapscan_unmap_window(whole, 3 * page) == 0)
        let window = try #require(gapscan_map_window(fd, 0, 3 * page))
        #expect(truncate(path, off_t(page)) == 0)
        #expect(window[0] == UInt8(ascii: "x"))
        #expect(window[page + 10] == 0, "a page past the new end reads as zeros")
        #expect(window[2 * page] == 0)
        #expect(gapscan_lost_pages() >= before + 2)
        #expect(gapscan_unmap_window(window, 3 * page) == 1)
    }

    /// `summary` and `validate` read a log without the sample locations (the
    /// explorer's way back to a sample's text): the same figures and report,
    /// an empty location column, and a sample's detail without its own line.
    @Test func readingWithoutSampleLocationsGivesTheSameRun() throws {
        let text = lines(
            header(),
            #"{"type":"prompt","prompt_id":"q0","text":"What is 2+2?"}"#,
            #"{"type":"sample","round":0,"prompt_id":"q0","sample":0,"response":"2+2 is 4","answer":"4","utility":1,"verification":{"score":0.9},"kept":true}"#,
            sample(0, "q0", 1, u: 0, answer: "5", score: 0.2, kept: false),
            sample(0, "q0", 1, u: 1, answer: "4", score: 0.8, kept: true),
            #"{"type":"verify","round":0,"prompt_id":"q0","sample":0,"score":0.7,"rationale":"checked"}"#)
            + variedLog().drop(while: { $0 != "\n" }).dropFirst()  // its samples, after this header
        let path = try temporaryFile(text)
        let full = try #require(RunLoader.load(path).first)
        let lean = try #require(RunLoader.load(path, keepingSampleLocations: false).first)
        #expect(full.keepsSampleLocations && !lean.keepsSampleLocations)
        #expect(full.samples.location.count == full.samples.count)
        #expect(lean.samples.location.isEmpty)
        #expect(lean.samples.count == full.samples.count)
        #expect(lean.badLines == full.badLines)
        #expect(Figures.all(lean) == Figures.all(full))
        let document = { (data: RunData) in SummaryJSON.document([RunSummary(data: data)]).encoded() }
        #expect(document(lean) == document(full))

        let first = try #require(full.effectiveSamples(ofGroup: 0).first)
        let withText = full.detail(of: first)
        let withoutText = lean.detail(of: try #require(lean.effectiveSamples(ofGroup: 0).first))
        #expect(withText.response == "2+2 is 4")
        #expect(withoutText.response == nil)
        #expect(withoutText.rationale == "checked")
        #expect(withoutText.promptText == "What is 2+2?")
        #expect(withoutText.promptID == withText.promptID)
        #expect(withoutText.answer == "4")
        // The replaced sample 1 keeps its last line's values either way.
        #expect(lean.effectiveSamples(ofGroup: 0).map(\.utility) == [1, 1])

        let summaries = RunSummary.load([path])
        #expect(summaries.runs.first?.data.keepsSampleLocations == false)
    }

    /// Workers beyond a few wait for the merging thread, each with a buffer.
    @Test func aReaderStartsAWorkerPerCoreUpToEight() {
        #expect(LogReader.parallelism(usableCores: 1) == 1)
        #expect(LogReader.parallelism(usableCores: 2) == 2)
        #expect(LogReader.parallelism(usableCores: 8) == 8)
        #expect(LogReader.parallelism(usableCores: 128) == 8)
        #expect(LogReader.parallelism(usableCores: 0) == 1)
        #expect(LogReader(path: "x").parallelism == min(ProcessorCount.usable, 8))
    }

    /// Big logs in few batches, small ones in small buffers.
    @Test func stretchesGrowWithTheBytesToRead() {
        #expect(LogReader.stretchSize(forBytes: 0) == 512 << 10)
        #expect(LogReader.stretchSize(forBytes: 114_000_000) == 512 << 10)
        #expect(LogReader.stretchSize(forBytes: 256 << 20) == 1 << 20)
        #expect(LogReader.stretchSize(forBytes: 1_140_000_000) == 2 << 20)
        #expect(LogReader.stretchSize(forBytes: 1 << 40) == 2 << 20)
    }

    /// A log truncated while it is read (a run started again over it): the
    /// stretches past its new end read short, and the reading ends there.
    @Test func aLogTruncatedWhileItIsReadEndsAtItsNewEnd() throws {
        var text = header() + "\n"
        for p in 0..<300 {
            text += sample(0, "p\(p)", 0, u: Double(p % 2), answer: String(repeating: "z", count: p % 50)) + "\n"
        }
        let path = try temporaryFile(text)
        let bytes = Array(text.utf8)
        let cut = 3 * 4096 + 1000
        let completeLines = bytes[..<cut].count(where: { $0 == 0x0A })
        let lostBefore = gapscan_lost_pages()
        for parallelism in [1, 2] {
            for mapsFile in [true, false] {
                try text.write(toFile: path, atomically: false, encoding: .utf8)
                var data = RunData(path: path)
                var truncated = false
                let reader = LogReader(path: path, stretchSize: 4096, parallelism: parallelism, mapsFile: mapsFile)
                let end = try reader.readBatches(from: 0) { batch, _, _ in
                    data.apply(batch)
                    if !truncated {
                        #expect(truncate(path, off_t(cut)) == 0)
                        truncated = true
                    }
                }
                #expect(data.badLines.isEmpty)
                // Stretches parsed before the truncation (two workers may be ahead) read whole.
                #expect(data.linesRead >= completeLines)
                let keptEnd = Int64(bytes[..<cut].lastIndex(of: 0x0A)! + 1)
                #expect(end >= keptEnd)
                if parallelism == 1 {
                    #expect(data.linesRead == completeLines)
                    #expect(end == keptEnd)
                }
            }
        }
        // Mapped with one worker, the stretch after the first lost its pages
        // under its mapping, and was read again.
        #expect(gapscan_lost_pages() > lostBefore)
    }

    @Test func readsFromAnOffsetToContinueAGrowingLog() throws {
        let text = variedLog()
        let path = try temporaryFile(text)
        let cut = text.utf8.count / 2
        let prefix = String(decoding: Array(text.utf8)[..<cut], as: UTF8.self)
        try prefix.write(toFile: path, atomically: false, encoding: .utf8)
        var data = RunData(path: path)
        let reader = LogReader(path: path, stretchSize: 256, parallelism: 2)
        let end = try reader.readBatches(from: 0) { batch, _, _ in data.apply(batch) }
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        try reader.readBatches(from: end) { batch, _, _ in data.apply(batch) }
        #expect(Figures.all(data) == Figures.all(readLog(text)))
        #expect(data.badLines == readLog(text).badLines)
    }

    @Test func findsRunLogsInDirectories() throws {
        let path = try temporaryFile(lines(header()))
        let dir = (path as NSString).deletingLastPathComponent
        try "{\"type\":\"other\"}\n".write(toFile: dir + "/notes.jsonl", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        try ("\n" + lines(header())).write(toFile: dir + "/sub/b.jsonl", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: dir + "/empty", withIntermediateDirectories: true)
        try "{\"type\":\"other\"}\n".write(toFile: dir + "/empty/notes.jsonl", atomically: true, encoding: .utf8)
        let found = RunLogFinder.find([dir, dir + "/missing", dir + "/empty"])
        #expect(found.files == [dir + "/events.jsonl", dir + "/sub/b.jsonl"])
        #expect(found.errors.map(\.path) == [dir + "/missing", dir + "/empty"])
        #expect(found.errors.last?.message.hasPrefix("no run logs in this directory") == true)
    }

    /// A directory's broken run logs are found, so `validate DIR` reports
    /// their lines: an `events.jsonl` whatever it holds (here one that starts
    /// with a byte order mark), and any `.jsonl` that starts with a run-log
    /// record other than the header (a header-less log of sample lines is
    /// not taken for a self-rewarding log to import).
    @Test func findsBrokenRunLogsInDirectories() throws {
        let path = try temporaryFile("\u{FEFF}" + lines(header(), sample(0, "p", 0, u: 1)))
        let dir = (path as NSString).deletingLastPathComponent
        let late = dir + "/late.jsonl"
        try lines(#"{"type":"prompt","prompt_id":"p","text":"t"}"#, header()).write(toFile: late, atomically: true, encoding: .utf8)
        let headerless = dir + "/headerless.jsonl"
        try lines(#"{"type":"sample","round":0,"prompt_id":"p","sample":0,"response":"r","correct":true}"#)
            .write(toFile: headerless, atomically: true, encoding: .utf8)
        try "{\"type\":\"other\"}\n".write(toFile: dir + "/notes.jsonl", atomically: true, encoding: .utf8)
        let found = RunLogFinder.find([dir])
        #expect(found.errors.isEmpty)
        #expect(found.files == [path, headerless, late])
        #expect(ForeignLogs.detect(path: headerless) == nil)

        let bom = try LogReader(path: path).read()
        #expect(bom.header == nil)
        #expect(bom.badLines.first?.line == 1)
        #expect(bom.badLines.first?.reason.contains("byte order mark") == true)
        let headerlessData = try RunLoader.load(headerless)
        #expect(headerlessData.count == 1)
        #expect(headerlessData.first?.badLines.map(\.reason) == ["line before the run header"])
    }

    /// A file named twice, by itself and in its directory, is read once.
    @Test func overlappingPathsFindEachLogOnce() throws {
        let path = try temporaryFile(lines(header()))
        let dir = (path as NSString).deletingLastPathComponent
        let found = RunLogFinder.find([dir, path, dir + "/../" + (dir as NSString).lastPathComponent + "/events.jsonl"])
        #expect(found.files == [path])
        #expect(found.errors.isEmpty)
    }

    /// A log in a directory that cannot be read is an error, not left out
    /// (and the directory is then not said to hold no run logs).
    /// Root reads every file, so the test needs an ordinary user.
    @Test(.enabled(if: geteuid() != 0, "root can read a file of mode 000"))
    func unreadableLogInDirectoryIsAnError() throws {
        let path = try temporaryFile(lines(header()))
        let dir = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir + "/locked", withIntermediateDirectories: true)
        let locked = dir + "/locked/events.jsonl"
        try lines(header()).write(toFile: locked, atomically: true, encoding: .utf8)
        chmod(locked, 0)
        defer { chmod(locked, 0o644) }
        let found = RunLogFinder.find([dir, dir + "/locked"])
        #expect(found.files == [path])
        #expect(found.errors.map(\.description) == [locked + ": permission denied", locked + ": permission denied"])
    }
}
