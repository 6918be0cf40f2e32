/// One line of a run log as the reader sees it.
enum ScannedRecord {
    case blank
    /// A bad line and why; it is reported and skipped.
    case bad(String)
    /// A record of a type this reader does not know (forward compatible).
    case ignored
    /// A `run` header; the reader parses the (short) line in full.
    case run
    case prompt(promptID: String)
    case round(RoundRecord)
    case sample(SampleRecord)
    case verify(VerifyRecord)
    case filter(FilterRecord)
    case runEnd(status: String?)
}

/// A verdict as logged. Only `accept` makes a sample accepted.
public enum Verdict: UInt8, Sendable {
    case none = 0, accept = 1, reject = 2, other = 3

    init(_ text: String?) {
        switch text {
        case nil: self = .none
        case "accept": self = .accept
        case "reject": self = .reject
        default: self = .other
        }
    }
}

/// A verification result, from a `verify` record or a sample's inline `verification`.
struct VerificationFields {
    /// The numeric score, or nil when the verifier's output could not be parsed.
    var score: Double?
    var verdict: Verdict
}

struct SampleRecord {
    var round: Int
    var promptID: String
    var sample: Int32
    /// In [0,1], or NaN when the utility is unknown.
    var utility: Double
    var answer: String?
    var verification: VerificationFields?
    /// The inline filter decision: nil when absent or null.
    var kept: Bool?
}

struct VerifyRecord {
    var round: Int
    var promptID: String
    var sample: Int32
    var fields: VerificationFields
}

struct FilterRecord {
    var round: Int
    var promptID: String
    var kept: [Int32]
}

struct RoundRecord {
    var round: Int
    var stage: String?
    var expectedPrompts: Int?
    var metrics: [(String, Double)]
}

/// A valid sample record with its strings still as byte ranges of its line.
struct SampleFields {
    var round: Int
    var promptID: StringRange
    var sample: Int32
    /// In [0,1], or NaN when the utility is unknown.
    var utility: Double
    var answer: StringRange?
    var verification: VerificationFields?
    /// The inline filter decision: nil when absent or null.
    var kept: Bool?

    /// The contents of a JSON string within a line.
    struct StringRange {
        var range: Range<Int>
        var escaped: Bool

        func decoded(in line: UnsafeRawBufferPointer) -> String {
            JSONLexer.decodeString(line, range: range, escaped: escaped)
        }
    }

    func decoded(in line: UnsafeRawBufferPointer) -> SampleRecord {
        SampleRecord(
            round: round, promptID: promptID.decoded(in: line), sample: sample, utility: utility,
            answer: answer?.decoded(in: line), verification: verification, kept: kept)
    }
}

/// Applies the format's "Precise rules" to the members of one line.
struct RecordValidator {
    let line: UnsafeRawBufferPointer
    /// Where `line` starts in the buffer the scanner was given (for error messages only).
    let base: Int

    typealias Slot = RecordScanner.Slot

    struct Bad: Error { var reason: String }

    /// Whether the line's `type` is the string `sample`.
    func isSample(_ m: RecordScanner.Members) -> Bool {
        guard case let .string(range, escaped) = m.type else { return false }
        if escaped { return JSONLexer.decodeString(line, range: range, escaped: true) == "sample" }
        return matches(range, "sample")
    }

    func record(from m: RecordScanner.Members) -> ScannedRecord {
        guard case let .string(typeRange, escaped) = m.type else {
            return .bad("missing string \"type\"")
        }
        let type = JSONLexer.decodeString(line, range: typeRange, escaped: escaped)
        do {
            switch type {
            case "sample":
                switch sampleFields(m) {
                case let .success(fields): return .sample(fields.decoded(in: line))
                case let .failure(bad): return .bad(bad.reason)
                }
            case "verify": return .verify(try verify(m))
            case "filter": return .filter(try filter(m))
            case "round": return .round(try round(m))
            case "prompt": return .prompt(promptID: try requiredString(m.promptID, "prompt_id"))
            case "run_end": return .runEnd(status: optionalString(m.status))
            case "run": return .run
            default: return .ignored
            }
        } catch let error as Bad {
            return .bad(error.reason)
        } catch {
            return .bad("\(error)")
        }
    }

    /// The fields of a `sample` record, checked in the order the format lists them.
    func sampleFields(_ m: RecordScanner.Members) -> Result<SampleFields, Bad> {
        do {
            return .success(try sample(m))
        } catch let error as Bad {
            return .failure(error)
        } catch {
            return .failure(Bad(reason: "\(error)"))
        }
    }

    private func sample(_ m: RecordScanner.Members) throws -> SampleFields {
        let round = try roundNumber(m.round)
        let promptID = try requiredStringRange(m.promptID, "prompt_id")
        let index = try sampleIndex(m.sample)
        var utility = Double.nan
        switch m.utility {
        case .absent, .null: break
        case let .number(n):
            let u = double(n)
            guard u >= 0, u <= 1 else { throw Bad(reason: "\"utility\" \(JSONValue.format(u)) is outside [0,1]") }
            utility = u
        default: throw Bad(reason: "\"utility\" must be a number in [0,1] or null")
        }
        switch m.correct {
        case .absent, .null: break
        case let .bool(b): if utility.isNaN { utility = b ? 1 : 0 }
        default: throw Bad(reason: "\"correct\" must be a boolean or null")
        }
        let kept: Bool?
        switch m.kept {
        case .absent, .null: kept = nil
        case let .bool(b): kept = b
        default: throw Bad(reason: "\"kept\" must be a boolean or null")
        }
        var verification: VerificationFields?
        switch m.verification {
        case .absent, .null: verification = nil
        case .object:
            verification = VerificationFields(score: try score(m.inlineScore), verdict: try verdict(m.inlineVerdict))
        default: throw Bad(reason: "\"verification\" must be an object")
        }
        var answer: SampleFields.StringRange?
        if case let .string(range, escaped) = m.answer { answer = .init(range: range, escaped: escaped) }
        return SampleFields(
            round: round, promptID: promptID, sample: index, utility: utility,
            answer: answer, verification: verification, kept: kept)
    }

    private func verify(_ m: RecordScanner.Members) throws -> VerifyRecord {
        VerifyRecord(
            round: try roundNumber(m.round),
            promptID: try requiredString(m.promptID, "prompt_id"),
            sample: try sampleIndex(m.sample),
            fields: VerificationFields(score: try score(m.score), verdict: try verdict(m.verdict)))
    }

    private func filter(_ m: RecordScanner.Members) throws -> FilterRecord {
        let round = try roundNumber(m.round)
        let promptID = try requiredString(m.promptID, "prompt_id")
        guard case let .array(range) = m.kept else {
            throw Bad(reason: "\"kept\" must be an array of sample indices")
        }
        var kept: [Int32] = []
        var lexer = JSONLexer(bytes: line)
        lexer.pos = range.lowerBound + 1
        lexer.skipSpace()
        if lexer.peek() != 0x5D {
            while true {
                lexer.skipSpace()
                guard let b = lexer.peek(), b == 0x2D || (b >= 0x30 && b <= 0x39),
                      case let .integer(i) = try lexer.readNumber(),
                      let i32 = Int32(exactly: i)
                else { throw Bad(reason: "\"kept\" must be an array of integers") }
                kept.append(i32)
                lexer.skipSpace()
                if lexer.peek() == 0x2C { lexer.pos += 1 } else { break }
            }
        }
        return FilterRecord(round: round, promptID: promptID, kept: kept)
    }

    private func round(_ m: RecordScanner.Members) throws -> RoundRecord {
        let round = try roundNumber(m.round)
        var expected: Int?
        if case let .number(.integer(i)) = m.expectedPrompts, i >= 0 { expected = i }
        var metrics: [(String, Double)] = []
        if case let .object(range) = m.metrics,
           let value = try? JSONValue.parse(UnsafeRawBufferPointer(rebasing: line[range])),
           let members = value.objectValue {
            for (key, v) in members {
                if let d = v.doubleValue { metrics.append((key, d)) }
            }
        }
        return RoundRecord(round: round, stage: optionalString(m.stage), expectedPrompts: expected, metrics: metrics)
    }

    // MARK: Fields

    private func score(_ slot: Slot) throws -> Double? {
        switch slot {
        case .absent, .null: return nil
        case let .number(n): return double(n)
        default: throw Bad(reason: "\"score\" must be a number or null")
        }
    }

    private func verdict(_ slot: Slot) throws -> Verdict {
        switch slot {
        case .absent, .null: return .none
        case let .string(range, escaped):
            return Verdict(line, range, escaped: escaped)
        default: throw Bad(reason: "\"verdict\" must be a string or null")
        }
    }

    private func matches(_ range: Range<Int>, _ word: StaticString) -> Bool {
        guard range.count == word.utf8CodeUnitCount else { return false }
        let p = word.utf8Start
        for i in 0..<range.count where line[range.lowerBound + i] != p[i] { return false }
        return true
    }

    private func roundNumber(_ slot: Slot) throws -> Int {
        switch slot {
        case .absent: throw Bad(reason: "missing \"round\"")
        case let .number(.integer(i)) where i >= 0 && i <= Int(Int32.max): return i
        case .number(.integer): throw Bad(reason: "\"round\" must be an integer >= 0")
        default: throw Bad(reason: "\"round\" must be an integer >= 0")
        }
    }

    private func sampleIndex(_ slot: Slot) throws -> Int32 {
        switch slot {
        case .absent: throw Bad(reason: "missing \"sample\"")
        case let .number(.integer(i)):
            guard let v = Int32(exactly: i) else { throw Bad(reason: "\"sample\" index \(i) is out of range") }
            return v
        default: throw Bad(reason: "\"sample\" must be an integer")
        }
    }

    private func requiredStringRange(_ slot: Slot, _ name: String) throws -> SampleFields.StringRange {
        switch slot {
        case .absent: throw Bad(reason: "missing \"\(name)\"")
        case let .string(range, escaped): return .init(range: range, escaped: escaped)
        default: throw Bad(reason: "\"\(name)\" must be a string")
        }
    }

    private func requiredString(_ slot: Slot, _ name: String) throws -> String {
        switch slot {
        case .absent: throw Bad(reason: "missing \"\(name)\"")
        case let .string(range, escaped): return JSONLexer.decodeString(line, range: range, escaped: escaped)
        default: throw Bad(reason: "\"\(name)\" must be a string")
        }
    }

    private func optionalString(_ slot: Slot) -> String? {
        if case let .string(range, escaped) = slot {
            return JSONLexer.decodeString(line, range: range, escaped: escaped)
        }
        return nil
    }

    private func double(_ n: JSONLexer.Number) -> Double {
        switch n {
        case let .integer(i): return Double(i)
        case let .real(d): return d
        }
    }
}
