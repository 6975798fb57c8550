import ArgumentParser
import PlanModel
import PlanStore

extension PlanCascade {
    struct Child: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: text("help.child.abstract"), subcommands: [Add.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: text("help.child-add.abstract"),
                discussion: text("help.child-add.discussion"))

            @Argument(help: helpText("help.child-add.id"))
            var id: String

            @Option(help: helpText("help.child-add.name"))
            var name: String

            @Option(help: helpText("help.child-add.level"))
            var level: String

            func run() throws {
                try reportingErrors {
                    let repository = try UnitRepository.open(at: ".", notice: notify)
                    if let commit = try ChildWorkflow().add(id: id, name: name, level: level, in: repository) {
                        print(text("cli.child-add.recorded", ["level": levelValue(level), "id": .text(id), "name": .text(name), "commit": .text(commit.short)]))
                    } else {
                        print(text("cli.child-add.already", ["level": levelValue(level), "id": .text(id), "name": .text(name)]))
                    }
                }
            }
        }
    }
}
