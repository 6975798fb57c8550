import Foundation
import Testing
import TestSupport

/// OpenPGP officials listed in `signers/openpgp` (`signer add … --gpg <fingerprint>`) count as
/// the ssh officials of `signers/allowed_signers` do: a good GPG signature by a listed primary
/// key is accepted; once listed, an unsigned decision, or one signed by an unlisted or retired
/// key, is an error. Real keys made by gpg in the test (gnupg is optional: skipped without it).
@Suite struct OpenPGPSignerCommandTests {
    init() { IsolatedGit.setUp() }

    let signed = SignedApprovalCommandTests()

    /// Makes a signing key for `uid` in `home`; returns its primary key's fingerprint.
    func makeKey(_ gpg: String, _ uid: String, home: [String: String]) throws -> String {
        try SignedApprovalCommandTests.makeGPGKey(gpg, uid, home)
        let listed = try Command.run(gpg, ["--with-colons", "--fingerprint", uid], environment: IsolatedGit.environment(home))
        let fpr = listed.stdout.split(separator: "\n").first { $0.hasPrefix("fpr:") }?.split(separator: ":", omittingEmptySubsequences: false)
        return try #require(fpr.map { String($0[9]) }, "\(listed.stdout)")
    }

    func findings(_ district: String, _ home: [String: String], commit: String) throws -> (status: Int32, found: [[String: Any]]) {
        let result = try signed.run(["verify", "--json"], in: district, home)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
        let all = try #require(report["findings"] as? [[String: Any]])
        return (result.status, all.filter { $0["commit"] as? String == commit })
    }

    func head(_ directory: String) throws -> String {
        try signed.git(["rev-parse", "HEAD"], in: directory).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aListedGPGOfficialCountsAndUnsignedOrUnlistedDecisionsAreErrors() throws {
        let dir = try TemporaryDirectory()
        guard let (gpg, home) = try SignedApprovalCommandTests.gnupg(in: dir) else {
            print("note: gpg is not installed; OpenPGP officials are not tested here")
            return
        }
        defer { _ = try? Command.run("gpgconf", ["--kill", "all"], environment: IsolatedGit.environment(home)) }
        let official = try makeKey(gpg, "Le Van A <le.van.a@buon-don.example>", home: home)
        let stranger = try makeKey(gpg, "Tran Thi B <tran.thi.b@example.test>", home: home)
        let (district, _) = try signed.hierarchy(dir)

        // Listing: a fingerprint as gpg shows it (spaces in), stored without them; a retired one.
        let spaced = stride(from: 0, to: official.count, by: 4).map { i in
            String(official[official.index(official.startIndex, offsetBy: i)..<official.index(official.startIndex, offsetBy: min(i + 4, official.count))])
        }.joined(separator: " ")
        let added = try signed.run(["signer", "add", "le.van.a@buon-don", "--gpg", spaced], in: district)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("may now sign with OpenPGP"), "\(added.stdout)")
        #expect(try signed.run(["signer", "add", "le.van.a@buon-don", "--gpg", official], in: district).stdout.contains("already listed"))
        #expect(try signed.run(["signer", "add", "tran.thi.b@buon-don", "--gpg", stranger, "--valid-before", "20000101"], in: district).status == 0)
        let file = try String(contentsOfFile: district + "/signers/openpgp", encoding: .utf8)
        #expect(file.contains("le.van.a@buon-don \(official)\n") && file.contains("tran.thi.b@buon-don \(stranger) valid-before=20000101\n"), "\(file)")
        for (arguments, expected) in [(["signer", "add", "x@buon-don", "--gpg", "1234"], "is not an OpenPGP fingerprint"),
                                      (["signer", "add", "x@buon-don"], "either the official's OpenSSH public key file or --gpg")] {
            let refused = try signed.run(arguments, in: district)
            #expect(refused.status != 0 && refused.stderr.contains(expected), "\(arguments): \(refused.stderr)")
        }

        // The official signs: accepted by verify, and by git verify-commit in the keyring.
        #expect(try signed.git(["config", "user.signingKey", "le.van.a@buon-don.example"], in: district).succeeded)
        #expect(try signed.run(["approve", "ea-nuol", "2024-Q3"], in: district, home).status == 0)
        let good = try head(district)
        #expect(try signed.isSigned(good, in: district))
        #expect(try signed.git(["verify-commit", good], in: district, home).succeeded)
        let (cleanStatus, onGood) = try findings(district, home, commit: good)
        #expect(onGood.isEmpty, "\(onGood)")
        #expect(cleanStatus == 0)

        // The retired (valid-before 2000) key signs: an error, as is an unsigned decision.
        #expect(try signed.git(["config", "user.signingKey", "tran.thi.b@example.test"], in: district).succeeded)
        #expect(try signed.run(["reopen", "ea-nuol", "2024-Q3", "--reason", "kiểm tra lại"], in: district, home).status == 0)
        let retired = try head(district)
        let (retiredStatus, onRetired) = try findings(district, home, commit: retired)
        #expect(retiredStatus == 1)
        let unlisted = try #require(onRetired.first, "the retired key's signature is reported")
        #expect(unlisted["kind"] as? String == "unknown-signer" && unlisted["severity"] as? String == "error", "\(unlisted)")
        #expect((unlisted["message"] as? String)?.contains("signers/openpgp") == true, "\(unlisted)")

        #expect(try signed.git(["config", "--unset", "user.signingKey"], in: district).succeeded)
        #expect(try signed.run(["approve", "ea-nuol", "2024-Q3"], in: district, home).status == 0)
        let unsigned = try head(district)
        #expect(try !signed.isSigned(unsigned, in: district))
        let (_, onUnsigned) = try findings(district, home, commit: unsigned)
        #expect(onUnsigned.contains { $0["kind"] as? String == "unsigned" && $0["severity"] as? String == "error" }, "\(onUnsigned)")
    }
}
