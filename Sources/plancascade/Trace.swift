import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    struct Trace: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "trace", 
            abstract: text("help.trace.abstract"),
            discussion: text("help.trace.discussion"))

        @Argument(help: helpText("help.trace.indicator"))
        var indicator: String

        @Option(help: helpText("help.trace.period"))
        var period: String?

        @Flag(help: helpText("help.trace.json"))
        var json = false

        func validate() throws {
            if let period, Period(period) == nil { throw ValidationError(text("cli.option.bad-period", ["option": .text("--period"), "text": .text(period)])) }
        }

        func run() throws {
            var consistent = true
            try reportingErrors {
                let result = try TraceQuery().run(indicator: indicator, period: period.flatMap(Period.init), in: try UnitRepository.open(at: ".", notice: notify, reading: true))
                consistent = result.consistent
                if json {
                    print(String(decoding: try CanonicalJSON.encode(result), as: UTF8.self), terminator: "")
                    return
                }
                var table = TextTable(["unit", "source", "figure", "recomputed", "check", "commit", "blob", "file"].map { text("trace.column.\($0)") })
                for row in result.rows {
                    var check = row.matches.map { text($0 ? "trace.check.ok" : "trace.check.differs") }
                        ?? row.counted.map { $0 ? text("reorg.trace.counted")
                            : text(row.countedAt.map { _ in "reorg.trace.counted-at" } ?? "reorg.trace.not-counted", ["at": .text(Self.parent(of: row.countedAt, top: result.unit))]) } ?? ""
                    if row.matches == true, !row.complete {
                        check = text("plandata.trace.check.incomplete", ["reported": .count(row.reported ?? 0), "expected": .count(row.expected ?? 0)])
                    }
                    table.append([String(repeating: "  ", count: row.depth) + row.unit, text("trace.source.\(row.source)"), row.figure, row.recomputed ?? "", check,
                                  row.commit.map { String($0.prefix(7)) } ?? "", String(row.blob.prefix(7)), row.file])
                }
                print(text("trace.title", ["indicator": .text(result.indicator), "period": .period(result.period), "unit": .text(result.unit)]))
                print(table.render(), terminator: "")
                let totals = result.rows.filter { $0.matches != nil }
                let differing = totals.filter { $0.matches == false }.map(\.unit)
                for finding in result.findings { print(finding.message.rendered(in: language)) }
                print(differing.isEmpty
                      ? text("trace.consistent", ["count": .count(totals.count)])
                      : text("trace.differs", ["units": .list(differing.map { .text($0) })]))
                for row in result.rows where !row.complete {
                    print(text("plandata.trace.incomplete", [
                        "unit": .text(row.unit), "reported": .count(row.reported ?? 0), "expected": .count(row.expected ?? 0),
                        "missing": .list((row.missing ?? []).map { .text($0) }),
                    ]))
                }
            }
            if !consistent { throw ExitCode(ExitCodes.problemsFound) }
        }

        /// The unit whose folder holds a counted copy (`children/buon-don/children/ea-wer` → `buon-don`).
        static func parent(of folder: String?, top: String) -> String {
            let ids = (folder ?? "").split(separator: "/").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
            return ids.count >= 2 ? ids[ids.count - 2] : top
        }
    }
}
