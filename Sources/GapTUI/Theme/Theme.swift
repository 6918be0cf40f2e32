/// A style for every `Role`, by name. Load one with `ThemeLoader`, then call `adapted(to:)`
/// with the terminal's colour depth before drawing.
public struct Theme: Hashable, Sendable {
    /// The theme's name: its file name without `.theme`.
    public var name: String
    var styles: [Role: Style]
    /// True once adapted to a terminal without colours; charts then mark points with symbols,
    /// since series can no longer be told apart by colour.
    public private(set) var isMonochrome = false

    /// A theme with the given styles; missing roles are plain.
    public init(name: String, styles: [Role: Style]) {
        self.name = name
        self.styles = styles
    }

    /// The style of a role.
    public subscript(role: Role) -> Style {
        get { styles[role] ?? .plain }
        set { styles[role] = newValue }
    }

    /// The built-in dark theme; always available, whatever is installed.
    public static let `default`: Theme = BuiltinThemes.theme(named: "default") ?? Theme(name: "default", styles: [:])

    /// The built-in theme for 8-colour terminals, whose attributes also carry every role's
    /// meaning when there are no colours at all.
    public static let mono: Theme = BuiltinThemes.theme(named: "mono") ?? Theme(name: "mono", styles: [:])

    /// The theme to start with on a terminal of this depth: `mono` where colours are few, else `default`.
    public static func preferredName(for depth: ColorDepth) -> String {
        depth <= .ansi8 ? "mono" : "default"
    }

    /// The theme as a terminal of this depth can show it.
    ///
    /// - `.none`: every theme looks like `mono` without colours (bold accents, reverse
    ///   selection), since a colour theme's meaning is lost with its colours.
    /// - `.ansi8`/`.ansi16`: nearest colours; a background that lands on a grey (black, white)
    ///   would vanish against the usual terminal background, so reverse video marks it instead.
    /// - `.palette256`: nearest palette entries; `.trueColor`: unchanged.
    public func adapted(to depth: ColorDepth) -> Theme {
        var copy = self
        copy.isMonochrome = depth == .none
        for role in Role.allCases {
            if depth == .none {
                copy[role] = Style(attributes: Theme.mono[role].attributes)
                continue
            }
            let style = self[role]
            var mapped = Style(foreground: ColorMapper.map(style.foreground, to: depth),
                               background: ColorMapper.map(style.background, to: depth),
                               attributes: style.attributes)
            let greys: Set<Color> = [.palette(0), .palette(7), .palette(8), .palette(15)]
            if depth <= .ansi16, style.background != .default,
               greys.contains(mapped.background) || mapped.background == mapped.foreground {
                mapped.background = .default
                mapped.attributes.insert(.reverse)
            }
            copy[role] = mapped
        }
        return copy
    }
}
