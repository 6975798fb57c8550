import ArgumentParser
import PlanModel
import PlanStore

extension PlanCascade {
    struct Push: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "push", 
            abstract: text("help.push.abstract"),
            discussion: text("help.push.discussion"))

        @Flag(help: helpText("help.common.here"))
        var here = false

        func run() throws {
            try reportingErrors {
                let repository = try UnitRepository.open(at: ".", notice: notify)
                let outcome = try confirmingPlace(of: repository, here: here) { try PushWorkflow().run(in: repository) }
                print(text("cli.push.done", ["commit": .text(outcome.head.short)]))
                for destination in outcome.destinations { print("  \(destination)") }
            }
        }
    }
}
