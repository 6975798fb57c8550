import Cascade
import Git
import PlanModel

/// `verify`'s signature checks (README.md, "Signed approvals"), for every unit of the subtree,
/// each against its own ``AllowedSigners`` file as it is at `main`:
///
/// - **decisions** (approve, waive, reopen: a commit with an `Approval:` trailer, or any
///   commit but a merge that changes `approvals/`) that a unit
///   made since its file lists one of its officials (principal `…@<unit>`) must be signed by
///   one of them: unsigned or signed by anyone else is an error. Where the unit does not
///   require signatures (no official listed, or a decision made before it listed one) an
///   unsigned decision is not reported and a signature by an unlisted key is a warning. A
///   signature that does not match its commit is always an error.
/// - **a child's history**: once a unit's file lists an official of child C, every commit on
///   C's own first-parent line that a collect brings in after that (the heads collected
///   while the file did not list C yet are its accepted past) must be signed by one of C's
///   officials: this is what catches a parent writing commits in a child's name.
extension VerifyQuery {
    func signatureFindings(units: [CollectedUnit], tree: Oid, head: Oid, git: Repository, reader: DocumentReader) throws -> [Finding] {
        var signers: [String: (file: String, list: AllowedSigners, bytes: [UInt8])] = [:]
        var openpgp: [String: OpenPGPSigners] = [:]
        for unit in units {
            let file = unit.prefix + AllowedSigners.path
            let bytes = try git.entry(at: file, in: tree).flatMap { $0.kind == .blob ? try git.blob($0.oid) : nil } ?? []
            signers[unit.id] = (file, AllowedSigners(bytes), bytes)
            openpgp[unit.id] = try Self.openPGPSigners(in: tree, prefix: unit.prefix, git: git)
        }
        /// Whether `signer`'s files list an official of `unit` (ssh or OpenPGP).
        func lists(_ signer: String, _ unit: String) -> Bool {
            signers[signer]?.list.lists(unit: unit) == true || openpgp[signer]?.lists(unit: unit) == true
        }
        let programs = (ssh: try git.configString("gpg.ssh.program"), gpg: try git.configString("gpg.openpgp.program") ?? git.configString("gpg.program"))
        var findings: [Finding] = []
        // Decisions, wherever they are in the history; required of a unit since its file lists its own officials.
        var since: [String: Set<Oid>] = [:]
        for unit in units {
            guard let unitHead = unit.head, lists(unit.id, unit.id) else { continue }
            since[unit.id] = Set(try listingRun(of: unit.id, from: unitHead, git: git))
        }
        for oid in try git.history(from: [head]) {
            let commit = try git.commit(oid)
            guard try isDecision(commit, git: git), let unit = try reader.unitID(in: commit.tree), let (file, _, bytes) = signers[unit] else { continue }
            let what = Message("audit.signature.decision", ["unit": .text(unit), "summary": .text(commit.summary)])
            let required = since[unit]?.contains(oid) ?? false
            if let finding = try check(commit, signsFor: unit, required: required, what: what, file: file, allowed: bytes,
                                       openpgp: openpgp[unit] ?? OpenPGPSigners([]), programs: programs, git: git, unsigned: {
                Message("audit.signature.unsigned-decision", ["what": .message(what), "unit": .text(unit), "file": .text(file)])
            }) {
                findings.append(finding)
            }
        }
        // Children's histories, where the parent requires them signed.
        for unit in units {
            guard let unitHead = unit.head, let (file, _, bytes) = signers[unit.id] else { continue }
            let children = Set(try FirstParentTrailers.collects(from: unitHead, in: git).map(\.child)).filter { lists(unit.id, $0) }
            for child in children.sorted() {
                for oid in try requiredChildCommits(child, of: unitHead, git: git) {
                    let commit = try git.commit(oid)
                    let what = Message("audit.signature.child-commit", ["child": .text(child), "summary": .text(commit.summary)])
                    if let finding = try check(commit, signsFor: child, required: true, what: what, file: file, allowed: bytes,
                                               openpgp: openpgp[unit.id] ?? OpenPGPSigners([]), programs: programs, git: git, unsigned: {
                        Message("audit.signature.unsigned-child-commit", ["what": .message(what), "child": .text(child), "unit": .text(unit.id), "file": .text(file)])
                    }) {
                        findings.append(finding)
                    }
                }
            }
        }
        return findings
    }

    /// Whether `commit` records a decision: the tool's `Approval:` trailer, or a change to
    /// `approvals/` by a commit that is not a merge (one written by hand with plain git counts
    /// too; a merge only brings decisions that are commits of their own).
    private func isDecision(_ commit: Commit, git: Repository) throws -> Bool {
        if CommitTrailers.mentions(.approval, commit), CommitTrailers(commit).contains(.approval) { return true }
        guard commit.parents.count <= 1 else { return false }
        let folder = "approvals"
        let now = try git.entry(at: folder, in: commit.tree)?.oid
        let before = try commit.parents.first.flatMap { try git.entry(at: folder, in: try git.commit($0).tree)?.oid }
        return now != before
    }

    /// `head`'s first-parent line, newest first, back to the oldest commit of the run whose
    /// ``AllowedSigners`` file lists an official of `unit` (empty when `head`'s does not).
    private func listingRun(of unit: String, from head: Oid, git: Repository) throws -> [Oid] {
        var run: [Oid] = []
        for oid in try git.history(from: [head], firstParentOnly: true) {
            let tree = try git.commit(oid).tree
            let bytes = try git.entry(at: AllowedSigners.path, in: tree).flatMap { $0.kind == .blob ? try git.blob($0.oid) : nil } ?? []
            guard try AllowedSigners(bytes).lists(unit: unit) || Self.openPGPSigners(in: tree, prefix: "", git: git).lists(unit: unit) else { break }
            run.append(oid)
        }
        return run
    }

    /// The commits of `child`'s own line that `head`'s first-parent line collected since its
    /// ``AllowedSigners`` file began to list `child`; the heads collected before are its
    /// accepted past.
    private func requiredChildCommits(_ child: String, of head: Oid, git: Repository) throws -> [Oid] {
        let run = Set(try listingRun(of: child, from: head, git: git))
        guard !run.isEmpty else { return [] }
        var required: [Oid] = [], accepted: [Oid] = []
        for (collected, pushed, merge) in try FirstParentTrailers.collects(from: head, in: git) where collected == child {
            if run.contains(merge.oid) { required.append(pushed) } else { accepted.append(pushed) }
        }
        guard !required.isEmpty else { return [] }
        return try git.history(from: required, hiding: accepted, firstParentOnly: true)
    }

    /// The unit's ``OpenPGPSigners`` at `prefix` of `tree` (empty without the file).
    static func openPGPSigners(in tree: Oid, prefix: String, git: Repository) throws -> OpenPGPSigners {
        OpenPGPSigners(try git.entry(at: prefix + OpenPGPSigners.path, in: tree).flatMap { $0.kind == .blob ? try git.blob($0.oid) : nil } ?? [])
    }

    /// The finding for `commit`'s signature, nil when it is signed as it should be.
    private func check(
        _ commit: Commit, signsFor unit: String, required: Bool, what: Message, file: String, allowed: [UInt8], openpgp: OpenPGPSigners,
        programs: (ssh: String?, gpg: String?),
        git: Repository, unsigned: () -> Message
    ) throws -> Finding? {
        let info = CommitInfo(commit)
        func finding(_ severity: Severity, _ kind: Finding.Kind, _ message: Message, actual: String? = nil) -> Finding {
            Finding(severity, kind, unit: unit, file: file, actual: actual, commit: info.commit, author: info.author, date: info.date, message: message)
        }
        guard let (signature, payload) = try git.commitSignature(commit.oid) else {
            return required ? finding(.error, .unsigned, unsigned()) : nil
        }
        let verdict = SignatureVerifier.verify(
            signature: signature, payload: payload, time: commit.committer.time, allowedSigners: allowed,
            sshProgram: programs.ssh, gpgProgram: programs.gpg)
        let where_: [String: Message.Value] = ["what": .message(what), "commit": .text(info.short), "file": .text(file), "unit": .text(unit)]
        switch verdict {
        case .good(let principals, let key):
            if signature.hasPrefix("-----BEGIN PGP") {
                // Good in this keyring: it counts when `signers/openpgp` lists its primary key
                // for the unit, as of the signature's day — the rules of the ssh officials.
                let pgpFile = String(file.dropLast(AllowedSigners.path.count)) + OpenPGPSigners.path
                let listed = openpgp.principals(for: key, on: OpenPGPSigners.day(of: commit.committer.time))
                if listed.contains(where: { AllowedSigners.unit(of: $0) == unit }) { return nil }
                let arguments = where_.merging(["key": .text(key), "principals": .text(principals.joined(separator: ", ")), "pgpfile": .text(pgpFile),
                                                "listed": .text(listed.joined(separator: ", "))]) { a, _ in a }
                return finding(required ? .error : .warning, .unknownSigner,
                               Message(listed.isEmpty ? "hardening.signature.openpgp-unlisted" : "hardening.signature.openpgp-other-unit", arguments),
                               actual: key)
            }
            if principals.contains(where: { AllowedSigners.unit(of: $0) == unit }) { return nil }
            return finding(required ? .error : .warning, .unknownSigner, Message("audit.signature.other-unit", where_.merging([
                "key": .text(key), "principals": .text(principals.joined(separator: ", "))]) { a, _ in a }), actual: principals.joined(separator: ","))
        case .unknownKey(let key):
            return finding(required ? .error : .warning, .unknownSigner, Message("audit.signature.unknown-key", where_.merging([
                "key": .text(key)]) { a, _ in a }), actual: key)
        case .bad(let detail):
            return finding(.error, .badSignature, Message("audit.signature.bad", where_.merging([
                "detail": .message(.verbatim(detail.isEmpty ? "-" : detail))]) { a, _ in a }))
        case .notChecked(let detail):
            return finding(.info, .notVerified, Message("audit.signature.not-checked", where_.merging([
                "detail": .message(.verbatim(detail))]) { a, _ in a }))
        }
    }
}
