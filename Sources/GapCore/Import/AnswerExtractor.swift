import Foundation

/// Pulls the final answer out of a generated response and compares it with
/// a reference, the way lm-evaluation-harness's regex filter and
/// `exact_match` do for math word problems.
struct AnswerExtractor {
    /// The harness's `flexible-extract` pattern: numbers, with `$` `,` `.` inside.
    static let defaultPattern = #"(-?[$0-9.,]{2,})|(-?[0-9]+)"#

    let pattern: String
    /// Which match to take, Python-style: 0 the first, -1 the last.
    let matchIndex: Int
    /// Where the pattern came from, for the run header.
    let origin: String
    private let regex: NSRegularExpression

    init(pattern: String, matchIndex: Int, origin: String) throws {
        do {
            regex = try NSRegularExpression(pattern: pattern)
        } catch {
            throw ImportError("answer pattern \(pattern) is not a valid regular expression")
        }
        self.pattern = pattern
        self.matchIndex = matchIndex
        self.origin = origin
    }

    /// The last number, `$` and `,` removed (the harness's flexible extract).
    static func lastNumber() -> AnswerExtractor {
        // The pattern is a constant known to compile.
        try! AnswerExtractor(pattern: defaultPattern, matchIndex: -1, origin: "default (the last number)")
    }

    /// The normalised answer, or nil when the response holds none.
    func extract(_ response: String) -> String? {
        let text = response as NSString
        let matches = regex.matches(in: response, range: NSRange(location: 0, length: text.length))
        guard !matches.isEmpty else { return nil }
        let index = matchIndex < 0 ? matches.count + matchIndex : matchIndex
        guard matches.indices.contains(index) else { return nil }
        let match = matches[index]
        // As the harness does with `re.findall`: the first non-empty group when
        // the pattern has groups, else the whole match.
        var found: String?
        if match.numberOfRanges > 1 {
            for group in 1..<match.numberOfRanges {
                let range = match.range(at: group)
                if range.location != NSNotFound, range.length > 0 {
                    found = text.substring(with: range)
                    break
                }
            }
        } else {
            found = text.substring(with: match.range)
        }
        guard let found else { return nil }
        let normalised = Self.normalise(found)
        return normalised.isEmpty ? nil : normalised
    }

    /// The harness's gsm8k `exact_match` settings applied to one side: text
    /// after the last `#### `, `,` and `$` removed, a final `.` dropped,
    /// spaces trimmed, lower case.
    static func normalise(_ raw: String) -> String {
        var text = raw
        if let marker = text.range(of: "#### ", options: .backwards) {
            text = String(text[marker.upperBound...])
        }
        text.removeAll { $0 == "," || $0 == "$" }
        text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasSuffix(".") { text.removeLast() }
        return text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// Whether a normalised answer equals a reference. Numbers compare by
    /// value so that `18.0` matches `18`.
    static func matches(_ answer: String, reference: String) -> Bool {
        let target = normalise(reference)
        if answer == target { return true }
        if let a = Double(answer), let b = Double(target) { return a == b }
        return false
    }
}
