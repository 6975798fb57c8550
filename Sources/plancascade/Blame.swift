import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    struct Blame: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "blame", 
            abstract: text("help.blame.abstract"),
            discussion: text("help.blame.discussion"))

        @Argument(help: helpText("help.blame.item"))
        var item: String

        @Option(help: helpText("help.blame.unit"))
        var unit: String?

        @Option(help: helpText("help.blame.year"))
        var year: Int?

        @Flag(help: helpText("help.blame.json"))
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
