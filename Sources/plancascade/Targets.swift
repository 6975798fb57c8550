import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    struct Targets: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the unit's targets with deadline, lead agency and provenance.")

        @Argument(help: "Only these indicators (default: all).")
        var indicators: [String] = []

        @Option(help: "Only this plan year (default: every year).")
        var year: Int?

        @Flag(help: "Print a JSON list of objects (indicator, year, value, comparator, deadline, lead, rule, provenance).")
        var json = false

        func run() throws {
            try reportingErrors {
                let repository = try UnitRepository.open(at: ".", notice: notify, reading: true)
                let rows = try TargetsQuery().run(in: repository, year: year)
                    .filter { indicators.isEmpty || indicators.contains($0.indicator) }
                if json {
                    print(String(decoding: try CanonicalJSON.encode(rows), as: UTF8.self), terminator: "")
                    return
                }
                if rows.isEmpty {
                    print("No targets yet: `plancascade import targets <csv>` or `plancascade pull`")
                    return
                }
                var table = TextTable(["year", "indicator", "target", "deadline", "lead", "rule", "provenance"])
                for row in rows {
                    table.append([
                        "\(row.year)", row.indicator, "\(row.comparator) \(row.value)", row.deadline.map { "\($0)" } ?? "",
                        row.lead ?? "", row.rule ?? "", row.provenance.map(Self.describe) ?? "own",
                    ])
                }
                print(table.render(), terminator: "")
            }
        }

        static func describe(_ provenance: Provenance) -> String {
            var text = "\(provenance.rule) from \(provenance.parentUnit)@\(provenance.parentCommit.prefix(7))"
            if let base = provenance.base { text += " base \(base)" }
            if let baseline = provenance.baseline { text += " baseline \(baseline)" }
            return text
        }
    }
}
