import Foundation
import Git
import PlanModel

/// `plancascade signer add`: lists an official who may sign for this unit or for one of its
/// children in the unit's committed ``AllowedSigners`` file, so that `verify` (and
/// `git verify-commit` with that file) can check their signatures.
public struct SignerWorkflow {
    public let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// Adds `principal` (`<name>@<unit-id>`, the unit being this one or a registered child)
    /// with the OpenSSH public key in `publicKey` (a `.pub` file's text, read from `keyFile`,
    /// which errors name: the text itself is never shown, in case it was a private key).
    /// - Returns: the commit, nil when the file already lists that principal with that key.
    @discardableResult
    public func add(principal: String, publicKey: String, keyFile: String, in repository: UnitRepository) throws -> Oid? {
        let unit = try checkedPrincipal(principal, in: repository)
        guard let key = AllowedSigners.publicKey(in: publicKey) else {
            throw PlanStoreError.invalidArgument(name: "public key", value: keyFile, reason: Message("signing.not-a-public-key"))
        }
        let existing = try repository.file(AllowedSigners.path) ?? []
        if AllowedSigners(existing).contains(principal: principal, key: key) { return nil }
        return try append(
            "\(principal) namespaces=\"git\" \(key)\n", to: AllowedSigners.path, existing: existing,
            header: "# Officials who sign for \(unit.id) and its children (ssh-keygen(1), ALLOWED SIGNERS).\n"
                + "# Check a commit: git -c gpg.ssh.allowedSignersFile=\(AllowedSigners.path) verify-commit <commit>\n",
            message: "Add signer \(principal)\n", in: repository)
    }

    /// Commits `existing` (the file's bytes at `main`, or the `header` when it has none) with `line` added.
    private func append(_ line: String, to path: String, existing: [UInt8], header: String, message: String, in repository: UnitRepository) throws -> Oid? {
        var text = String(decoding: existing, as: UTF8.self)
        if text.isEmpty {
            text = header
        } else if !text.hasSuffix("\n") {
            text += "\n"
        }
        let identity = try Identity.resolve(for: repository.git, environment: environment)
        return try repository.commitValidated([path: Array((text + line).utf8)], message: message, identity: identity)
    }

    /// Adds `principal` with the OpenPGP key of `fingerprint` (its primary key's, as
    /// `gpg --fingerprint` shows it) to ``OpenPGPSigners``, signatures counting only before
    /// `validBefore` when given.
    /// - Returns: the commit, nil when the file already lists that principal with that key.
    @discardableResult
    public func addOpenPGP(principal: String, fingerprint: String, validBefore: CivilDate? = nil, in repository: UnitRepository) throws -> Oid? {
        let unit = try checkedPrincipal(principal, in: repository)
        guard let key = OpenPGPSigners.fingerprint(fingerprint) else {
            throw PlanStoreError.invalidArgument(name: "--gpg", value: fingerprint, reason: Message("hardening.signing.not-a-fingerprint"))
        }
        let existing = try repository.file(OpenPGPSigners.path) ?? []
        if OpenPGPSigners(existing).contains(principal: principal, fingerprint: key) { return nil }
        let until = validBefore.map { " valid-before=\($0.description.replacingOccurrences(of: "-", with: ""))" } ?? ""
        return try append(
            "\(principal) \(key)\(until)\n", to: OpenPGPSigners.path, existing: existing,
            header: "# Officials who sign for \(unit.id) and its children with OpenPGP keys: <name>@<unit-id> <primary key fingerprint> [valid-before=YYYYMMDD]\n",
            message: "Add OpenPGP signer \(principal)\n", in: repository)
    }

    /// The unit, when `principal` is `<name>@<unit-id>` for this unit or a registered child.
    private func checkedPrincipal(_ principal: String, in repository: UnitRepository) throws -> PlanModel.Unit {
        let unit = try repository.unit()
        let known = ([unit.id] + unit.children.map(\.id)).joined(separator: ", ")
        guard let at = principal.lastIndex(of: "@"), at != principal.startIndex,
              principal.allSatisfy({ !$0.isWhitespace && $0 != "," && $0 != "\"" && $0 != "*" && $0 != "?" }) else {
            throw PlanStoreError.invalidArgument(name: "principal", value: principal, reason: Message("signing.principal-form", ["known": .text(known)]))
        }
        let signsFor = String(principal[principal.index(after: at)...])
        guard signsFor == unit.id || unit.children.contains(where: { $0.id == signsFor }) else {
            throw PlanStoreError.invalidArgument(
                name: "principal", value: principal, reason: Message("signing.principal-unit", ["unit": .text(signsFor), "known": .text(known)]))
        }
        return unit
    }
}
