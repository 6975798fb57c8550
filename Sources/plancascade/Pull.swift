import ArgumentParser
import PlanStore

extension PlanCascade {
    struct Pull: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fetch the parent's published targets and derive this unit's targets and tasks.",
            discussion: """
                Fetches the `targets` branch of the `parent` remote, derives each target by the \
                parent's cascade rule (floor, uplift:N, fixed:V, improve:N, maintain, rank:-N, \
                exempt:A|B) from this unit's baseline, inherits the tasks whose agencies name this \
                unit's level, and commits on `main` with the parent unit and commit as trailers; \
                every derived target records its rule, base, baseline and parent commit.

                Pulling again is a three-way refresh: a stricter local value survives; a local \
                value weaker than the new derived one is kept and flagged; a target the parent \
                removed is flagged, not deleted. An unchanged parent makes no commit.
                """)

        @Flag(help: "Show what would change without committing.")
        var dryRun = false

        @Flag(help: "List every change (by default the first 12, and every flag).")
        var verbose = false

        func run() throws {
            try reportingErrors {
                let repository = try UnitRepository.open(at: ".", notice: notify)
                let outcome = try PullWorkflow(dryRun: dryRun).run(in: repository)
                if outcome.upToDate {
                    print("Up to date with \(outcome.parentUnit) targets \(outcome.parentCommit.short)")
                    return
                }
                var table = TextTable(["year", "item", "change", "detail"])
                let listed = outcome.changes.filter { $0.kind != .indicator }
                let shown = verbose ? listed : Array(listed.filter { $0.kind != .flagged }.prefix(12)) + outcome.flags
                for change in shown {
                    table.append(["\(change.year)", change.item, change.kind.rawValue, change.message])
                }
                let indicators = outcome.changes.filter { $0.kind == .indicator }.count
                if let commit = outcome.commit {
                    print("Pulled \(outcome.parentUnit) targets \(outcome.parentCommit.short) → main \(commit.short)")
                } else {
                    print(dryRun ? "Would pull \(outcome.parentUnit) targets \(outcome.parentCommit.short) (dry run, nothing written)"
                                 : "Nothing to change from \(outcome.parentUnit) targets \(outcome.parentCommit.short)")
                }
                if !table.rows.isEmpty { print(table.render(), terminator: "") }
                if shown.count < listed.count {
                    print("… and \(listed.count - shown.count) more (--verbose lists them; `plancascade targets` shows the result)")
                }
                if indicators > 0 { print("\(indicators) indicator definition\(indicators == 1 ? "" : "s") copied from \(outcome.parentUnit)") }
                if !outcome.flags.isEmpty {
                    print("\(outcome.flags.count) flagged: review them; `plancascade targets` shows the current values")
                }
            }
        }
    }
}
