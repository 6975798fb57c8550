import Cascade
import Git
import PlanModel

/// What `check` fetches and judges before it walks the subtree: the children's pushes (and
/// whether any rewrote its history) and the parent's published targets.
extension CheckQuery {
    /// In a working clone with a hub, fetches what the children pushed there, as `collect`
    /// does; an unreachable hub is an info finding and the refs fetched before are used.
    func fetchChildren(_ repository: UnitRepository, unit: String) throws -> [Finding] {
        guard case .failed(let hub, let error) = try UpstreamFetch.children(into: repository) else { return [] }
        return [Finding(
            .info, .notChecked, unit: unit,
            message: Message("check.children-not-fetched", ["hub": .text(RemoteURL.redacted(hub)), "error": UpstreamFetch.describe(error)]))]
    }

    /// Children whose pushed head does not descend from the head collected before.
    /// - Parameter collected: the head each child's latest collect merged.
    func rewrittenChildren(in git: Repository, collected: [String: Oid]) throws -> [Finding] {
        var findings: [Finding] = []
        for (child, pushed) in try UpstreamFetch.pushedChildren(in: git) {
            guard let last = collected[child], last != pushed,
                  try !git.isDescendant(pushed, of: last) else { continue }
            findings.append(CheckRules.historyRewritten(child: child, collected: last.hex, pushed: pushed.hex))
        }
        return findings
    }

    /// Children whose push is not collected yet: an error when `collect` would refuse it
    /// (the same ``ChildTreeCheck`` collect runs, so both say the same), else info. A
    /// rewritten history is ``rewrittenChildren(in:collected:)``'s.
    func heldBackChildren(in git: Repository, main: Oid, collected: [String: Oid]) throws -> [Finding] {
        let tree = try git.commit(main).tree
        var findings: [Finding] = []
        let check = ChildTreeCheck(git: git, policy: ChildPolicy.of(git))
        for (child, pushed) in try UpstreamFetch.pushedChildren(in: git) {
            let last = collected[child]
            guard last != pushed, try last.map({ try git.isDescendant(pushed, of: $0) }) ?? true else { continue }
            let known = try git.entry(at: Layout.childFolder(child), in: tree).flatMap { $0.kind == .tree ? $0.oid : nil }
            let refusal: Message?
            do {
                refusal = try check.refusal(child: child, head: pushed, known: known, main: main)
            } catch where DamagedObject.isDamage(error) {
                // A damaged object of this push: said where it is needed; `collect` fetches it again.
                refusal = DamagedObject.message(for: error, in: git) ?? (error as? GitError)?.catalogueMessage ?? (error as? PlanStoreError)?.message
            }
            if let problem = refusal {
                findings.append(Finding(
                    .error, .refusedPush, unit: child, actual: pushed.hex, commit: pushed.hex,
                    message: Message("check.refused-push", ["child": .text(child), "commit": .text(pushed.short), "problem": .message(problem)])))
            } else {
                findings.append(Finding(
                    .info, .notCollected, unit: child, actual: pushed.hex, commit: pushed.hex,
                    message: Message("check.not-collected", ["child": .text(child), "commit": .text(pushed.short)])))
            }
        }
        return findings
    }

    /// Whether the unit derived from its parent's latest published targets: fetches the
    /// `parent` remote like `pull`; no remote or an unreachable parent is an info finding.
    /// - Parameter derived: the parent commit the unit's latest pull derived from.
    func ownDerivation(_ repository: UnitRepository, unit: PlanModel.Unit, derived: Oid?) throws -> [Finding] {
        let git = repository.git
        guard let url = try git.remoteURL(Layout.parentRemote) else {
            guard let parent = unit.parent else { return [] }
            return [Finding(
                .info, .notChecked, unit: unit.id,
                message: Message("check.no-parent-remote", ["unit": .text(unit.id), "parent": .text(parent)]))]
        }
        if options.fetch, case .failed(_, let error) = try UpstreamFetch.parentTargets(into: repository) {
            return [Finding(
                .info, .notChecked, unit: unit.id,
                message: Message("check.parent-unreachable", [
                    "url": .text(RemoteURL.redacted(url)), "error": UpstreamFetch.describe(error), "unit": .text(unit.id),
                ]))]
        }
        guard let published = try git.referenceTarget(Layout.parentTrackingTargets) else { return [] }
        let parent = try PlanSnapshot.load(from: repository, commit: published, kinds: []).unit.id
        return CheckRules.staleDerivation(unit: unit.id, parent: parent, derivedFrom: derived?.hex, published: published.hex).map { [$0] } ?? []
    }
}

extension CheckQuery {
    /// What `verify` also finds in the history, by the same rules (``ProvenanceCheck``,
    /// ``CollectedEdits``): every derived target's provenance recomputed from the parent
    /// commit a pull used, and every commit that edited what a child had pushed — for the
    /// unit and each descendant with a collected head. What cannot be verified here (a
    /// parent commit this repository lacks) is `verify`'s to say; an edit a later collect
    /// undid is a warning here (what is in force is right again) and an error in `verify`.
    func history(_ repository: UnitRepository, head: Oid, cache: DocumentCache, trailers: FirstParentTrailers.Index) throws -> [Finding] {
        let git = repository.git
        let reader = DocumentReader(git)
        let tree = try git.commit(head).tree
        let provenance = try ProvenanceCheck(repository: repository, rootHead: head, reader: reader, cache: cache)
        var findings: [Finding] = []
        for unit in try CollectedUnit.all(in: tree, head: head, reader: reader) {
            guard let unitHead = unit.head else { continue }
            do {
                findings += try provenance.findings(of: unit, tree: tree, unverifiable: false).findings
            } catch PlanStoreError.invalidDocument {
                // An invalid document is the walk's finding already.
            }
            findings += try CollectedEdits.findings(
                unit: unit.id, prefix: unit.prefix, head: unitHead, git: git, reader: reader, trailers: trailers, undone: .warning)
        }
        return findings
    }
}
