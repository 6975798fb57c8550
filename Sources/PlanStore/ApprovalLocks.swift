import Cascade
import Git
import PlanModel

/// The reports a unit approved as closed, checked against what a child pushes — the same
/// for the hub's `pre-receive` and for `collect`, so an approval holds where no hook runs.
enum ApprovalLocks {
    /// Each file of `child`'s pushed tree that breaks an approval in force on `main`.
    static func breaches(of child: String, pushed tree: Oid, main: Oid, git: Repository) throws -> [(approval: Approval, breach: ApprovalRules.Breach)] {
        let folder = "approvals/\(child)"
        guard let entry = try git.entry(at: folder, in: try git.commit(main).tree), entry.kind == .tree else { return [] }
        var found: [(approval: Approval, breach: ApprovalRules.Breach)] = []
        for (path, oid) in try git.files(in: entry.oid, under: folder).sorted(by: { $0.key < $1.key }) {
            let approval: Approval = try PlanSnapshot.decode(try git.blob(oid), path: path)
            let current = try ReportFiles.blobs(in: tree, prefix: "", period: approval.period, git: git)
            found += ApprovalRules.breaches(of: approval, current: current).map { (approval, $0) }
        }
        return found
    }

    /// Why `collect` refuses `child`'s push because of an approval (the first breach), nil
    /// when the push keeps every approved report as it was.
    static func refusal(of child: String, pushed tree: Oid, main: Oid, git: Repository) throws -> Message? {
        try breaches(of: child, pushed: tree, main: main, git: git).first.map { approval, breach in
            Message(breach.current == nil ? "workflow.collect.closed-removed" : "workflow.collect.closed-changed", [
                "file": .text(breach.file), "child": .text(child), "period": .period(approval.period.description),
                "typed": .text(approval.period.description), "by": .text(approval.by), "date": .date(approval.at.date)])
        }
    }
}
