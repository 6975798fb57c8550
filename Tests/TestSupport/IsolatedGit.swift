import Foundation
import Git

/// Keeps tests away from the developer's own git configuration, for libgit2 in this
/// process and for every git CLI or tool process a test starts.
public enum IsolatedGit {
    /// An empty folder used as HOME and as libgit2's configuration search path.
    public static let home: String = {
        let path = NSTemporaryDirectory() + "plancascade-test-home-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try? Libgit2.isolateConfiguration(in: path)
        return path
    }()

    /// Call at the start of every test that touches git: isolates configuration once.
    public static func setUp() {
        _ = home
    }

    /// The author/committer every test commit uses.
    public static let author = Signature(name: "Sở Nội vụ Test", email: "snv@example.test", time: 1_718_600_000, offsetMinutes: 420)

    /// Environment for child processes: no global or system git config, a fixed identity.
    public static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        setUp()
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = home
        env["XDG_CONFIG_HOME"] = home
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["GIT_CONFIG_GLOBAL"] = "/dev/null"
        env["GIT_AUTHOR_NAME"] = "Test Clerk"
        env["GIT_AUTHOR_EMAIL"] = "clerk@example.test"
        env["GIT_COMMITTER_NAME"] = "Test Clerk"
        env["GIT_COMMITTER_EMAIL"] = "clerk@example.test"
        env["GIT_TERMINAL_PROMPT"] = "0"
        for (key, value) in extra { env[key] = value }
        return env
    }
}
