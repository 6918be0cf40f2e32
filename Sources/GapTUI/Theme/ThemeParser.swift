/// A theme file problem, pointing at the line: `light.theme:12: unknown colour 'blu'`.
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file as the user knows it (a path, or the theme's name for a built-in one).
    public var file: String
    /// 1-based; 0 when the problem is not on a line (an unreadable file).
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

/// Reads theme files: one `role = value` per line, `#` comments, blank lines ignored.
///
/// A value is `[foreground] [on background] [attribute...]`, for example
/// `selection = #ffffff on #264f78 bold` or `status = on blue`. Colours are what
/// `Color(parsing:)` takes; attributes are `bold`, `dim`, `italic`, `underline`, `reverse`.
/// A `#` after a space, followed by a space or the line's end, starts a comment; `#rrggbb`
/// does not. Values may be quoted. Keys are role names (`Role`), case-insensitive.
///
/// Forgiving where it can be: unknown keys are reported as warnings and ignored, roles left
/// out take the `base` theme's style. Strict where guessing would mislead: an unreadable
/// colour or a line without `=` fails the whole file, with its line number.
public enum ThemeParser {
    /// - Returns: the theme and warnings (unknown keys), each naming its line.
    public static func parse(_ text: String, name: String, file: String, base: Theme = .default)
        throws(ThemeError) -> (theme: Theme, warnings: [ThemeError]) {
        var theme = base
        theme.name = name
        var warnings: [ThemeError] = []
        for (index, rawLine) in SafeText.lines(text).enumerated() {
            let line = stripComment(String(rawLine)).trimmingSpaces()
            guard !line.isEmpty else { continue }
            let fail = { (message: String) in ThemeError(file: file, line: index + 1, message: message) }
            guard let equals = line.firstIndex(of: "=") else {
                throw fail("expected 'role = value', found '\(line)'")
            }
            let key = String(line[..<equals]).trimmingSpaces().lowercased()
            var value = String(line[line.index(after: equals)...]).trimmingSpaces()
            if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q {
                value = String(value.dropFirst().dropLast()).trimmingSpaces()
            }
            guard let role = Role(rawValue: key) else {
                warnings.append(fail("unknown key '\(key)' ignored"))
                continue
            }
            guard !value.isEmpty else { throw fail("no value for '\(key)'") }
            switch parseStyle(value) {
            case .success(let style): theme[role] = style
            case .failure(let problem): throw fail("\(key): \(problem.message)")
            }
        }
        return (theme, warnings)
    }

    struct Problem: Error { var message: String }

    /// Parses `[fg] [on bg] [attributes]`.
    static func parseStyle(_ value: String) -> Result<Style, Problem> {
        var style = Style()
        var foreground: Color?, background: Color?
        var expectingBackground = false
        for token in value.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) {
            let lower = token.lowercased()
            if lower == "on" {
                guard background == nil, !expectingBackground else { return .failure(Problem(message: "'on' given twice")) }
                expectingBackground = true
            } else if let attribute = TextAttributes.named.first(where: { $0.name == lower })?.attribute {
                guard !expectingBackground else { return .failure(Problem(message: "expected a colour after 'on', found '\(token)'")) }
                style.attributes.insert(attribute)
            } else if lower == "plain" {
                continue
            } else if let color = Color(parsing: lower) {
                if expectingBackground {
                    background = color
                    expectingBackground = false
                } else {
                    guard foreground == nil, background == nil else {
                        return .failure(Problem(message: "unexpected colour '\(token)' (write 'fg on bg')"))
                    }
                    foreground = color
                }
            } else {
                return .failure(Problem(message: "unknown colour or attribute '\(token)' "
                    + "(use #rrggbb, a colour name such as bright-red, 0-255, default, or bold/dim/italic/underline/reverse)"))
            }
        }
        if expectingBackground { return .failure(Problem(message: "expected a colour after 'on'")) }
        style.foreground = foreground ?? .default
        style.background = background ?? .default
        return .success(style)
    }

    /// Drops a trailing comment: a `#` at the start, or after a space and followed by a space or
    /// the end. `#rrggbb` colours survive because a digit or letter follows their `#`.
    static func stripComment(_ line: String) -> String {
        let chars = Array(line)
        for i in chars.indices where chars[i] == "#" {
            let startsLine = chars[..<i].allSatisfy { $0 == " " || $0 == "\t" }
            let afterSpace = i > 0 && (chars[i - 1] == " " || chars[i - 1] == "\t")
            let beforeSpace = i + 1 == chars.count || chars[i + 1] == " " || chars[i + 1] == "\t"
            if startsLine || (afterSpace && beforeSpace) { return String(chars[..<i]) }
        }
        return line
    }
}

extension String {
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
