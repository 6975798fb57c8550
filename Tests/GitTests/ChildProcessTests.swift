import Foundation
import Git
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// ChildProcess: output, input, exit and signals as a caller expects, and — what Foundation's
/// `Process` and `Pipe` get wrong on Linux — a child that ended is seen to have ended even while
/// a process started by other code in the meantime (which inherits every descriptor that is
/// not close-on-exec) still runs.
@Suite struct ChildProcessTests {
    @Test func outputInputAndExitAreTheChilds() throws {
        let echoed = try ChildProcess.run("/bin/sh", ["-c", "cat; echo err >&2; exit 3"], input: Array("ngày 1/7\n".utf8))
        #expect(String(decoding: echoed.stdout, as: UTF8.self) == "ngày 1/7\n")
        #expect(String(decoding: echoed.stderr, as: UTF8.self) == "err\n")
        #expect(echoed.exit == ChildProcess.Exit(status: 3, signaled: false))
        // More than a pipe holds, both ways, without a deadlock.
        let big = [UInt8](repeating: 65, count: 1_000_000)
        let copied = try ChildProcess.run("/bin/cat", [], input: big)
        #expect(copied.stdout == big)
        let killed = try ChildProcess.run("/bin/sh", ["-c", "kill -9 $$"])
        #expect(killed.exit == ChildProcess.Exit(status: SIGKILL, signaled: true))
        #expect(throws: ChildProcess.Failure.self) { try ChildProcess.run("plancascade-no-such-program", []) }
    }

    @Test func aChildPastItsTimeIsStopped() throws {
        let started = Date()
        #expect(throws: ChildProcess.Failure.self) { try ChildProcess.run("/bin/sleep", ["30"], timeout: 0.5) }
        #expect(Date().timeIntervalSince(started) < 10)
    }

    /// Starts `/bin/sleep seconds` as C code would (posix_spawn, no file actions): it inherits
    /// every descriptor of this process that is not close-on-exec.
    static func spawnInheritingSleeper(_ seconds: Int) throws -> pid_t {
        var pid: pid_t = 0
        var argv: [UnsafeMutablePointer<CChar>?] = ["/bin/sleep", "\(seconds)"].map { (text: String) in strdup(text) } + [nil]
        defer { argv.forEach { free($0) } }
        guard posix_spawn(&pid, "/bin/sleep", nil, nil, &argv, environ) == 0 else { throw CocoaError(.executableLoad) }
        return pid
    }

    static func reap(_ pid: pid_t) {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    @Test func aProcessStartedMeanwhileDoesNotHoldTheChildsPipes() throws {
        // Foundation's Pipe: a process started between the pipe's making and the child's start
        // keeps the write end, so reading to the end waits for that process too.
        let control = Process()
        control.executableURL = URL(fileURLWithPath: "/bin/sh")
        control.arguments = ["-c", "sleep 0.2; echo done"]
        let pipe = Pipe()
        let heldBy = try Self.spawnInheritingSleeper(2)
        control.standardOutput = pipe
        try control.run()
        let before = Date()
        _ = pipe.fileHandleForReading.readDataToEndOfFile()
        let foundationWaited = Date().timeIntervalSince(before)
        Self.reap(heldBy)
        #expect(foundationWaited > 1.5, "the scenario is the one ChildProcess guards against")

        // ChildProcess: the same moment, and the child is done when it is done.
        let child = try ChildProcess("/bin/sh", ["-c", "sleep 0.2; echo done"])
        let sleeper = try Self.spawnInheritingSleeper(5)
        try child.start()
        defer { Self.reap(sleeper) }
        let start = Date()
        let outcome = try #require(child.wait(timeout: 4))
        #expect(Date().timeIntervalSince(start) < 3)
        #expect(String(decoding: outcome.stdout, as: UTF8.self) == "done\n")
        #expect(outcome.status == 0)
    }
}
