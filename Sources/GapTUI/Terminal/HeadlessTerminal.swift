/// A terminal in memory, for driving the app loop in tests: events are scripted, frames are kept.
public final class HeadlessTerminal: TerminalBackend {
    public let capabilities: TerminalCapabilities
    public private(set) var size: Size
    /// The last frame drawn.
    public private(set) var lastFrame: Grid?
    public private(set) var frameCount = 0
    public private(set) var bellCount = 0
    public private(set) var redrawRequests = 0
    public private(set) var isShutDown = false
    private var pending: [Event]

    public init(size: Size = Size(width: 80, height: 24),
                capabilities: TerminalCapabilities = TerminalCapabilities(charset: .unicode, colorDepth: .palette256, mouse: true),
                events: [Event] = []) {
        self.size = size
        self.capabilities = capabilities
        pending = events
    }

    /// Queues events for `readEvent`.
    public func enqueue(_ events: Event...) {
        pending += events
    }

    /// Queues key presses, one per character (`"jjk"`), for typing searches in tests.
    public func type(_ text: String) {
        pending += text.unicodeScalars.map { .key(Key(scalar: $0.value)) }
    }

    /// Queues a window resize. The size changes when the event is read, as with a real
    /// terminal, so frames drawn before it keep the old size.
    public func resize(to newSize: Size) {
        pending.append(.resize(newSize))
    }

    public func draw(_ grid: Grid) {
        lastFrame = grid
        frameCount += 1
    }

    /// The next queued event, or nil (a timeout) when none is left; never waits.
    public func readEvent(timeoutMilliseconds: Int) -> Event? {
        guard !pending.isEmpty else { return nil }
        let event = pending.removeFirst()
        if case .resize(let newSize) = event { size = newSize }
        return event
    }

    public func forceRedraw() { redrawRequests += 1 }
    public func bell() { bellCount += 1 }
    public func shutdown() { isShutDown = true }
}
