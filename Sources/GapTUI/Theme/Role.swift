/// What a piece of the screen means; a theme gives each role a style. Screens ask for roles,
/// never for colours, so every theme (and a colourless terminal) can show the same meaning.
/// The raw value is the key in a theme file.
public enum Role: String, CaseIterable, Hashable, Sendable {
    /// Ordinary text.
    case text
    /// Secondary text: units, hints, empty cells.
    case dim
    /// Emphasis: the current figure, a highlighted word.
    case accent
    /// A screen's title line.
    case title
    /// Table column headers and section titles.
    case header
    /// Box borders and rules.
    case border
    /// The status bar at the bottom.
    case status
    /// Key names in the status bar and the help overlay.
    case key
    /// The selected row (foreground and background).
    case selection
    /// Search matches.
    case match
    /// Figures that are good news (positive gap, correct answer).
    case good
    /// Figures that are bad news (negative gap, false accept, failed run).
    case bad
    /// Things to look at (false reject, unparsed verification, stale data).
    case warn
    /// Samples the filter kept.
    case kept
    /// Samples the filter dropped.
    case dropped
    /// A run that is still being written.
    case live
    /// Chart axes, ticks and tick labels.
    case axis
    /// Confidence interval bands and whiskers.
    case ci
    /// Chart series, in legend order.
    case series1, series2, series3, series4, series5, series6

    /// The six series roles, in order.
    public static let series: [Role] = [.series1, .series2, .series3, .series4, .series5, .series6]

    /// The role for the `index`th series of a chart, cycling after six.
    public static func series(_ index: Int) -> Role {
        series[((index % series.count) + series.count) % series.count]
    }
}
