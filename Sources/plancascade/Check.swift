import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every problem of the unit and its collected subtree, in one report.",
            discussion: """
                Errors: unresolved merge conflicts (conflict), a child's pushed history that does not \
                descend from what was collected (history-rewritten), a target weaker than what was \
                inherited (below-inherited), an inherited target or task missing or postponed \
                (missing-inherited-target, missing-inherited-task), a report changed after the parent \
                approved it (changed-after-approval), a document that does not validate \
                (invalid-document). Warnings: targets derived from an \
                older parent version (stale-derivation), a figure below its target after the deadline \
                (missed-target), a period a registered child did not report (missing-report), a child \
                plan issued after the parent's deadline (late-plan), a subtree that cannot reach the \
                unit's target even if every child meets its own (children-short). Info: what could not \
                be checked (an unreachable parent or hub).

                Fetches the children's pushes from the unit's hub and the parent's published targets, \
                like collect and pull; changes nothing else. Exit 0 when there is no error (warnings \
                are allowed), 1 when there is, 2 when the check could not run.
                """)

        @Option(name: .customLong("as-of"), help: "Judge deadlines and reporting periods as of this day, YYYY-MM-DD (default: today).")
        var asOf: String?

        @Option(help: "How often each registered child must report: quarterly (003), monthly (001) or 10-days (004's campaign).")
        var cadence: String = "quarterly"

        @Option(help: "Require reports from this day, YYYY-MM-DD (default: the plan year's first day).")
        var from: String?

        @Option(help: "The plan year of figures, reports and plan deadlines (default: the latest; targets and tasks are checked in every year).")
        var year: Int?

        @Flag(help: "Print {\"schema\": 1, \"findings\": […], \"errors\": n, \"warnings\": n}.")
        var json = false

        func validate() throws {
            if let asOf, CivilDate(asOf) == nil { throw ValidationError("--as-of '\(asOf)' is not a date YYYY-MM-DD") }
            if let from, CivilDate(from) == nil { throw ValidationError("--from '\(from)' is not a date YYYY-MM-DD") }
            if CheckQuery.Cadence(rawValue: cadence) == nil {
                throw ValidationError("--cadence '\(cadence)' is not one of: \(CheckQuery.Cadence.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() throws {
            var errors = 0
            try reportingErrors {
                let day = asOf.flatMap(CivilDate.init) ?? Status.today()
                let options = CheckQuery.Options(
                    asOf: day, cadence: CheckQuery.Cadence(rawValue: cadence)!, from: from.flatMap(CivilDate.init), year: year)
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
                let item = [finding.indicator ?? finding.task, finding.period].compactMap { $0 }.joined(separator: " ")
                func short(_ text: String?) -> String {
                    guard let text else { return "" }
                    return text.count == 40 && text.allSatisfy(\.isHexDigit) ? String(text.prefix(7)) : text
                }
                table.append([unit, shown(finding.severity.term), finding.kind.rawValue, item, short(finding.expected),
                              short(finding.actual), short(finding.commit), say(finding.message)])
            }
            let infos = report.findings.count - report.errors - report.warnings
            var counts = Message("check.counts", ["errors": .count(report.errors), "warnings": .count(report.warnings)])
            if infos > 0 { counts = Message("check.counts.infos", ["counts": .message(counts), "infos": .count(infos)]) }
            return table.render() + say(counts) + "\n"
        }
    }
}
