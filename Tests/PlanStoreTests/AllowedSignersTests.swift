import Foundation
import PlanStore
import Testing

/// Reading git's allowed-signers format (ssh-keygen(1), "ALLOWED SIGNERS") as `verify` and
/// `signer add` do; the keys are real ed25519 public keys' text.
@Suite struct AllowedSignersTests {
    static let key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICJfqX+LywnWXkojqmoc6dpZbrNQ6aJgMwgmbLWMA1XY"
    static let other = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA8UWARgwau3Wgq1GQdmN+C2KQjz1U7dkDQyE6m4gfh1"

    @Test func linesNamePrincipalsOptionsAndKeys() {
        let file = AllowedSigners(Array("""
            # officials
            le.van.a@buon-don namespaces="git" \(Self.key)

            "tran.thi.b@ea-nuol,pham.c@ea-nuol" namespaces="git",valid-after="20240601" \(Self.other) comment here
            nguyen.d@krong-na \(Self.key)
            broken-line
            """.utf8))
        #expect(file.entries.count == 3)
        #expect(file.entries[1].principals == ["tran.thi.b@ea-nuol", "pham.c@ea-nuol"])
        #expect(file.entries[1].key == Self.other)
        let cases: [(String, Bool)] = [("buon-don", true), ("ea-nuol", true), ("krong-na", true), ("ea-sup", false), ("", false)]
        for (unit, listed) in cases { #expect(file.lists(unit: unit) == listed, "\(unit)") }
        #expect(file.contains(principal: "le.van.a@buon-don", key: Self.key))
        #expect(!file.contains(principal: "le.van.a@buon-don", key: Self.other))
        #expect(AllowedSigners.unit(of: "a.b@c@ea-nuol") == "ea-nuol")
        #expect(AllowedSigners.unit(of: "nobody") == nil)
        #expect(AllowedSigners.unit(of: "nobody@") == nil)
    }

    @Test func onlyAnOpenSSHPublicKeyIsAccepted() {
        #expect(AllowedSigners.publicKey(in: Self.key + " official@host\n") == Self.key)
        let rejected = [
            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU=\n-----END OPENSSH PRIVATE KEY-----\n",
            "ssh-ed25519 not-base64!", "ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAICJfqX+LywnWXkojqmoc6dpZbrNQ6aJgMwgmbLWMA1XY", "", "hello world",
        ]
        for text in rejected { #expect(AllowedSigners.publicKey(in: text) == nil, "\(text)") }
    }
}
