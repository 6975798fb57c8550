import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Integrity of the whole history: collected children, provenances, rollups, late changes.",
            discussion: """
                Errors: a child head that was collected is no longer in the child's pushed history \
                (rewritten-history); a target's provenance names a parent commit no pull used \
                (forged-provenance) or does not match a re-derivation from it (provenance-mismatch); \
                a rollup differs from its recomputation at the commit that wrote it (rollup-mismatch). \
                Warnings: a rewrite accepted with --accept-rewrite (accepted-rewrite), a rollup made \
                out of date by later own reports (stale-rollup), a figure or task state changed after \
                its period's deadline — the period's last day — with who changed it and when \
                (late-change). Info: what could not be verified here. Fetches the children's pushes \
                from the unit's hub first, like collect. Exit 0 when there is no error, 1 when there is.
                """)

        @Flag(help: "Print {\"schema\": 1, \"findings\": […], \"errors\": n, \"warnings\": n, \"checked\": {collected, provenances, rollups}}.")
        var json = false

        func run() throws {
            var errors = 0
            try reportingErrors {
                let report = try VerifyQuery().run(in: try UnitRepository.open(at: ".", notice: notify, reading: true))
                errors = report.errors
                if json {
                    print(String(decoding: try CanonicalJSON.encode(report), as: UTF8.self), terminator: "")
                    return
                }
                let checked = Message("audit.verify.checked", [
                    "collected": .count(report.collected), "provenances": .count(report.provenances), "rollups": .count(report.rollups),
                ])
                guard !report.findings.isEmpty else {
                    print(text("audit.verify.ok", ["checked": .message(checked)]))
                    return
                }
                var table = TextTable(
                    ["unit", "severity", "kind", "item", "commit", "date", "author", "message"].map { text("audit.verify.column.\($0)") },
                    maxCellWidth: 24)
                for finding in report.findings {
                    let item = [finding.item, finding.period].compactMap { $0 }.joined(separator: " ")
                    table.append([finding.unit ?? "", shown(finding.severity.term), finding.kind.rawValue, item,
                                  finding.commit.map { String($0.prefix(7)) } ?? "", finding.date.map { shown(.date($0)) } ?? "",
                                  finding.author ?? "", say(finding.message)])
                }
                print(table.render(), terminator: "")
                print(text("audit.verify.counts", [
                    "errors": .count(report.errors), "warnings": .count(report.warnings), "checked": .message(checked),
                ]))
            }
            if errors > 0 { throw ExitCode(ExitCodes.problemsFound) }
        }
    }
}
