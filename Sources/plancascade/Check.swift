import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "check", 
            abstract: text("help.check.abstract"),
            discussion: text("help.check.discussion"))

        @Option(name: .customLong("as-of"), help: helpText("help.check.as-of"))
        var asOf: String?

        @Option(help: helpText("help.check.cadence"))
        var cadence: String?

        @Option(help: helpText("help.check.from"))
        var from: String?

        @Option(help: helpText("help.check.year"))
        var year: Int?

        @Flag(help: helpText("help.check.json"))
        var json = false

        func validate() throws {
            if let asOf, CivilDate(asOf) == nil { throw ValidationError(text("cli.option.bad-date", ["option": .text("--as-of"), "date": .text(asOf)])) }
            if let from, CivilDate(from) == nil { throw ValidationError(text("cli.option.bad-date", ["option": .text("--from"), "date": .text(from)])) }
            if let cadence, CheckQuery.Cadence(rawValue: cadence) == nil {
                throw ValidationError(text("plandata.cli.bad-cadence", [
                    "cadence": .text(cadence), "cadences": .list(CheckQuery.Cadence.allCases.map { .text($0.rawValue) })]))
            }
        }

        func run() throws {
            var errors = 0
            try reportingErrors {
                let day = asOf.flatMap(CivilDate.init) ?? Status.today()
                let options = CheckQuery.Options(
                    asOf: day, cadence: cadence.flatMap(CheckQuery.Cadence.init), from: from.flatMap(CivilDate.init), year: year)
                let report = try CheckQuery(options).run(in: try UnitRepository.open(at: ".", notice: notify, reading: true))
                errors = report.errors
                if json {
                    let envelope = Envelope(findings: report.findings, errors: report.errors, warnings: report.warnings)
                    print(String(decoding: try CanonicalJSON.encode(envelope), as: UTF8.self), terminator: "")
                    return
                }
                print(Self.render(report), terminator: "")
                print(text("check.as-of", ["date": .date(day)]))
            }
            if errors > 0 { throw ExitCode(ExitCodes.problemsFound) }
        }

        /// The `--json` envelope, documented in README.md.
        struct Envelope: Encodable {
            let schema = 1
            let findings: [Finding]
            let errors: Int
            let warnings: Int
        }

        /// The findings as a table grouped by unit, then a count.
        static func render(_ report: CheckQuery.Report) -> String {
            guard !report.findings.isEmpty else { return text("check.no-problems") + "\n" }
            var table = TextTable(
                ["unit", "severity", "kind", "item", "expected", "actual", "commit", "message"].map { text("check.column.\($0)") },
                maxCellWidth: 24)
            var lastUnit = ""
            for finding in report.findings {
                let unit = finding.unit == lastUnit ? "" : finding.unit ?? ""
                lastUnit = finding.unit ?? ""
                let item = [finding.subject, finding.period.map { shown(.period($0)) }].compactMap { $0 }.joined(separator: " ")
                func short(_ text: String?) -> String {
                    guard let text else { return "" }
                    return text.count == 40 && text.allSatisfy(\.isHexDigit) ? String(text.prefix(7)) : text
                }
                table.append([unit, shown(finding.severity.term), shown(finding.kind.term), item, short(finding.expected),
                              short(finding.actual), short(finding.commit), say(finding.message)])
            }
            let infos = report.findings.count - report.errors - report.warnings
            var counts = Message("check.counts", ["errors": .count(report.errors), "warnings": .count(report.warnings)])
            if infos > 0 { counts = Message("check.counts.infos", ["counts": .message(counts), "infos": .count(infos)]) }
            return table.render() + say(counts) + "\n"
        }
    }
}
