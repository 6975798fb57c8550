import Cascade
import Foundation
import Git
import PlanModel

/// `plancascade approve` and `plancascade reopen`: the unit's decision on a child's report
/// for a period, committed as `approvals/<child>/<period>.json` on `main`.
///
/// Approving locks the child's report files as last collected (their blob ids), and is
/// bottom-up: a child with children of its own can be approved only once it has approved or
/// waived each of its registered children for the period (its decisions arrive with it at
/// collect). Waiving excuses a child from the period, with a reason; reopening sends an
/// approved or waived period back, with a reason. Nothing is committed on refusal.
public struct ApprovalWorkflow {
    public enum Decision: Equatable, Sendable {
        case approve
        case waive(reason: String)
        case reopen(reason: String)
    }

    public struct Outcome: Sendable {
        public let approval: Approval
        /// Nil when the same decision was already recorded.
        public let commit: Oid?
    }

    public let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    @discardableResult
    public func run(_ decision: Decision, child: String, period: Period, in repository: UnitRepository) throws -> Outcome {
        let git = repository.git
        guard let head = try repository.head() else { throw PlanStoreError.notAUnitRepository(path: repository.displayRoot) }
        try repository.ensureNoConflicts()
        let own = try PlanSnapshot.load(from: repository, commit: head)
        let tree = try git.commit(head).tree
        let prefix = Layout.childFolder(child) + "/"
        let collected = try git.entry(at: prefix + Layout.unitFile, in: tree) != nil
        func refuse(_ reason: Message) -> PlanStoreError { .approvalRefused(child: child, period: period.description, reason: reason) }
        guard own.unit.children.contains(where: { $0.id == child }) || collected else {
            let known = own.unit.children.map(\.id).joined(separator: ", ")
            throw refuse(known.isEmpty
                ? Message("workflow.approval.not-a-child-none", ["child": .text(child), "unit": .text(own.unit.id)])
                : Message("workflow.approval.not-a-child", ["child": .text(child), "unit": .text(own.unit.id), "known": .text(known)]))
        }
        let previous = own.approvals[child]?[period]
        let identity = try Identity.resolve(for: git, environment: environment)
        let by = "\(identity.committer.name) <\(identity.committer.email)>"
        let at = Timestamp(identity.committer)
        let lastCollected = try FirstParentTrailers.lastCollected(child, in: git, from: head)
        let approval: Approval
        let message: String
        switch decision {
        case .approve:
            guard collected else { throw refuse(Message("workflow.approval.not-collected", ["child": .text(child)])) }
            let files = try Self.reportFiles(in: tree, prefix: prefix, period: period, git: git)
            guard !files.isEmpty else {
                throw refuse(Message("workflow.approval.no-report", [
                    "child": .text(child), "period": .period(period.description), "typed": .text(period.description),
                    "file": .text(prefix + Approval.reportFiles(for: period)[0])]))
            }
            let grandchildren = try PlanSnapshot.load(from: repository, tree: tree, prefix: prefix)
            let unsettled = ApprovalRules.unsettled(children: grandchildren.unit.children.map(\.id), approvals: grandchildren.approvals, period: period)
            guard unsettled.isEmpty else {
                throw refuse(Message("workflow.approval.unsettled", [
                    "child": .text(child), "period": .period(period.description), "typed": .text(period.description),
                    "children": .text(unsettled.joined(separator: ", "))]))
            }
            if try pushedNewerReport(of: child, collected: lastCollected, files: files, period: period, in: git) {
                throw refuse(Message("workflow.approval.pushed-newer", ["child": .text(child), "period": .period(period.description)]))
            }
            if let previous, previous.state == .approved, previous.files == files {
                return Outcome(approval: previous, commit: nil)
            }
            approval = Approval(child: child, period: period, state: .approved, by: by, at: at, files: files, childCommit: lastCollected?.hex)
            message = "Approve \(child) \(period)\n\n" + files.sorted { $0.key < $1.key }.map { "Approved: \(prefix)\($0.key) \($0.value)" }.joined(separator: "\n")
        case .waive(let reason):
            let reason = try required(reason, refuse)
            if previous?.state == .approved {
                throw refuse(Message("workflow.approval.reopen-first", ["child": .text(child), "typed": .text(period.description)]))
            }
            if previous?.state == .waived, previous?.reason == reason { return Outcome(approval: previous!, commit: nil) }
            approval = Approval(child: child, period: period, state: .waived, by: by, at: at, reason: reason, childCommit: lastCollected?.hex)
            message = "Waive \(child) \(period)\n\n\(reason)"
        case .reopen(let reason):
            let reason = try required(reason, refuse)
            guard let previous, previous.state != .reopened else {
                throw refuse(Message(previous == nil ? "workflow.approval.nothing-to-reopen" : "workflow.approval.already-reopened"))
            }
            approval = Approval(child: child, period: period, state: .reopened, by: by, at: at, reason: reason, childCommit: lastCollected?.hex)
            message = "Reopen \(child) \(period) (was \(previous.state.rawValue))\n\n\(reason)"
        }
        let commit = try repository.commitValidated(
            [Layout.approvalFile(child: child, period: period): try CanonicalJSON.encode(approval)],
            message: CommitTrailers.approval(state: approval.state.rawValue).message(message), identity: identity,
            purpose: .decision)
        return Outcome(approval: approval, commit: commit)
    }

    /// The child's report files for `period` in `tree` (path within the child → blob id).
    static func reportFiles(in tree: Oid, prefix: String, period: Period, git: Repository) throws -> [String: String] {
        try ReportFiles.blobs(in: tree, prefix: prefix, period: period, git: git)
    }

    /// Whether the child's pushed ref (as last fetched) holds other report files for
    /// `period` than the ones collected.
    private func pushedNewerReport(of child: String, collected: Oid?, files: [String: String], period: Period, in git: Repository) throws -> Bool {
        guard let pushed = try git.referenceTarget(Layout.childReference(child)), pushed != collected, git.contains(pushed) else { return false }
        let now = try Self.reportFiles(in: try git.commit(pushed).tree, prefix: "", period: period, git: git)
        return now != files
    }

    private func required(_ reason: String, _ refuse: (Message) -> PlanStoreError) throws -> String {
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw refuse(Message("workflow.approval.empty-reason")) }
        return trimmed
    }
}
