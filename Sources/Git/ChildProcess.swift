internal import CLibGit2
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process whose end and output are known without trusting anything another thread
/// may have started at the same moment.
///
/// Foundation's `Process` on Linux learns that a child ended when the child's end of a
/// socket pair closes, and `Pipe` makes descriptors that are not close-on-exec. A process
/// that another thread starts in between inherits both, so `waitUntilExit()`,
/// `terminationHandler` and `readDataToEndOfFile()` then wait for *that* process too: a
/// command that ended long ago seems to run until, say, a test's shared web server is stopped
/// (measured: `true` with a `Pipe` took 8 s to "end" next to a thread starting `sleep 8`).
/// Here the pipes are made close-on-exec at once (`pipe2`), and the end is read from the
/// kernel (`waitid` with `WNOWAIT`, which leaves the reaping to Foundation).
public final class ChildProcess: @unchecked Sendable {
    /// Where a standard stream goes.
    public enum Stream: Sendable {
        /// Kept for the caller (``Outcome/stdout``, ``Outcome/stderr``).
        case capture
        /// `/dev/null`.
        case discard
        /// This process's own stream (a terminal, for a passphrase prompt).
        case inherit
        /// An open file, such as a server's log.
        case file(FileHandle)
    }

    /// How a child ended.
    public struct Exit: Sendable, Equatable {
        /// The exit code, or the signal's number when `signaled` (as `Process.terminationStatus`).
        public let status: Int32
        public let signaled: Bool

        public init(status: Int32, signaled: Bool) {
            self.status = status
            self.signaled = signaled
        }
    }

    /// How a child ended and what it wrote.
    public struct Outcome: Sendable {
        public let exit: Exit
        public let stdout: [UInt8]
        public let stderr: [UInt8]
        public var status: Int32 { exit.status }
    }

    public enum Failure: Error, CustomStringConvertible {
        case cannotStart(program: String, reason: String)
        case timedOut(program: String, seconds: TimeInterval)

        public var description: String {
            switch self {
            case .cannotStart(let program, let reason): return "\(program): cannot start: \(reason)"
            case .timedOut(let program, let seconds): return "\(program) still ran after \(Int(seconds)) s and was stopped"
            }
        }
    }

    public let process = Process()
    private let program: String
    private var input: [UInt8]?
    private var inputFD: Int32 = -1
    private var outFD: Int32 = -1, errFD: Int32 = -1
    private var outBytes: [UInt8] = [], errBytes: [UInt8] = []
    private var ended: Exit?

    /// - Parameters:
    ///   - executable: a path, or a name looked up on `PATH`.
    ///   - input: bytes for standard input (nil: `/dev/null`, or this process's own input when
    ///     `stdin` is `.inherit`).
    public init(_ executable: String, _ arguments: [String], in directory: String? = nil, environment: [String: String]? = nil,
                input: [UInt8]? = nil, stdin: Stream = .discard, stdout: Stream = .capture, stderr: Stream = .capture) throws {
        program = executable
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: (executable as NSString).expandingTildeInPath)
        } else if let found = Self.lookUp(executable, environment: environment) {
            process.executableURL = URL(fileURLWithPath: found)
        } else {
            throw Failure.cannotStart(program: executable, reason: "not found on PATH")
        }
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { process.environment = environment }
        self.input = input
        if input != nil {
            let (read, write) = try Self.pipe(executable)
            let handle = FileHandle(fileDescriptor: read, closeOnDealloc: true)
            process.standardInput = handle
            inputFD = write
            childEnds.append(handle)
        } else {
            if case .inherit = stdin { process.standardInput = FileHandle.standardInput } else { process.standardInput = Self.handle(stdin) }
        }
        for (stream, isOut) in [(stdout, true), (stderr, false)] {
            if case .capture = stream {
                let (read, write) = try Self.pipe(executable)
                let handle = FileHandle(fileDescriptor: write, closeOnDealloc: true)
                if isOut { process.standardOutput = handle; outFD = read } else { process.standardError = handle; errFD = read }
                childEnds.append(handle)
            } else if case .inherit = stream {
                if isOut { process.standardOutput = FileHandle.standardOutput } else { process.standardError = FileHandle.standardError }
            } else if isOut {
                process.standardOutput = Self.handle(stream)
            } else {
                process.standardError = Self.handle(stream)
            }
        }
    }

    /// The child's ends of the pipes, closed here once the child has them.
    private var childEnds: [FileHandle] = []

    deinit {
        for fd in [inputFD, outFD, errFD] where fd >= 0 { close(fd) }
    }

    public var pid: Int32 { process.processIdentifier }

    /// Starts the child.
    public func start() throws {
        do {
            try process.run()
        } catch {
            childEnds = []
            throw Failure.cannotStart(program: program, reason: error.localizedDescription)
        }
        for handle in childEnds { try? handle.close() }
        childEnds = []
        if inputFD >= 0 {
            // A child may end without reading its input (a credential helper's `store`):
            // writing to it then must fail with EPIPE, not end this process.
            signal(SIGPIPE, SIG_IGN)
            _ = fcntl(inputFD, F_SETFL, fcntl(inputFD, F_GETFL) | O_NONBLOCK)
            if input?.isEmpty ?? true { close(inputFD); inputFD = -1 }
        }
    }

    /// Starts `executable`, feeds it `input`, and waits for it.
    /// - Parameter timeout: seconds after which the child is killed and ``Failure/timedOut(program:seconds:)`` thrown.
    public static func run(_ executable: String, _ arguments: [String], in directory: String? = nil, environment: [String: String]? = nil,
                           input: [UInt8]? = nil, stdin: Stream = .discard, stdout: Stream = .capture, stderr: Stream = .capture,
                           timeout: TimeInterval? = nil) throws -> Outcome {
        let child = try ChildProcess(executable, arguments, in: directory, environment: environment, input: input, stdin: stdin, stdout: stdout, stderr: stderr)
        try child.start()
        guard let outcome = child.wait(timeout: timeout) else {
            child.kill()
            _ = child.wait()
            throw Failure.timedOut(program: executable, seconds: timeout ?? 0)
        }
        return outcome
    }

    /// Whether the child has ended (without waiting).
    public var hasExited: Bool {
        lock.lock()
        defer { lock.unlock() }
        if ended == nil { ended = poll() }
        return ended != nil
    }

    private let lock = NSLock()

    /// Sends `signal` to the child, unless it already ended.
    public func kill(_ signal: Int32 = SIGKILL) {
        guard !hasExited else { return }
        _ = Glibc.kill(pid, signal)
    }

    /// Waits for the child to end while reading what it writes and feeding it its input.
    /// Output a descendant still writes after the child ended is read for up to `grace` seconds.
    /// - Returns: nil when `timeout` passed first (the child still runs).
    @discardableResult
    public func wait(timeout: TimeInterval? = nil, grace: TimeInterval = 5) -> Outcome? {
        let deadline = timeout.map { Date().addingTimeInterval($0) }
        var endedAt: Date?
        while outFD >= 0 || errFD >= 0 || inputFD >= 0 {
            if let deadline, Date() >= deadline { return nil }
            if endedAt == nil, hasExited { endedAt = Date() }
            if let endedAt, Date().timeIntervalSince(endedAt) > grace { break }
            pump(milliseconds: 20)
        }
        for fd in [outFD, errFD, inputFD] where fd >= 0 { close(fd) }
        outFD = -1; errFD = -1; inputFD = -1
        var pause: useconds_t = 200
        while !hasExited {
            if let deadline, Date() >= deadline { return nil }
            if deadline == nil, let exit = blockingWait() {
                lock.lock()
                ended = exit
                lock.unlock()
                break
            }
            usleep(pause)
            pause = min(pause * 2, 20_000)
        }
        lock.lock()
        defer { lock.unlock() }
        return Outcome(exit: ended!, stdout: outBytes, stderr: errBytes)
    }

    /// One turn: waits up to `milliseconds` for any pipe, then reads and writes what is ready.
    private func pump(milliseconds: Int32) {
        var fds: [pollfd] = []
        if outFD >= 0 { fds.append(pollfd(fd: outFD, events: Int16(POLLIN), revents: 0)) }
        if errFD >= 0 { fds.append(pollfd(fd: errFD, events: Int16(POLLIN), revents: 0)) }
        if inputFD >= 0 { fds.append(pollfd(fd: inputFD, events: Int16(POLLOUT), revents: 0)) }
        guard Glibc.poll(&fds, nfds_t(fds.count), milliseconds) > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        for entry in fds where entry.revents != 0 {
            if entry.fd == inputFD {
                feedInput()
                continue
            }
            let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
            if count > 0 {
                if entry.fd == outFD { outBytes += buffer[0..<count] } else { errBytes += buffer[0..<count] }
            } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                close(entry.fd)
                if entry.fd == outFD { outFD = -1 } else { errFD = -1 }
            }
        }
    }

    private func feedInput() {
        guard var pending = input, !pending.isEmpty else { close(inputFD); inputFD = -1; return }
        let written = pending.withUnsafeBytes { write(inputFD, $0.baseAddress, $0.count) }
        if written > 0 { pending.removeFirst(written) } else if errno != EAGAIN && errno != EINTR { pending = [] }
        input = pending
        if pending.isEmpty { close(inputFD); inputFD = -1 }
    }

    /// The child's end if it has ended, from the kernel, leaving the zombie for Foundation to reap.
    private func poll() -> Exit? {
        var info = siginfo_t()
        if waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 {
            return info._sifields._sigchld.si_pid == pid ? Self.exit(info) : nil
        }
        return errno == ECHILD ? foundationExit() : nil
    }

    /// Blocks until the child has ended.
    private func blockingWait() -> Exit? {
        var info = siginfo_t()
        while true {
            if waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == 0 { return Self.exit(info) }
            if errno == EINTR { continue }
            return errno == ECHILD ? foundationExit() : nil
        }
    }

    /// Foundation reaped the child first: its status, once Foundation has recorded it.
    private func foundationExit() -> Exit? {
        for _ in 0..<5_000 where process.isRunning { usleep(1_000) }
        guard !process.isRunning else { return nil }
        return Exit(status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal)
    }

    private static func exit(_ info: siginfo_t) -> Exit {
        let status = info._sifields._sigchld.si_status
        return Exit(status: status, signaled: info.si_code != Int32(CLD_EXITED))
    }

    private static func pipe(_ program: String) throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        guard plancascade_pipe_cloexec(&fds) == 0 else {
            throw Failure.cannotStart(program: program, reason: String(cString: strerror(errno)))
        }
        return (fds[0], fds[1])
    }

    /// The handle of a stream that is not a pipe.
    private static func handle(_ stream: Stream) -> FileHandle {
        if case .file(let handle) = stream { return handle }
        return FileHandle.nullDevice
    }

    /// `name` found on `PATH` (the child's, else this process's), as a shell would.
    public static func lookUp(_ name: String, environment: [String: String]? = nil) -> String? {
        let path = environment?["PATH"] ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
