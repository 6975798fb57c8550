import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    struct Blame: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Who set each field of a target (or task) and of its latest figure: commit, author, date.",
            discussion: """
                For each field of the unit's current target or task (value, comparator, deadline, \
                lead, rule, provenance, …) and of the latest reported figure (numerator, \
                denominator, value, note) or task status: the commit that gave it its current \
                value, its author and date, and the unit in whose repository it was made. A \
                collected child's file is followed into the child's own commits.
                """)

        @Argument(help: "An indicator code or a task id.")
        var item: String

        @Option(help: "A collected child (at any depth) instead of this unit.")
        var unit: String?

        @Option(help: "The plan year (default: the latest that has the item).")
        var year: Int?

        @Flag(help: "Print {\"schema\": 1, \"item\", \"unit\", \"year\", \"period\", \"lines\": [{part, field, value, file, committedIn, commit, author, date, …}]}.")
        var json = false

        func run() throws {
            try reportingErrors {
                let result = try BlameQuery(unit: unit, year: year).run(item: item, in: try UnitRepository.open(at: ".", notice: notify, reading: true))
                if json {
                    print(String(decoding: try CanonicalJSON.encode(result), as: UTF8.self), terminator: "")
                    return
                }
                var table = TextTable(
                    ["part", "field", "value", "commit", "date", "unit", "author", "message"].map { text("blame.column.\($0)") }, maxCellWidth: 32)
                for line in result.lines {
                    let part = ["figure", "task-status", "rollup"].contains(line.part)
                        ? text("blame.part.period", ["part": .term("blame.part.\(line.part)"), "period": .period(result.period ?? "")])
                        : text("blame.part.\(line.part)")
                    table.append([part, line.field, line.value, line.commit.short, shown(.date(line.commit.date)), line.committedIn,
                                  line.commit.author, line.commit.summary])
                }
                print(text(result.year == nil ? "blame.title" : "blame.title.year", [
                    "item": .text(result.item), "unit": .text(result.unit), "year": result.year.map { .year($0) } ?? .text(""),
                ]))
                print(table.render(), terminator: "")
            }
        }
    }
}
