import Foundation
import Git

extension Command {
    /// Starts `executable arguments…` in `directory`, sends it SIGKILL after `delay` seconds
    /// unless it finished, and waits for it.
    /// - Returns: true when the process was killed, false when it had already exited.
    @discardableResult
    public static func runKilled(
        _ executable: String, _ arguments: [String], in directory: String, after delay: TimeInterval,
        environment: [String: String]? = nil
    ) throws -> Bool {
        let child = try ChildProcess(executable, arguments, in: directory, environment: environment ?? IsolatedGit.environment(),
                                     stdout: .discard, stderr: .discard)
        try child.start()
        if child.wait(timeout: delay) != nil { return false }
        child.kill()
        return child.wait()?.exit.signaled ?? false
    }
}
