/// A colour as a theme states it. The backend maps it down to what the terminal can show
/// (see `ColorDepth` and `ColorMapper`).
public enum Color: Hashable, Sendable {
    /// The terminal's own foreground or background; keeps the user's background untouched.
    case `default`
    /// An xterm palette index: 0-7 basic, 8-15 bright, 16-231 the 6x6x6 cube, 232-255 greys.
    case palette(UInt8)
    /// A 24-bit colour.
    case rgb(UInt8, UInt8, UInt8)

    /// The basic and bright colour names a theme may use, in palette order.
    public static let names = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow",
        "bright-blue", "bright-magenta", "bright-cyan", "bright-white",
    ]

    /// Parses `#rrggbb`, `#rgb`, a name from `names` (also `brightred`, `bright_red`, `grey`,
    /// `gray`), `default`, or a palette index `0`-`255` (also `color42`/`colour42`).
    /// Case does not matter. Returns nil for anything else.
    public init?(parsing text: String) {
        let token = text.lowercased()
        if token == "default" || token == "none" {
            self = .default
            return
        }
        if token.hasPrefix("#") {
            let hex = Array(token.dropFirst())
            guard hex.count == 3 || hex.count == 6, hex.allSatisfy(\.isHexDigit) else { return nil }
            let full = hex.count == 3 ? hex.flatMap { [$0, $0] } : hex
            let v = (0..<3).map { UInt8(String(full[$0 * 2...$0 * 2 + 1]), radix: 16)! }
            self = .rgb(v[0], v[1], v[2])
            return
        }
        var number = token
        for prefix in ["colour", "color"] where number.hasPrefix(prefix) {
            number = String(number.dropFirst(prefix.count))
        }
        if let index = UInt8(number) {
            self = .palette(index)
            return
        }
        let name = String(token.map { $0 == "_" ? "-" : $0 })
        let aliases = ["grey": "bright-black", "gray": "bright-black"]
        let normalized = aliases[name]
            ?? (name.hasPrefix("bright") && !name.hasPrefix("bright-") ? "bright-" + name.dropFirst(6) : name)
        guard let index = Self.names.firstIndex(of: normalized) else { return nil }
        self = .palette(UInt8(index))
    }

    /// The colour's red, green and blue, using xterm's default palette for indices;
    /// nil for `.default`, whose value only the terminal knows.
    public var rgbComponents: (r: UInt8, g: UInt8, b: UInt8)? {
        switch self {
        case .default: return nil
        case .rgb(let r, let g, let b): return (r, g, b)
        case .palette(let n): return ColorMapper.paletteRGB(n)
        }
    }
}

extension Color: CustomStringConvertible {
    /// The colour as a theme file would write it.
    public var description: String {
        switch self {
        case .default: return "default"
        case .palette(let n): return n < 16 ? Self.names[Int(n)] : String(n)
        case .rgb(let r, let g, let b):
            return "#" + [r, g, b].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        }
    }
}
