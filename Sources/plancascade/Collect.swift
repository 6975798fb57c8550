import ArgumentParser
import PlanModel
import PlanStore

extension PlanCascade {
    struct Collect: ParsableCommand {
        static let configuration = CommandConfiguration(
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
                for item in outcome.collected {
                    print(text("cli.collect.collected", ["child": .text(item.child), "head": .text(item.head.short), "count": .count(item.newCommits), "commit": .text(item.merge.short)]))
                }
                for item in outcome.rewritten {
                    let verb = Message(item.accepted ? "cli.collect.accepted" : "cli.collect.not-collected")
                    print(text("cli.collect.rewritten", [
                        "child": .text(item.child), "pushed": .text(item.pushed.short), "collected": .text(item.collected.short), "verb": .message(verb)]))
                    if !item.accepted { problems = true }
                }
                for item in outcome.repaired {
                    print(text("cli.collect.repaired", ["child": .text(item.child), "object": .text(String(item.object.hex.prefix(12))), "needed": .message(item.need.message)]))
                }
                for item in outcome.refused {
                    print(text("cli.collect.refused", ["child": .text(item.child), "reason": .message(item.reason)]))
                    problems = true
                }
                for child in outcome.skipped {
                    print(text("cli.collect.skipped", ["child": .text(child)]))
                }
                if !outcome.unchanged.isEmpty { print(text("cli.collect.unchanged", ["children": .text(outcome.unchanged.joined(separator: ", "))])) }
                if outcome.collected.isEmpty && outcome.rewritten.isEmpty && outcome.refused.isEmpty && outcome.unchanged.isEmpty
                    && outcome.skipped.isEmpty {
                    print(text("cli.collect.none"))
                }
            }
            if problems { throw ExitCode(ExitCodes.problemsFound) }
        }
    }
}
