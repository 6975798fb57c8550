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
        func refuse(_ reason: String) -> PlanStoreError { .approvalRefused(child: child, period: period.description, reason: reason) }
        guard own.unit.children.contains(where: { $0.id == child }) || collected else {
            let known = own.unit.children.map(\.id).joined(separator: ", ")
            throw refuse("\(child) is not a child of \(own.unit.id) (unit.json lists \(known.isEmpty ? "none" : known))")
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
            guard collected else { throw refuse("\(child) has not been collected yet; run `plancascade collect`, then approve") }
            let files = try Self.reportFiles(in: tree, prefix: prefix, period: period, git: git)
            guard !files.isEmpty else {
                throw refuse("\(child) has no report for \(period) as collected (\(prefix)\(Approval.reportFiles(for: period)[0])); "
                    + "collect again once it has pushed one, or waive the period with `plancascade approve \(child) \(period) --waive --reason <why>`")
            }
            let grandchildren = try PlanSnapshot.load(from: repository, tree: tree, prefix: prefix)
            let unsettled = ApprovalRules.unsettled(children: grandchildren.unit.children.map(\.id), approvals: grandchildren.approvals, period: period)
            guard unsettled.isEmpty else {
                throw refuse("\(child) has not approved or waived the reports of \(unsettled.joined(separator: ", ")) for \(period) (approval is bottom-up); "
                    + "\(child)'s clerk runs `plancascade approve <id> \(period)` (or `--waive --reason <why>`) for each and pushes, then collect again here")
            }
            if try pushedNewerReport(of: child, collected: lastCollected, files: files, period: period, in: git) {
                throw refuse("\(child) pushed a report for \(period) that differs from the one collected; run `plancascade collect` and approve what it brings")
            }
            if let previous, previous.state == .approved, previous.files == files {
                return Outcome(approval: previous, commit: nil)
            }
            approval = Approval(child: child, period: period, state: .approved, by: by, at: at, files: files, childCommit: lastCollected?.hex)
            message = "Approve \(child) \(period)\n\n" + files.sorted { $0.key < $1.key }.map { "Approved: \(prefix)\($0.key) \($0.value)" }.joined(separator: "\n")
        case .waive(let reason):
            let reason = try required(reason, refuse)
            if previous?.state == .approved {
                throw refuse("the report is approved; reopen it first with `plancascade reopen \(child) \(period) --reason <why>`")
            }
            if previous?.state == .waived, previous?.reason == reason { return Outcome(approval: previous!, commit: nil) }
            approval = Approval(child: child, period: period, state: .waived, by: by, at: at, reason: reason, childCommit: lastCollected?.hex)
            message = "Waive \(child) \(period)\n\n\(reason)"
        case .reopen(let reason):
            let reason = try required(reason, refuse)
            guard let previous, previous.state != .reopened else {
                throw refuse("there is nothing to reopen: the report is \(previous == nil ? "not approved" : "already reopened")")
            }
            approval = Approval(child: child, period: period, state: .reopened, by: by, at: at, reason: reason, childCommit: lastCollected?.hex)
            message = "Reopen \(child) \(period) (was \(previous.state.rawValue))\n\n\(reason)"
        }
        let commit = try repository.commitValidated(
            [Layout.approvalFile(child: child, period: period): try CanonicalJSON.encode(approval)],
            message: CommitTrailers.approval(state: approval.state.rawValue).message(message), identity: identity)
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

    private func required(_ reason: String, _ refuse: (String) -> PlanStoreError) throws -> String {
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw refuse("--reason is empty; say why, it is recorded in the approval and shown to auditors") }
        return trimmed
    }
}
