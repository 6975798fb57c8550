import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    struct Targets: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "targets", 
            abstract: text("help.targets.abstract"))

        @Argument(help: helpText("help.targets.indicators"))
        var indicators: [String] = []

        @Option(help: helpText("help.targets.year"))
        var year: Int?

        @Flag(help: helpText("help.targets.json"))
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
                    print(text("cli.targets.none"))
                    return
                }
                var table = TextTable(["year", "indicator", "name", "target", "deadline", "lead", "rule", "provenance"].map { text("cli.targets.column.\($0)") })
                for row in rows {
                    table.append([
                        "\(row.year)", row.indicator, row.name ?? "", row.comparator == Comparator.between.rawValue ? row.condition : "\(row.comparator) \(shown(.number(row.value)))",
                        row.deadline.map { shown(.date($0)) } ?? "", row.lead ?? "", row.rule ?? "",
                        row.provenance.map(Self.describe) ?? row.versus.map(Self.describe) ?? text("cli.targets.own"),
                    ])
                }
                print(table.render(), terminator: "")
            }
        }

        /// "own 2023 figure 42.7705, improve:0.1 (progress/2023/2023.json, commit abc1234)".
        static func describe(_ versus: YearOnYear) -> String {
            text("comparison.cli.targets.versus", versus.messageArguments)
        }

        static func describe(_ provenance: Provenance) -> String {
            var line = text("cli.targets.provenance", [
                "rule": .text(provenance.rule), "parent": .text(provenance.parentUnit), "commit": .text(String(provenance.parentCommit.prefix(7)))])
            if let base = provenance.base { line += text("cli.targets.base", ["value": .number(base)]) }
            if let baseline = provenance.baseline { line += text("cli.targets.baseline", ["value": .number(baseline)]) }
            return line
        }
    }
}
