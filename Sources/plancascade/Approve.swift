import ArgumentParser
import PlanModel
import PlanStore

extension PlanCascade {
    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve a child's report for a period, locking it (or waive the period with --waive).",
            discussion: """
                Records approvals/<child>/<period>.json on main: who approved, when, and the blob ids of \
                the child's report files as last collected (children/<child>/progress/<year>/<period>.json \
                and, for a unit with children, its rollup). A later change to them is an error in \
                `plancascade check` (changed-after-approval), and the hub's pre-receive hook refuses a push \
                that changes them once this commit is pushed to the hub.

                Approval is bottom-up: a child with children of its own can be approved only once it has \
                approved or waived each of its registered children for the period (its decisions come up \
                with it when you collect). --waive --reason excuses a child that cannot report the period.

                Exit 0 when recorded (or already recorded), 1 when refused (no report collected, children \
                not settled), 2 when it could not run.
                """)

        @Argument(help: "The child unit's id.")
        var child: String

        @Argument(help: "The period: 2024, 2024-H1, 2024-Q3, 2024-10 or a day 2024-11-10.")
        var period: String

        @Flag(help: "Excuse the child from reporting the period instead of approving a report (needs --reason).")
        var waive = false

        @Option(help: "Why the period is waived (required with --waive).")
        var reason: String?

        func validate() throws {
            if Period(period) == nil { throw ValidationError("'\(period)' is not a period (2024, 2024-H1, 2024-Q3, 2024-10 or 2024-11-10)") }
            if waive && (reason ?? "").allSatisfy(\.isWhitespace) { throw ValidationError("--waive needs --reason <why>") }
            if !waive && reason != nil { throw ValidationError("--reason goes with --waive; an approval needs no reason") }
        }

        func run() throws {
            try reportingErrors {
                let decision: ApprovalWorkflow.Decision = waive ? .waive(reason: reason ?? "") : .approve
                let outcome = try ApprovalWorkflow().run(decision, child: child, period: Period(period)!, in: try UnitRepository.open(at: ".", notice: notify))
                PlanCascade.printDecision(outcome)
            }
        }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send an approved (or waived) report back to the child, with a reason.",
            discussion: """
                Records the period as reopened in approvals/<child>/<period>.json; the child may change \
                its report again, and you approve it anew after collecting. The earlier approval stays in \
                the file's history. Exit 0 when recorded, 1 when there is nothing to reopen.
                """)

        @Argument(help: "The child unit's id.")
        var child: String

        @Argument(help: "The period, as approved (e.g. 2024-Q3).")
        var period: String

        @Option(help: "Why the report is sent back (recorded and shown to auditors).")
        var reason: String

        func validate() throws {
            if Period(period) == nil { throw ValidationError("'\(period)' is not a period (2024, 2024-H1, 2024-Q3, 2024-10 or 2024-11-10)") }
        }

        func run() throws {
            try reportingErrors {
                let outcome = try ApprovalWorkflow().run(.reopen(reason: reason), child: child, period: Period(period)!, in: try UnitRepository.open(at: ".", notice: notify))
                PlanCascade.printDecision(outcome)
            }
        }
    }

    /// One decision as a person reads it, with what to do next.
    static func printDecision(_ outcome: ApprovalWorkflow.Outcome) {
        let approval = outcome.approval
        let what = "\(approval.child) \(approval.period)"
        guard let commit = outcome.commit else {
            print("Already \(approval.state.rawValue): \(what) (by \(approval.by) at \(approval.at)); nothing committed")
            return
        }
        switch approval.state {
        case .approved:
            print("Approved \(what) in \(commit.short); locked:")
            for (file, blob) in approval.files.sorted(by: { $0.key < $1.key }) {
                print("  children/\(approval.child)/\(file) \(blob.prefix(7))")
            }
        case .waived:
            print("Waived \(what) in \(commit.short): \(approval.reason ?? "")")
        case .reopened:
            print("Reopened \(what) in \(commit.short): \(approval.reason ?? "")")
        }
        print("Push it (`plancascade push`) so that your hub enforces it")
    }
}
