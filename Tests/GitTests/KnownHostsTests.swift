import Foundation
@testable import Git
import Testing
import TestSupport

/// known_hosts read as OpenSSH reads it, checked against keys and files made by OpenSSH's
/// own `ssh-keygen` (fingerprints, hashed host names).
@Suite struct KnownHostsTests {
    struct HostKey {
        let type: String
        let base64: String
        let blob: [UInt8]
        let publicFile: String
    }

    func makeKey(_ type: String, in dir: TemporaryDirectory, name: String? = nil) throws -> HostKey {
        let file = dir.appending(name ?? "host_\(type)")
        let made = try Command.run("/usr/bin/ssh-keygen", ["-q", "-t", type, "-N", "", "-C", "hub", "-f", file])
        #expect(made.succeeded, "\(made.stderr)")
        let fields = try String(contentsOfFile: file + ".pub", encoding: .utf8).split(separator: " ")
        return HostKey(type: String(fields[0]), base64: String(fields[1]), blob: [UInt8](Data(base64Encoded: String(fields[1]))!), publicFile: file + ".pub")
    }

    @Test func fingerprintsAreOpenSSHs() throws {
        let dir = try TemporaryDirectory()
        for type in ["ed25519", "ecdsa", "rsa"] {
            let key = try makeKey(type, in: dir)
            let listed = try Command.run("/usr/bin/ssh-keygen", ["-l", "-E", "sha256", "-f", key.publicFile])
            let expected = listed.stdout.split(separator: " ")[1]
            #expect(KnownHosts.fingerprint(of: key.blob) == String(expected))
            #expect(KnownHosts.keyType(of: key.blob) == key.type)
        }
    }

    @Test func everyKeyTypeTheFileListsIsAccepted() throws {
        let dir = try TemporaryDirectory()
        let keys = try ["rsa", "ecdsa", "ed25519"].map { try makeKey($0, in: dir) }
        // As ssh-keyscan writes them: the rsa line first (libgit2 1.5 looks at that one only).
        let text = "# localhost:22 SSH-2.0-OpenSSH_9.2\n" + keys.map { "localhost \($0.type) \($0.base64)" }.joined(separator: "\n") + "\n"
        let known = KnownHosts(entries: KnownHosts.parse(text, file: "kh"))
        for key in keys { #expect(known.verdict(host: "localhost", port: 22, key: key.blob) == .known) }
        #expect(known.verdict(host: "LOCALHOST", port: 22, key: keys[2].blob) == .known)
        // Port 22 names are not `[host]:port` names.
        #expect(known.verdict(host: "localhost", port: 2222, key: keys[2].blob) == .unknown(knownTypes: []))
    }

    @Test func portsBracketsWildcardsNegationAndMarkers() throws {
        let dir = try TemporaryDirectory()
        let ed = try makeKey("ed25519", in: dir), other = try makeKey("ed25519", in: dir, name: "other"), ec = try makeKey("ecdsa", in: dir)
        let text = """
            [localhost]:2222 \(ed.type) \(ed.base64)
            *.tinh.gov.vn,!bad.tinh.gov.vn \(ed.type) \(ed.base64) hub key
            @revoked revoked.tinh.gov.vn \(ed.type) \(ed.base64)
            revoked.tinh.gov.vn \(ed.type) \(ed.base64)
            moved.huyen.vn \(other.type) \(other.base64)
            typed.huyen.vn \(ec.type) \(ec.base64)
            @cert-authority ca.huyen.vn \(ed.type) \(ed.base64)
            garbage line
            """
        let known = KnownHosts(entries: KnownHosts.parse(text, file: "kh"))
        #expect(known.verdict(host: "localhost", port: 2222, key: ed.blob) == .known)
        #expect(known.verdict(host: "localhost", port: 2223, key: ed.blob) == .unknown(knownTypes: []))
        #expect(known.verdict(host: "hub.tinh.gov.vn", port: 22, key: ed.blob) == .known)
        #expect(known.verdict(host: "bad.tinh.gov.vn", port: 22, key: ed.blob) == .unknown(knownTypes: []))
        #expect(known.verdict(host: "revoked.tinh.gov.vn", port: 22, key: ed.blob) == .changed(file: "kh", line: 3))
        // Another key of the same type: changed (a possible impostor), naming the line.
        #expect(known.verdict(host: "moved.huyen.vn", port: 22, key: ed.blob) == .changed(file: "kh", line: 5))
        // Only a key of another type: unknown, saying which types are listed.
        #expect(known.verdict(host: "typed.huyen.vn", port: 22, key: ed.blob) == .unknown(knownTypes: [ec.type]))
        // A CA line is not a host key.
        #expect(known.verdict(host: "ca.huyen.vn", port: 22, key: ed.blob) == .unknown(knownTypes: []))
    }

    @Test func hashedHostNamesAsSshKeygenWritesThem() throws {
        let dir = try TemporaryDirectory()
        let ed = try makeKey("ed25519", in: dir), ec = try makeKey("ecdsa", in: dir)
        let file = dir.appending("known_hosts")
        try "localhost \(ed.type) \(ed.base64)\n[127.0.0.1]:2200 \(ec.type) \(ec.base64)\n".write(toFile: file, atomically: true, encoding: .utf8)
        let hashed = try Command.run("/usr/bin/ssh-keygen", ["-H", "-f", file])
        #expect(hashed.succeeded, "\(hashed.stderr)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.hasPrefix("|1|") && !text.contains("localhost"))
        let known = KnownHosts(files: [file, dir.appending("absent")])
        #expect(known.verdict(host: "localhost", port: 22, key: ed.blob) == .known)
        #expect(known.verdict(host: "127.0.0.1", port: 2200, key: ec.blob) == .known)
        #expect(known.verdict(host: "127.0.0.1", port: 22, key: ec.blob) == .unknown(knownTypes: []))
        #expect(known.verdict(host: "otherhost", port: 22, key: ed.blob) == .unknown(knownTypes: []))
    }

    @Test func digestsMatchPublishedVectors() {
        func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
        #expect(hex(Digest.sha256(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex(Digest.sha256([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex(Digest.sha1(Array("abc".utf8))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        let long = [UInt8](repeating: 0x61, count: 1000)
        #expect(hex(Digest.sha1(long)) == "291e9a6c66994949b57ba5e650361e98fc36b1ba")
        // RFC 2202 test case 2.
        #expect(hex(Digest.hmacSHA1(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)))
            == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")
    }

    @Test func encryptedKeyFilesAreRecognised() throws {
        let dir = try TemporaryDirectory()
        for type in ["ed25519", "rsa"] {
            let plain = dir.appending("plain_\(type)"), locked = dir.appending("locked_\(type)")
            _ = try Command.run("/usr/bin/ssh-keygen", ["-q", "-t", type, "-N", "", "-f", plain])
            _ = try Command.run("/usr/bin/ssh-keygen", ["-q", "-t", type, "-N", "a passphrase", "-f", locked])
            #expect(!SSHKeyFile.isEncrypted(FileManager.default.contents(atPath: plain)!))
            #expect(SSHKeyFile.isEncrypted(FileManager.default.contents(atPath: locked)!))
        }
    }

    @Test func libgit2IsShownTheBestKeyTypeNeverRSA() throws {
        let dir = try TemporaryDirectory()
        let rsa = try makeKey("rsa", in: dir), ec = try makeKey("ecdsa", in: dir), ed = try makeKey("ed25519", in: dir)
        let scanned = KnownHosts(entries: KnownHosts.parse(
            "[localhost]:2222 \(rsa.type) \(rsa.base64)\n[localhost]:2222 \(ec.type) \(ec.base64)\n[localhost]:2222 \(ed.type) \(ed.base64)\n", file: "kh"))
        #expect(KnownHostsShield.preferredLine(host: "localhost", port: 2222, in: scanned) == "[localhost]:2222 \(ed.type) \(ed.base64)\n")
        let noEd = KnownHosts(entries: KnownHosts.parse("localhost \(rsa.type) \(rsa.base64)\nlocalhost \(ec.type) \(ec.base64)\n", file: "kh"))
        #expect(KnownHostsShield.preferredLine(host: "localhost", port: 22, in: noEd) == "localhost \(ec.type) \(ec.base64)\n")
        let rsaOnly = KnownHosts(entries: KnownHosts.parse("localhost \(rsa.type) \(rsa.base64)\n", file: "kh"))
        #expect(KnownHostsShield.preferredLine(host: "localhost", port: 22, in: rsaOnly) == nil)
    }
}
