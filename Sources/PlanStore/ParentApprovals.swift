import Git
import PlanModel

/// A parent's decisions on a child's reports (``Approval``, `approvals/<child>/<period>.json`
/// on the parent's `main`) as the child receives them.
///
/// The shared `targets` branch is what every child fetches, so it must hold nothing of one
/// child that its siblings may not see. A child's decisions go instead on a branch of their
/// own in the parent's hub, `refs/heads/approvals/<child>`, whose tree is that child's
/// `approvals/<child>/` folder alone; `publish` writes and pushes one per child with a
/// decision, `pull` fetches the unit's own one (and nothing else) into
/// `refs/remotes/parent/approvals` (or `pull --from` takes it from a bundle the parent made
/// `--for` the unit, ``BundleTargets``). They are never on the child's `main`: the child cannot
/// push them back as its own claim, and its `approvals/` folder stays its decisions on its
/// own children.
extension Layout {
    /// The parent hub's branch of one child's decisions.
    public static func approvalsBranch(child: String) -> String { "refs/heads/approvals/\(child)" }
    /// Where a child keeps its parent's decisions on its reports after a pull.
    public static let parentTrackingApprovals = "refs/remotes/parent/approvals"
    /// The folder of one child's decisions in a parent's tree.
    public static func approvalsFolder(child: String) -> String { "approvals/\(child)" }
}

/// `publish`'s half: one branch per child with decisions, each holding that child's folder only.
enum ApprovalBranches {
    /// Writes `refs/heads/approvals/<child>` for each child with decisions in `head`'s tree
    /// whose folder changed since the branch was last written.
    /// - Returns: every child's branch (moved or not), and the children whose branch moved.
    static func write(head: Oid, in repository: UnitRepository, identity: () throws -> Identity) throws -> (branches: [String], moved: [String]) {
        let git = repository.git
        let tree = try git.commit(head).tree
        guard let folder = try git.entry(at: "approvals", in: tree), folder.kind == .tree else { return ([], []) }
        var branches: [String] = [], moved: [String] = []
        for entry in try git.tree(folder.oid) where entry.kind == .tree && Identifier.problem(entry.name) == nil {
            let child = entry.name, branch = Layout.approvalsBranch(child: child)
            branches.append(child)
            let decisions = try git.updateTree(nil, [Layout.approvalsFolder(child: child): .tree(entry.oid)])
            let previous = try git.referenceTarget(branch)
            if try previous.map({ try git.commit($0).tree }) == decisions { continue }
            let message = CommitTrailers.publish(source: head).message("Publish the decisions on \(child)'s reports")
            let commit = try repository.writeCommit(tree: decisions, parents: previous.map { [$0] } ?? [], identity: try identity(), message: message)
            do {
                try git.updateReference(branch, to: commit, expected: previous, message: "plancascade: publish approvals")
            } catch let error as GitError where [.modified, .exists, .locked].contains(error.code) {
                throw PlanStoreError.concurrentUpdate(reference: branch)
            }
            moved.append(child)
        }
        return (branches, moved)
    }
}

extension UpstreamFetch {
    /// Copies the parent's decisions on this unit's reports (`refs/heads/approvals/<unit>`)
    /// from a parent hub on a local path into `refs/remotes/parent/approvals`: that branch's
    /// objects and nothing else (libgit2's local transport would copy the whole hub). A parent
    /// that has decided nothing for the unit yet has no such branch: nothing is copied. Over a
    /// network, ``parentTargets(into:approvalsOf:)`` asks for the branch in its own fetch.
    static func parentApprovals(of unit: String, fromHubAt path: String, into repository: UnitRepository) throws {
        _ = try repository.git.fetchReference(
            fromRepositoryAt: path, reference: Layout.approvalsBranch(child: unit), into: Layout.parentTrackingApprovals)
    }
}

/// What the parent decided on this unit's reports, as last pulled (`status`, the web page).
public struct ParentApprovalsQuery {
    public struct Row: Sendable, Equatable {
        public let approval: Approval
        /// The parent as its published targets name it (its id when they do not say).
        public let parent: String
        /// For an approval: this unit's report files for the period differ now from the ones approved.
        public let changedSince: Bool
    }

    public init() {}

    /// The decisions, newest period first. Only records of this unit, each for the period its
    /// file names; anything else on the branch is not shown.
    public func run(in repository: UnitRepository) throws -> [Row] {
        let git = repository.git
        guard let received = try git.referenceTarget(Layout.parentTrackingApprovals) else { return [] }
        let unit = try repository.unit()
        let tree = try git.commit(received).tree
        guard let folder = try git.entry(at: Layout.approvalsFolder(child: unit.id), in: tree), folder.kind == .tree else { return [] }
        var parent = unit.parent ?? "—"
        if let targets = try git.referenceTarget(Layout.parentTrackingTargets),
           let published = try? repository.document(PlanModel.Unit.self, at: Layout.unitFile, in: targets) {
            parent = published.name
        }
        let ownTree = try repository.head().map { try git.commit($0).tree }
        var rows: [Row] = []
        for entry in try git.tree(folder.oid) where entry.kind == .blob && entry.name.hasSuffix(".json") {
            let path = Layout.approvalsFolder(child: unit.id) + "/" + entry.name
            guard let approval = try? CanonicalJSON.decode(Approval.self, from: try git.blob(entry.oid), file: path),
                  approval.child == unit.id, "\(approval.period).json" == entry.name else { continue }
            var changed = false
            if approval.state == .approved, let ownTree {
                changed = try ReportFiles.blobs(in: ownTree, prefix: "", period: approval.period, git: git) != approval.files
            }
            rows.append(Row(approval: approval, parent: parent, changedSince: changed))
        }
        return rows.sorted { $0.approval.period > $1.approval.period }
    }

    /// The lines `status` and the web page show for `rows`.
    public static func messages(_ rows: [Row]) -> [Message] {
        rows.map { row in
            let approval = row.approval
            let state = approval.state == .approved && row.changedSince ? "approved-changed" : approval.state.rawValue
            return Message("approvals.received.\(state)", [
                "parent": .text(row.parent), "period": .period(approval.period.description), "by": .text(approval.by),
                "date": .date(approval.at.date), "reason": .text(approval.reason ?? ""),
            ])
        }
    }
}
