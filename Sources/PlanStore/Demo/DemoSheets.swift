import Foundation
import PlanModel

/// The two kinds of sheet in `Repos/` that are not read by `plancascade import`: the units
/// of a hierarchy (`units.csv`) and the figures each unit reports (`*-illustrative.csv`,
/// `results-2023.csv`). Both are plain CSV with a header; a bad row is an error naming
/// the file and line, since the demo would otherwise show something the data does not say.
enum DemoSheets {
    /// One row of `units.csv`: a unit, its parent, and whether it is illustrative (not
    /// named in the documents).
    struct UnitRow: Equatable, Sendable {
        let id: String
        let name: String
        let level: String
        let parent: String?
        let illustrative: Bool
        /// Other names the parent's plans call the unit by (`aliases`, split on ` | `).
        var aliases: [String] = []
    }

    /// One report: the figures and task statuses a unit records for a period.
    struct ReportRow: Equatable, Sendable {
        let unit: String
        let period: String
        /// `indicator=value` or `indicator=numerator/denominator`, as `plancascade report` takes them.
        var figures: [String] = []
        var tasks: [String: TaskStatus] = [:]
        var illustrative = false
    }

    static func units(at path: String) throws -> [UnitRow] {
        try rows(at: path, required: ["id", "name", "level"]).map { line, cell in
            UnitRow(id: cell("id"), name: cell("name"), level: cell("level"),
                    parent: cell("parent").isEmpty ? nil : cell("parent"), illustrative: cell("illustrative") == "true",
                    aliases: cell("aliases").components(separatedBy: " | ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
    }

    /// The reports of a figures sheet (`unit,period,indicator,value,task,status,illustrative`),
    /// one per unit and period, in the order they first appear.
    static func reports(at path: String) throws -> [ReportRow] {
        var reports: [ReportRow] = []
        for (line, cell) in try rows(at: path, required: ["unit", "period"]) {
            let key = (cell("unit"), cell("period"))
            var index = reports.firstIndex { ($0.unit, $0.period) == key }
            if index == nil {
                reports.append(ReportRow(unit: key.0, period: key.1))
                index = reports.count - 1
            }
            if !cell("indicator").isEmpty { reports[index!].figures.append("\(cell("indicator"))=\(cell("value"))") }
            if !cell("task").isEmpty {
                guard let status = TaskStatus(rawValue: cell("status")) else {
                    throw PlanStoreError.invalidInput(findings: ["\(path):\(line): status '\(cell("status"))' is not not-started, in-progress, done or blocked"])
                }
                reports[index!].tasks[cell("task")] = status
            }
            if cell("illustrative") == "true" { reports[index!].illustrative = true }
        }
        return reports
    }

    /// The records of the CSV at `path`, each with its line and a cell reader by column name.
    private static func rows(at path: String, required: [String]) throws -> [(Int, (String) -> String)] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PlanStoreError.io(path: path, reason: "no such file, or it cannot be read")
        }
        let table: CSVTable
        do {
            table = try CSVTable.parse(Array(data))
        } catch {
            throw PlanStoreError.invalidInput(findings: ["\(path):\(error.line): \(error.message)"])
        }
        if let problem = table.problems.first {
            throw PlanStoreError.invalidInput(findings: ["\(path):\(problem.line): \(problem.message)"])
        }
        let header = table.header.map { $0.trimmingCharacters(in: .whitespaces) }
        for column in required where !header.contains(column) {
            throw PlanStoreError.invalidInput(findings: ["\(path):\(table.headerLine): no '\(column)' column (header: \(header.joined(separator: ",")))"])
        }
        return table.records.map { record in
            (record.line, { name in
                header.firstIndex(of: name).map { record.cells[$0].trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping } ?? ""
            })
        }
    }
}
