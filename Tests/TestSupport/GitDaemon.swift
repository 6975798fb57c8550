import Foundation
import Git

/// A `git daemon` serving one folder on 127.0.0.1 at a free port, with pushes enabled.
///
/// It stops when released, and by itself after `lifetime` seconds in any case (it runs
/// under `timeout`), so a crashed test never leaves a server behind.
public final class GitDaemon: @unchecked Sendable {
    public let port: Int
    private let process: ChildProcess
    private let pidFile: String

    /// `git://127.0.0.1:<port>/<relativePath>`.
    public func url(_ relativePath: String) -> String {
        "git://127.0.0.1:\(port)/\(relativePath)"
    }

    public init(basePath: String, lifetime: Int = 300) throws {
        var lastError: Error = DaemonError.didNotStart
        for _ in 0..<5 {
            let port = try Self.freePort()
            // git-daemon run directly (not through the `git` wrapper), under `timeout`, and
            // with a pid file, so that both `timeout` and `stop()` reach the server itself. The
            // pid file is not in `basePath`: a test that removes its folder before releasing the
            // daemon would leave the server running, orphaned.
            let pidFile = NSTemporaryDirectory() + "/plancascade-git-daemon-\(UUID().uuidString.prefix(8))-\(port).pid"
            let process = try ChildProcess("/usr/bin/env", [
                "timeout", "--signal=KILL", "\(lifetime)", Self.daemonBinary, "--reuseaddr", "--export-all",
                "--enable=receive-pack", "--listen=127.0.0.1", "--port=\(port)", "--pid-file=\(pidFile)",
                "--base-path=\(basePath)", basePath,
            ], environment: IsolatedGit.environment(), stdout: .discard, stderr: .discard)
            try process.start()
            if Self.waitForListener(port: port, process: process) {
                self.port = port
                self.process = process
                self.pidFile = pidFile
                return
            }
            Self.stop(process, pidFile: pidFile)
            lastError = DaemonError.didNotStart
        }
        throw lastError
    }

    deinit {
        Self.stop(process, pidFile: pidFile)
    }

    /// Kills the server (its pid from the pid file) and then its `timeout` wrapper.
    private static func stop(_ process: ChildProcess, pidFile: String) {
        if let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
           let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
            kill(pid, SIGKILL)
        }
        process.kill()
        process.wait()
        try? FileManager.default.removeItem(atPath: pidFile)
    }

    /// `git-daemon` in git's exec path.
    static let daemonBinary: String = {
        let result = try? Command.git(["--exec-path"])
        let directory = result?.stdout.trimmingCharacters(in: .whitespacesAndNewlines) ?? "/usr/lib/git-core"
        return directory + "/git-daemon"
    }()

    enum DaemonError: Error { case didNotStart }

    /// Asks the kernel for a free TCP port on 127.0.0.1.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw DaemonError.didNotStart }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw DaemonError.didNotStart }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func waitForListener(port: Int, process: ChildProcess) -> Bool {
        for _ in 0..<100 {
            guard !process.hasExited else { return false }
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
            close(fd)
            if connected { return true }
            usleep(50_000)
        }
        return false
    }
}
