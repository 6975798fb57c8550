import ArgumentParser
import PlanModel
import PlanStore

extension PlanCascade {
    struct Push: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: text("help.push.abstract"),
            discussion: text("help.push.discussion"))

        func run() throws {
            try reportingErrors {
                let outcome = try PushWorkflow().run(in: try UnitRepository.open(at: ".", notice: notify))
                print(text("cli.push.done", ["commit": .text(outcome.head.short)]))
                for destination in outcome.destinations { print("  \(destination)") }
            }
        }
    }
}
