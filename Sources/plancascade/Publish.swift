import ArgumentParser
import PlanModel
import PlanStore

extension PlanCascade {
    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: text("help.publish.abstract"),
            discussion: text("help.publish.discussion"))

        @Flag(help: helpText("help.common.here"))
        var here = false

        func run() throws {
            try reportingErrors {
                let repository = try UnitRepository.open(at: ".", notice: notify)
                let outcome = try confirmingPlace(of: repository, here: here) { try PublishWorkflow().run(in: repository) }
                if let commit = outcome.commit {
                    print(text("cli.publish.done", ["targets": .count(outcome.targetCount), "tasks": .count(outcome.taskCount), "commit": .text(commit.short)]))
                } else {
                    print(text("cli.publish.already", ["commit": .text(outcome.targets.short)]))
                }
                if let hub = outcome.pushedTo { print(text("cli.publish.pushed", ["hub": .text(RemoteURL.redacted(hub))])) }
            }
        }
    }
}
