import ArgumentParser
import PlanModel
import PlanStore

extension PlanCascade {
    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: text("help.publish.abstract"),
            discussion: text("help.publish.discussion"))

        func run() throws {
            try reportingErrors {
                let repository = try UnitRepository.open(at: ".", notice: notify)
                let outcome = try PublishWorkflow().run(in: repository)
                for line in outcome.messages { print(say(line)) }
            }
        }
    }
}
