import Foundation

/// Checks a commit signature the way `git verify-commit` does, with the same programs:
///
/// - ssh (`-----BEGIN SSH SIGNATURE-----`): `ssh-keygen -Y find-principals` in an
///   allowed-signers file (ssh-keygen(1), "ALLOWED SIGNERS"), then `ssh-keygen -Y verify
///   -n git -I <principal>`, both at the commit's time (`-Overify-time`), so that a key's
///   `valid-after`/`valid-before` options hold; a key the file does not list is still
///   checked with `-Y check-novalidate`, to tell a good signature by a stranger from a bad one.
/// - openpgp (`-----BEGIN PGP SIGNATURE-----`): `gpg --status-fd=1 --verify`, in the
///   user's keyring, reading `GOODSIG`/`BADSIG`/`VALIDSIG`; the key of a good signature is
///   its primary key's fingerprint.
public enum SignatureVerifier {
    public enum Verdict: Equatable, Sendable {
        /// The signature is good and made with a key the allowed-signers file lists for
        /// `principals` (openpgp: a key of the keyring, `principals` its user id).
        case good(principals: [String], key: String)
        /// The signature is good but its key is not listed (or, openpgp, not in the keyring).
        case unknownKey(key: String)
        /// The signature does not match the commit (altered after signing, or garbage).
        case bad(detail: String)
        /// The signature could not be checked (the program is missing or failed oddly).
        case notChecked(detail: String)
    }

    /// Verifies `signature` over `payload`, made at `time` (seconds since 1970).
    /// - Parameters:
    ///   - allowedSigners: the contents of an allowed-signers file (ssh signatures).
    ///   - sshProgram, gpgProgram: `gpg.ssh.program` and `gpg.program`; nil: ssh-keygen and gpg.
    public static func verify(
        signature: String, payload: [UInt8], time: Int64, allowedSigners: [UInt8], sshProgram: String? = nil, gpgProgram: String? = nil
    ) -> Verdict {
        do {
            if signature.hasPrefix("-----BEGIN SSH SIGNATURE-----") {
                return try verifySSH(signature: signature, payload: payload, time: time, allowedSigners: allowedSigners, program: sshProgram ?? "ssh-keygen")
            }
            if signature.hasPrefix("-----BEGIN PGP") {
                return try verifyGPG(signature: signature, payload: payload, program: gpgProgram ?? "gpg")
            }
            return .bad(detail: "not an ssh or openpgp signature")
        } catch {
            return .notChecked(detail: "\(error)")
        }
    }

    private static func verifySSH(signature: String, payload: [UInt8], time: Int64, allowedSigners: [UInt8], program: String) throws -> Verdict {
        let scratch = try ScratchDirectory()
        let signers = scratch.path + "/allowed_signers", sig = scratch.path + "/signature"
        try scratch.write(allowedSigners, to: signers)
        try scratch.write(Array(signature.utf8), to: sig)
        let at = "-Overify-time=" + verifyTime(time)
        let found = try ExternalProgram.run(program, ["-Y", "find-principals", "-f", signers, "-s", sig, at], input: nil)
        let principals = String(decoding: found.stdout, as: UTF8.self).split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        guard found.status == 0, let first = principals.first else {
            let check = try ExternalProgram.run(program, ["-Y", "check-novalidate", "-n", "git", "-s", sig], input: payload)
            let output = String(decoding: check.stdout, as: UTF8.self) + check.stderr
            return check.status == 0 ? .unknownKey(key: fingerprint(in: output)) : .bad(detail: firstLine(check.stderr))
        }
        let verified = try ExternalProgram.run(program, ["-Y", "verify", "-n", "git", "-f", signers, "-I", first, "-s", sig, at], input: payload)
        let output = String(decoding: verified.stdout, as: UTF8.self) + verified.stderr
        guard verified.status == 0 else { return .bad(detail: firstLine(verified.stderr)) }
        return .good(principals: principals, key: fingerprint(in: output))
    }

    private static func verifyGPG(signature: String, payload: [UInt8], program: String) throws -> Verdict {
        let scratch = try ScratchDirectory()
        let sig = scratch.path + "/signature.asc"
        try scratch.write(Array(signature.utf8), to: sig)
        let result = try ExternalProgram.run(program, ["--status-fd=1", "--verify", sig, "-"], input: payload)
        let status = String(decoding: result.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
        func line(_ tag: String) -> [String]? {
            status.first { $0.hasPrefix("[GNUPG:] \(tag) ") }.map { $0.split(separator: " ").map(String.init) }
        }
        if let valid = line("VALIDSIG"), valid.count > 2, let good = line("GOODSIG") {
            // The primary key's fingerprint (the last field; the signing subkey's is the first),
            // as `gpg --fingerprint` shows it and `signers/openpgp` lists it.
            return .good(principals: [good.dropFirst(3).joined(separator: " ")], key: valid.count > 11 ? valid[11] : valid[2])
        }
        if line("BADSIG") != nil { return .bad(detail: "BADSIG") }
        if let missing = line("NO_PUBKEY"), missing.count > 2 { return .unknownKey(key: missing[2]) }
        if let missing = line("ERRSIG"), missing.count > 2 { return .unknownKey(key: missing[2]) }
        return .notChecked(detail: firstLine(result.stderr))
    }

    /// `YYYYMMDDHHMMSSZ` in UTC, as ssh-keygen's `verify-time` reads it.
    static func verifyTime(_ time: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMddHHmmss"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(time))) + "Z"
    }

    /// The `SHA256:…` fingerprint ssh-keygen names in its output.
    static func fingerprint(in output: String) -> String {
        output.split(whereSeparator: { $0 == " " || $0 == "\n" }).first { $0.hasPrefix("SHA256:") }.map(String.init) ?? "?"
    }

    private static func firstLine(_ text: String) -> String {
        text.split(separator: "\n").first.map(String.init) ?? ""
    }
}
