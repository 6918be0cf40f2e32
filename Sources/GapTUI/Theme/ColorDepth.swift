/// How many colours the terminal can show, from none to 24-bit. Ordered, so `depth >= .ansi16` reads naturally.
public enum ColorDepth: Int, Comparable, Sendable, CaseIterable, CustomStringConvertible {
    /// No colours (`NO_COLOR`, vt100, or `has_colors()` false): attributes only.
    case none
    /// The eight basic colours.
    case ansi8
    /// Basic and bright colours.
    case ansi16
    /// The xterm 256-colour palette.
    case palette256
    /// 24-bit colour, which ncurses can address only through a direct-colour terminfo entry.
    case trueColor

    public static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch self {
        case .none: return "no colour"
        case .ansi8: return "8 colours"
        case .ansi16: return "16 colours"
        case .palette256: return "256 colours"
        case .trueColor: return "24-bit colour"
        }
    }

    /// The depth to draw with, from the environment and what ncurses reports after `start_color`.
    ///
    /// `NO_COLOR` (set and not empty, per no-color.org) wins over everything. `COLORTERM=truecolor`
    /// or `24bit` says the terminal takes 24-bit colour, but ncurses colour pairs can only carry it
    /// when the terminfo entry is direct-colour (`TERM=xterm-direct`, `COLORS` = 2^24); with the
    /// usual `xterm-256color` we map to the 256-colour palette instead, which is what
    /// `terminalColors` then says.
    /// - Parameters:
    ///   - hasColors: ncurses' `has_colors()`.
    ///   - terminalColors: ncurses' `COLORS`.
    public static func detect(environment: [String: String], hasColors: Bool, terminalColors: Int) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        guard hasColors, terminalColors >= 8 else { return .none }
        if terminalColors >= 1 << 24 { return .trueColor }
        if terminalColors >= 256 { return .palette256 }
        return terminalColors >= 16 ? .ansi16 : .ansi8
    }
}
