import Foundation

/// The external program that signs a commit, configured and run the way git runs it
/// (git-config `gpg.format`, `user.signingKey`, `gpg.program`, `gpg.<format>.program`):
///
/// - `ssh`: `ssh-keygen -Y sign -n git -f <key> <payload-file>`, the signature read from
///   `<payload-file>.sig`. The key is a file (a private key, or a public key whose private
///   half ssh-agent holds), or a literal public key (`key::ssh-ed25519 AAAA…`, or the older
///   `ssh-ed25519 AAAA…` spelling), which is written to a temporary file so that ssh-keygen
///   asks ssh-agent for the matching private key.
/// - `openpgp` (the default): `gpg --status-fd=2 -bsau <key>`, the payload on standard
///   input, the armoured signature on standard output, `[GNUPG:] SIG_CREATED` on the status.
/// - `x509`: as openpgp, with `gpgsm`.
///
/// The program inherits the environment (`SSH_AUTH_SOCK`, `GNUPGHOME`) and the terminal,
/// so a passphrase prompt reaches the person signing.
public struct CommitSigner: Equatable, Sendable {
    public enum Format: String, Equatable, Sendable {
        case openpgp, ssh, x509
    }

    public let format: Format
    /// The program to run (a name looked up on PATH, or a path).
    public let program: String
    /// The key as configured: a key id or `Name <email>` (openpgp, x509); a key file or a
    /// literal public key (ssh).
    public let key: String

    public init(format: Format, program: String, key: String) {
        self.format = format
        self.program = program
        self.key = key
    }

    /// Why a commit could not be signed.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// `gpg.format` names a format git does not know.
        case unknownFormat(String)
        /// `gpg.format=ssh` without `user.signingKey` (the tool does not run
        /// `gpg.ssh.defaultKeyCommand`).
        case noKey(format: Format)
        /// The program could not be started.
        case cannotRun(program: String, reason: String)
        /// The program ran and failed (or gave no signature); `output` is its standard error.
        case failed(program: String, status: Int32, output: String)

        public var description: String {
            switch self {
            case .unknownFormat(let format): return "unknown gpg.format \(format)"
            case .noKey(let format): return "gpg.format=\(format.rawValue) needs user.signingKey"
            case .cannotRun(let program, let reason): return "cannot run \(program): \(reason)"
            case .failed(let program, let status, let output): return "\(program) failed (status \(status)): \(output)"
            }
        }
    }

    /// The signer configured in `repository`, or nil when `user.signingKey` is not set and
    /// `needed` is false. When `needed` (git's `commit.gpgSign`) and no key is set, openpgp
    /// signs as `fallbackIdentity` (`Name <email>` of the committer), as git does.
    /// - Throws: ``Failure`` for an unknown format, or ssh without a key when `needed`.
    public static func configured(in repository: Repository, needed: Bool, fallbackIdentity: String) throws -> CommitSigner? {
        let formatName = try repository.configString("gpg.format") ?? "openpgp"
        guard let format = Format(rawValue: formatName.lowercased()) else { throw Failure.unknownFormat(formatName) }
        let configuredKey = try repository.configString("user.signingKey").flatMap { $0.isEmpty ? nil : $0 }
        guard configuredKey != nil || needed else { return nil }
        let key: String
        if let configuredKey {
            key = configuredKey
        } else if format == .ssh {
            throw Failure.noKey(format: .ssh)
        } else {
            key = fallbackIdentity
        }
        var program = try repository.configString("gpg.\(format.rawValue).program")
        if program == nil, format == .openpgp { program = try repository.configString("gpg.program") }
        let defaults: [Format: String] = [.openpgp: "gpg", .ssh: "ssh-keygen", .x509: "gpgsm"]
        return CommitSigner(format: format, program: program ?? defaults[format]!, key: key)
    }

    /// Signs `payload` (an unsigned commit object); returns the armoured detached signature.
    /// - Throws: ``Failure`` when the program cannot run or does not sign.
    public func sign(_ payload: [UInt8]) throws -> String {
        switch format {
        case .ssh: return try signSSH(payload)
        case .openpgp, .x509: return try signGPG(payload)
        }
    }

    private func signGPG(_ payload: [UInt8]) throws -> String {
        let result = try ExternalProgram.run(program, ["--status-fd=2", "-bsau", key], input: payload, inheritTerminal: true)
        guard result.status == 0, result.stderr.contains("\n[GNUPG:] SIG_CREATED ") || result.stderr.hasPrefix("[GNUPG:] SIG_CREATED "),
              !result.stdout.isEmpty else {
            throw Failure.failed(program: program, status: result.status, output: Self.readable(result.stderr))
        }
        return String(decoding: result.stdout, as: UTF8.self)
    }

    private func signSSH(_ payload: [UInt8]) throws -> String {
        let scratch = try ScratchDirectory()
        var keyFile = (key as NSString).expandingTildeInPath
        let literal = key.hasPrefix("key::") ? String(key.dropFirst(5)) : key.hasPrefix("ssh-") ? key : nil
        if let literal {
            keyFile = scratch.path + "/signing-key.pub"
            try scratch.write(Array((literal + "\n").utf8), to: keyFile)
        }
        let buffer = scratch.path + "/payload"
        try scratch.write(payload, to: buffer)
        let result = try ExternalProgram.run(program, ["-Y", "sign", "-n", "git", "-f", keyFile, buffer], input: nil, inheritTerminal: true)
        guard result.status == 0, let signature = FileManager.default.contents(atPath: buffer + ".sig"), !signature.isEmpty else {
            throw Failure.failed(program: program, status: result.status, output: Self.readable(result.stderr))
        }
        return String(decoding: signature, as: UTF8.self)
    }

    /// A program's error output without gpg's status lines.
    static func readable(_ output: String) -> String {
        output.split(separator: "\n").filter { !$0.hasPrefix("[GNUPG:]") }.joined(separator: "\n")
    }
}
