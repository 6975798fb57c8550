import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "diff", 
            abstract: text("help.diff.abstract"),
            discussion: text("help.diff.discussion"))

        @Argument(help: helpText("help.diff.revisions"))
        var revisions: [String] = []

        @Flag(help: helpText("help.diff.json"))
        var json = false

        func validate() throws {
            if revisions.count > 2 { throw ValidationError(text("cli.option.too-many-revisions")) }
        }

        func run() throws {
            try reportingErrors {
                let result = try DiffQuery().run(
                    in: try UnitRepository.open(at: ".", notice: notify, reading: true), from: revisions.first, to: revisions.count > 1 ? revisions[1] : nil)
                if json {
                    print(String(decoding: try CanonicalJSON.encode(result), as: UTF8.self), terminator: "")
                    return
                }
                let to: Message.Value = result.to.map { .text(String($0.prefix(7))) } ?? .term("diff.work-tree")
                let from: Message.Value = .text(String(result.from.prefix(7)))
                if result.changes.isEmpty { print(text("diff.no-changes", ["from": from, "to": to])); return }
                var table = TextTable(["unit", "change"].map { text("diff.column.\($0)") })
                for change in result.changes { table.append([change.unit, say(change.message)]) }
                print(text("diff.title", ["from": from, "to": to]))
                print(table.render(), terminator: "")
            }
        }
    }
}
