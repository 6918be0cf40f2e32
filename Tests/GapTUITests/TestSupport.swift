@testable import GapTUI

/// Scalars that must never reach the terminal: C0, DEL, C1 and bidi controls.
func unsafeScalars(in grid: Grid) -> [Unicode.Scalar] {
    grid.cells.flatMap(\.symbol.unicodeScalars).filter { s in
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || SafeText.isBidiControl(s)
            || s.properties.generalCategory == .format
    }
}

/// A grid with one widget drawn over all of it.
func render(_ widget: some Widget, width: Int, height: Int, charset: Charset = .unicode,
            theme: Theme = .default) -> Grid {
    var grid = Grid(width: width, height: height, charset: charset)
    widget.render(in: grid.bounds, on: &grid, theme: theme)
    return grid
}
