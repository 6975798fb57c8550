import Foundation
import Git

/// A server a test starts (nginx, fcgiwrap, sshd), run in a process group of its own under a
/// watchdog shell: the whole group is killed when the object is released, when the test
/// process dies (the watchdog polls its pid twice a second), or after `lifetime` seconds,
/// whichever comes first — so no test, however it ends, leaves a server behind.
public final class ServerProcess: @unchecked Sendable {
    private let process: ChildProcess
    private let groupFile: String
    /// Where the server's standard output and error go.
    public let log: String

    /// The watchdog: starts the server as a session (so a process group) of its own and
    /// records its id; kills that group as soon as the test process or the server is gone, or
    /// time is up, and when the test process died, removes the server's folder too.
    private static let watchdog = """
        group_file=$1; watched=$2; ticks=$(( $3 * 2 )); folder=$4; shift 4
        setsid "$@" &
        server=$!
        # $! is known before the child has called setsid(): wait until its group exists, so
        # that whoever reads the group file can signal the group at once.
        while ! kill -0 -"$server" 2>/dev/null && kill -0 "$server" 2>/dev/null; do sleep 0.01; done
        echo "$server" > "$group_file"
        while [ "$ticks" -gt 0 ] && kill -0 "$watched" 2>/dev/null && kill -0 "$server" 2>/dev/null; do
          sleep 0.5; ticks=$((ticks - 1))
        done
        kill -9 -"$server" 2>/dev/null
        kill -0 "$watched" 2>/dev/null || rm -rf "$folder"
        """

    /// Starts `arguments` (an absolute executable path first) with exactly `environment`.
    /// - Parameter directory: the server's own temporary folder; removed by the watchdog if
    ///   the test process dies (a shared server is never released).
    public init(_ arguments: [String], environment: [String: String], directory: String, log: String, lifetime: Int = 1800) throws {
        let groupFile = directory + "/.group-\(UUID().uuidString.prefix(8))"
        FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        let process = try ChildProcess("/bin/sh", ["-c", Self.watchdog, "watchdog", groupFile, "\(getpid())", "\(lifetime)", directory] + arguments,
                                       in: directory, environment: environment, stdout: .file(handle), stderr: .file(handle))
        try process.start()
        try? handle.close()
        self.process = process
        self.groupFile = groupFile
        self.log = log
    }

    /// Whether the watchdog (and so the server) still runs.
    public var isRunning: Bool { !process.hasExited }

    /// What the server wrote so far.
    public var output: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

    /// The server's process group (nil once the watchdog is gone).
    public var processGroup: Int32? {
        for _ in 0..<200 {
            if let text = try? String(contentsOfFile: groupFile, encoding: .utf8),
               let group = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), group > 1 {
                return group
            }
            guard !process.hasExited else { return nil }
            usleep(10_000)
        }
        return nil
    }

    /// Kills the server's process group and the watchdog, and waits for it.
    public func stop() {
        if let group = processGroup { kill(-group, SIGKILL) }
        process.kill()
        process.wait()
        try? FileManager.default.removeItem(atPath: groupFile)
    }

    deinit { stop() }

    /// Waits until something accepts TCP connections on 127.0.0.1:`port`, or the server died.
    public func waitForPort(_ port: Int, seconds: Double = 20) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            guard !process.hasExited else { return false }
            if Self.accepts(port: port) { return true }
            usleep(20_000)
        }
        return false
    }

    /// Waits until `path` exists (a unix socket, a pid file), or the server died.
    public func waitForFile(_ path: String, seconds: Double = 20) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            guard !process.hasExited else { return false }
            if FileManager.default.fileExists(atPath: path) { return true }
            usleep(20_000)
        }
        return false
    }

    static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}

/// A server program a test needs is not installed.
public struct MissingServer: Error, CustomStringConvertible {
    public let program: String
    public let package: String

    public init(program: String, package: String) {
        self.program = program
        self.package = package
    }

    public var description: String {
        "\(program) is not installed (Debian: apt-get install \(package); scripts/ensure-deps installs it)"
    }

    /// True when a missing server must fail the test rather than skip it: CI sets
    /// `PLANCASCADE_REQUIRE_SERVERS=1` (`.ci/run`), and `CI` is set on most CI machines.
    public static var required: Bool {
        let environment = ProcessInfo.processInfo.environment
        return ["PLANCASCADE_REQUIRE_SERVERS", "CI"].contains { name in
            guard let value = environment[name]?.lowercased() else { return false }
            return !value.isEmpty && value != "0" && value != "false"
        }
    }

    /// Throws when any of `programs` (absolute path → Debian package) is not executable.
    public static func check(_ programs: [(String, String)]) throws {
        for (program, package) in programs where !FileManager.default.isExecutableFile(atPath: program) {
            throw MissingServer(program: program, package: package)
        }
    }
}

/// A server was installed but did not come up.
public struct ServerDidNotStart: Error, CustomStringConvertible {
    public let server: String
    public let log: String
    public var description: String { "\(server) did not start:\n\(log)" }
}

/// The environment a server is started with: nothing of the test machine's own (no HOME
/// with credentials, no proxy, no CA bundle overrides), as a service manager would give it.
func serverEnvironment(home: String) -> [String: String] {
    ["PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME": home, "LANG": "C.UTF-8"]
}

/// Runs `executable arguments` and returns its standard output, throwing with its standard
/// error when it fails.
@discardableResult
func runChecked(_ executable: String, _ arguments: [String], in directory: String? = nil, input: String? = nil,
                environment: [String: String]? = nil) throws -> String {
    let result = try Command.run(executable, arguments, in: directory, environment: environment, input: input)
    guard result.succeeded else {
        throw ServerDidNotStart(server: ([executable] + arguments).joined(separator: " "), log: result.stdout + result.stderr)
    }
    return result.stdout
}
