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
        let process = Process()
        if program.contains("/") {
            process.executableURL = URL(fileURLWithPath: (program as NSString).expandingTildeInPath)
            process.arguments = arguments
        } else {
            guard let found = lookUp(program) else {
                throw CommitSigner.Failure.cannotRun(program: program, reason: "not found on PATH")
            }
            process.executableURL = URL(fileURLWithPath: found)
            process.arguments = arguments
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let inp = Pipe()
        if input != nil || !inheritTerminal { process.standardInput = inp }
        do {
            try process.run()
        } catch {
            throw CommitSigner.Failure.cannotRun(program: program, reason: "\(error.localizedDescription)")
        }
        if let input { inp.fileHandleForWriting.write(Data(input)) }
        if input != nil || !inheritTerminal { try? inp.fileHandleForWriting.close() }
        // Read both pipes to the end before waiting, so a chatty program never blocks.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: Array(outData), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// `name` found on PATH, as a shell would.
    static func lookUp(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
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
