import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export", 
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

        @Option(help: helpText("plandata.help.export.cadence"))
        var cadence: String?

        @Option(help: helpText("plandata.help.export.from"))
        var from: String?

        @Option(help: helpText("help.export.number"))
        var number: String?

        @Option(help: helpText("help.export.place"))
        var place: String?

        @Option(name: .customLong("signer-title"), help: helpText("help.export.signer-title"))
        var signerTitle: [String] = []

        @Option(help: helpText("help.export.signer"))
        var signer: String?

        @Option(name: .customLong("recipient"), help: helpText("help.export.recipient"))
        var recipients: [String] = []

        var signing: ExportSigning {
            ExportSigning(number: number, place: place, signerTitle: signerTitle, signer: signer, recipients: recipients)
        }

        /// The formats: the renderer's text formats and the workbook.
        static var formats: [String] { ExportRenderer.Format.allCases.map(\.rawValue) + ["pdf", "xlsx"] }

        func validate() throws {
            if !Self.formats.contains(format) {
                throw ValidationError(text("cli.export.bad-format", ["format": .text(format), "formats": .text(Self.formats.joined(separator: ", "))]))
            }
            if let asOf, CivilDate(asOf) == nil { throw ValidationError(text("cli.option.bad-date", ["option": .text("--as-of"), "date": .text(asOf)])) }
            if let from, CivilDate(from) == nil { throw ValidationError(text("cli.option.bad-date", ["option": .text("--from"), "date": .text(from)])) }
            if let cadence, CheckQuery.Cadence(rawValue: cadence) == nil {
                throw ValidationError(text("plandata.cli.bad-cadence", [
                    "cadence": .text(cadence), "cadences": .list(CheckQuery.Cadence.allCases.map { .text($0.rawValue) })]))
            }
        }

        func run() throws {
            try reportingErrors {
                let day = asOf.flatMap(CivilDate.init) ?? Status.today()
                let progress = ProgressLine()
                defer { progress.finish() }
                let check = CheckQuery.Options(asOf: day, cadence: cadence.flatMap(CheckQuery.Cadence.init), from: from.flatMap(CivilDate.init))
                let report = try ExportReport.gather(unit: unit, check: check, in: try UnitRepository.open(at: ".", notice: notify, reading: true), progress: progress.show)
                progress.finish()
                if format == "xlsx" {
                    // A workbook is never printed to a terminal: it goes to a file in the current folder.
                    let path = out ?? "\(report.unit)-\(day).xlsx"
                    try write(try ExportRenderer.workbook(report, in: language).xlsx(), to: path)
                    return printWrote(report, path)
                }
                if format == "pdf" {
                    let path = out ?? "\(report.unit)-\(day).pdf"
                    try ExportPDF.write(ExportRenderer.render(report, as: .html, in: language, signing: signing), to: InvocationFolder.resolve(path))
                    return printWrote(report, path)
                }
                if format == "csv", let out {
                    // One table per file, each with a byte-order mark for Excel: <out>-status.csv, …
                    let stem = out.hasSuffix(".csv") ? String(out.dropLast(4)) : out
                    var written: [String] = []
                    for file in ExportRenderer.csvFiles(report, in: language) {
                        let path = "\(stem)-\(file.table).csv"
                        try write(Data(file.text.utf8), to: path)
                        written.append(path)
                    }
                    print(text("export.wrote-files", ["count": .count(written.count), "unit": .text(report.unit), "files": .list(written.map { .text($0) })]))
                    return
                }
                let page = ExportRenderer.render(report, as: ExportRenderer.Format(rawValue: format)!, in: language, signing: signing)
                guard let out else { print(page, terminator: ""); return }
                try write(Data(page.utf8), to: out)
                printWrote(report, out)
            }
        }

        /// Writes `data` to `path`, taken from the folder the command was run in (never the
        /// repository `-C` named).
        private func write(_ data: Data, to path: String) throws {
            do {
                try data.write(to: URL(fileURLWithPath: InvocationFolder.resolve(path)), options: .atomic)
            } catch {
                throw PlanStoreError.io(path: path, reason: .verbatim(error.localizedDescription))
            }
        }

        private func printWrote(_ report: ExportReport, _ path: String) {
            print(text("export.wrote", [
                "format": .text(format), "unit": .text(report.unit), "out": .text(path), "targets": .count(report.status.count),
                "findings": .count(report.findings.count), "changes": .count(report.history.count),
            ]))
        }
    }
}
