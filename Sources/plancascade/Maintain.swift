import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    struct Maintain: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "maintain", 
            abstract: text("help.maintain.abstract"),
            discussion: text("help.maintain.discussion"))

        @Flag(help: helpText("help.maintain.all"))
        var all = false

        @Flag(help: helpText("help.maintain.hubs"))
        var hubs = false

        func run() throws {
            try reportingErrors {
                for outcome in try MaintainWorkflow().run(at: ".", everything: all, includingHubs: hubs) {
                    let done = outcome.consolidation
                    let arguments: [String: Message.Value] = [
                        "place": .text(outcome.place),
                        "what": .term(outcome.isHub ? "term.maintain.hub" : "term.maintain.clone"),
                        "packs": .count(done.before.packCount), "loose": .count(done.before.looseObjects),
                        "packs-after": .count(done.after.packCount), "loose-after": .count(done.after.looseObjects),
                    ]
                    print(text(done.didNothing ? "cli.maintain.compact" : "cli.maintain.done", arguments))
                }
            }
        }
    }
}
