import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record the unit's figures (and task statuses) for a period, as one commit.",
            discussion: """
                Periods: 2024, 2024-H1, 2024-Q3, 2024-10, 2024-11-18. A ratio indicator takes \
                numerator/denominator (41940/58818), never only the percentage, so that it sums \
                up the hierarchy. Reporting again for the same period replaces the figures given; \
                the history keeps the old ones.

                Example: plancascade report 2024-Q3 DVC-ONLINE=41940/58818 1.1=1.5 --task KH-CCHC=done
                """)

        @Argument(help: "The period: 2024, 2024-H1, 2024-Q3, 2024-10 or 2024-11-18.")
        var period: String

        @Argument(help: "Figures as indicator=value or indicator=numerator/denominator.")
        var figures: [String] = []

        @Option(name: .customLong("task"), help: "A task status as id=status (not-started, in-progress, done, blocked); repeatable.")
        var tasks: [String] = []

        @Option(help: "A CSV file of figures: indicator,value or indicator,numerator,denominator.")
        var csv: String?

        func run() throws {
            try reportingErrors {
                var parsed = try figures.map(ReportWorkflow.parseFigure)
                if let csv { parsed += try ReportCSV.read(csv) }
                var statuses: [String: TaskStatus] = [:]
                for item in tasks {
                    let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
                    guard parts.count == 2, let status = TaskStatus(rawValue: parts[1]) else {
                        throw PlanStoreError.invalidArgument(name: "--task", value: item, reason: "is not id=status with status not-started, in-progress, done or blocked")
                    }
                    statuses[parts[0]] = status
                }
                let repository = try UnitRepository.open(at: ".", notice: notify)
                let outcome = try ReportWorkflow().run(period: period, figures: parsed, tasks: statuses, in: repository)
                guard let commit = outcome.commit else {
                    print("\(outcome.path) already holds these figures; nothing to commit")
                    return
                }
                print("Reported \(outcome.report.period) → main \(commit.short) (\(outcome.path))")
                for (code, figure) in parsed {
                    var line = "  \(code) \(ReportWorkflow.text(figure))"
                    if let ratio = figure.ratio { line += " = \((ratio * Exact(100)).fixed(2))%" }
                    if let old = outcome.replaced[code] { line += " (replaces \(ReportWorkflow.text(old)))" }
                    print(line)
                }
            }
        }
    }
}

/// Reads report figures from a CSV file (indicator,value or indicator,numerator,denominator).
enum ReportCSV {
    static func read(_ path: String) throws -> [(indicator: String, figure: Figure)] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PlanStoreError.io(path: path, reason: "no such file, or it cannot be read")
        }
        let table: CSVTable
        do { table = try CSVTable.parse(Array(data)) } catch {
            throw PlanStoreError.invalidInput(findings: ["\(path):\(error.line): error: \(error.message)"])
        }
        let header = table.header.map { $0.lowercased() }
        guard let indicator = header.firstIndex(of: "indicator") else {
            throw PlanStoreError.invalidInput(findings: ["\(path):\(table.headerLine): error: no 'indicator' column; expected indicator,value or indicator,numerator,denominator"])
        }
        let value = header.firstIndex(of: "value"), numerator = header.firstIndex(of: "numerator"), denominator = header.firstIndex(of: "denominator")
        var figures: [(indicator: String, figure: Figure)] = []
        var problems = table.problems.map { "\(path):\($0.line): error: \($0.message)" }
        for record in table.records {
            let cells = record.cells
            let text: String
            if let numerator, let denominator, !cells[numerator].isEmpty {
                text = "\(cells[indicator])=\(cells[numerator])/\(cells[denominator])"
            } else if let value {
                text = "\(cells[indicator])=\(cells[value])"
            } else {
                problems.append("\(path):\(record.line): error: row \(record.line) has no value or numerator/denominator")
                continue
            }
            do { figures.append(try ReportWorkflow.parseFigure(text)) } catch {
                problems.append("\(path):\(record.line): error: row \(record.line): \(error)")
            }
        }
        if !problems.isEmpty { throw PlanStoreError.invalidInput(findings: problems) }
        return figures
    }
}
