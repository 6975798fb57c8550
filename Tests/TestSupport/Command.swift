import Foundation
import Git

/// The outcome of one child process.
public struct CommandResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String

    public var succeeded: Bool { status == 0 }
}

/// Runs child processes for tests (the git CLI, the built tool) with isolated git config.
///
/// Through ``ChildProcess``: a command that ended is seen to have ended even while a server
/// another test started at the same moment still runs (with Foundation's `Process` and `Pipe`
/// such a server inherits the command's pipe, and the test waited until the server stopped).
public enum Command {
    /// No command in a test runs longer than this; one that does is killed and its test fails
    /// naming it, instead of the whole run waiting for ever.
    public static let limit: TimeInterval = 900

    public struct TimedOut: Error, CustomStringConvertible {
        public let command: String
        public var description: String { "still running after \(Int(Command.limit)) s, killed: \(command)" }
    }

    /// Runs `executable` (a path, or a name looked up on PATH) with `arguments` in `directory`.
    @discardableResult
    public static func run(
        _ executable: String, _ arguments: [String], in directory: String? = nil,
        environment: [String: String]? = nil, input: String? = nil
    ) throws -> CommandResult {
        let environment = environment ?? IsolatedGit.environment()
        do {
            let outcome = try ChildProcess.run(executable, arguments, in: directory, environment: environment,
                                               input: input.map { Array($0.utf8) }, timeout: limit)
            return CommandResult(status: outcome.status, stdout: String(decoding: outcome.stdout, as: UTF8.self),
                                 stderr: String(decoding: outcome.stderr, as: UTF8.self))
        } catch ChildProcess.Failure.timedOut {
            throw TimedOut(command: ([executable] + arguments).joined(separator: " ") + (directory.map { " (in \($0))" } ?? ""))
        }
    }

    /// Runs the git CLI with isolated configuration.
    @discardableResult
    public static func git(_ arguments: [String], in directory: String? = nil) throws -> CommandResult {
        try run("git", arguments, in: directory)
    }
}
