import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: text("help.export.abstract"),
            discussion: text("help.export.discussion"))

        @Option(help: helpText("help.export.format"))
        var format: String

        @Option(help: helpText("help.export.out"))
        var out: String?

        @Option(help: helpText("help.export.unit"))
        var unit: String?

        @Option(name: .customLong("as-of"), help: helpText("help.export.as-of"))
        var asOf: String?

        func validate() throws {
            if ExportRenderer.Format(rawValue: format) == nil {
                throw ValidationError(text("cli.export.bad-format", ["format": .text(format), "formats": .text(ExportRenderer.Format.allCases.map(\.rawValue).joined(separator: ", "))]))
            }
            if let asOf, CivilDate(asOf) == nil { throw ValidationError(text("cli.export.bad-as-of", ["date": .text(asOf)])) }
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
                    throw PlanStoreError.io(path: out, reason: .verbatim(error.localizedDescription))
                }
                print(text("export.wrote", [
                    "format": .text(format), "unit": .text(report.unit), "out": .text(out), "targets": .count(report.status.count),
                    "findings": .count(report.findings.count), "changes": .count(report.history.count),
                ]))
            }
        }
    }
}
