import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    struct Tree: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "tree", 
            abstract: text("comparison.help.tree.abstract"), discussion: text("comparison.help.tree.discussion"))

        @Option(help: helpText("comparison.help.tree.year"))
        var year: Int?

        @Option(help: helpText("comparison.help.tree.period"))
        var period: String?

        @Flag(help: helpText("comparison.help.tree.json"))
        var json = false

        func run() throws {
            try reportingErrors {
                let repository = try UnitRepository.open(at: ".", notice: notify, reading: true)
                var chosen: Period?
                if let period {
                    guard let parsed = Period(period) else {
                        throw ValidationError(text("cli.option.bad-period", ["option": .text("--period"), "text": .text(period)]))
                    }
                    chosen = parsed
                }
                guard let outcome = try TreeQuery().run(in: repository, year: year, period: chosen), !outcome.rows.isEmpty else {
                    print(text("comparison.cli.tree.none"))
                    return
                }
                if json {
                    print(String(decoding: try CanonicalJSON.encode(outcome), as: UTF8.self), terminator: "")
                    return
                }
                print(text("comparison.cli.tree.heading", [
                    "unit": .text(outcome.unit), "year": .year(outcome.year),
                    "period": outcome.period.map { .period($0) } ?? .message(Message("comparison.cli.tree.no-period"))]))
                var table = TextTable(["code", "name", "max", "target", "rank", "score", "deduction", "note"].map { text("comparison.cli.tree.column.\($0)") })
                for row in outcome.rows {
                    func number(_ value: Exact?, summed: Bool) -> String {
                        guard let value else { return "" }
                        return shown(.number(value)) + (summed && row.code != nil ? " Σ" : "")
                    }
                    var notes: [String] = []
                    if let exact = row.exactScore { notes.append(text("comparison.cli.tree.exact", ["value": .number(exact)])) }
                    if let note = row.note { notes.append(note) }
                    table.append([
                        row.code.map { String(repeating: "  ", count: max(row.depth, 0)) + $0 } ?? text("comparison.cli.tree.total"),
                        row.name ?? "", number(row.maxScore, summed: row.maxScoreSummed), number(row.target, summed: row.targetSummed),
                        row.targetRank.map { shown(.number($0)) } ?? "", number(row.score, summed: row.scoreSummed),
                        row.deduction.map { shown(.number($0)) } ?? "", notes.joined(separator: "; "),
                    ])
                }
                print(table.render(), terminator: "")
                print(text("comparison.cli.tree.legend"))
            }
        }
    }
}
