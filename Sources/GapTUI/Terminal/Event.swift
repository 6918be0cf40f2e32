/// A key press, decoded from what the terminal sent.
public enum Key: Hashable, Sendable {
    /// A printable character, including space.
    case char(Character)
    /// Ctrl with a letter, in lower case: Ctrl-d is `.ctrl("d")`. Ctrl-I, Ctrl-M, Ctrl-H and
    /// Ctrl-[ arrive as `.tab`, `.enter`, `.backspace` and `.escape`, since terminals send the same bytes.
    case ctrl(Character)
    case enter, escape, tab, backTab, backspace, delete, insert
    case up, down, left, right, pageUp, pageDown, home, end
    /// F1...F12 as 1...12.
    case function(Int)
    /// A code no case above covers, kept so that a key map can still log it.
    case unknown(Int)

    /// Decodes one character as read from the terminal (not a function-key code).
    public init(scalar value: UInt32) {
        switch value {
        case 9: self = .tab
        case 10, 13: self = .enter
        case 27: self = .escape
        case 8, 127: self = .backspace
        case 0: self = .ctrl("@")
        case 1...26: self = .ctrl(Character(Unicode.Scalar(UInt8(value + 0x60))))
        case 28...31: self = .ctrl(Character(Unicode.Scalar(UInt8(value + 0x40))))
        case 0x80..<0xA0: self = .unknown(Int(value))
        default:
            guard let scalar = Unicode.Scalar(value) else { self = .unknown(Int(value)); return }
            self = .char(Character(scalar))
        }
    }
}

extension Key: CustomStringConvertible {
    /// How help texts write the key: `j`, `Ctrl-d`, `PgDn`, `Shift-Tab`, `F1`.
    public var description: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-" + String(c)
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .insert: return "Insert"
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .function(let n): return "F\(n)"
        case .unknown(let code): return "key \(code)"
        }
    }
}

public enum MouseButton: Hashable, Sendable {
    case left, middle, right
}

/// A mouse action at a cell.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case press(MouseButton)
        case release(MouseButton)
        case wheelUp
        case wheelDown
    }

    public var kind: Kind
    public var position: Point

    public init(kind: Kind, position: Point) {
        self.kind = kind
        self.position = position
    }

    public var x: Int { position.x }
    public var y: Int { position.y }
}

extension MouseEvent.Kind {
    /// A left-button press: what selects a row. Reported at once, not after the release, so a
    /// click feels immediate (the backend turns ncurses' click detection off).
    public static var click: MouseEvent.Kind { .press(.left) }
}

/// What the terminal reports. Timer ticks and "the log grew" are the app's own events;
/// `TerminalBackend.readEvent(timeoutMilliseconds:)` returns nil when the time is up.
public enum Event: Hashable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    /// The window changed size; draw a grid of the new size next.
    case resize(Size)
}
