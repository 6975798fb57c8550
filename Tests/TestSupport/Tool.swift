import Foundation

/// Runs the built `plancascade` binary, as a user would.
public enum Tool {
    /// The binary SwiftPM built next to the test bundle (override with PLANCASCADE_BIN).
    public static let path: String = {
        if let override = ProcessInfo.processInfo.environment["PLANCASCADE_BIN"] { return override }
        var candidates: [URL] = []
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(runner.deletingLastPathComponent())
        candidates.append(Bundle.main.bundleURL)
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        for directory in candidates {
            var current = directory
            for _ in 0..<4 {
                let binary = current.appendingPathComponent("plancascade").path
                if FileManager.default.isExecutableFile(atPath: binary) { return binary }
                current = current.deletingLastPathComponent()
            }
        }
        return "plancascade"
    }()

    /// Runs `plancascade arguments…` in `directory` with isolated git configuration.
    @discardableResult
    public static func run(_ arguments: [String], in directory: String? = nil, environment extra: [String: String] = [:]) throws -> CommandResult {
        try Command.run(path, arguments, in: directory, environment: IsolatedGit.environment(extra))
    }
}
