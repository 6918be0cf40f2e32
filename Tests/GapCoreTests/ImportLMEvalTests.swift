import Foundation
import Testing
@testable import GapCore

/// lm-eval `--log_samples` fixtures, the expected records worked out by hand.
@Suite struct ImportLMEvalTests {
    static let timestamp = "2026-01-02T03-04-05.000001"
    static let fileName = "samples_toy_math_\(timestamp).jsonl"

    /// Three docs, four responses each, logged once per filter (score-first,
    /// maj@4, maj@2) as the harness does; a metric written as a bare NaN and
    /// one as Infinity; line 5 cut off; line 10 repeats line 1.
    ///
    /// By hand, default extractor (last number; `,` `$` and a final `.` removed):
    /// - doc 0, target 18: answers 18, 18, 20, none -> utility 1 1 0 0;
    ///   agreement 2/4 2/4 1/4 0 -> kept [0] (tie with 1, lower index wins).
    /// - doc 1, target "1,800": answers 1800, 1800, 1800.0, 900 -> 1 1 1 0
    ///   (1800.0 equals 1800 as a number); agreement 2/4 2/4 1/4 1/4 -> kept [0].
    /// - doc 2, target 5: answers 7 7 5 7 -> 0 0 1 0; agreement 3/4 3/4 1/4 3/4 -> kept [0].
    static let samplesText = [
        line(0, "score-first", "18", doc0, metric: "0.0"),
        line(1, "score-first", "1,800", doc1, metric: "1.0"),
        line(2, "score-first", "5", doc2, metric: "Infinity"),
        line(0, "maj@4", "18", doc0, metric: "1.0"),
        #"{"doc_id": 1, "doc": {"question": "Q1"}, "target": "1,800", "resps": [["It costs"#,
        line(2, "maj@4", "5", doc2, metric: "0.0"),
        line(0, "maj@2", "18", doc0, metric: "1.0"),
        line(1, "maj@2", "1,800", doc1, metric: "NaN"),
        line(2, "maj@2", "5", doc2, metric: "0.0"),
        line(0, "score-first", "18", doc0, metric: "0.0"),
    ].joined(separator: "\n") + "\n"

    static let doc0 = ["16 - 3 - 4 = 9; 9 * 2 = 18. The answer is 18.", "She makes $18 every day.",
                       "The answer is 20", "no idea"]
    static let doc1 = ["It costs $1,800.", "1800", "1800.0", "Maybe 900"]
    static let doc2 = ["7", "7", "5", "7"]

    static func line(_ doc: Int, _ filter: String, _ target: String, _ resps: [String], metric: String) -> String {
        let respsJSON = JSONValue.array([.array(resps.map(JSONValue.string))]).encoded()
        return #"{"doc_id": \#(doc), "doc": {"question": "Q\#(doc)"}, "target": "\#(target)", "#
            + #""arguments": {"gen_args_0": {"arg_0": "Q: Q\#(doc)\nA:", "arg_1": {"until": ["Q:"], "do_sample": true, "temperature": 0.8}}}, "#
            + #""resps": \#(respsJSON), "filtered_resps": ["x"], "filter": "\#(filter)", "metrics": ["exact_match"], "#
            + #""doc_hash": "h", "exact_match": \#(metric)}"#
    }

    /// The task's results file: model, settings, figures, and a maj@4 regex.
    static let resultsText = #"""
        {"results": {"toy_math": {"alias": "toy_math", "exact_match,maj@4": 0.25, "exact_match_stderr,maj@4": NaN}},
         "configs": {"toy_math": {"task": "toy_math", "dataset_path": "toy/math", "test_split": "test",
           "generation_kwargs": {"temperature": 0.7, "top_p": 0.95}, "repeats": 4,
           "filter_list": [{"name": "score-first", "filter": [{"function": "regex", "regex_pattern": "#### (\\-?[0-9\\.\\,]+)"}, {"function": "take_first"}]},
                           {"name": "maj@4", "filter": [{"function": "regex", "regex_pattern": "answer is (\\-?[0-9\\.\\,]+)"}, {"function": "majority_vote"}, {"function": "take_first"}]}]}},
         "config": {"model": "hf", "model_args": "pretrained=toy/model-1b,dtype=bfloat16", "model_num_parameters": 1000000000},
         "model_name": "toy/model-1b", "date": 1767323045.5}
        """#

    @Test func repeatsAndFiltersAreRegradedAndVotedOn() throws {
        let folder = try ImportFixtures.folder()
        defer { ImportFixtures.remove(folder) }
        let path = try ImportFixtures.write(Self.samplesText, to: folder, Self.fileName)
        #expect(ForeignLogs.detect(path: path) == .lmEvalSamples)
        let run = try ImportFixtures.convertOne(path)

        #expect(run.run.runID == "toy_math_\(Self.timestamp)")
        #expect(run.promptIDs == ["0", "1", "2"])
        #expect(run.utilities("0") == [1, 1, 0, 0])
        #expect(run.utilities("1") == [1, 1, 1, 0])
        #expect(run.utilities("2") == [0, 0, 1, 0])
        #expect(run.answers("0") == ["18", "18", "20", nil])
        #expect(run.answers("1") == ["1800", "1800", "1800.0", "900"])
        #expect(close(run.scores("0"), [0.5, 0.5, 0.25, 0]))
        #expect(close(run.scores("1"), [0.5, 0.5, 0.25, 0.25]))
        #expect(close(run.scores("2"), [0.75, 0.75, 0.25, 0.75]))
        #expect(run.kept("0") == [0] && run.kept("1") == [0] && run.kept("2") == [0])
        #expect(run.samples("0")[0]["response"]?.stringValue == Self.doc0[0])
        #expect(run.ofType("prompt").first?["text"]?.stringValue == "Q0")
        #expect(run.ofType("prompt")[1]["reference"]?.stringValue == "1,800")

        let header = run.header
        #expect(header["filter"] == .object([("rule", .string("top_k")), ("k", .int(1))]))
        #expect(header["verification"]?["method"]?.stringValue == "self-consistency")
        #expect(header["generation"]?["samples_per_prompt"]?.intValue == 4)
        #expect(header["generation"]?["temperature"]?.doubleValue == 0.8)
        #expect(header["task"]?["name"]?.stringValue == "toy_math")
        #expect(header["task"]?["utility"]?.stringValue == "binary")
        #expect(header["source"]?["format"]?.stringValue == "lm-eval-samples")
        #expect(header["source"]?["mapping"]?["filters_seen"]
            == .array(["score-first", "maj@4", "maj@2"].map(JSONValue.string)))
        #expect(header["source"]?["mapping"]?["filter"]?.stringValue?.hasPrefix("maj@4") == true)
        #expect(run.counts?["samples"]?.intValue == 12 && run.counts?["verified"]?.intValue == 12)
        #expect(run.endStatus == "completed")

        // The cut-off line and the repeated one, nothing else.
        #expect(run.run.problems.map(\.location) == ["\(path):5", "\(path):10"])
        #expect(run.run.problems[0].message.contains("not valid JSON"))
        #expect(run.run.problems[1].message.contains("repeats line 1"))
    }

    /// With the results file beside it, the maj@4 filter's own regex
    /// ("answer is N", first match) extracts the answers. Doc 0: 18, none,
    /// 20, none -> utility 1 0 0 0, agreement 1/4 0 1/4 0.
    @Test func resultsFileSuppliesModelSettingsAndTheTaskRegex() throws {
        let folder = try ImportFixtures.folder()
        defer { ImportFixtures.remove(folder) }
        let path = try ImportFixtures.write(Self.samplesText, to: folder, Self.fileName)
        try ImportFixtures.write(Self.resultsText, to: folder, "results_\(Self.timestamp).json")
        let run = try ImportFixtures.convertOne(path)

        #expect(run.answers("0") == ["18", nil, "20", nil])
        #expect(run.utilities("0") == [1, 0, 0, 0])
        #expect(close(run.scores("0"), [0.25, 0, 0.25, 0]))
        #expect(run.kept("0") == [0])
        #expect(run.utilities("2") == [0, 0, 0, 0])  // bare numbers have no "answer is"

        let header = run.header
        #expect(header["model"]?["name"]?.stringValue == "toy/model-1b")
        #expect(header["model"]?["params"]?.intValue == 1_000_000_000)
        #expect(header["created"]?.stringValue == "2026-01-02T03:04:05Z")
        #expect(header["task"]?["split"]?.stringValue == "test")
        #expect(header["generation"]?["temperature"]?.doubleValue == 0.7)
        #expect(header["generation"]?["top_p"]?.doubleValue == 0.95)
        #expect(header["source"]?["mapping"]?["answer"]?["extractor"]?.stringValue == "the regex of task filter maj@4")
        let done = run.ofType("round").last
        #expect(done?["stage"]?.stringValue == "done")
        #expect(done?["metrics"] == .object([("exact_match,maj@4", .number(0.25))]))
    }

    /// `--answer-pattern` wins over the default; the last match is taken.
    @Test func answerPatternOption() throws {
        let folder = try ImportFixtures.folder()
        defer { ImportFixtures.remove(folder) }
        let path = try ImportFixtures.write(Self.samplesText, to: folder, Self.fileName)
        let run = try ImportFixtures.convertOne(path, ImportOptions(answerPattern: #"answer is (\d+)"#))
        #expect(run.answers("0") == ["18", nil, "20", nil])
        #expect(run.utilities("0") == [1, 0, 0, 0])
        #expect(run.answers("2") == [nil, nil, nil, nil])
        #expect(close(run.scores("2"), [0, 0, 0, 0]))

        let broken = try ImportFixtures.convertOne(path, ImportOptions(answerPattern: "("))
        #expect(broken.utilities("0") == [1, 1, 0, 0])
        #expect(broken.run.problems.contains { $0.message.contains("not a valid regular expression") })
    }

    /// One response per doc: the file's metric of the first filter is the
    /// utility (doc 0: 1 from strict-match, not flexible-extract's 0), a NaN
    /// metric leaves it unknown (reported), 0.5 makes the task `real`; no
    /// verifier, every sample kept.
    @Test func singleResponseUsesTheFilesMetric() throws {
        func line(_ doc: Int, _ filter: String, _ metric: String) -> String {
            #"{"doc_id": \#(doc), "doc": {"problem": "P\#(doc)"}, "target": "42", "#
                + #""arguments": {"gen_args_0": {"arg_0": "P\#(doc)", "arg_1": {"until": ["\n"], "temperature": 0.0}}}, "#
                + #""resps": [["So it is 42."]], "filtered_resps": ["42"], "filter": "\#(filter)", "exact_match": \#(metric)}"#
        }
        let text = [line(0, "strict-match", "1.0"), line(1, "strict-match", "NaN"), line(2, "strict-match", "0.5"),
                    line(0, "flexible-extract", "0.0"), line(1, "flexible-extract", "1.0"),
                    line(2, "flexible-extract", "0.5")].joined(separator: "\r\n")
        let folder = try ImportFixtures.folder()
        defer { ImportFixtures.remove(folder) }
        let path = try ImportFixtures.write(text, to: folder, "samples_gsm_2026-01-01T00-00-00.000000.jsonl")
        let run = try ImportFixtures.convertOne(path)
        #expect(run.utilities("0") == [1])
        #expect(run.utilities("1") == [nil])
        #expect(run.utilities("2") == [0.5])
        #expect(run.answers("0") == ["42"])
        #expect(run.scores("0") == [nil] && run.samples("0")[0]["verification"] == nil)
        #expect(run.kept("1") == [0])
        #expect(run.header["task"]?["utility"]?.stringValue == "real")
        #expect(run.header["filter"]?["rule"]?.stringValue == "none")
        #expect(run.header["verification"] == nil)
        #expect(run.run.problems == [ImportProblem(location: "\(path):2", message: "doc 1: exact_match is NaN; utility unknown")])
    }

    /// Multiple choice: one sample per doc, the highest-loglikelihood choice.
    /// Doc 0: loglikelihoods -2, -1, -3 -> choice 1 ("green"), acc 1,
    /// score 1 / (e^-1 + 1 + e^-2) = 0.665241. Doc 1 (no acc): -0.5, -0.5, -4
    /// -> choice 0 (tie, lower index), target 0 -> utility 1, score
    /// 1 / (2 + e^-3.5) = 0.492563. Doc 2's resps are not loglikelihoods.
    @Test func loglikelihoodDocsBecomeOneSampleEach() throws {
        let args = #""arguments": {"gen_args_0": {"arg_0": "Q", "arg_1": " red"}, "gen_args_1": {"arg_0": "Q", "arg_1": " green"}, "gen_args_2": {"arg_0": "Q", "arg_1": " blue"}}"#
        let text = #"""
            {"doc_id": 0, "doc": {"question": "Colour of grass?"}, "target": 1, \#(args), "resps": [[["-2.0", "False"]], [["-1.0", "True"]], [["-3.0", "False"]]], "filtered_resps": [], "filter": "none", "metrics": ["acc", "acc_norm"], "acc": 1.0, "acc_norm": 0.0}
            {"doc_id": 1, "doc": {"question": "Q1"}, "target": "0", \#(args), "resps": [[[-0.5, false]], [[-0.5, false]], [[-4.0, false]]], "filter": "none"}
            {"doc_id": 2, "doc": {"question": "Q2"}, "target": "0", \#(args), "resps": [[["x", "y"]], [["z"]]], "filter": "none", "acc": 0.0}
            """#
        let folder = try ImportFixtures.folder()
        defer { ImportFixtures.remove(folder) }
        let path = try ImportFixtures.write(text, to: folder, "samples_arc_2026-01-01T00-00-00.000000.jsonl")
        let run = try ImportFixtures.convertOne(path)
        #expect(run.promptIDs == ["0", "1"])
        #expect(run.samples("0")[0]["response"]?.stringValue == "green")
        #expect(run.answers("0") == ["1"] && run.answers("1") == ["0"])
        #expect(run.utilities("0") == [1] && run.utilities("1") == [1])
        #expect(close(run.scores("0"), [0.665241], tolerance: 1e-6))
        #expect(close(run.scores("1"), [0.492563], tolerance: 1e-6))
        #expect(run.header["verification"]?["method"]?.stringValue == "choice-probability")
        #expect(run.run.problems.map(\.location) == ["\(path):3"])
    }

    @Test func extractorFollowsTheHarness() throws {
        let last = AnswerExtractor.lastNumber()
        #expect(last.extract("It is $1,234.50 in total.") == "1234.50")
        #expect(last.extract("first 3 then -7") == "-7")
        #expect(last.extract("no digits") == nil)
        #expect(AnswerExtractor.matches("18", reference: "#### 18"))
        #expect(AnswerExtractor.matches("18.00", reference: "18"))
        #expect(!AnswerExtractor.matches("18", reference: "\\frac{1}{8}"))
        #expect(LMEvalSamplesImporter.readableTimestamp("2026-10-01T13-21-10.261566") == "2026-10-01T13:21:10")
    }
}
