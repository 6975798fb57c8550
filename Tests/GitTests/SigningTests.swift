import Foundation
import Git
import Testing
import TestSupport

/// Signed commits written through libgit2 with the external signer git runs, checked with
/// the real git CLI (`git verify-commit`) and with ``SignatureVerifier``, on ed25519 keys
/// made by the test with ssh-keygen.
@Suite struct SigningTests {
    init() { IsolatedGit.setUp() }

    /// A fresh ed25519 key pair in `dir` (no passphrase); returns the private key's path.
    static func makeKey(_ dir: TemporaryDirectory, _ name: String) throws -> String {
        let path = dir.appending(name)
        let made = try Command.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path])
        #expect(made.succeeded, "\(made.stderr)")
        return path
    }

    static func publicKey(_ privateKey: String) throws -> String {
        try String(contentsOfFile: privateKey + ".pub", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func anSSHSignedCommitIsWhatGitVerifyCommitAccepts() throws {
        let dir = try TemporaryDirectory()
        let key = try Self.makeKey(dir, "official")
        let repo = try Repository.create(at: dir.appending("unit"), bare: false)
        let tree = try repo.updateTree(nil, ["unit.json": .blob(try repo.writeBlob(Array("{}\n".utf8)))])
        let signer = CommitSigner(format: .ssh, program: "ssh-keygen", key: key)
        let signed = try repo.createCommit(
            tree: tree, parents: [], author: IsolatedGit.author, committer: IsolatedGit.author, message: "Approve ea-nuol 2024-Q3", signer: signer)
        try repo.updateReference("refs/heads/main", to: signed, expected: nil, message: "test")

        // The same commit as an unsigned one, plus the gpgsig header: the payload is the unsigned commit.
        let (signature, payload) = try #require(try repo.commitSignature(signed))
        #expect(signature.hasPrefix("-----BEGIN SSH SIGNATURE-----"))
        let unsigned = try repo.createCommit(tree: tree, parents: [], author: IsolatedGit.author, committer: IsolatedGit.author, message: "Approve ea-nuol 2024-Q3")
        #expect(try repo.commitSignature(unsigned) == nil)
        #expect(unsigned != signed)
        #expect(try repo.commit(signed).message == "Approve ea-nuol 2024-Q3\n")
        let raw = try Command.git(["cat-file", "commit", unsigned.hex], in: dir.appending("unit")).stdout
        #expect(Array(raw.utf8) == payload)

        let allowed = dir.appending("allowed_signers")
        try "le.van.a@buon-don namespaces=\"git\" \(try Self.publicKey(key))\n".write(toFile: allowed, atomically: true, encoding: .utf8)
        let verified = try Command.git(["-c", "gpg.ssh.allowedSignersFile=\(allowed)", "verify-commit", signed.hex], in: dir.appending("unit"))
        #expect(verified.succeeded, "\(verified.stderr)")
        #expect(verified.stderr.contains("Good \"git\" signature for le.van.a@buon-don"), "\(verified.stderr)")

        let time = IsolatedGit.author.time
        let listed = SignatureVerifier.verify(signature: signature, payload: payload, time: time, allowedSigners: Array(try String(contentsOfFile: allowed, encoding: .utf8).utf8))
        guard case .good(let principals, let fingerprint) = listed else { Issue.record("\(listed)"); return }
        #expect(principals == ["le.van.a@buon-don"])
        #expect(fingerprint.hasPrefix("SHA256:"))
        // A key the file does not list: a good signature by a stranger, not a bad one.
        let stranger = try Self.makeKey(dir, "stranger")
        let other = Array("x@buon-don namespaces=\"git\" \(try Self.publicKey(stranger))\n".utf8)
        #expect(SignatureVerifier.verify(signature: signature, payload: payload, time: time, allowedSigners: other) == .unknownKey(key: fingerprint))
        // Altered after signing.
        var altered = payload
        altered[altered.count - 2] ^= 0x01
        guard case .bad = SignatureVerifier.verify(signature: signature, payload: altered, time: time, allowedSigners: other) else {
            Issue.record("an altered payload verified"); return
        }
        // valid-before: a key retired before the commit was made does not sign it.
        let retired = Array("le.van.a@buon-don namespaces=\"git\",valid-before=\"20240101\" \(try Self.publicKey(key))\n".utf8)
        #expect(SignatureVerifier.verify(signature: signature, payload: payload, time: time, allowedSigners: retired) == .unknownKey(key: fingerprint))
    }

    @Test func aFailingSignerWritesNothingAndSaysWhy() throws {
        let dir = try TemporaryDirectory()
        let repo = try Repository.create(at: dir.appending("unit"), bare: true)
        let tree = try repo.updateTree(nil, ["a": .blob(try repo.writeBlob([0x61]))])
        let missing = CommitSigner(format: .ssh, program: "ssh-keygen", key: dir.appending("no-such-key"))
        #expect {
            try repo.createCommit(tree: tree, parents: [], author: IsolatedGit.author, committer: IsolatedGit.author, message: "m", signer: missing)
        } throws: { error in
            guard case CommitSigner.Failure.failed(let program, let status, let output) = error else { return false }
            return program == "ssh-keygen" && status != 0 && output.contains("no-such-key")
        }
        let absent = CommitSigner(format: .openpgp, program: "plancascade-no-such-gpg", key: "ABC")
        #expect(throws: CommitSigner.Failure.cannotRun(program: "plancascade-no-such-gpg", reason: "not found on PATH")) {
            try repo.createCommit(tree: tree, parents: [], author: IsolatedGit.author, committer: IsolatedGit.author, message: "m", signer: absent)
        }
        let objects = try Command.git(["count-objects", "-v"], in: dir.appending("unit")).stdout
        #expect(objects.contains("count: 2"), "only the blob and the tree: \(objects)")
    }

    @Test func theSignerIsConfiguredAsGitConfiguresIt() throws {
        let dir = try TemporaryDirectory()
        let repo = try Repository.create(at: dir.appending("unit"), bare: true)
        #expect(try CommitSigner.configured(in: repo, needed: false, fallbackIdentity: "A <a@x>") == nil)
        #expect(try CommitSigner.configured(in: repo, needed: true, fallbackIdentity: "A <a@x>") == CommitSigner(format: .openpgp, program: "gpg", key: "A <a@x>"))
        try repo.setConfig("gpg.program", "gpg2")
        try repo.setConfig("user.signingKey", "0xDEADBEEF")
        #expect(try CommitSigner.configured(in: repo, needed: false, fallbackIdentity: "A <a@x>") == CommitSigner(format: .openpgp, program: "gpg2", key: "0xDEADBEEF"))
        try repo.setConfig("gpg.format", "ssh")
        try repo.setConfig("user.signingKey", "key::ssh-ed25519 AAAA")
        #expect(try CommitSigner.configured(in: repo, needed: false, fallbackIdentity: "") == CommitSigner(format: .ssh, program: "ssh-keygen", key: "key::ssh-ed25519 AAAA"))
        try repo.setConfig("gpg.ssh.program", "/opt/ssh-keygen")
        #expect(try CommitSigner.configured(in: repo, needed: false, fallbackIdentity: "")?.program == "/opt/ssh-keygen")
        try repo.setConfig("user.signingKey", "")
        #expect(throws: CommitSigner.Failure.noKey(format: .ssh)) { try CommitSigner.configured(in: repo, needed: true, fallbackIdentity: "") }
        try repo.setConfig("gpg.format", "pgp")
        #expect(throws: CommitSigner.Failure.unknownFormat("pgp")) { try CommitSigner.configured(in: repo, needed: true, fallbackIdentity: "") }
        try repo.setConfig("commit.gpgSign", "yes")
        #expect(try repo.configBool("commit.gpgSign") == true)
        try repo.setConfig("commit.gpgSign", "off")
        #expect(try repo.configBool("commit.gpgSign") == false)
        #expect(try repo.configBool("tag.gpgSign") == nil)
    }
}
