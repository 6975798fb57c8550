import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the `plancascade` binary as its own process, as a user would, and reports its wall
/// time, CPU time and its own peak resident memory: the memory goal is per command, and the
/// benchmark process itself runs thousands of commands.
public struct CommandProcess {
    public struct Result: Sendable {
        public let status: Int32
        public let seconds: Double
        /// User + system CPU seconds of the process.
        public let cpuSeconds: Double
        public let peakMiB: Double
        public let output: String
    }

    public let executable: String

    public init(executable: String) {
        self.executable = executable
    }

    /// Runs `executable arguments…` in `directory` with `environment` added to this
    /// process's; standard output and error go to a file that `Result.output` returns.
    public func run(_ arguments: [String], in directory: String, environment: [String: String]) throws -> Result {
        let log = NSTemporaryDirectory() + "plancascade-bench-command-\(getpid()).log"
        defer { unlink(log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // A shell changes directory and execs the command: one process, whose rusage is the command's.
        let argv = (["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory, executable] + arguments).map { strdup($0) } + [nil]
        let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        let clock = ContinuousClock(), start = clock.now
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, envp)
        guard spawned == 0 else { throw BenchError("cannot run \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        // The peak is the command's own high-water mark (VmHWM), sampled every 2 ms until it
        // exits: wait4's ru_maxrss would count this big process's memory, which a spawned
        // child inherits until it execs.
        var peakKiB = 0
        while true {
            let reaped = wait4(pid, &status, WNOHANG, &usage)
            if reaped == pid { break }
            if reaped < 0 && errno != EINTR { throw BenchError("waiting for \(executable): \(String(cString: strerror(errno)))") }
            peakKiB = max(peakKiB, Self.highWaterKiB(of: pid))
            usleep(2_000)
        }
        let seconds = (clock.now - start).seconds
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        // WIFEXITED / WEXITSTATUS are macros: the exit code is bits 8–15 of a normal exit.
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        return Result(status: code, seconds: seconds, cpuSeconds: cpu, peakMiB: Double(peakKiB) / 1024, output: output)
    }

    /// `VmHWM` of process `pid` in KiB (0 once it has exited or before it has memory of its own).
    static func highWaterKiB(of pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
    }
}
