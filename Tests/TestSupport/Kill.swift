import Foundation

extension Command {
    /// Starts `executable arguments…` in `directory`, sends it SIGKILL after `delay` seconds
    /// unless it finished, and waits for it.
    /// - Returns: true when the process was killed, false when it had already exited.
    @discardableResult
    public static func runKilled(
        _ executable: String, _ arguments: [String], in directory: String, after delay: TimeInterval,
        environment: [String: String]? = nil
    ) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment ?? IsolatedGit.environment()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(delay)
        while process.isRunning, Date() < deadline { usleep(200) }
        let killed = process.isRunning
        if killed { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return killed && process.terminationReason == .uncaughtSignal
    }
}
