import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status", 
            abstract: text("help.status.abstract"),
            discussion: text("help.status.discussion"))

        @Option(help: helpText("help.status.period"))
        var period: String?

        @Option(name: .customLong("as-of"), help: helpText("help.status.as-of"))
        var asOf: String?

        @Option(help: helpText("help.status.indicators"))
        var indicators: String?

        @Flag(help: helpText("help.status.json"))
        var json = false

        func validate() throws {
            if let period, Period(period) == nil { throw ValidationError(text("cli.option.bad-period", ["option": .text("--period"), "text": .text(period)])) }
            if let asOf, CivilDate(asOf) == nil { throw ValidationError(text("cli.option.bad-date", ["option": .text("--as-of"), "date": .text(asOf)])) }
        }

        func run() throws {
            try reportingErrors {
                let day = asOf.flatMap(CivilDate.init) ?? Self.today()
                let filter = indicators.map { Set($0.split(separator: ",").map(String.init)) }
                let report = try StatusQuery().report(in: try UnitRepository.open(at: ".", notice: notify, reading: true), period: period.flatMap(Period.init), asOf: day)
                let rows = report.rows.filter { filter?.contains($0.indicator) ?? true }
                // A collected unit whose file does not decode is a data mistake: shown, then exit 1.
                let invalid = report.invalid
                defer { for unit in invalid { FileHandle.standardError.write(Data("\(say(unit.message))\n".utf8)) } }
                let exit: () throws -> Void = { if !invalid.isEmpty { throw ExitCode(ExitCodes.problemsFound) } }
                if json {
                    print(String(decoding: try CanonicalJSON.encode(rows), as: UTF8.self), terminator: "")
                    return try exit()
                }
                if rows.isEmpty { print(text("status.no-targets")); return try exit() }
                var table = TextTable(["unit", "indicator", "target", "actual", "period", "deadline", "state"].map { text("status.column.\($0)") }
                    + [text("plandata.status.column.reported")])
                var lastUnit = ""
                // Children with no figure at all are listed once, after the table.
                let reporting = Set(rows.filter { $0.actual != nil || $0.file != nil || $0.unit == rows.first?.unit }.map(\.unit))
                let silent = rows.map(\.unit).filter { !reporting.contains($0) }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
                for row in rows where reporting.contains(row.unit) {
                    let unit = row.unit == lastUnit ? "" : "\(row.name) (\(row.unit))"
                    lastUnit = row.unit
                    var actual = row.actual.map { row.numerator != nil ? Self.percent($0.fixed(2)) : shown(.number($0)) } ?? "—"
                    if let n = row.numerator, let d = row.denominator { actual += " (\(shown(.number(n)))/\(shown(.number(d))))" }
                    table.append([unit, row.indicator, row.target.map { value in
                        guard let bound = row.bound else { return "\(row.comparator ?? "") \(shown(.number(value)))" }
                        return "\(shown(.number(min(value, bound))))–\(shown(.number(max(value, bound))))"
                    } ?? "—", actual,
                                  row.period.map { shown(.period($0)) + (row.provisional == true ? " " + text("status.provisional") : "") } ?? "—",
                                  row.deadline.map { shown(.date($0)) } ?? "",
                                  shown(row.stateTerm), row.reported.map { "\($0)/\(row.expected ?? 0)" } ?? ""])
                }
                print(table.render(), terminator: "")
                for row in rows where row.missing != nil {
                    print(text("plandata.status.incomplete", [
                        "unit": .text(row.unit), "indicator": .text(row.indicator), "period": .period(row.period ?? ""),
                        "reported": .count(row.reported ?? 0), "expected": .count(row.expected ?? 0),
                        "missing": .list((row.missing ?? []).map { .text($0) }),
                    ]))
                }
                if let required = try StatusQuery().reporting(in: try UnitRepository.open(at: ".", notice: notify, reading: true), asOf: day) {
                    Self.printReporting(required)
                }
                if !silent.isEmpty { print(text("status.silent", ["count": .count(silent.count), "units": .list(silent.map { .text($0) })])) }
                // What the parent decided on this unit's reports, as last pulled.
                for line in ParentApprovalsQuery.messages(try ParentApprovalsQuery().run(in: try UnitRepository.open(at: ".", notice: notify, reading: true))) {
                    print(say(line))
                }
                print(text("status.as-of", ["date": .date(day)]))
                try exit()
            }
        }

        /// The plan's reporting (plans/<year>/plan.json) and who sent each required report.
        static func printReporting(_ required: (year: Int, reporting: Reporting, requirements: [StatusQuery.Requirement])) {
            print(text("plandata.status.reporting", [
                "file": .text(Layout.planFile(year: required.year)), "summary": PullWorkflow.summary(required.reporting)]))
            for requirement in required.requirements {
                let counts: [String: Message.Value] = [
                    "id": .text(requirement.id), "deadline": .date(requirement.deadline), "reported": .count(requirement.reported.count),
                    "expected": .count(requirement.reported.count + requirement.missing.count),
                    "missing": .list(requirement.missing.map { .text($0) }),
                ]
                print(text(requirement.due ? (requirement.missing.isEmpty ? "plandata.status.required.done" : "plandata.status.required.late")
                                           : "plandata.status.required.open", counts))
            }
        }

        /// A percentage already rounded to 2 places (`56.50`), with the decimal comma in Vietnamese.
        static func percent(_ fixed: String) -> String { percentText(fixed: fixed) }

        static func today() -> CivilDate {
            let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: Date())
            return CivilDate(year: c.year!, month: c.month!, day: c.day!)!
        }
    }
}
