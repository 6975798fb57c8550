import Foundation
import Git
import PlanModel

/// `plancascade push`: sends `main` to the unit's own hub (`origin`) and to the parent's
/// hub at `refs/children/<unit-id>/main`, where the parent collects it.
public struct PushWorkflow {
    public struct Outcome: Sendable {
        public let head: Oid
        /// Where `main` went, as "remote (url) ref".
        public let destinations: [String]
    }

    /// Told of each stage (`job.stage.*`): the web page's job shows where a long push is.
    public var progress: @Sendable (Message) -> Void = { _ in }

    public init() {}

    public func run(in repository: UnitRepository) throws -> Outcome {
        let git = repository.git
        guard let head = try repository.head() else { throw PlanStoreError.notAUnitRepository(path: repository.displayRoot) }
        try repository.ensureNoConflicts()
        try FolderPlace.ensure(in: repository)
        let unit = try repository.unit()
        var destinations: [String] = []
        if let hub = try git.remoteURL(Layout.originRemote) {
            try repository.ensureRemoteExists(Layout.originRemote)
            progress(Message("job.stage.pushing", ["hub": .text(RemoteURL.redacted(hub))]))
            try repository.push(
                to: .named(Layout.originRemote), refspecs: ["\(Layout.mainBranch):\(Layout.mainBranch)"], describedAs: RemoteURL.redacted(hub),
                hint: Message("workflow.push.hub-ahead"))
            destinations.append("origin (\(RemoteURL.redacted(hub))) \(Layout.mainBranch)")
        }
        if let url = try git.remoteURL(Layout.parentRemote) { progress(Message("job.stage.pushing", ["hub": .text(RemoteURL.redacted(url))])) }
        if let parent = try repository.deliverToParent(unit: unit.id) { destinations.append(parent) }
        if destinations.isEmpty {
            throw PlanStoreError.noRemotes(unit: unit.id)
        }
        return Outcome(head: head, destinations: destinations)
    }
}

extension UnitRepository {
    /// The conflict records on `main` (`conflicts/*.json`), by path.
    public func conflictFiles() throws -> [String: Oid] {
        guard let head = try head(), let entry = try git.entry(at: Layout.conflictsFolder, in: try git.commit(head).tree),
              entry.kind == .tree else { return [:] }
        return try git.files(in: entry.oid, under: Layout.conflictsFolder)
    }

    /// Refuses while any merge conflict is unresolved: nothing half-merged leaves the clone.
    func ensureNoConflicts() throws {
        let count = try conflictFiles().count
        if count > 0 { throw PlanStoreError.unresolvedConflicts(count: count) }
    }
}
