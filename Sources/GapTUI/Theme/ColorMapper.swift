/// Maps theme colours down to what a terminal of a given depth can show, and to the colour
/// numbers ncurses takes. Pure functions, so the mapping is tested without a terminal.
public enum ColorMapper {
    /// xterm's default values for the 16 basic and bright colours. Terminals let users change
    /// these, so they are a best guess used only for choosing the nearest colour.
    static let basicRGB: [(r: UInt8, g: UInt8, b: UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The channel values of the 6x6x6 cube at palette indices 16-231.
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The colour at a palette index, as xterm draws it by default.
    public static func paletteRGB(_ index: UInt8) -> (r: UInt8, g: UInt8, b: UInt8) {
        switch index {
        case 0..<16:
            return basicRGB[Int(index)]
        case 16..<232:
            let i = Int(index) - 16
            return (UInt8(cubeLevels[i / 36]), UInt8(cubeLevels[(i / 6) % 6]), UInt8(cubeLevels[i % 6]))
        default:
            let level = UInt8(8 + 10 * (Int(index) - 232))
            return (level, level, level)
        }
    }

    /// The nearest of palette entries 16-255 (the cube and the grey ramp). Entries 0-15 are
    /// skipped on purpose: users re-colour them, so they are not reliable targets for a `#rrggbb`.
    public static func nearest256(r: UInt8, g: UInt8, b: UInt8) -> UInt8 {
        func level(_ v: UInt8) -> Int {
            cubeLevels.indices.min { abs(cubeLevels[$0] - Int(v)) < abs(cubeLevels[$1] - Int(v)) }!
        }
        let cube = UInt8(16 + 36 * level(r) + 6 * level(g) + level(b))
        let average = (Int(r) + Int(g) + Int(b)) / 3
        let grey = UInt8(232 + min(23, max(0, (average - 3) / 10)))
        return distance((r, g, b), paletteRGB(grey)) < distance((r, g, b), paletteRGB(cube)) ? grey : cube
    }

    /// The nearest of the first `count` basic colours (8 or 16).
    ///
    /// Plain nearest-RGB sends mid greys to yellow (xterm's yellow is dark), so greys are mapped
    /// by lightness to black and white (and the bright greys with 16 colours), and other colours
    /// to the nearest colour that has a hue.
    public static func nearestBasic(r: UInt8, g: UInt8, b: UInt8, count: Int) -> UInt8 {
        let sixteen = count >= 16
        let channels = [Int(r), Int(g), Int(b)]
        if channels.max()! - channels.min()! < greyTolerance {
            let lightness = channels.reduce(0, +) / 3
            if sixteen { return lightness < 48 ? 0 : lightness < 160 ? 8 : lightness < 224 ? 7 : 15 }
            return lightness < 64 ? 0 : 7
        }
        let hued = Array(1...6) + (sixteen ? Array(9...14) : [])
        return UInt8(hued.min { distance((r, g, b), basicRGB[$0]) < distance((r, g, b), basicRGB[$1]) }!)
    }

    /// Channels closer than this count as a grey.
    static let greyTolerance = 48

    /// The colour a terminal of this depth can show that is closest to `color`. `.default`
    /// stays `.default`; at `.none` every colour becomes `.default`.
    public static func map(_ color: Color, to depth: ColorDepth) -> Color {
        switch (color, depth) {
        case (.default, _), (_, .trueColor):
            return color
        case (_, .none):
            return .default
        case (.palette(let n), .palette256):
            return .palette(n)
        case (.rgb(let r, let g, let b), .palette256):
            return .palette(nearest256(r: r, g: g, b: b))
        case (.palette(let n), .ansi16) where n < 16:
            return .palette(n)
        case (.palette(let n), .ansi8) where n < 16:
            return .palette(n % 8)
        default:
            let c = color.rgbComponents!
            return .palette(nearestBasic(r: c.r, g: c.g, b: c.b, count: depth == .ansi8 ? 8 : 16))
        }
    }

    /// The number ncurses takes for `color` at this depth: -1 for the terminal's default
    /// (with `use_default_colors`), a palette index, or at `.trueColor` a packed 0xRRGGBB.
    ///
    /// Direct-colour terminfo entries read numbers below 8 as the basic palette, so in that mode
    /// palette entries above 7 are sent as their RGB value and an RGB value below 8 (a near
    /// black) is nudged to 8, which is still black to the eye.
    public static func terminalNumber(for color: Color, depth: ColorDepth) -> Int {
        switch map(color, to: depth) {
        case .default:
            return -1
        case .palette(let n):
            guard depth == .trueColor, n >= 8 else { return Int(n) }
            let c = paletteRGB(n)
            return max(8, Int(c.r) << 16 | Int(c.g) << 8 | Int(c.b))
        case .rgb(let r, let g, let b):
            return max(8, Int(r) << 16 | Int(g) << 8 | Int(b))
        }
    }

    static func distance(_ a: (r: UInt8, g: UInt8, b: UInt8), _ b: (r: UInt8, g: UInt8, b: UInt8)) -> Int {
        let dr = Int(a.r) - Int(b.r), dg = Int(a.g) - Int(b.g), db = Int(a.b) - Int(b.b)
        return dr * dr + dg * dg + db * db
    }
}
