import Cascade
import Git
import PlanModel

/// `plancascade verify`: the integrity of the whole history of a unit and its collected
/// subtree (rules in ``IntegrityRules``).
///
/// - every child head a collect merged is still reachable from that child's pushed ref;
/// - every derived target's provenance names a parent commit that a pull of the unit used,
///   and re-deriving from that commit (the parent's rule and inputs, the unit as it was just
///   before the pull) gives the provenance exactly;
/// - every rollup equals its recomputation at the commit that wrote it, on every unit's own
///   line of history; a rollup out of date at `main` is listed;
/// - every figure or task state changed after its period's deadline is listed, with who
///   changed it and when.
///
/// Like `check`, it first fetches the children's pushes from the unit's hub.
public struct VerifyQuery {

    public struct Report: Encodable, Sendable {
        public let findings: [Finding]
        /// How much was checked: collected child heads, provenances, rollup versions.
        public let collected: Int
        public let provenances: Int
        public let rollups: Int

        public var errors: Int { findings.filter { $0.severity == .error }.count }
        public var warnings: Int { findings.filter { $0.severity == .warning }.count }

        enum CodingKeys: String, CodingKey { case schema, findings, errors, warnings, checked }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(1, forKey: .schema)
            try c.encode(findings, forKey: .findings)
            try c.encode(errors, forKey: .errors)
            try c.encode(warnings, forKey: .warnings)
            try c.encode(["collected": collected, "provenances": provenances, "rollups": rollups], forKey: .checked)
        }
    }

    /// Told of each unit whose history is checked (`verify.progress.units`), for a long run.
    public var progress: (Message) -> Void = { _ in }

    public init() {}

    public func run(in repository: UnitRepository) throws -> Report {
        try run(in: repository, cache: DocumentCache())
    }

    /// The same, with the documents and recomputed rollups `cache` holds (one for the whole
    /// run: most versions of most units' trees are the same as the version before).
    func run(in repository: UnitRepository, cache: DocumentCache) throws -> Report {
        let git = repository.git
        guard let head = try repository.head() else { throw PlanStoreError.notAUnitRepository(path: repository.displayRoot) }
        let tree = try git.commit(head).tree
        let reader = DocumentReader(git)
        let units = try CollectedUnit.all(in: tree, head: head, reader: reader)
        let root = units.first?.id ?? ""
        var findings: [Finding] = []
        if case .failed(let hub, let error) = try UpstreamFetch.children(into: repository) {
            findings.append(Finding(
                .info, .notVerified, unit: root,
                message: Message("audit.children-not-fetched", ["hub": .text(RemoteURL.redacted(hub)), "error": UpstreamFetch.describe(error)])))
        }
        let (reachability, collected) = try childHeads(git: git, head: head, unit: root)
        findings += reachability
        findings += try signatureFindings(units: units, tree: tree, head: head, git: git, reader: reader)
        var provenances = 0, rollups = 0
        let provenance = try ProvenanceCheck(repository: repository, rootHead: head, reader: reader, cache: cache)
        let trailers = FirstParentTrailers.Index(git)
        // A collected unit whose documents do not decode is reported, and its subtree's
        // documents are not judged; the history of every unit still is.
        let invalid = try InvalidUnits.find(in: tree, repository: repository, cache: cache)
        findings += invalid.map(\.finding)
        func readable(_ unit: CollectedUnit) -> Bool { !invalid.contains { $0.covers(unit.prefix) } }
        for (index, unit) in units.enumerated() {
            progress(Message("verify.progress.units", ["unit": .text(unit.id), "done": .count(index + 1), "total": .count(units.count)]))
            guard let unitHead = unit.head else {
                findings.append(Finding(.info, .notVerified, unit: unit.id, message: Message("audit.collect-not-in-history", ["unit": .text(unit.id)])))
                continue
            }
            if readable(unit) {
                let (provenanceFindings, count) = try provenance.findings(of: unit, tree: tree)
                findings += provenanceFindings
                provenances += count
            }
            findings += try CollectedEdits.findings(unit: unit.id, prefix: unit.prefix, head: unitHead, git: git, reader: reader, trailers: trailers)
            guard readable(unit) else { continue }
            let (rollupFindings, versions) = try verifyRollups(of: unit, head: unitHead, tree: tree, repository: repository, reader: reader, cache: cache)
            findings += rollupFindings
            rollups += versions
        }
        findings += try belowAssigned(in: units.filter(readable), tree: tree, repository: repository, cache: cache)  // issue 17 (VerifyQuery+Assigned.swift)
        findings += try reorganisationFindings(units: units, tree: tree, repository: repository)  // issue 18 (VerifyQuery+Reorg.swift)
        for entry in try LogQuery().run(from: head, in: git) {
            if let late = IntegrityRules.lateChange(entry.change, date: entry.commit.date, author: entry.commit.author, commit: entry.commit.commit) {
                // A unit a reorganisation creates starts from its predecessors' heads with a tree
                // of its own: their reports are not in it, and that is no late change (issue 18).
                if let oid = Oid(hex: entry.commit.commit), try CommitTrailers(git.commit(oid)).contains(.reorgDecision) { continue }
                findings.append(late)
            }
        }
        let order = Dictionary(units.enumerated().map { ($0.element.id, $0.offset) }) { first, _ in first }
        let sorted = findings.enumerated().sorted { a, b in
            let l = a.element, r = b.element
            let key = { (f: Finding) in (order[f.unit ?? ""] ?? Int.max, f.severity == .error ? 0 : f.severity == .warning ? 1 : 2) }
            return key(l) != key(r) ? key(l) < key(r) : a.offset < b.offset
        }.map(\.element)
        return Report(findings: sorted, collected: collected, provenances: provenances, rollups: rollups)
    }

    /// Every child head merged by a collect on `main`'s first-parent line, against the
    /// child's pushed ref.
    private func childHeads(git: Repository, head: Oid, unit: String) throws -> ([Finding], Int) {
        let collects = try FirstParentTrailers.collects(from: head, in: git)
        var findings: [Finding] = []
        let pushedRefs = Dictionary(try UpstreamFetch.pushedChildren(in: git).map { ($0.child, $0.head) }) { first, _ in first }
        for child in Set(collects.map(\.child)).sorted() {
            guard let pushed = pushedRefs[child] else {
                findings.append(Finding(.info, .notVerified, unit: child, message: Message("audit.no-pushed-ref", ["child": .text(child), "unit": .text(unit)])))
                continue
            }
            // Newest collect first: a rewrite accepted later covers the heads collected before it.
            var acceptedBy: Commit?
            for (_, collected, merge) in collects.filter({ $0.child == child }) {
                let reachable = try collected == pushed || git.isDescendant(pushed, of: collected)
                if !reachable {
                    let info = CommitInfo(merge)
                    if let accepted = acceptedBy {
                        findings.append(Finding(
                            .warning, .acceptedRewrite, unit: child, expected: collected.hex, actual: pushed.hex, commit: accepted.oid.hex,
                            author: accepted.author.name, date: CommitInfo(accepted).date,
                            message: Message("audit.accepted-rewrite", [
                                "child": .text(child), "collected": .text(collected.short), "merge": .text(merge.oid.short), "date": .date(info.date),
                                "pushed": .text(pushed.short), "author": .text(accepted.author.name), "accepted": .text(accepted.oid.short),
                            ])))
                    } else {
                        findings.append(Finding(
                            .error, .rewrittenHistory, unit: child, expected: collected.hex, actual: pushed.hex, commit: merge.oid.hex,
                            author: info.author, date: info.date,
                            message: Message("audit.rewritten-history", [
                                "child": .text(child), "collected": .text(collected.short), "merge": .text(merge.oid.short), "date": .date(info.date),
                                "pushed": .text(pushed.short),
                            ])))
                    }
                }
                if CommitTrailers(merge).contains(.acceptedRewrite), acceptedBy == nil { acceptedBy = merge }
            }
        }
        return (findings, collects.count)
    }

    /// Every version of `unit`'s rollups on its own first-parent line against the
    /// recomputation at the commit that wrote it; then the rollups at `main`.
    private func verifyRollups(
        of unit: CollectedUnit, head: Oid, tree: Oid, repository: UnitRepository, reader: DocumentReader, cache: DocumentCache
    ) throws -> ([Finding], Int) {
        let git = repository.git
        let diff = TreeDiff(git: git)
        var findings: [Finding] = [], versions = 0
        var flagged: Set<Oid> = []
        for oid in try git.history(from: [head], firstParentOnly: true) {
            let commit = try git.commit(oid)
            let parentTree = try commit.parents.first.map { try git.commit($0).tree }
            let before = try parentTree.flatMap { try git.entry(at: "rollup", in: $0)?.oid }
            let after = try git.entry(at: "rollup", in: commit.tree)?.oid
            guard before != after else { continue }
            let changed = try diff.changes(from: before, to: after, prefix: "rollup/").filter { $0.new != nil }
            guard !changed.isEmpty else { continue }
            let recomputed = try RollupWriter.rollups(of: commit.tree, in: repository, cache: cache)
            let info = CommitInfo(commit)
            for change in changed {
                versions += 1
                guard let blob = change.new else { continue }
                let stored: Rollup = try PlanSnapshot.decode(try git.blob(blob), path: unit.prefix + change.path)
                if var finding = IntegrityRules.rollup(unit: unit.id, file: unit.prefix + change.path, stored: stored, recomputed: recomputed[stored.period]) {
                    finding.commit = info.commit
                    finding.author = info.author
                    finding.date = info.date
                    finding.message = Message("audit.rollup-written", [
                        "message": .message(finding.message), "commit": .text(info.short), "author": .text(info.author), "date": .date(info.date),
                        "summary": .text(info.summary),
                    ])
                    findings.append(finding)
                    flagged.insert(blob)
                }
            }
        }
        // At `main`: a rollup the unit's own later reports made out of date.
        let subtree = unit.prefix.isEmpty ? tree : try git.entry(at: String(unit.prefix.dropLast()), in: tree)?.oid
        guard let subtree, let folder = try git.entry(at: "rollup", in: subtree) else { return (findings, versions) }
        let current = try RollupWriter.rollups(of: subtree, in: repository, cache: cache)
        for (path, blob) in try git.files(in: folder.oid, under: "rollup").sorted(by: { $0.key < $1.key }) where !flagged.contains(blob) {
            let stored: Rollup = try PlanSnapshot.decode(try git.blob(blob), path: unit.prefix + path)
            if let stale = IntegrityRules.rollup(unit: unit.id, file: unit.prefix + path, stored: stored, recomputed: current[stored.period]) {
                var finding = stale
                finding.severity = .warning
                finding.kind = .staleRollup
                finding.message = Message("audit.stale-rollup", [
                    "file": .text(unit.prefix + path), "actual": stale.message.arguments["actual"] ?? .text(stale.actual ?? ""),
                    "expected": stale.message.arguments["expected"] ?? .text(stale.expected ?? ""), "unit": .text(unit.id),
                ])
                findings.append(finding)
            }
        }
        return (findings, versions)
    }
}
