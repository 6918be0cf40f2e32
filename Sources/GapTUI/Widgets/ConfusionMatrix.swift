/// The verifier's decisions against the truth, as a small box:
///
///     ┌ verifier ───────────┐
///     │       accept  reject│
///     │ correct  120      30│
///     │ wrong     15      85│
///     └─────────────────────┘
///
/// Columns are the verifier's decision (its verdict, or the filter's when it gave none).
/// Right decisions in `.good`, false accepts (wrong but accepted) in `.bad`, false rejects
/// (correct but rejected) in `.warn`. Below five rows it falls back to one line:
/// `TA 120  FA 15  FR 30  TR 85`.
public struct ConfusionMatrix: Widget {
    /// Correct and accepted.
    public var trueAccepts: Int
    /// Wrong but accepted.
    public var falseAccepts: Int
    /// Correct but rejected.
    public var falseRejects: Int
    /// Wrong and rejected.
    public var trueRejects: Int
    public var title: String

    public init(trueAccepts: Int, falseAccepts: Int, falseRejects: Int, trueRejects: Int, title: String = "verifier") {
        self.trueAccepts = trueAccepts
        self.falseAccepts = falseAccepts
        self.falseRejects = falseRejects
        self.trueRejects = trueRejects
        self.title = title
    }

    var numberWidth: Int {
        ([trueAccepts, falseAccepts, falseRejects, trueRejects].map { String($0).count } + [7]).max()!
    }

    /// The size of the boxed form; lay screens out with it.
    public var size: Size { Size(width: 2 + 7 + 2 * (1 + numberWidth) + 1, height: 5) }

    public func render(in area: Rect, on grid: inout Grid, theme: Theme) {
        guard !area.isEmpty else { return }
        let counts: [(label: String, value: Int, role: Role)] = [
            ("TA", trueAccepts, .good), ("FA", falseAccepts, .bad), ("FR", falseRejects, .warn), ("TR", trueRejects, .good),
        ]
        guard area.height >= size.height, area.width >= size.width else {
            let spans = counts.enumerated().flatMap { i, c in
                [Span((i > 0 ? "  " : "") + c.label + " ", .dim), Span(String(c.value), c.value == 0 ? .dim : c.role)]
            }
            grid.put(spans: spans, at: area.origin, theme: theme, maxWidth: area.width)
            return
        }
        let box = Rect(origin: area.origin, size: size)
        let inner = grid.drawBox(box, style: theme[.border], title: title, titleStyle: theme[.header])
        let n = numberWidth
        func cell(_ text: String, column: Int, row: Int, role: Role) {
            let x = inner.x + 8 + column * (n + 1) + (n - text.count)
            grid.put(text: text, at: Point(x: x, y: inner.y + row), style: theme[role])
        }
        cell("accept", column: 0, row: 0, role: .header)
        cell("reject", column: 1, row: 0, role: .header)
        grid.put(text: "correct", at: Point(x: inner.x + 1, y: inner.y + 1), style: theme[.header])
        grid.put(text: "wrong", at: Point(x: inner.x + 1, y: inner.y + 2), style: theme[.header])
        for (i, c) in counts.enumerated() {
            // TA FA FR TR: row is correct/wrong, column accepted/rejected.
            let (row, column) = [(1, 0), (2, 0), (1, 1), (2, 1)][i]
            cell(String(c.value), column: column, row: row, role: c.value == 0 ? .dim : c.role)
        }
    }
}
