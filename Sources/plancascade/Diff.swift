import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: text("help.diff.abstract"),
            discussion: text("help.diff.discussion"))

        @Argument(help: helpText("help.diff.revisions"))
        var revisions: [String] = []

        @Flag(help: helpText("help.diff.json"))
        var json = false

        func validate() throws {
            if revisions.count > 2 { throw ValidationError("give at most two revisions, the older first") }
        }

        func run() throws {
            try reportingErrors {
                let result = try DiffQuery().run(
                    in: try UnitRepository.open(at: ".", notice: notify), from: revisions.first, to: revisions.count > 1 ? revisions[1] : nil)
                if json {
                    print(String(decoding: try CanonicalJSON.encode(result), as: UTF8.self), terminator: "")
                    return
                }
                let to = result.to.map { String($0.prefix(7)) } ?? "work tree"
                if result.changes.isEmpty { print("No changes from \(result.from.prefix(7)) to \(to)"); return }
                var table = TextTable(["unit", "change"])
                for change in result.changes { table.append([change.unit, change.summary]) }
                print("\(result.from.prefix(7)) → \(to)")
                print(table.render(), terminator: "")
            }
        }
    }
}
