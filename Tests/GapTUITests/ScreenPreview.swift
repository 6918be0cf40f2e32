import Foundation
import Testing
import GapCore
@testable import GapTUI

/// Loads runs synchronously into a state, as the feed would deliver them.
func explorerState(paths: [String], width: Int = 80, height: Int = 24, charset: Charset = .unicode) -> ExplorerState {
    var state = ExplorerState(width: width, height: height, charset: charset, themes: [Theme.default])
    let found = RunLogFinder.find(paths)
    var messages: [RunFeed.Message] = [.discovered(found.files, errors: [])]
    for file in found.files {
        for data in (try? RunLoader.load(file)) ?? [] {
            messages.append(.snapshot(RunEntry(data: data, figures: Figures.all(data))))
        }
    }
    state.update(.feed(messages))
    return state
}

@Suite struct ScreenPreview {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["GAPSCOPE_PREVIEW"] != nil))
    func preview() {
        var state = explorerState(paths: [ProcessInfo.processInfo.environment["GAPSCOPE_PREVIEW"]!],
                                  width: Int(ProcessInfo.processInfo.environment["W"] ?? "80")!,
                                  height: Int(ProcessInfo.processInfo.environment["H"] ?? "24")!)
        let keys = ProcessInfo.processInfo.environment["KEYS"] ?? ""
        for c in keys {
            switch c {
            case "E": state.update(.key(.enter))
            case "X": state.update(.key(.escape))
            default: state.update(.key(.char(c)))
            }
        }
        print(ExplorerView.render(state).text)
    }
}
