import ArgumentParser
import PlanModel
import PlanStore

extension PlanCascade {
    struct Collect: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "collect", 
            abstract: text("help.collect.abstract"),
            discussion: text("help.collect.discussion"))

        @Flag(help: helpText("help.collect.accept-rewrite"))
        var acceptRewrite = false

        @Option(name: .customLong("skip"), help: helpText("help.collect.skip"))
        var skip: [String] = []

        func run() throws {
            var problems = false
            try reportingErrors {
                let outcome = try CollectWorkflow(acceptRewrite: acceptRewrite, skip: Set(skip)).run(in: try UnitRepository.open(at: ".", notice: notify))
                for line in outcome.messages { print(say(line)) }
                problems = outcome.hasProblems
            }
            if problems { throw ExitCode(ExitCodes.problemsFound) }
        }
    }
}
