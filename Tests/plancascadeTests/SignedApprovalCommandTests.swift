import Foundation
import Git
import Testing
import TestSupport

/// End-to-end, the binary and the real git CLI: signed approvals and commits (README.md,
/// "Signed approvals") with ed25519 keys the test makes with ssh-keygen — approve signed by
/// the district's official and accepted by `git verify-commit` with the unit's committed
/// allowed-signers file; unsigned and strangers' decisions reported by `verify`; a district
/// forging its commune's report caught; `commit.gpgSign` signing every tool commit; GPG.
@Suite struct SignedApprovalCommandTests {
    init() { IsolatedGit.setUp() }

    func run(_ arguments: [String], in directory: String, _ environment: [String: String] = [:]) throws -> CommandResult {
        try Tool.run(arguments, in: directory, environment: environment)
    }

    func git(_ arguments: [String], in directory: String, _ environment: [String: String] = [:]) throws -> CommandResult {
        try Command.run("git", arguments, in: directory, environment: IsolatedGit.environment(environment))
    }

    func key(_ dir: TemporaryDirectory, _ name: String) throws -> String {
        let path = dir.appending(name)
        #expect(try Command.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path]).succeeded)
        return path
    }

    /// buon-don and its commune ea-nuol, which reported 2024-Q3 and was collected.
    func hierarchy(_ dir: TemporaryDirectory) throws -> (district: String, commune: String) {
        let root = dir.path
        let district = dir.appending("buon-don"), commune = dir.appending("ea-nuol")
        #expect(try run(["init", "buon-don", "--unit", "buon-don", "--name", "UBND huyện Buôn Đôn", "--level", "district", "--hub", "hubs/buon-don.git"], in: root).status == 0)
        try "indicator,name,measure,target,deadline,rule\nDVC-ONLINE,Tỷ lệ hồ sơ trực tuyến,percent,55,2024-12-31,uplift:5\n".write(
            toFile: dir.appending("t.csv"), atomically: true, encoding: .utf8)
        #expect(try run(["import", "targets", "../t.csv", "--year", "2024"], in: district).status == 0)
        #expect(try run(["child", "add", "ea-nuol", "--name", "UBND xã Ea Nuôl", "--level", "commune"], in: district).status == 0)
        #expect(try run(["publish"], in: district).status == 0)
        #expect(try run(["init", "ea-nuol", "--unit", "ea-nuol", "--name", "UBND xã Ea Nuôl", "--level", "commune", "--parent", "hubs/buon-don.git", "--hub", "hubs/ea-nuol.git"], in: root).status == 0)
        #expect(try run(["pull"], in: commune).status == 0)
        #expect(try run(["report", "2024-Q3", "DVC-ONLINE=412/760"], in: commune).status == 0)
        #expect(try run(["push"], in: commune).status == 0)
        #expect(try run(["collect"], in: district).status == 0)
        return (district, commune)
    }

    func verifyJSON(_ directory: String) throws -> (status: Int32, findings: [[String: Any]]) {
        let result = try run(["verify", "--json"], in: directory)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
        return (result.status, try #require(report["findings"] as? [[String: Any]]))
    }

    func isSigned(_ commit: String, in directory: String) throws -> Bool {
        try git(["cat-file", "commit", commit], in: directory).stdout.contains("\ngpgsig -----BEGIN ")
    }

    @Test func aSignedApprovalIsAcceptedAndUnsignedOrStrangersDecisionsAreNot() throws {
        let dir = try TemporaryDirectory()
        let (district, _) = try hierarchy(dir)
        let official = try key(dir, "official"), stranger = try key(dir, "stranger")

        // Before any official is listed, nothing requires a signature: an unsigned decision is fine.
        #expect(try run(["approve", "ea-nuol", "2024-Q3"], in: district).status == 0)
        #expect(try verifyJSON(district).findings.filter { ($0["kind"] as? String)?.contains("sign") == true }.isEmpty)
        #expect(try run(["reopen", "ea-nuol", "2024-Q3", "--reason", "kiểm tra lại"], in: district).status == 0)

        let added = try run(["signer", "add", "le.van.a@buon-don", official + ".pub"], in: district)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("le.van.a@buon-don may now sign"), "\(added.stdout)")
        #expect(try run(["signer", "add", "le.van.a@buon-don", official + ".pub"], in: district).stdout.contains("already listed"))
        let file = try String(contentsOfFile: district + "/signers/allowed_signers", encoding: .utf8)
        #expect(file.contains("le.van.a@buon-don namespaces=\"git\" ssh-ed25519 AAAA"))
        #expect(!file.contains("PRIVATE"))

        // The official configures their key the way git does, and approves: the commit is signed.
        #expect(try git(["config", "gpg.format", "ssh"], in: district).succeeded)
        #expect(try git(["config", "user.signingKey", official], in: district).succeeded)
        let approved = try run(["approve", "ea-nuol", "2024-Q3"], in: district)
        #expect(approved.status == 0, "\(approved.stderr)")
        let head = try git(["rev-parse", "HEAD"], in: district).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try isSigned(head, in: district))
        let checked = try git(["-c", "gpg.ssh.allowedSignersFile=signers/allowed_signers", "verify-commit", head], in: district)
        #expect(checked.succeeded, "\(checked.stderr)")
        #expect(checked.stderr.contains("Good \"git\" signature for le.van.a@buon-don"))
        // The first, unsigned decisions were made before the unit listed its officials: its
        // accepted past, not reported; the signed approval is clean.
        var (status, findings) = try verifyJSON(district)
        #expect(status == 0, "\(findings)")
        #expect(!findings.contains { ["unsigned", "unknown-signer", "bad-signature"].contains($0["kind"] as? String) }, "\(findings)")

        // An unsigned reopen (the key taken away), then an approval signed by a stranger's key
        // given as a literal public key that ssh-agent holds.
        #expect(try git(["config", "--unset", "user.signingKey"], in: district).succeeded)
        #expect(try run(["reopen", "ea-nuol", "2024-Q3", "--reason", "số liệu sai"], in: district).status == 0)
        let reopened = try git(["rev-parse", "HEAD"], in: district).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try !isSigned(reopened, in: district))
        let agent = try SSHAgent(dir)
        defer { agent.stop() }
        #expect(try Command.run("ssh-add", ["-q", stranger], environment: IsolatedGit.environment(agent.environment)).succeeded)
        let literal = try String(contentsOfFile: stranger + ".pub", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try git(["config", "user.signingKey", "key::" + literal], in: district).succeeded)
        let strangers = try run(["approve", "ea-nuol", "2024-Q3"], in: district, agent.environment)
        #expect(strangers.status == 0, "\(strangers.stderr)")
        let signedByStranger = try git(["rev-parse", "HEAD"], in: district).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try isSigned(signedByStranger, in: district))
        #expect(try !git(["-c", "gpg.ssh.allowedSignersFile=signers/allowed_signers", "verify-commit", signedByStranger], in: district).succeeded)
        (status, findings) = try verifyJSON(district)
        #expect(status == 1)
        let unsigned = findings.filter { $0["kind"] as? String == "unsigned" }
        #expect(unsigned.map { $0["commit"] as? String } == [reopened], "\(findings)")
        #expect(unsigned.first?["severity"] as? String == "error")
        #expect(unsigned.first?["unit"] as? String == "buon-don")
        let unknown = try #require(findings.first { $0["kind"] as? String == "unknown-signer" }, "\(findings)")
        #expect(unknown["commit"] as? String == signedByStranger)
        #expect(unknown["severity"] as? String == "error")
        #expect((unknown["message"] as? String)?.contains("plancascade signer add <name>@buon-don") == true)
        let vietnamese = try run(["--lang", "vi", "verify"], in: district)
        #expect(vietnamese.stdout.contains("chưa ký") && vietnamese.stdout.contains("không có chữ ký số"), "\(vietnamese.stdout)")

        // A key that cannot sign: nothing is committed, and the message says what to check.
        #expect(try git(["config", "user.signingKey", dir.appending("no-such-key")], in: district).succeeded)
        let before = try git(["rev-parse", "HEAD"], in: district).stdout
        let failed = try run(["reopen", "ea-nuol", "2024-Q3", "--reason", "x"], in: district)
        #expect(failed.status == 2)
        #expect(failed.stderr.contains("ssh-keygen did not sign the commit") && failed.stderr.contains("nothing was committed"), "\(failed.stderr)")
        #expect(try git(["rev-parse", "HEAD"], in: district).stdout == before)

        // A decision written by hand with plain git (no trailer, no signature) is a decision too.
        #expect(try git(["rm", "-q", "approvals/ea-nuol/2024-Q3.json"], in: district).succeeded)
        #expect(try git(["commit", "-q", "-m", "dọn dẹp"], in: district).succeeded)
        let byHand = try git(["rev-parse", "HEAD"], in: district).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        (status, findings) = try verifyJSON(district)
        #expect(findings.contains { $0["kind"] as? String == "unsigned" && $0["commit"] as? String == byHand }, "\(findings)")
    }

    @Test func aParentForgingItsChildsReportIsCaughtWhereSignedChildCommitsAreRequired() throws {
        let dir = try TemporaryDirectory()
        let (district, commune) = try hierarchy(dir)
        let communeOfficial = try key(dir, "commune-official")
        // The district requires ea-nuol's history signed from now on; what it collected before stays accepted.
        #expect(try run(["signer", "add", "tran.thi.b@ea-nuol", communeOfficial + ".pub"], in: district).status == 0)
        #expect(try verifyJSON(district).status == 0)

        // The commune signs every commit; its next report, pushed and collected, is clean.
        for (key, value) in [("gpg.format", "ssh"), ("user.signingKey", communeOfficial), ("commit.gpgSign", "true")] {
            #expect(try git(["config", key, value], in: commune).succeeded)
        }
        #expect(try run(["report", "2024-Q4", "DVC-ONLINE=500/760"], in: commune).status == 0)
        #expect(try run(["push"], in: commune).status == 0)
        #expect(try run(["collect"], in: district).status == 0)
        var (status, findings) = try verifyJSON(district)
        #expect(status == 0, "\(findings)")

        // The district writes a report in the commune's name on top of its pushed head and collects it.
        let hub = dir.appending("hubs/buon-don.git")
        let pushed = try git(["--git-dir", hub, "rev-parse", "refs/children/ea-nuol/main"], in: dir.path).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let tree = try git(["rev-parse", pushed + "^{tree}"], in: district).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let asCommune = ["GIT_AUTHOR_NAME": "UBND xã Ea Nuôl", "GIT_AUTHOR_EMAIL": "vanthu@ea-nuol.example", "GIT_COMMITTER_NAME": "UBND xã Ea Nuôl",
                         "GIT_COMMITTER_EMAIL": "vanthu@ea-nuol.example"]
        let forged = try git(["commit-tree", tree, "-p", pushed, "-m", "Report 2024-Q4 of ea-nuol"], in: district, asCommune).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try git(["push", "-q", hub, "\(forged):refs/children/ea-nuol/main"], in: district).succeeded)
        #expect(try run(["collect"], in: district).status == 0)
        (status, findings) = try verifyJSON(district)
        #expect(status == 1)
        let caught = try #require(findings.first { $0["commit"] as? String == forged }, "\(findings)")
        #expect(caught["kind"] as? String == "unsigned")
        #expect(caught["unit"] as? String == "ea-nuol")
        #expect(caught["author"] as? String == "UBND xã Ea Nuôl")
        #expect((caught["message"] as? String)?.contains("may not be ea-nuol's own work") == true)
        #expect(findings.filter { $0["kind"] as? String == "unsigned" }.count == 1, "only the forged commit: \(findings)")

        // A signature copied from the commune's real commit onto an altered one is a bad signature.
        let real = try git(["cat-file", "commit", pushed], in: district).stdout
        #expect(real.contains("\ngpgsig -----BEGIN SSH SIGNATURE-----"))
        let altered = real + "Corrected afterwards.\n"
        let copy = dir.appending("altered-commit")
        try altered.write(toFile: copy, atomically: true, encoding: .utf8)
        let copied = try git(["hash-object", "-t", "commit", "-w", copy], in: district).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let line = try git(["commit-tree", tree, "-p", copied, "-m", "Report 2024-Q4 of ea-nuol, again"], in: district, asCommune).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        // The copy replaces the commune's line after its real commit's parent: a rewrite, which collect accepts only when told.
        #expect(try git(["push", "-q", "-f", hub, "\(line):refs/children/ea-nuol/main"], in: district).succeeded)
        #expect(try run(["collect", "--accept-rewrite"], in: district).status == 0)
        (status, findings) = try verifyJSON(district)
        let bad = try #require(findings.first { $0["kind"] as? String == "bad-signature" }, "\(findings)")
        #expect(bad["commit"] as? String == copied)
        #expect(bad["severity"] as? String == "error")
        #expect(findings.contains { $0["kind"] as? String == "unsigned" && $0["commit"] as? String == line })
    }

    @Test func commitGpgSignSignsEveryToolCommit() throws {
        let dir = try TemporaryDirectory()
        let (district, commune) = try hierarchy(dir)
        let districtKey = try key(dir, "district"), communeKey = try key(dir, "commune")
        for (directory, key) in [(district, districtKey), (commune, communeKey)] {
            for (name, value) in [("gpg.format", "ssh"), ("user.signingKey", key), ("commit.gpgSign", "true")] {
                #expect(try git(["config", name, value], in: directory).succeeded)
            }
        }
        let districtStart = try git(["rev-parse", "HEAD"], in: district).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let communeStart = try git(["rev-parse", "HEAD"], in: commune).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        // The district: an import (a new target, which the commune pulls), two signers, a publish; the commune pulls, reports, pushes; the district collects.
        try "indicator,name,measure,target,deadline,rule\nDVC-ONLINE,Tỷ lệ hồ sơ trực tuyến,percent,55,2024-12-31,uplift:5\nE-RESULT,Tỷ lệ cấp kết quả điện tử,percent,100,2024-12-31,fixed:100\n".write(
            toFile: dir.appending("t2.csv"), atomically: true, encoding: .utf8)
        #expect(try run(["import", "targets", "../t2.csv", "--year", "2024"], in: district).status == 0)
        #expect(try run(["signer", "add", "le.van.a@buon-don", districtKey + ".pub"], in: district).status == 0)
        #expect(try run(["signer", "add", "tran.thi.b@ea-nuol", communeKey + ".pub"], in: district).status == 0)
        #expect(try run(["publish"], in: district).status == 0)
        #expect(try run(["pull"], in: commune).status == 0)
        #expect(try run(["report", "2024-Q4", "DVC-ONLINE=500/760"], in: commune).status == 0)
        #expect(try run(["push"], in: commune).status == 0)
        #expect(try run(["collect"], in: district).status == 0)
        #expect(try run(["approve", "ea-nuol", "2024-Q4"], in: district).status == 0)

        let allowed = district + "/signers/allowed_signers"
        for (directory, start, expected) in [(district, districtStart, 5), (commune, communeStart, 2)] {
            let commits = try git(["rev-list", "--first-parent", "\(start)..HEAD"], in: directory).stdout.split(separator: "\n").map(String.init)
            #expect(commits.count == expected, "\(directory): \(commits)")
            for commit in commits {
                let summary = try git(["log", "-1", "--format=%s", commit], in: directory).stdout
                let checked = try git(["-c", "gpg.ssh.allowedSignersFile=\(allowed)", "verify-commit", commit], in: directory)
                #expect(checked.succeeded, "\(summary): \(checked.stderr)")
            }
        }
        let targets = try git(["rev-parse", "targets"], in: district).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try git(["-c", "gpg.ssh.allowedSignersFile=\(allowed)", "verify-commit", targets], in: district).succeeded, "publish signs the targets commit")
        let (status, findings) = try verifyJSON(district)
        #expect(status == 0, "\(findings)")
    }

    /// gpg and an empty keyring (`GNUPGHOME`) in `dir`; nil when gpg is not installed.
    static func gnupg(in dir: TemporaryDirectory) throws -> (gpg: String, environment: [String: String])? {
        guard let gpg = AuditCommandTests.which("gpg") else { return nil }
        let home = dir.appending("gnupg")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return (gpg, ["GNUPGHOME": home])
    }

    /// Makes a signing key (no passphrase) for `uid` in the keyring of `environment`.
    static func makeGPGKey(_ gpg: String, _ uid: String, _ environment: [String: String]) throws {
        let made = try Command.run(gpg, ["--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--quick-gen-key", uid, "ed25519", "sign", "never"],
                                   environment: IsolatedGit.environment(environment))
        #expect(made.succeeded, "\(made.stderr)")
    }

    @Test func gpgSignsAsGitRunsIt() throws {
        let dir = try TemporaryDirectory()
        guard let (gpg, environment) = try Self.gnupg(in: dir) else {
            print("note: gpg is not installed; GPG signing is not tested here")
            return
        }
        try Self.makeGPGKey(gpg, "Le Van A <le.van.a@buon-don.example>", environment)
        defer { _ = try? Command.run("gpgconf", ["--kill", "all"], environment: IsolatedGit.environment(environment)) }
        let (district, _) = try hierarchy(dir)
        #expect(try git(["config", "user.signingKey", "le.van.a@buon-don.example"], in: district).succeeded)
        let approved = try run(["approve", "ea-nuol", "2024-Q3"], in: district, environment)
        #expect(approved.status == 0, "\(approved.stderr)")
        let head = try git(["rev-parse", "HEAD"], in: district).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try git(["cat-file", "commit", head], in: district).stdout.contains("gpgsig -----BEGIN PGP SIGNATURE-----"))
        let checked = try git(["verify-commit", head], in: district, environment)
        #expect(checked.succeeded, "\(checked.stderr)")
        #expect(checked.stderr.contains("Good signature from \"Le Van A <le.van.a@buon-don.example>\""), "\(checked.stderr)")
        // verify checks it with gpg; the unit lists no officials, so a good OpenPGP signature is a warning, never "unsigned".
        let result = try run(["verify", "--json"], in: district, environment)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        let openpgp = try #require(findings.first { $0["commit"] as? String == head }, "\(findings)")
        #expect(openpgp["kind"] as? String == "unknown-signer")
        #expect(openpgp["severity"] as? String == "warning")
        #expect((openpgp["message"] as? String)?.contains("OpenPGP key") == true)
    }

    @Test func signerAddRefusesWhatIsNotAnOfficialOfThisUnitOrAChild() throws {
        let dir = try TemporaryDirectory()
        let (district, _) = try hierarchy(dir)
        let official = try key(dir, "official")
        for (principal, file, expected) in [
            ("le.van.a", official + ".pub", "is not <name>@<unit-id>"),
            ("le van a@buon-don", official + ".pub", "is not <name>@<unit-id>"),
            ("le.van.a@krong-na", official + ".pub", "names unit krong-na, which is neither this unit nor one of its children (buon-don, ea-nuol)"),
            ("le.van.a@buon-don", official, "is not an OpenSSH public key"),
            ("le.van.a@buon-don", dir.appending("missing.pub"), "cannot read the public key file"),
        ] {
            let result = try run(["signer", "add", principal, file], in: district)
            #expect(result.status == 2, "\(principal) \(file)")
            #expect(result.stderr.contains(expected), "\(result.stderr)")
            #expect(!result.stderr.contains("PRIVATE KEY"), "a private key is never echoed")
        }
        #expect(!FileManager.default.fileExists(atPath: district + "/signers/allowed_signers"))
        let vietnamese = try run(["--lang", "vi", "signer", "add", "le.van.a@krong-na", official + ".pub"], in: district)
        #expect(vietnamese.stderr.contains("không phải đơn vị này cũng không phải đơn vị cấp dưới"), "\(vietnamese.stderr)")
        #expect(try run(["signer", "add", "le.van.a@ea-nuol", official + ".pub"], in: district).status == 0)
    }
}

/// An ssh-agent on a socket in the test's folder, started and stopped by the test. It runs
/// in the foreground (`-D`) as a child of the test, so that no daemon keeps the test's pipes.
final class SSHAgent {
    let socket: String
    let process: ChildProcess

    init(_ dir: TemporaryDirectory) throws {
        socket = dir.appending("agent.sock")
        process = try ChildProcess("ssh-agent", ["-D", "-a", socket], stdout: .discard, stderr: .discard)
        try process.start()
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: socket) { usleep(50_000) }
        guard FileManager.default.fileExists(atPath: socket) else {
            stop()
            throw CocoaError(.executableLoad)
        }
    }

    var environment: [String: String] { ["SSH_AUTH_SOCK": socket] }

    func stop() {
        // SIGKILL: the test process's blocked signals are inherited, and ssh-agent never sees a SIGTERM.
        process.kill()
        process.wait()
    }
}
