/// Dots over a rectangle of cells: 2x4 braille dots a cell in Unicode, one point a cell in ASCII.
///
/// Three layers keep a busy chart legible: `fill` (CI bands, reference lines) is drawn only
/// where no `stroke` (data lines, whiskers, fitted lines) passes, and `marker`s (point symbols)
/// cover both. A braille cell shows one colour, so within a layer the last role drawn wins.
struct PlotCanvas {
    enum Layer: Int, Comparable {
        case fill, stroke, marker
        static func < (a: Layer, b: Layer) -> Bool { a.rawValue < b.rawValue }
    }

    let columns: Int
    let rows: Int
    let braille: Bool
    private var fillBits: [UInt8]
    private var strokeBits: [UInt8]
    private var fillRoles: [Role?]
    private var strokeRoles: [Role?]
    /// ASCII symbols, and markers in both modes, with the layer that put them there.
    private var symbols: [(text: String, role: Role, layer: Layer)?]

    init(columns: Int, rows: Int, braille: Bool) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        self.braille = braille
        let n = self.columns * self.rows
        fillBits = Array(repeating: 0, count: n)
        strokeBits = Array(repeating: 0, count: n)
        fillRoles = Array(repeating: nil, count: n)
        strokeRoles = Array(repeating: nil, count: n)
        symbols = Array(repeating: nil, count: n)
    }

    var dotsWide: Int { braille ? columns * 2 : columns }
    var dotsHigh: Int { braille ? rows * 4 : rows }

    /// Braille dot bits by (column 0-1, row 0-3) within a cell, per Unicode's dot numbering.
    private static let dotBits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    /// Sets one dot; `ascii` is the symbol used for it without braille.
    mutating func dot(_ x: Int, _ y: Int, role: Role, layer: Layer, ascii: String) {
        guard x >= 0, y >= 0, x < dotsWide, y < dotsHigh else { return }
        if braille {
            let i = (y / 4) * columns + x / 2
            let bit = Self.dotBits[x % 2][y % 4]
            switch layer {
            case .fill: fillBits[i] |= bit; fillRoles[i] = role
            case .stroke, .marker: strokeBits[i] |= bit; strokeRoles[i] = role
            }
        } else {
            mark(cellX: x, cellY: y, symbol: ascii, role: role, layer: layer)
        }
    }

    /// Puts a symbol in a cell unless a higher layer already holds it.
    mutating func mark(cellX: Int, cellY: Int, symbol: String, role: Role, layer: Layer = .marker) {
        guard cellX >= 0, cellY >= 0, cellX < columns, cellY < rows else { return }
        let i = cellY * columns + cellX
        if let existing = symbols[i], existing.layer > layer { return }
        symbols[i] = (symbol, role, layer)
    }

    /// A straight line between two points in dot coordinates (fractions allowed), clipped to the
    /// canvas first, so a fitted line heading off to 1e300 costs no more than one that stays.
    mutating func line(from a: (x: Double, y: Double), to b: (x: Double, y: Double), role: Role, layer: Layer,
                       ascii: String) {
        guard let (p, q) = clip(a, b) else { return }
        var x0 = Int(p.x.rounded()), y0 = Int(p.y.rounded())
        let x1 = Int(q.x.rounded()), y1 = Int(q.y.rounded())
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var error = dx + dy
        while true {
            dot(x0, y0, role: role, layer: layer, ascii: ascii)
            if x0 == x1 && y0 == y1 { break }
            let e2 = 2 * error
            if e2 >= dy { error += dy; x0 += sx }
            if e2 <= dx { error += dx; y0 += sy }
        }
    }

    /// Liang-Barsky clipping to the dot area; nil when the segment misses it or is not finite.
    private func clip(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double))
        -> ((x: Double, y: Double), (x: Double, y: Double))? {
        guard a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite, dotsWide > 0, dotsHigh > 0 else { return nil }
        let maxX = Double(dotsWide - 1), maxY = Double(dotsHigh - 1)
        let dx = b.x - a.x, dy = b.y - a.y
        var t0 = 0.0, t1 = 1.0
        for (p, q) in [(-dx, a.x), (dx, maxX - a.x), (-dy, a.y), (dy, maxY - a.y)] {
            if p == 0 {
                if q < 0 { return nil }
                continue
            }
            let r = q / p
            if p < 0 { if r > t1 { return nil }; t0 = max(t0, r) } else { if r < t0 { return nil }; t1 = min(t1, r) }
        }
        return ((a.x + t0 * dx, a.y + t0 * dy), (a.x + t1 * dx, a.y + t1 * dy))
    }

    /// Copies the canvas into the grid with its top-left cell at `origin`.
    func draw(on grid: inout Grid, at origin: Point, theme: Theme) {
        for row in 0..<rows {
            for column in 0..<columns {
                let i = row * columns + column
                let point = Point(x: origin.x + column, y: origin.y + row)
                if let symbol = symbols[i], symbol.layer == .marker || !braille {
                    grid.put(symbol: symbol.text, at: point, style: theme[symbol.role])
                } else if strokeBits[i] != 0, let role = strokeRoles[i] {
                    grid.put(symbol: String(Unicode.Scalar(0x2800 + UInt32(strokeBits[i]))!), at: point, style: theme[role])
                } else if fillBits[i] != 0, let role = fillRoles[i] {
                    grid.put(symbol: String(Unicode.Scalar(0x2800 + UInt32(fillBits[i]))!), at: point, style: theme[role])
                }
            }
        }
    }
}
