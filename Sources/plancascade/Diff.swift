import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What changed in targets, tasks, rules, figures and rollups between two commits.",
            discussion: """
                With no revision: the work tree against main (what a commit would record). With one: \
                that revision against the work tree. With two: the first against the second. A \
                revision is a commit id (full or abbreviated), main, targets, HEAD~2, … Children's \
                documents under children/ are compared too, each under its own unit.
                """)

        @Argument(help: "The older revision (default: main), then the newer one (default: the work tree).")
        var revisions: [String] = []

        @Flag(help: "Print {\"schema\": 1, \"from\": id, \"to\": id or \"work-tree\", \"changes\": [{unit, subject, item, field, old, new, file, summary, …}]}.")
        var json = false

        func validate() throws {
            if revisions.count > 2 { throw ValidationError("give at most two revisions, the older first") }
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
