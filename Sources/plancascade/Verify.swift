import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "verify", 
            abstract: text("help.verify.abstract"),
            discussion: text("help.verify.discussion"))

        @Flag(help: helpText("help.verify.json"))
        var json = false

        @Flag(help: helpText("help.verify.all"))
        var all = false

        func run() throws {
            var errors = 0
            try reportingErrors {
                // A province's verify is long: one line of progress on a terminal (stderr).
                let progress = ProgressLine()
                defer { progress.finish() }
                var query = VerifyQuery()
                query.progress = progress.show
                let report = try query.run(in: try UnitRepository.open(at: ".", notice: notify, reading: true))
                progress.finish()
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
                // Errors first, then warnings; information only as a count by kind unless --all
                // (a province's verify finds hundreds of late reports around its one error).
                let ordered = report.findings.enumerated().sorted { ($0.element.severity, $0.offset) < ($1.element.severity, $1.offset) }.map(\.element)
                let summarized = !all && ordered.filter { $0.severity == .info }.count > Self.infoLinesShown
                let listed = summarized ? ordered.filter { $0.severity != .info } : ordered
                for finding in listed {
                    let item = [finding.item, finding.period.map { shown(.period($0)) }].compactMap { $0 }.joined(separator: " ")
                    table.append([finding.unit ?? "", shown(finding.severity.term), shown(finding.kind.term), item,
                                  finding.commit.map { String($0.prefix(7)) } ?? "", finding.date.map { shown(.date($0)) } ?? "",
                                  finding.author ?? "", say(finding.message)])
                }
                if !listed.isEmpty { print(table.render(), terminator: "") }
                if summarized {
                    let infos = Dictionary(grouping: ordered.filter { $0.severity == .info }, by: \.kind)
                    let kinds = infos.sorted { ($1.value.count, $0.key.rawValue) < ($0.value.count, $1.key.rawValue) }
                        .map { Message.Value.message(Message("verify.info-kind", ["count": .count($0.value.count), "kind": $0.key.term])) }
                    print(text("verify.info-summary", ["count": .count(infos.values.map(\.count).reduce(0, +)), "kinds": .list(kinds)]))
                }
                print(text("audit.verify.counts", [
                    "errors": .count(report.errors), "warnings": .count(report.warnings), "checked": .message(checked),
                ]))
            }
            if errors > 0 { throw ExitCode(ExitCodes.problemsFound) }
        }

        /// More information findings than this are shown as a count by kind.
        static let infoLinesShown = 20
    }
}
