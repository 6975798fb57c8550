import ArgumentParser
import PlanModel
import PlanStore

extension PlanCascade {
    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "publish", 
            abstract: text("help.publish.abstract"),
            discussion: text("help.publish.discussion"))

        @Flag(help: helpText("help.common.here"))
        var here = false

        func run() throws {
            try reportingErrors {
                let repository = try UnitRepository.open(at: ".", notice: notify)
                let outcome = try confirmingPlace(of: repository, here: here) { try PublishWorkflow().run(in: repository) }
                for line in outcome.messages { print(say(line)) }
            }
        }
    }
}
