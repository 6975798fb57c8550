import PlanModel

/// The rules of approving reported periods (`plancascade approve`, `reopen`, and the
/// `changed-after-approval` finding): pure functions over approval records and blob ids.
public enum ApprovalRules {
    /// A file an approval locked that is no longer what was approved.
    public struct Breach: Hashable, Sendable {
        /// The path within the child's folder (`progress/2024/2024-Q3.json`).
        public let file: String
        /// The blob id approved.
        public let approved: String
        /// The blob id now; nil when the file was removed.
        public let current: String?
    }

    /// The registered children of a unit that have no settling decision (approved or
    /// waived) for `period` — what stops the unit's own report from being approved.
    /// - Parameters:
    ///   - children: the unit's registered children.
    ///   - approvals: the unit's own decisions, by child and period.
    public static func unsettled(children: [String], approvals: [String: [Period: Approval]], period: Period) -> [String] {
        children.filter { approvals[$0]?[period]?.state.settles != true }
    }

    /// The locked files that differ from what `approval` approved; empty unless the
    /// approval is in force (`approved`).
    /// - Parameter current: the child's files now, path within its folder → blob id.
    public static func breaches(of approval: Approval, current: [String: String]) -> [Breach] {
        guard approval.state == .approved else { return [] }
        let approvedFiles = approval.files.sorted { $0.key < $1.key }
        return approvedFiles.compactMap { file, blob in
            current[file] == blob ? nil : Breach(file: file, approved: blob, current: current[file])
        }
    }

    /// The `changed-after-approval` finding (error) for a breach.
    /// - Parameters:
    ///   - parent: the unit that approved.
    ///   - prefix: the parent's folder relative to where `check` runs (`""`, `children/<id>/`).
    ///   - changedBy: who made the commit that last changed the file, and that commit's id.
    public static func changedAfterApproval(
        _ breach: Breach, approval: Approval, parent: String, prefix: String = "", changedBy: (author: String, commit: String)?
    ) -> Finding {
        let file = prefix + "children/\(approval.child)/" + breach.file
        let who = changedBy.map {
            Message("check.changed-by", ["author": .text($0.author), "commit": .text(String($0.commit.prefix(7)))])
        } ?? Message("check.changed-by.unknown")
        return Finding(
            .error, .changedAfterApproval, unit: approval.child, year: approval.period.year, period: approval.period.description,
            file: file, expected: breach.approved, actual: breach.current ?? "absent", commit: changedBy?.commit,
            message: Message(breach.current == nil ? "check.removed-after-approval" : "check.changed-after-approval", [
                "child": .text(approval.child), "period": .period(approval.period.description), "by": .text(approval.by),
                "date": .date(approval.at.date), "who": .message(who),
                "command": .text("plancascade reopen \(approval.child) \(approval.period) --reason <why>"), "parent": .text(parent),
            ]))
    }
}
