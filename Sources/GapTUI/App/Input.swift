/// Everything that can change the explorer's state.
public enum ExplorerEvent: Sendable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
    /// Time passed (animations of progress, clearing stale messages).
    case tick
    /// The background feed's news.
    case feed([RunFeed.Message])
}
