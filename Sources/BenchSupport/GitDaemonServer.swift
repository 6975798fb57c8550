import Foundation
import Git
#if canImport(Glibc)
import Glibc
#endif

/// A `git daemon` the benchmark starts on 127.0.0.1 at a free port, serving a folder of hubs
/// with pushes enabled, and stops again (by its own pid). It runs under `timeout`, so a
/// benchmark that dies never leaves it behind for longer than `lifetime` seconds.
///
/// `serverCPUSeconds` is the CPU time of the daemon and of every process it ran and reaped
/// (the `upload-pack` and `receive-pack` behind each fetch and push): the server's side of a
/// command, which the command's own `wait4` does not see.
public final class GitDaemonServer {
    public let port: Int
    public let pid: pid_t
    private let wrapper: ChildProcess
    private let pidFile: String

    public func url(_ relativePath: String) -> String { "git://127.0.0.1:\(port)/\(relativePath)" }

    public init(basePath: String, git: String = "/usr/bin/git", lifetime: Int = 7200) throws {
        let daemon = Self.execPath(git: git) + "/git-daemon"
        for _ in 0..<5 {
            let port = try Self.freePort()
            let pidFile = NSTemporaryDirectory() + "plancascade-bench-daemon-\(getpid())-\(port).pid"
            let process = try ChildProcess("/usr/bin/env", ["timeout", "--signal=KILL", "\(lifetime)", daemon, "--reuseaddr", "--export-all", "--enable=receive-pack",
                                                            "--listen=127.0.0.1", "--port=\(port)", "--pid-file=\(pidFile)", "--base-path=\(basePath)", basePath],
                                           stdout: .discard, stderr: .discard)
            try process.start()
            if Self.waitForListener(port: port, process: process),
               let text = try? String(contentsOfFile: pidFile, encoding: .utf8), let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                self.port = port
                self.pid = pid
                wrapper = process
                self.pidFile = pidFile
                return
            }
            Self.stop(process, pidFile: pidFile)
        }
        throw BenchError("git daemon did not start on 127.0.0.1 (\(daemon))")
    }

    deinit { Self.stop(wrapper, pidFile: pidFile) }

    /// Stops the daemon now (also done when released).
    public func stop() { Self.stop(wrapper, pidFile: pidFile) }

    /// CPU seconds of the daemon and the children it reaped, after waiting (up to 1 s) until
    /// none of its children is still running.
    public func serverCPUSeconds() -> Double {
        for _ in 0..<200 {
            let children = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
            if children.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { break }
            usleep(5_000)
        }
        usleep(5_000)  // the daemon reaps a finished child on its next turn of the loop
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the command's name: state is field 3, utime … cstime are fields 14–17.
        guard fields.count > 14 else { return 0 }
        let ticks = fields[11...14].compactMap { Double($0) }.reduce(0, +)
        return ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Kills the daemon (its pid from the pid file: SIGKILL, as a daemon started by this
    /// process may not see a SIGTERM), then its `timeout` wrapper.
    private static func stop(_ process: ChildProcess, pidFile: String) {
        if let text = try? String(contentsOfFile: pidFile, encoding: .utf8), let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
            kill(pid, SIGKILL)
        }
        process.kill()
        process.wait()
        unlink(pidFile)
    }

    static func execPath(git: String) -> String {
        guard let outcome = try? ChildProcess.run(git, ["--exec-path"], stderr: .discard) else { return "/usr/lib/git-core" }
        let text = String(decoding: outcome.stdout, as: UTF8.self)
        let path = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return path.isEmpty ? "/usr/lib/git-core" : path
    }

    static func withAddress<T>(port: Int, _ body: (UnsafeMutablePointer<sockaddr>, inout socklen_t) -> T) -> T {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        return withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, &length) } }
    }

    /// A port the kernel has free on 127.0.0.1 now.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BenchError("no socket for git daemon's port") }
        defer { Glibc.close(fd) }
        let port = withAddress(port: 0) { pointer, length -> Int? in
            guard bind(fd, pointer, length) == 0, getsockname(fd, pointer, &length) == 0 else { return nil }
            return Int(UInt16(bigEndian: pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_port }))
        }
        guard let port else { throw BenchError("no free port for git daemon") }
        return port
    }

    static func waitForListener(port: Int, process: ChildProcess) -> Bool {
        for _ in 0..<100 {
            guard !process.hasExited else { return false }
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            let connected = withAddress(port: port) { pointer, length in connect(fd, pointer, length) == 0 }
            Glibc.close(fd)
            if connected { return true }
            usleep(50_000)
        }
        return false
    }
}
