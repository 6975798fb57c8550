import Foundation
import PlanModel

/// One line of progress on standard error for a long command (`export` at a province): only
/// when standard error is a terminal, only once the run has taken a second (a short run shows
/// nothing; `PLANCASCADE_PROGRESS_AFTER=<seconds>` changes that), rewritten in place, in the
/// user's language, and cleared at the end. Nothing of it reaches a file or a pipe.
final class ProgressLine {
    private let start = Date()
    private let after = ProcessInfo.processInfo.environment["PLANCASCADE_PROGRESS_AFTER"].flatMap(TimeInterval.init) ?? 1
    private let enabled = isatty(STDERR_FILENO) == 1
    private var shown = false
    private var pending: Message?

    /// Shows `step` (a catalogue message) in place of the one before.
    func show(_ step: Message) {
        guard enabled else { return }
        pending = step
        guard Date().timeIntervalSince(start) >= after else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8 + Data("plancascade: \(say(step))".utf8)))
        shown = true
    }

    /// Clears the line, if one was shown.
    func finish() {
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        shown = false
    }
}
