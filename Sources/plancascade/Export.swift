import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "An audit report of a unit and its subtree: targets and figures, findings, history — HTML, CSV or Markdown.",
            discussion: """
                Targets against the latest figures with their states (every unit of the subtree), \
                every finding of check and verify, and the change history of log. html is one \
                self-contained page (inline CSS and SVG, no script, no network) with a chart of each \
                of the unit's targets: its figures over the periods against the target line. csv \
                gives one block per table separated by a blank line; md gives Markdown tables.
                """)

        @Option(help: "html, csv or md.")
        var format: String

        @Option(help: "Write to this file (default: standard output).")
        var out: String?

        @Option(help: "The unit of the report, this one or a collected child (default: this one).")
        var unit: String?

        @Option(name: .customLong("as-of"), help: "Judge states and findings as of this day, YYYY-MM-DD (default: today).")
        var asOf: String?

        func validate() throws {
            if ExportRenderer.Format(rawValue: format) == nil {
                throw ValidationError("--format '\(format)' is not one of: \(ExportRenderer.Format.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if let asOf, CivilDate(asOf) == nil { throw ValidationError("--as-of '\(asOf)' is not a date YYYY-MM-DD") }
        }

        func run() throws {
            try reportingErrors {
                let day = asOf.flatMap(CivilDate.init) ?? Status.today()
                let report = try ExportReport.gather(unit: unit, asOf: day, in: try UnitRepository.open(at: ".", notice: notify, reading: true))
                let page = ExportRenderer.render(report, as: ExportRenderer.Format(rawValue: format)!, in: language)
                guard let out else { print(page, terminator: ""); return }
                do {
                    try page.write(toFile: out, atomically: true, encoding: .utf8)
                } catch {
                    throw PlanStoreError.io(path: out, reason: error.localizedDescription)
                }
                print(text("export.wrote", [
                    "format": .text(format), "unit": .text(report.unit), "out": .text(out), "targets": .count(report.status.count),
                    "findings": .count(report.findings.count), "changes": .count(report.history.count),
                ]))
            }
        }
    }
}
