/// What an Esc read from the terminal means, decided from the input right after it, as less
/// and vim decide it.
///
/// ncurses turns the escape sequences its terminal description lists into key codes, but hands
/// on any other sequence byte by byte: an Esc, then `[`, `9`, `9`, `~` for `ESC [ 99 ~`, or for
/// `ESC [ 1 ~` (Home as PuTTY and screen send it) where the terminal description says `ESC O H`.
/// The same happens to a known sequence whose bytes arrive in two packets further apart than the
/// escape delay, as over a slow SSH link. So an Esc is a key of its own only when nothing follows
/// it within the escape delay; otherwise the whole sequence is read and either decoded (the
/// cursor and editing keys every terminal sends the same way) or dropped:
///
/// - CSI, `ESC [` then parameter bytes up to one final byte in `@`...`~`;
/// - SS3, `ESC O` then one final byte;
/// - Alt with a character, `ESC x` (Alt-j), dropped: no key of the explorer uses Alt;
/// - Alt with a key ncurses decoded (Alt-Down), which comes as that key code: the code is kept,
///   so a resize or mouse report right after an Esc is not lost either.
enum EscapeSequence {
    /// One read from the terminal after the Esc.
    enum Input: Hashable, Sendable {
        /// A character (a byte, or a wide character in a UTF-8 locale).
        case character(UInt32)
        /// A key code ncurses decoded itself (`KEY_DOWN`, `KEY_RESIZE`, ...).
        case keyCode(Int32)
    }

    /// What the Esc and the input read after it amount to.
    struct Outcome: Hashable, Sendable {
        /// The key to act on: `.escape` for a lone Esc, a decoded key, or nil when the
        /// sequence means nothing here and is dropped.
        var key: Key?
        /// Input read that is not part of the sequence, to be handled as the next event.
        var unread: Input?

        init(key: Key?, unread: Input? = nil) {
            self.key = key
            self.unread = unread
        }
    }

    /// More bytes than any sequence a keyboard sends: past this, reading stops and what was
    /// read is dropped, so a stream of garbage cannot hold the keyboard.
    static let maximumLength = 32

    /// Reads the rest of a sequence after an Esc.
    /// - Parameter next: the next input if one comes within the escape delay, else nil.
    static func read(after next: () -> Input?) -> Outcome {
        guard let first = next() else { return Outcome(key: .escape) }
        guard case let .character(introducer) = first else {
            // Alt with a key ncurses knows, or a resize or mouse report: the key code stands.
            return Outcome(key: nil, unread: first)
        }
        switch introducer {
        case UInt32(UInt8(ascii: "[")):
            return controlSequence(next)
        case UInt32(UInt8(ascii: "O")):
            guard let final = next() else { return Outcome(key: nil) }   // Alt-O
            guard case let .character(byte) = final, isFinal(byte) else { return Outcome(key: nil, unread: final) }
            return Outcome(key: singleShiftKey(byte))
        case 27:
            // Esc Esc: Alt with Esc, or Alt before a sequence ncurses did not decode.
            let rest = read(after: next)
            return Outcome(key: nil, unread: rest.unread)
        default:
            return Outcome(key: nil)   // Alt with a character
        }
    }

    /// `ESC [` read: parameters and intermediates up to the final byte.
    static func controlSequence(_ next: () -> Input?) -> Outcome {
        var parameters = ""
        for _ in 0..<maximumLength {
            guard let input = next() else { return Outcome(key: nil) }
            guard case let .character(byte) = input, (0x20...0x7E).contains(byte) else {
                // Not part of a sequence: the sequence is cut short, the input is the user's.
                return Outcome(key: nil, unread: input)
            }
            if isFinal(byte) { return Outcome(key: controlSequenceKey(parameters: parameters, final: byte)) }
            parameters.unicodeScalars.append(Unicode.Scalar(UInt8(byte)))
        }
        return Outcome(key: nil)
    }

    static func isFinal(_ byte: UInt32) -> Bool { (0x40...0x7E).contains(byte) }

    /// The keys sent as CSI by xterm, PuTTY, screen, tmux and the Linux console, without
    /// modifiers; nil for any other sequence.
    static func controlSequenceKey(parameters: String, final: UInt32) -> Key? {
        let plain = parameters.isEmpty || parameters == "1"
        switch Unicode.Scalar(UInt8(final)) {
        case "A" where plain: return .up
        case "B" where plain: return .down
        case "C" where plain: return .right
        case "D" where plain: return .left
        case "H" where plain: return .home
        case "F" where plain: return .end
        case "Z" where parameters.isEmpty: return .backTab
        case "~":
            switch parameters {
            case "1", "7": return .home
            case "2": return .insert
            case "3": return .delete
            case "4", "8": return .end
            case "5": return .pageUp
            case "6": return .pageDown
            default: return nil
            }
        default:
            return nil
        }
    }

    /// The keys sent as SS3 in the terminal's application mode; nil for any other.
    static func singleShiftKey(_ final: UInt32) -> Key? {
        switch Unicode.Scalar(UInt8(final)) {
        case "A": return .up
        case "B": return .down
        case "C": return .right
        case "D": return .left
        case "H": return .home
        case "F": return .end
        default: return nil
        }
    }
}
