import ArgumentParser
import PlanModel
import PlanStore

extension PlanCascade {
    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "approve", 
            abstract: text("help.approve.abstract"),
            discussion: text("help.approve.discussion"))

        @Argument(help: helpText("help.approve.child"))
        var child: String

        @Argument(help: helpText("help.approve.period"))
        var period: String

        @Flag(help: helpText("help.approve.waive"))
        var waive = false

        @Option(help: helpText("help.approve.reason"))
        var reason: String?

        func validate() throws {
            if Period(period) == nil { throw ValidationError(text("cli.approve.bad-period", ["period": .text(period)])) }
            if waive && (reason ?? "").allSatisfy(\.isWhitespace) { throw ValidationError(text("cli.approve.waive-needs-reason")) }
            if !waive && reason != nil { throw ValidationError(text("cli.approve.reason-without-waive")) }
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
        static let configuration = CommandConfiguration(commandName: "reopen", 
            abstract: text("help.reopen.abstract"),
            discussion: text("help.reopen.discussion"))

        @Argument(help: helpText("help.reopen.child"))
        var child: String

        @Argument(help: helpText("help.reopen.period"))
        var period: String

        @Option(help: helpText("help.reopen.reason"))
        var reason: String

        func validate() throws {
            if Period(period) == nil { throw ValidationError(text("cli.approve.bad-period", ["period": .text(period)])) }
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
        for line in outcome.messages { print(say(line)) }
    }
}
