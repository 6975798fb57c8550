import Cascade
import Git
import PlanModel

/// Every derived target's provenance recomputed, not trusted — the one rule `verify` and
/// `check` both apply: the parent commit a provenance names must be one a pull of the unit
/// used (a commit carrying that `Parent-Commit:` in the history, made in the unit), and
/// re-deriving from it (the parent's rule and inputs there, the unit as it was just before
/// the pull) must give the provenance exactly. A forged or hand-edited provenance is an
/// error naming the commit that last set it.
final class ProvenanceCheck {
    let repository: UnitRepository
    let reader: DocumentReader
    /// The head of the repository where the check runs (blame walks from it).
    let rootHead: Oid
    /// Every pull in the history: unit → parent commit named (lower case) → the pull commit.
    let pulls: [String: [String: Commit]]
    /// Documents read in this run (`check` passes the one it prefetched).
    let cache: DocumentCache
    private var snapshots: [SnapshotKey: PlanSnapshot] = [:]
    private var derivations: [String: [String: DerivationOutcome]] = [:]

    init(repository: UnitRepository, rootHead: Oid, reader: DocumentReader, cache: DocumentCache = DocumentCache()) throws {
        self.repository = repository
        self.reader = reader
        self.rootHead = rootHead
        self.cache = cache
        self.pulls = try Self.pulls(from: rootHead, in: repository.git, reader: reader)
    }

    /// The findings about `unit`'s derived targets (every year) in `tree`, and how many
    /// provenances were checked.
    /// - Parameter unverifiable: whether to say which provenances name a parent commit this
    ///   repository lacks (`verify` does; `check` leaves it to `verify`, and saves the blame).
    func findings(of unit: CollectedUnit, tree: Oid, unverifiable: Bool = true) throws -> (findings: [Finding], count: Int) {
        let git = repository.git
        let snapshot = try PlanSnapshot.load(from: repository, tree: tree, prefix: unit.prefix, kinds: [.target], cache: cache)
        let pulls = self.pulls[unit.id] ?? [:]
        var findings: [Finding] = [], count = 0
        for year in snapshot.planYears {
            for (code, target) in (snapshot.years[year]?.targets ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let provenance = target.provenance else { continue }
                count += 1
                let file = unit.prefix + Layout.targetFile(year: year, indicator: code)
                // Who last set the provenance: asked only when something is wrong.
                func setBy() throws -> CommitInfo {
                    try BlameQuery().blame(part: "target", path: file, keys: ["provenance"], from: rootHead, reader: reader).commit
                }
                func finding(_ severity: Severity, _ kind: Finding.Kind, _ message: (CommitInfo) -> Message) throws -> Finding {
                    let by = try setBy()
                    return Finding(severity, kind, unit: unit.id, item: code, file: file, actual: provenance.parentCommit, commit: by.commit,
                                   author: by.author, date: by.date, message: message(by))
                }
                guard let pull = pulls[provenance.parentCommit.lowercased()] else {
                    findings.append(try finding(.error, .forgedProvenance) { by in
                        Message("audit.forged-provenance", [
                            "unit": .text(unit.id), "indicator": .text(code), "year": .year(year), "commit": .text(String(provenance.parentCommit.prefix(7))),
                            "parent": .text(provenance.parentUnit), "setBy": .text(by.short), "author": .text(by.author), "date": .date(by.date),
                        ])
                    })
                    continue
                }
                guard let parentCommit = Oid(hex: provenance.parentCommit), git.contains(parentCommit), let before = pull.parents.first else {
                    guard unverifiable else { continue }
                    findings.append(try finding(.info, .notVerified) { _ in
                        Message("audit.parent-commit-absent", [
                            "unit": .text(unit.id), "indicator": .text(code), "year": .year(year), "parent": .text(provenance.parentUnit),
                            "commit": .text(String(provenance.parentCommit.prefix(7))),
                        ])
                    })
                    continue
                }
                let derived = try derivation(parent: parentCommit, before: before, year: year)[code]
                if var mismatch = IntegrityRules.provenance(unit: unit.id, indicator: code, file: file, stored: provenance, derived: derived) {
                    let by = try setBy()
                    mismatch.commit = by.commit
                    mismatch.author = by.author
                    mismatch.date = by.date
                    mismatch.message = Message("audit.last-set", [
                        "message": .message(mismatch.message), "commit": .text(by.short), "author": .text(by.author), "date": .date(by.date),
                    ])
                    findings.append(mismatch)
                }
            }
        }
        return (findings, count)
    }

    /// The targets `parent` gives the unit as it was at `before` (the commit just before the
    /// pull), worked out once per pull and year.
    private func derivation(parent: Oid, before: Oid, year: Int) throws -> [String: DerivationOutcome] {
        let key = "\(parent.hex) \(before.hex) \(year)"
        if let known = derivations[key] { return known }
        let outcomes = TargetDerivation.derive(
            from: try snapshot(parent, kinds: TargetDerivation.parentKinds), commit: parent, year: year,
            child: try snapshot(before, kinds: TargetDerivation.childKinds))
        derivations[key] = outcomes
        return outcomes
    }

    /// The documents derivation reads of a parent version or of the unit before a pull.
    private func snapshot(_ commit: Oid, kinds: Set<DocumentKind>) throws -> PlanSnapshot {
        let key = SnapshotKey(commit: commit, kinds: kinds)
        if let known = snapshots[key] { return known }
        let snapshot = try PlanSnapshot.load(from: repository, commit: commit, kinds: kinds, cache: cache)
        snapshots[key] = snapshot
        return snapshot
    }

    private struct SnapshotKey: Hashable {
        let commit: Oid
        let kinds: Set<DocumentKind>
    }

    /// Every pull in the history (a commit carrying `Parent-Commit:`), by the unit that made
    /// it and the parent commit it names; the newest wins. One walk for the whole subtree, and
    /// a child's pulls still count after the child rewrote its history, since the heads
    /// collected before remain in this one.
    private static func pulls(from head: Oid, in git: Repository, reader: DocumentReader) throws -> [String: [String: Commit]] {
        var result: [String: [String: Commit]] = [:]
        for oid in try git.history(from: [head]) {
            let commit = try git.commit(oid)
            guard CommitTrailers.mentions(.parentCommit, commit), let parent = CommitTrailers(commit).parentCommitText?.lowercased(), let unit = try reader.unitID(in: commit.tree),
                  result[unit]?[parent] == nil else { continue }
            result[unit, default: [:]][parent] = commit
        }
        return result
    }
}
