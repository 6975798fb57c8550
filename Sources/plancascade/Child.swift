import ArgumentParser
import PlanModel
import PlanStore

extension PlanCascade {
    struct Child: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "child", 
            abstract: text("help.child.abstract"), subcommands: [Add.self, Alias.self, Phrase.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", 
                abstract: text("help.child-add.abstract"),
                discussion: text("help.child-add.discussion"))

            @Argument(help: helpText("help.child-add.id"))
            var id: String

            @Option(help: helpText("help.child-add.name"))
            var name: String

            @Option(help: helpText("help.child-add.level"))
            var level: String

            @Option(name: .customLong("alias"), help: helpText("scope.help.child-add.alias"))
            var aliases: [String] = []

            func run() throws {
                try reportingErrors {
                    let repository = try UnitRepository.open(at: ".", notice: notify)
                    if let commit = try ChildWorkflow().add(id: id, name: name, level: level, aliases: aliases, in: repository) {
                        print(text("cli.child-add.recorded", ["level": levelValue(level), "id": .text(id), "name": .text(name), "commit": .text(commit.short)]))
                    } else {
                        print(text("cli.child-add.already", ["level": levelValue(level), "id": .text(id), "name": .text(name)]))
                    }
                }
            }
        }
    
        struct Alias: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "alias", 
                abstract: text("scope.help.child-alias.abstract"),
                discussion: text("scope.help.child-alias.discussion"))

            @Argument(help: helpText("scope.help.child-alias.id"))
            var id: String

            @Argument(help: helpText("scope.help.child-alias.aliases"))
            var aliases: [String]

            func run() throws {
                try reportingErrors {
                    let repository = try UnitRepository.open(at: ".", notice: notify)
                    let list: Message.Value = .list(aliases.map { .text($0) })
                    if let commit = try ChildWorkflow().alias(id: id, aliases: aliases, in: repository) {
                        print(text("scope.cli.child-alias.recorded", ["id": .text(id), "aliases": list, "commit": .text(commit.short)]))
                    } else {
                        print(text("scope.cli.child-alias.already", ["id": .text(id), "aliases": list]))
                    }
                }
            }
        }

        struct Phrase: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "phrase", 
                abstract: text("scope.help.child-phrase.abstract"),
                discussion: text("scope.help.child-phrase.discussion"))

            @Argument(help: helpText("scope.help.child-phrase.phrases"))
            var phrases: [String]

            @Option(help: helpText("scope.help.child-phrase.level"))
            var level: String

            func run() throws {
                try reportingErrors {
                    let repository = try UnitRepository.open(at: ".", notice: notify)
                    let list: Message.Value = .list(phrases.map { .text($0) })
                    if let commit = try ChildWorkflow().phrase(level: level, phrases: phrases, in: repository) {
                        print(text("scope.cli.child-phrase.recorded", ["level": levelValue(level), "phrases": list, "commit": .text(commit.short)]))
                    } else {
                        print(text("scope.cli.child-phrase.already", ["level": levelValue(level), "phrases": list]))
                    }
                }
            }
        }
    }
}
