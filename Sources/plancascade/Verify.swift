import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: text("help.verify.abstract"),
            discussion: text("help.verify.discussion"))

        @Flag(help: helpText("help.verify.json"))
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
                    let item = [finding.item, finding.period.map { shown(.period($0)) }].compactMap { $0 }.joined(separator: " ")
                    table.append([finding.unit ?? "", shown(finding.severity.term), shown(finding.kind.term), item,
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
