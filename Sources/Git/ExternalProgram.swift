import Foundation

/// Runs the external programs git itself runs for signatures (ssh-keygen, gpg).
enum ExternalProgram {
    struct Result {
        let status: Int32
        let stdout: [UInt8]
        let stderr: String
    }

    /// Runs `program arguments…` with `input` on standard input (when given; otherwise the
    /// terminal's standard input stays, for a passphrase prompt when `inheritTerminal`).
    /// - Throws: ``CommitSigner/Failure/cannotRun(program:reason:)`` when it cannot start.
    static func run(_ program: String, _ arguments: [String], input: [UInt8]?, inheritTerminal: Bool = false) throws -> Result {
        do {
            let outcome = try ChildProcess.run(program, arguments, input: input, stdin: inheritTerminal ? .inherit : .discard)
            return Result(status: outcome.status, stdout: outcome.stdout, stderr: String(decoding: outcome.stderr, as: UTF8.self))
        } catch ChildProcess.Failure.cannotStart(_, let reason) {
            throw CommitSigner.Failure.cannotRun(program: program, reason: reason)
        }
    }
}

/// A private temporary folder (mode 0700) for the files ssh-keygen reads and writes; removed
/// when released.
final class ScratchDirectory {
    let path: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "plancascade-sign-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else {
            throw CommitSigner.Failure.cannotRun(program: "mkdtemp", reason: String(cString: strerror(errno)))
        }
        path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// Writes `bytes` to `file` readable by this user only.
    func write(_ bytes: [UInt8], to file: String) throws {
        guard FileManager.default.createFile(atPath: file, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            throw CommitSigner.Failure.cannotRun(program: "write", reason: file)
        }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}
