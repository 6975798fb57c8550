import ArgumentParser
import PlanModel
import PlanStore

extension PlanCascade {
    struct TargetCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "target", abstract: text("help.target.abstract"), subcommands: [Set.self])

        struct Set: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "set", 
                abstract: text("help.target-set.abstract"),
                discussion: text("help.target-set.discussion"))

            @Argument(help: helpText("help.target-set.indicator"))
            var indicator: String

            @Argument(help: helpText("help.target-set.value"))
            var value: String?

            @Option(help: helpText("help.target-set.year"))
            var year: Int?

            @Option(help: helpText("help.target-set.deadline"))
            var deadline: String?

            @Option(help: helpText("help.target-set.lead"))
            var lead: String?

            @Option(help: helpText("help.target-set.rule"))
            var rule: String?

            @Flag(help: helpText("help.target-set.force"))
            var force = false

            @Option(help: helpText("comparison.help.target-set.comparator"))
            var comparator: String?

            @Option(help: helpText("comparison.help.target-set.versus-previous"))
            var versusPrevious: String?

            func validate() throws {
                if value == nil, versusPrevious == nil { throw ValidationError(text("comparison.cli.target-set.value-needed")) }
                if value != nil, versusPrevious != nil { throw ValidationError(text("comparison.cli.target-set.value-or-versus")) }
            }

            func run() throws {
                try reportingErrors {
                    let repository = try UnitRepository.open(at: ".", notice: notify)
                    let outcome = try TargetSetWorkflow().run(
                        .init(indicator: indicator, value: value ?? "", year: year, deadline: deadline, lead: lead, rule: rule, force: force, comparator: comparator, versusPrevious: versusPrevious),
                        in: repository)
                    guard let commit = outcome.commit else {
                        print(text("cli.target-set.unchanged", ["indicator": .text(indicator), "year": .year(outcome.year), "value": .number(outcome.target.value)]))
                        return
                    }
                    let was = outcome.previous.map { Message("cli.target-set.was", ["value": .number($0.value)]) } ?? Message("cli.target-set.new")
                    print(text("cli.target-set.done", [
                        "indicator": .text(indicator), "year": .year(outcome.year), "comparator": .text(outcome.target.shownComparator),
                        "value": .number(outcome.target.shownValue), "was": .message(was), "commit": .text(commit.short)]))
                    if versusPrevious != nil, let versus = outcome.target.versus {
                        print(text("comparison.cli.target-set.versus", versus.messageArguments))
                    }
                    if let floor = outcome.forcedBelow {
                        print(text("cli.target-set.forced", ["floor": .number(floor)]))
                    }
                }
            }
        }
    }
}
