// Generated from themes/*.theme; a test keeps the two in step. Embedded so an installed
// binary works with no themes directory beside it.

/// The theme files shipped in `themes/`, as text.
enum BuiltinThemes {
    /// Name and file text, `default` first.
    static let sources: [(name: String, text: String)] = [
        ("default", #"""
        # gapscope default theme, for dark terminal backgrounds.
        #
        # One role per line:   role = [foreground] [on background] [attributes]
        # Colours:    #rrggbb, #rgb, a name (black red green yellow blue magenta cyan white,
        #             bright-black ... bright-white), a palette index 0-255, or default
        #             (the terminal's own colour; keeps its background).
        # Attributes: bold dim italic underline reverse.
        # Unknown keys are ignored; a role left out takes this theme's style.
        # Copy this file to ~/.config/gapscope/themes/<name>.theme to make your own.

        text      = #d0d0d0
        dim       = #808080
        accent    = #5fafff bold
        title     = #ffffff bold
        header    = #87afd7 bold
        border    = #585858
        status    = #d0d0d0 on #303030
        key       = #ffd75f bold
        selection = #ffffff on #264f78
        match     = #000000 on #ffd75f

        good      = #5fd75f
        bad       = #ff5f5f
        warn      = #ffaf00
        kept      = #87d787
        dropped   = #d78787
        live      = #5fd7ff bold

        axis      = #6c6c6c
        ci        = #5f5f87
        series1   = #5fafff
        series2   = #ffaf5f
        series3   = #5fd75f
        series4   = #ff87d7
        series5   = #d7d75f
        series6   = #afafff
        """#),
        ("light", #"""
        # gapscope light theme, for light terminal backgrounds.
        # Format: see default.theme.

        text      = #1c1c1c
        dim       = #6c6c6c
        accent    = #005fd7 bold
        title     = #000000 bold
        header    = #005f87 bold
        border    = #a8a8a8
        status    = #1c1c1c on #d0d0d0
        key       = #870000 bold
        selection = #000000 on #afd7ff
        match     = #000000 on #ffd700

        good      = #008700
        bad       = #d70000
        warn      = #af5f00
        kept      = #005f00
        dropped   = #af5f5f
        live      = #0087af bold

        axis      = #808080
        ci        = #bcbcbc
        series1   = #005fd7
        series2   = #d75f00
        series3   = #008700
        series4   = #af00af
        series5   = #878700
        series6   = #5f5faf
        """#),
        ("high-contrast", #"""
        # gapscope high-contrast theme: bright basic colours and bold, for glare,
        # projectors and tired eyes. Uses only the 16 basic colours, so it looks the
        # same on any colour terminal. Format: see default.theme.

        text      = bright-white
        dim       = white
        accent    = bright-cyan bold
        title     = bright-white bold underline
        header    = bright-yellow bold underline
        border    = bright-white
        status    = bright-white on blue bold
        key       = bright-yellow bold
        selection = black on bright-yellow bold
        match     = black on bright-cyan

        good      = bright-green bold
        bad       = bright-red bold
        warn      = bright-yellow bold
        kept      = bright-green
        dropped   = bright-red
        live      = bright-cyan bold

        axis      = bright-white
        ci        = white
        series1   = bright-cyan
        series2   = bright-yellow
        series3   = bright-green
        series4   = bright-magenta
        series5   = bright-red
        series6   = bright-white
        """#),
        ("mono", #"""
        # gapscope mono theme, for 8-colour terminals and those without colour.
        # Only the 8 basic colours; the attributes carry each role's meaning on their
        # own, because with no colours at all (NO_COLOR, vt100) every theme is shown
        # with these attributes alone. Format: see default.theme.

        text      = default
        dim       = default dim
        accent    = cyan bold
        title     = default bold
        header    = default bold underline
        border    = default
        status    = default reverse
        key       = default bold
        selection = default reverse
        match     = black on yellow underline

        good      = green
        bad       = red bold
        warn      = yellow underline
        kept      = green
        dropped   = red dim
        live      = cyan bold

        axis      = default
        ci        = blue dim
        series1   = cyan bold
        series2   = yellow
        series3   = green
        series4   = magenta
        series5   = red
        series6   = default
        """#),
    ]

    /// A built-in theme parsed over an all-plain base; nil only if the embedded text were broken.
    static func theme(named name: String) -> Theme? {
        guard let source = sources.first(where: { $0.name == name }) else { return nil }
        let base = name == "default" ? Theme(name: name, styles: [:]) : Theme.default
        return try? ThemeParser.parse(source.text, name: name, file: name + ".theme", base: base).theme
    }
}
