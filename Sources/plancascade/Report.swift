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
                do {
                    try record()
                } catch let problem as InputProblem {
                    // The user's data: said in their language, exit 1 (README, "Exit codes").
                    printError(say(problem.message))
                    throw ExitCode(ExitCodes.problemsFound)
                }
            }
        }

        private func record() throws {
            do {
                var texts = figures
                if let csv { texts += try ReportCSV.read(csv) }
                var statuses: [String: TaskStatus] = [:]
                for item in tasks {
                    let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
                    guard parts.count == 2, let status = TaskStatus(rawValue: parts[1]) else {
                        throw PlanStoreError.invalidArgument(name: "--task", value: item, reason: "is not id=status with status not-started, in-progress, done or blocked")
                    }
                    statuses[parts[0]] = status
                }
                let repository = try UnitRepository.open(at: ".", notice: notify)
                let outcome = try ReportWorkflow().run(period: period, figureTexts: texts, tasks: statuses, language: language, in: repository)
                for notice in outcome.notices { print(say(notice)) }
                guard let commit = outcome.commit else {
                    print("\(outcome.path) already holds these figures; nothing to commit")
                    return
                }
                print("Reported \(outcome.report.period) → main \(commit.short) (\(outcome.path))")
                for (code, figure) in outcome.figures {
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
    /// The rows as `indicator=value` or `indicator=numerator/denominator` texts, parsed with
    /// the figures typed on the command line (in the user's language, with its indicator).
    static func read(_ path: String) throws -> [String] {
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
        var figures: [String] = []
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
            figures.append(text)
        }
        if !problems.isEmpty { throw PlanStoreError.invalidInput(findings: problems) }
        return figures
    }
}
