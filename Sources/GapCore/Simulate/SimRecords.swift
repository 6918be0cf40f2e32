import Foundation

/// The records of a simulated run, written as run-log@1 lines.
extension RunSimulator {
    func writeHeader(into out: inout JSONLineBuffer) {
        var fields: [(String, JSONValue)] = [
            ("type", .string("run")),
            ("schema", .string("gapscope/run-log@1")),
            ("run_id", .string(spec.runID)),
            ("title", .string(spec.title)),
            ("created", .string(currentTime)),
            ("model", spec.model.json),
        ]
        if let verifier = spec.verifier { fields.append(("verifier_model", verifier.json)) }
        fields += [
            ("task", .object([
                ("name", .string(spec.task.rawValue)), ("split", .string(spec.task.split)),
                ("utility", .string(spec.task.realUtility ? "real" : "binary")),
            ])),
            ("generation", .object([
                ("samples_per_prompt", .int(spec.samplesPerPrompt)), ("temperature", .number(0.7)),
                ("top_p", .number(0.95)), ("max_tokens", .int(spec.task == .triviaqa ? 128 : 512)),
            ])),
            ("verification", verificationJSON),
            ("filter", spec.filter.json),
            ("rounds_planned", .int(spec.rounds)),
            ("simulated", .object([("generator", .string("gapscope simulate")), ("seed", .int(Int(truncatingIfNeeded: spec.seed)))])),
        ]
        out.line(.object(fields))
    }

    private var verificationJSON: JSONValue {
        var fields: [(String, JSONValue)] = [("method", .string(spec.method.rawValue)), ("score_min", .int(0)), ("score_max", .int(1))]
        switch spec.method {
        case .cotScore: fields.append(("scale", .string("integer 0-10, divided by 10")))
        case .tournament: fields.append(("scale", .string("share of round-robin comparisons won")))
        case .mc: fields.append(("scale", .string("probability of option (A) correct")))
        case .cotBinary: break
        }
        return .object(fields)
    }

    func writePrompt(_ x: Int, into out: inout JSONLineBuffer) {
        let p = prompts[x]
        out.raw(#"{"type":"prompt","prompt_id":"#)
        out.string(p.id)
        out.raw(#","text":"#)
        out.string(p.problem.text)
        out.raw(#","reference":"#)
        out.string(p.problem.reference)
        // The malformed-lines run also shows that readers accept CRLF line ends.
        out.raw(spec.injectBadLines ? "}\r\n" : "}\n")
    }

    mutating func writeStage(_ r: Int, _ stage: Stage, into out: inout JSONLineBuffer) {
        var fields: [(String, JSONValue)] = [
            ("type", .string("round")), ("round", .int(r)), ("stage", .string(stage.rawValue)),
            ("at", .string(timestamp(advancingBy: stage, round: r))),
            ("expected_prompts", .int(spec.prompts)),
        ]
        var kept: Int {
            (0..<prompts.count).reduce(0) { acc, x in acc + (0..<spec.samplesPerPrompt).filter { sample(x, $0).kept }.count }
        }
        var rng = SimRNG(seed: spec.seed, 40, r)
        switch stage {
        case .filter:
            fields.append(("metrics", .object([("kept_samples", .int(kept))])))
        case .train:
            fields.append(("metrics", .object([("train_examples", .int(kept)), ("epochs", .int(2)), ("learning_rate", .number(1e-5))])))
        case .done:
            var metrics: [(String, JSONValue)] = [("generated_samples", .int(spec.prompts * spec.samplesPerPrompt))]
            if r < spec.rounds - 1 {
                let loss = 0.62 * exp(-0.35 * Double(r)) + 0.03 * rng.normal()
                metrics.append(("train_loss", .number((loss * 1000).rounded() / 1000)))
            }
            metrics.append(("tokens_per_second", .number(((1800 / (spec.model.params / 1e9).squareRoot()) * (1 + 0.05 * rng.normal())).rounded())))
            fields.append(("metrics", .object(metrics)))
        case .generate, .verify:
            break
        }
        out.line(.object(fields))
    }

    private func writeKey(_ r: Int, _ x: Int, _ i: Int, into out: inout JSONLineBuffer) {
        out.raw(#","round":"#)
        out.int(r)
        out.raw(#","prompt_id":"#)
        out.string(prompts[x].id)
        out.raw(#","sample":"#)
        out.int(i)
    }

    private func writeScoreFields(_ s: SimSample, rationale: [UInt8], into out: inout JSONLineBuffer) {
        out.raw(#""score":"#)
        if let score = s.score { out.number(score) } else { out.raw("null") }
        if let accepts = s.accepts { out.raw(accepts ? #","verdict":"accept""# : #","verdict":"reject""#) }
        out.raw(#","rationale":"#)
        out.string(bytes: rationale)
    }

    func writeSamples(_ r: Int, _ x: Int, into out: inout JSONLineBuffer) {
        let problem = prompts[x].problem
        var text = JSONLineBuffer(capacity: 1024)
        for i in 0..<spec.samplesPerPrompt {
            let s = sample(x, i)
            out.raw(#"{"type":"sample""#)
            writeKey(r, x, i, into: &out)
            out.raw(#","response":"#)
            text.removeAll()
            writeResponse(r, x, i, into: &text)
            out.string(bytes: text.bytes)
            out.raw(#","answer":"#)
            if let answer = problem.answer(s.outcome) { out.string(answer) } else { out.raw("null") }
            if spec.task.realUtility {
                out.raw(#","utility":"#)
                out.number(s.utility)
            } else if spec.writesCorrectField {
                out.raw(s.utility == 1 ? #","correct":true"# : #","correct":false"#)
            } else {
                out.raw(s.utility == 1 ? #","utility":1"# : #","utility":0"#)
            }
            if spec.layout == .inline {
                text.removeAll()
                writeRationale(r, x, i, into: &text)
                out.raw(#","verification":{"#)
                writeScoreFields(s, rationale: text.bytes, into: &out)
                out.raw(s.kept ? #"},"kept":true}"# : #"},"kept":false}"#)
            } else {
                out.byte(UInt8(ascii: "}"))
            }
            out.byte(0x0A)
        }
    }

    func writeVerifications(_ r: Int, _ x: Int, into out: inout JSONLineBuffer) {
        var text = JSONLineBuffer(capacity: 512)
        for i in 0..<spec.samplesPerPrompt {
            out.raw(#"{"type":"verify""#)
            writeKey(r, x, i, into: &out)
            out.byte(UInt8(ascii: ","))
            text.removeAll()
            writeRationale(r, x, i, into: &text)
            writeScoreFields(sample(x, i), rationale: text.bytes, into: &out)
            out.raw("}\n")
        }
    }

    func writeFilter(_ r: Int, _ x: Int, into out: inout JSONLineBuffer) {
        out.raw(#"{"type":"filter","round":"#)
        out.int(r)
        out.raw(#","prompt_id":"#)
        out.string(prompts[x].id)
        out.raw(#","kept":["#)
        var first = true
        for i in 0..<spec.samplesPerPrompt where sample(x, i).kept {
            if !first { out.byte(UInt8(ascii: ",")) }
            out.int(i)
            first = false
        }
        out.raw(#"],"reason":"#)
        out.string(first ? spec.filter.reason + ": no sample qualified" : spec.filter.reason)
        out.raw("}\n")
    }

    mutating func writeRunEnd(status: String, into out: inout JSONLineBuffer) {
        out.line(.object([("type", .string("run_end")), ("status", .string(status)), ("at", .string(currentTime))]))
    }
}
