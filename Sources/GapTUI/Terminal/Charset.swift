/// Which characters the terminal can show. Decided once at start-up from the locale
/// (`nl_langinfo(CODESET)`), or forced to ASCII on request; every widget asks the grid for it.
public enum Charset: Hashable, Sendable {
    /// UTF-8 locale: box drawing, braille, block elements and any printable Unicode text.
    case unicode
    /// Anything else (`LANG=C`, a vt100): printable ASCII only; other text is shown as escapes.
    case ascii

    /// The mark for text cut short: `…` or `~`.
    public var ellipsis: String { self == .unicode ? "…" : "~" }
    /// Between items of an information line: ` · ` (ASCII ` | `).
    public var separator: String { self == .unicode ? " · " : " | " }
    /// A marker dot, as for a live run or a marked row: `●` (ASCII `*`).
    public var bullet: String { self == .unicode ? "●" : "*" }
}
