import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "init", 
            abstract: text("help.init.abstract"),
            discussion: text("help.init.discussion"))

        @Argument(help: helpText("help.init.path"))
        var path: String

        @Option(name: .customLong("unit"), help: helpText("help.init.unit-id"))
        var unitID: String

        @Option(help: helpText("help.init.name"))
        var name: String

        @Option(help: helpText("help.init.level"))
        var level: String

        @Option(name: .customLong("parent-id"), help: helpText("help.init.parent-id"))
        var parentID: String?

        @Option(name: .customLong("parent"), help: helpText("help.init.parent-url"))
        var parentURL: String?

        @Option(name: .customLong("hub"), help: helpText("help.init.hub-url"))
        var hubURL: String?

        @Flag(help: helpText("help.init.bare"))
        var bare = false

        func run() throws {
            try reportingErrors {
                let outcome = try InitWorkflow().run(.init(
                    path: path, unitID: unitID, name: name, level: level, parentID: parentID,
                    parentURL: parentURL, hubURL: hubURL, bare: bare))
                var lines = [
                    text("cli.init.done", [
                        "level": levelValue(outcome.unit.level), "unit": .text(outcome.unit.id), "name": .text(outcome.unit.name),
                        "path": .text(outcome.repositoryPath)]),
                    text("cli.init.main", ["commit": .text(outcome.commit.short)]),
                ]
                if let parentURL { lines.append(text("cli.init.parent", ["url": .text(RemoteURL.redacted(parentURL))])) }
                if let hub = outcome.createdHub { lines.append(text("cli.init.created-hub", ["hub": .text(hub)])) }
                if outcome.pushedToHub, let hubURL { lines.append(text("cli.init.pushed", ["hub": .text(RemoteURL.redacted(hubURL))])) }
                print(lines.joined(separator: "\n"))
            }
        }
    }
}
