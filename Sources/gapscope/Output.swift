import Foundation
import GapCore

/// Writes a line to standard error, with any control character in it (a
/// path's, a foreign log's message) shown as a visible escape.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((SummaryText.terminalSafe(message) + "\n").utf8))
}

/// Writes a line of a report (`validate`'s bad lines, `convert`'s import
/// problems) to standard output as one line that is safe to show: text from
/// a log cannot break it in two, nor reach the terminal as an escape sequence.
func printLine(_ text: String) {
    print(SummaryText.terminalSafe(text))
}
