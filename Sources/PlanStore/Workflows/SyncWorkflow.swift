import Cascade
import Foundation
import Git
import PlanModel

/// `plancascade sync`: brings two clerks' clones of one unit together through the unit's
/// hub. Fetches `origin`, merges with a field-level three-way merge of the JSON documents,
/// commits, and pushes. Changes to different files or different fields merge cleanly; the
/// same field changed to two different values is a conflict: the merge keeps ours in the
/// document and records base, ours and theirs in `conflicts/<id>.json` — committed, so a
/// crash loses nothing — and nothing is pushed until every conflict is resolved.
public struct SyncWorkflow {
    public enum Action: String, Sendable {
        case upToDate = "up-to-date", pushed, fastForwarded = "fast-forwarded", merged, conflicted
    }

    public struct Outcome: Sendable {
        public let action: Action
        public let head: Oid
        public let mergedFiles: [String]
        public let conflicts: [ConflictRecord]
        public let pushed: Bool
        /// Where `main` went to the parent's hub (a unit with a parent), nil when it did not.
        public var delivered: String? = nil
        /// Why `main` did not reach the parent's hub (an unreachable or refusing hub); the
        /// clerk runs `plancascade push` later. Nil when it did, or the unit has no parent.
        public var notDelivered: Message? = nil
    }

    public let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// Syncs with the unit's hub, then — with no conflict left — delivers `main` to the
    /// parent's hub as `push` does, so a commune's report reaches its district; a failure
    /// there is reported in the outcome, not thrown (the sync itself is done).
    public func run(in repository: UnitRepository) throws -> Outcome {
        try FolderPlace.ensure(in: repository)
        var outcome = try synchronise(repository)
        guard outcome.conflicts.isEmpty, try repository.head() == outcome.head else { return outcome }
        do {
            outcome.delivered = try repository.deliverToParent(unit: try repository.unit().id)
        } catch let error as PlanStoreError {
            outcome.notDelivered = error.message
        } catch let error as GitError {
            outcome.notDelivered = PlanStoreError.git(error).message
        } catch let error as RemoteAccessError {
            outcome.notDelivered = error.message
        }
        return outcome
    }

    private func synchronise(_ repository: UnitRepository) throws -> Outcome {
        let git = repository.git
        guard let local = try repository.head() else { throw PlanStoreError.notAUnitRepository(path: repository.displayRoot) }
        guard let hub = try git.remoteURL(Layout.originRemote) else { throw PlanStoreError.noRemotes(unit: try repository.unit().id) }
        try repository.ensureNoConflicts()
        try repository.ensureRemoteExists(Layout.originRemote)
        do {
            try git.fetch(from: .named(Layout.originRemote), refspecs: ["+\(Layout.mainBranch):\(Layout.originTrackingMain)"])
        } catch {
            throw UpstreamFetch.naming(hub, error)
        }
        MaintainWorkflow.afterTransfer(git)
        guard let remote = try git.referenceTarget(Layout.originTrackingMain), remote != local else {
            // The hub has nothing yet (push), or exactly this (nothing to do).
            return try pushIfAhead(repository, hub: hub, head: local, action: .upToDate, remote: try git.referenceTarget(Layout.originTrackingMain))
        }
        let unsafe = try TreeSafety.problems(in: try git.commit(remote).tree, git: git)
        if !unsafe.isEmpty {
            throw PlanStoreError.io(path: RemoteURL.redacted(hub), reason: Message("workflow.sync.unsafe-tree", [
                "commit": .text(remote.short), "problems": .list(unsafe.map { .message($0) }, separator: "; ")]))
        }
        if try git.isDescendant(local, of: remote) {
            return try pushIfAhead(repository, hub: hub, head: local, action: .pushed, remote: remote)
        }
        if try git.isDescendant(remote, of: local) {
            try move(repository, from: local, to: remote)
            return Outcome(action: .fastForwarded, head: remote, mergedFiles: [], conflicts: [], pushed: false)
        }
        let merge = try FieldMerge.merge(ours: local, theirs: remote, in: git)
        var changes = merge.changes
        for record in merge.conflicts {
            changes["\(Layout.conflictsFolder)/\(record.id).json"] = try CanonicalJSON.encode(record)
        }
        let identity = try Identity.resolve(for: git, environment: environment)
        var message = "Sync with \(RemoteURL.redacted(hub)): merge \(remote.short)\n\n"
        message += merge.mergedFiles.isEmpty ? "" : "Merged: " + merge.mergedFiles.joined(separator: ", ") + "\n"
        if !merge.conflicts.isEmpty {
            message += "Conflicts: " + merge.conflicts.map { "\($0.item ?? $0.file) \($0.path)" }.joined(separator: "; ") + "\n"
        }
        let tree = try git.updateTree(try git.commit(local).tree, changes.mapValues { bytes in
            try bytes.map { .blob(try git.writeBlob($0)) } ?? .remove
        })
        let commit = try repository.writeCommit(tree: tree, parents: [local, remote], identity: identity, message: message)
        try move(repository, from: local, to: commit)
        if merge.conflicts.isEmpty {
            return try pushIfAhead(repository, hub: hub, head: commit, action: .merged, remote: remote, mergedFiles: merge.mergedFiles)
        }
        return Outcome(action: .conflicted, head: commit, mergedFiles: merge.mergedFiles, conflicts: merge.conflicts, pushed: false)
    }

    private func move(_ repository: UnitRepository, from old: Oid, to new: Oid) throws {
        try repository.advanceMain(to: new, from: old, message: "plancascade: sync")
    }

    private func pushIfAhead(_ repository: UnitRepository, hub: String, head: Oid, action: Action, remote: Oid?,
                             mergedFiles: [String] = []) throws -> Outcome {
        guard head != remote else { return Outcome(action: .upToDate, head: head, mergedFiles: [], conflicts: [], pushed: false) }
        try repository.push(
            to: .named(Layout.originRemote), refspecs: ["\(Layout.mainBranch):\(Layout.mainBranch)"], describedAs: hub,
            hint: Message("workflow.sync.pushed-meanwhile"))
        return Outcome(action: action == .upToDate ? .pushed : action, head: head, mergedFiles: mergedFiles, conflicts: [], pushed: true)
    }
}
