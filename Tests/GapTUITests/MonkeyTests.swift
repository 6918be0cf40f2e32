import GapCore
@testable import GapTUI

import Testing

/// Thousands of random keys, clicks, resizes and feed events, from a fixed
/// seed: every screen must stay drawable and the state consistent, whatever
/// order a user (or a live log) produces them in.
@Suite struct MonkeyTests {
    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func randomEventsNeverBreakTheExplorer(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        var state = try ExplorerFixture.state(runs: [ExplorerFixture.runA, ExplorerFixture.runB,
                                                     ExplorerFixture.longRun(rounds: 3, samples: 60)])
        let paths = state.order
        let snapshots = paths.compactMap { state.entries[$0] }
        let keys: [Key] = "jkhlgGnNpsSmfFPtc?!:/qQ 0123456789x".map { .char($0) }
            + [.enter, .escape, .tab, .backTab, .backspace, .up, .down, .left, .right, .pageUp, .pageDown,
               .home, .end, .ctrl("d"), .ctrl("u"), .ctrl("f"), .ctrl("b"), .ctrl("w"), .ctrl("l"), .function(1)]
        var visited: Set<ScreenKind> = []
        for step in 0..<5000 {
            switch rng.next() % 20 {
            case 0:
                state.update(.resize(width: Int(rng.next() % 200) + 10, height: Int(rng.next() % 70) + 4))
            case 1:
                let kinds: [MouseEvent.Kind] = [.press(.left), .release(.left), .wheelUp, .wheelDown]
                state.update(.mouse(MouseEvent(kind: kinds[Int(rng.next() % 4)],
                                               position: Point(x: Int(rng.next() % 200), y: Int(rng.next() % 70)))))
            case 2:
                // The feed: a log gone, back, read afresh, or growing.
                let path = paths[Int(rng.next() % UInt64(paths.count))]
                switch rng.next() % 4 {
                case 0: state.update(.feed([.discovered(paths.filter { $0 != path }, errors: [])]))
                case 1: state.update(.feed([.discovered(paths, errors: []), .snapshot(RunEntry(data: RunData(path: path), loading: (0, 9)))]))
                case 2: state.update(.feed([.progress(path: path, done: Int64(rng.next() % 9), total: 9)]))
                default: state.update(.feed([.snapshot(snapshots[Int(rng.next() % UInt64(snapshots.count))])]))
                }
            case 3:
                state.update(.tick)
            default:
                state.update(.key(keys[Int(rng.next() % UInt64(keys.count))]))
            }
            if state.shouldQuit {
                state.shouldQuit = false
                state.press("{Enter}")
            }
            visited.insert(state.screenKind)
            if step % 7 == 0 {
                let grid = ExplorerView.render(state)
                #expect(grid.width == state.width && grid.height == state.height, "step \(step)")
            }
        }
        #expect(visited == [.runs, .run, .round, .sample, .compare], "every screen was reached: \(visited)")
    }
}
