import ArgumentParser
import PlanStore

extension PlanCascade {
    struct TargetCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "target", abstract: "Change the unit's targets.", subcommands: [Set.self])

        struct Set: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Set one target's value (and optionally deadline, lead agency, cascade rule).",
                discussion: """
                    Refuses a value weaker than what the unit inherited from its parent (004 III.2: \
                    never below the common target), saying which rule and parent commit set the \
                    floor; --force records it anyway, and it will be flagged.

                    Example: plancascade target set DVC-ONLINE 60 --deadline 2024-12-31 --rule uplift:5
                    """)

            @Argument(help: "The indicator code, e.g. DVC-ONLINE or 7.3.6.")
            var indicator: String

            @Argument(help: "The target value, an exact decimal (e.g. 55 or 1.0696).")
            var value: String

            @Option(help: "The plan year (default: the latest year that declares the indicator).")
            var year: Int?

            @Option(help: "The deadline, YYYY-MM-DD.")
            var deadline: String?

            @Option(help: "The lead agency (chủ trì).")
            var lead: String?

            @Option(help: "The cascade rule children derive by: floor, uplift:N, fixed:V, improve:N, maintain, rank:-N, exempt:A|B (combine with ';').")
            var rule: String?

            @Flag(help: "Record a value weaker than the inherited one anyway (it will be flagged).")
            var force = false

            func run() throws {
                try reportingErrors {
                    let repository = try UnitRepository.open(at: ".", notice: notify)
                    let outcome = try TargetSetWorkflow().run(
                        .init(indicator: indicator, value: value, year: year, deadline: deadline, lead: lead, rule: rule, force: force),
                        in: repository)
                    guard let commit = outcome.commit else {
                        print("\(indicator) \(outcome.year) is already \(outcome.target.value); nothing to commit")
                        return
                    }
                    let was = outcome.previous.map { " (was \($0.value))" } ?? " (new)"
                    print("\(indicator) \(outcome.year) target \(outcome.target.comparator.rawValue) \(outcome.target.value)\(was) → main \(commit.short)")
                    if let floor = outcome.forcedBelow {
                        print("warning: below the inherited \(floor); recorded because of --force and will be flagged")
                    }
                }
            }
        }
    }
}
