import Testing
@testable import GapCore

@Suite struct ReaderTests {
    @Test func crlfBlankLinesUnknownTypesAndFields() throws {
        let text = header() + "\r\n\r\n" +
            #"{"type":"telemetry","gpu":0.9}"# + "\r\n" +
            #"{"type":"sample","round":0,"prompt_id":"p","sample":0,"utility":1,"extra":{"deep":[1,2,{"x":null}]},"kept":true}"# + "\r\n" +
            "   \r\n"
        let data = readLog(text)
        #expect(data.badLines == [])
        #expect(data.linesRead == 5)
        #expect(data.samples.count == 1)
        #expect(data.header?.runID == "r")
    }

    @Test func partialLastLineIsHeldBackAndNotBad() throws {
        let text = lines(header(), sample(0, "p", 0, u: 1)) + #"{"type":"sample","round":0,"prompt_id":"p","sample":1,"u"#
        let data = readLog(text)
        #expect(data.badLines == [])
        #expect(data.samples.count == 1)
        #expect(data.incompleteTailBytes > 0)
        // Even a complete record is not counted until its newline arrives.
        let whole = lines(header()) + sample(0, "p", 0, u: 1)
        #expect(readLog(whole).samples.count == 0)
    }

    @Test func verifyBeforeAndAfterItsSampleAndLastOneWins() throws {
        let log = lines(
            header(),
            #"{"type":"verify","round":0,"prompt_id":"p","sample":0,"score":0.1,"verdict":"reject"}"#,
            #"{"type":"verify","round":0,"prompt_id":"p","sample":0,"score":0.3}"#,
            sample(0, "p", 0, u: 1, score: 0.9, verdict: "accept"),
            sample(0, "p", 1, u: 0, score: 0.9, verdict: "accept"),
            #"{"type":"verify","round":0,"prompt_id":"p","sample":1,"score":null,"verdict":"reject"}"#)
        let data = readLog(log)
        let s = data.effectiveSamples(ofGroup: 0)
        // The record overrides the inline verification, whatever their order; the last record wins.
        #expect(s[0].score == 0.3)
        #expect(s[0].verdict == .none)
        #expect(s[1].score == nil)
        #expect(s[1].verified)
        #expect(s[1].verdict == .reject)
    }

    @Test func filterRecordOverridesInlineKeptAndRepeatedSamplesReplace() throws {
        let log = lines(
            header(),
            #"{"type":"filter","round":0,"prompt_id":"p","kept":[1,7]}"#,
            sample(0, "p", 0, u: 1, kept: true),
            sample(0, "p", 1, u: 0, kept: false),
            sample(0, "p", 2, u: 0, answer: "old"),
            sample(0, "p", 2, u: 1, answer: "new"))
        let data = readLog(log)
        let s = data.effectiveSamples(ofGroup: 0)
        #expect(s.map(\.kept) == [false, true, false])
        #expect(s.count == 3)
        #expect(s[2].utility == 1)
        #expect(data.answers[Int(s[2].answer)] == "new")
        let f = try #require(Figures.all(data).first)
        #expect(f.kept == 1)
        #expect(f.filteredUtility == 0)
    }

    @Test func everyBadLineIsNamedWithItsReason() throws {
        let bad: [(String, String)] = [
            (#"{"type":"sample","round":"0","prompt_id":"p","sample":0}"#, "round"),
            (#"{"type":"sample","round":-1,"prompt_id":"p","sample":0}"#, "round"),
            (#"{"type":"sample","round":1.5,"prompt_id":"p","sample":0}"#, "round"),
            (#"{"type":"sample","round":true,"prompt_id":"p","sample":0}"#, "round"),
            (#"{"type":"sample","prompt_id":"p","sample":0}"#, "round"),
            (#"{"type":"sample","round":0,"prompt_id":5,"sample":0}"#, "prompt_id"),
            (#"{"type":"sample","round":0,"sample":0}"#, "prompt_id"),
            (#"{"type":"sample","round":0,"prompt_id":"p","sample":"1"}"#, "sample"),
            (#"{"type":"sample","round":0,"prompt_id":"p","sample":0,"utility":"1"}"#, "utility"),
            (#"{"type":"sample","round":0,"prompt_id":"p","sample":0,"utility":1.5}"#, "utility"),
            (#"{"type":"sample","round":0,"prompt_id":"p","sample":0,"utility":true}"#, "utility"),
            (#"{"type":"sample","round":0,"prompt_id":"p","sample":0,"correct":1}"#, "correct"),
            (#"{"type":"sample","round":0,"prompt_id":"p","sample":0,"kept":"yes"}"#, "kept"),
            (#"{"type":"sample","round":0,"prompt_id":"p","sample":0,"verification":[]}"#, "verification"),
            (#"{"type":"sample","round":0,"prompt_id":"p","sample":0,"verification":{"score":"high"}}"#, "score"),
            (#"{"type":"verify","round":0,"prompt_id":"p","sample":0,"verdict":1}"#, "verdict"),
            (#"{"type":"filter","round":0,"prompt_id":"p","kept":[1,"2"]}"#, "kept"),
            (#"{"type":"filter","round":0,"prompt_id":"p","kept":[true]}"#, "kept"),
            (#"{"type":"filter","round":0,"prompt_id":"p"}"#, "kept"),
            (#"{"type":"round","round":"x","stage":"done"}"#, "round"),
            (#"{"round":0}"#, "type"),
            (#"{"type":7}"#, "type"),
            (#"[1,2]"#, "object"),
            (#"{"type":"sample",}"#, "JSON"),
            (#"{"type":"sample","round":0,"prompt_id":"p\x","sample":0}"#, "JSON"),
            (header("again"), "run header"),
        ]
        let text = lines(header()) + bad.map { $0.0 + "\n" }.joined()
        let data = readLog(text)
        #expect(data.badLines.map(\.line) == Array(2...(bad.count + 1)))
        for (found, expected) in zip(data.badLines, bad) {
            #expect(found.reason.contains(expected.1), "line \(found.line): \(found.reason)")
        }
        #expect(data.samples.count == 0)
    }

    @Test func wrongTypesInOtherFieldsAreTreatedAsAbsent() throws {
        let log = lines(header(), #"{"type":"sample","round":0,"prompt_id":"p","sample":0,"answer":72,"response":5,"utility":null,"correct":true}"#)
        let data = readLog(log)
        #expect(data.badLines == [])
        let s = data.effectiveSamples(ofGroup: 0)
        #expect(s[0].answer == -1)
        #expect(s[0].utility == 1)  // utility null: correct decides
    }

    @Test func linesBeforeTheHeaderAreBad() throws {
        let log = lines(sample(0, "p", 0, u: 1), "", header(), sample(0, "p", 0, u: 1))
        let data = readLog(log)
        #expect(data.badLines == [BadLine(line: 1, reason: "line before the run header")])
        #expect(data.samples.count == 1)
        let none = readLog(lines(sample(0, "p", 0, u: 1)))
        #expect(none.header == nil)
        #expect(none.badLines.count == 1)
    }

    @Test func invalidUTF8IsReplacedAndTheRecordKept() throws {
        let bytes = Array(lines(header()).utf8) + Array(#"{"type":"sample","round":0,"prompt_id":"p"#.utf8) + [0xC3, 0x28] +
            Array(#"","sample":0,"answer":"4"#.utf8) + [0xFF] + Array("\",\"utility\":1}\n".utf8)
        var data = RunData(path: "x")
        data.apply(BatchParser.parse(bytes))
        #expect(data.badLines == [])
        #expect(data.promptIDs == ["p\u{FFFD}("])
        #expect(data.answers == ["4\u{FFFD}"])
    }

    /// Ids and answers are compared as the strings they read as, so bytes
    /// that are replaced alike name one prompt and one answer, in sample
    /// lines and in other records.
    @Test func idsThatReadAlikeAfterReplacementAreOnePrompt() throws {
        func sampleLine(_ bad: UInt8, _ index: Int) -> [UInt8] {
            Array(#"{"type":"sample","round":0,"prompt_id":"p"#.utf8) + [bad] +
                Array(#"","sample":\#(index),"answer":"4"#.utf8) + [bad] + Array("\",\"utility\":1}\n".utf8)
        }
        let filter = Array(#"{"type":"filter","round":0,"prompt_id":"p"#.utf8) + [0xFD] + Array("\",\"kept\":[1]}\n".utf8)
        let bytes = Array(lines(header()).utf8) + sampleLine(0xFF, 0) + sampleLine(0xFE, 1) + filter
        var data = RunData(path: "x")
        data.apply(BatchParser.parse(bytes))
        #expect(data.badLines == [])
        #expect(data.promptIDs == ["p\u{FFFD}"])
        #expect(data.answers == ["4\u{FFFD}"])
        #expect(data.groups.count == 1)
        #expect(data.groups.filterKept[0] == [1])
    }

    @Test func runEndSetsTheStatus() {
        #expect(readLog(lines(header())).status == .live)
        #expect(readLog(lines(header(), #"{"type":"run_end","status":"failed"}"#)).status == .ended("failed"))
    }

    @Test func idsAreComparedByteForByte() {
        // "é" precomposed and decomposed are canonically equivalent but different ids.
        let log = lines(header(), sample(0, "\u{E9}", 0, u: 1), sample(0, "e\u{301}", 0, u: 0))
        let data = readLog(log)
        #expect(data.groups.count == 2)
    }
}
