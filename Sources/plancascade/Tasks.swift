import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    struct Tasks: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "tasks", 
            abstract: text("help.tasks.abstract"),
            discussion: text("help.tasks.discussion"))

        @Option(help: helpText("help.tasks.year"))
        var year: Int?

        @Option(name: .customLong("as-of"), help: helpText("help.tasks.as-of"))
        var asOf: String?

        @Flag(help: helpText("help.tasks.overdue"))
        var overdue = false

        @Flag(help: helpText("help.tasks.json"))
        var json = false

        func validate() throws {
            if let asOf, CivilDate(asOf) == nil { throw ValidationError(text("cli.option.bad-date", ["option": .text("--as-of"), "date": .text(asOf)])) }
        }

        func run() throws {
            try reportingErrors {
                let day = asOf.flatMap(CivilDate.init) ?? Status.today()
                let repository = try UnitRepository.open(at: ".", notice: notify)
                let rows = try TasksQuery().run(in: repository, year: year, asOf: day).filter { !overdue || $0.overdue }
                if json {
                    print(String(decoding: try CanonicalJSON.encode(rows), as: UTF8.self), terminator: "")
                    return
                }
                if rows.isEmpty {
                    print(text(overdue ? "cli.tasks.none-overdue" : "cli.tasks.none", ["date": .date(day)]))
                    return
                }
                var table = TextTable(["year", "task", "content", "lead", "deadline", "status", "overdue"].map { text("cli.tasks.column.\($0)") })
                for row in rows {
                    let deadline = row.deadline.map { shown(.date($0)) } ?? row.timeframe ?? ""
                    let status = row.status.map { text("cli.tasks.status.\($0.rawValue)") } ?? text("cli.tasks.not-reported")
                    table.append([
                        String(row.year), row.id, row.content, row.lead ?? "", deadline, status,
                        row.overdue ? text("cli.tasks.overdue-mark") : "",
                    ])
                }
                print(table.render(), terminator: "")
                let late = rows.filter(\.overdue).count
                print(text("cli.tasks.summary", ["count": .count(rows.count), "overdue": .count(late), "date": .date(day)]))
            }
        }
    }
}
