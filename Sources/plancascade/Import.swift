import ArgumentParser
import Foundation
import PlanStore

extension PlanCascade {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import targets, tasks, per-child baselines or indicator definitions from a CSV or TSV spreadsheet.",
            discussion: """
                One validated commit per import; re-importing the same file updates, never \
                duplicates. Bad rows are reported as FILE:LINE: message and nothing is committed.

                targets    indicator,name,measure,target,max,direction,aggregation,deadline,lead,cooperating,rule
                           (indicator, measure, target required; Vietnamese headers such as Chỉ tiêu, \
                Mục tiêu, Điểm tối đa, Chủ trì accepted)
                tasks      id,content,lead,cooperating,timeframe,product,kind,indicators (content required)
                baselines  unit,indicator,value,as_of (the figures this unit knows for each child)
                indicators indicator,name,measure,max,direction,aggregation (definitions without \
                targets, e.g. for a past year whose results are reported: --year 2023)

                UTF-8 with or without BOM, comma or tab separated, LF or CRLF.

                Example: plancascade import targets par-2024.csv --default measure=score --year 2024
                """)

        @Argument(help: "What the file holds: targets, tasks, baselines or indicators.")
        var kind: String

        @Argument(help: "The CSV or TSV file.")
        var file: String

        @Option(help: "The plan year (default: the unit's latest plan year, else the year the file's dates name).")
        var year: Int?

        @Option(name: .customLong("default"), help: "A value for a column the file lacks, as column=value (e.g. measure=score); repeatable.")
        var defaults: [String] = []

        @Flag(help: "Accept target values weaker than inherited ones (they will be flagged).")
        var force = false

        func validate() throws {
            guard ImportWorkflow.Kind(rawValue: kind) != nil else {
                throw ValidationError("'\(kind)' is not something to import; use targets, tasks, baselines or indicators")
            }
            for pair in defaults where !pair.contains("=") {
                throw ValidationError("--default '\(pair)' must be column=value, e.g. measure=score")
            }
        }

        func run() throws {
            try reportingErrors {
                let repository = try UnitRepository.open(at: ".", notice: notify)
                var values: [String: String] = [:]
                for pair in defaults {
                    let parts = pair.split(separator: "=", maxSplits: 1)
                    values[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
                }
                let outcome = try ImportWorkflow(defaults: values, force: force)
                    .run(ImportWorkflow.Kind(rawValue: kind)!, path: file, year: year, in: repository)
                for warning in outcome.warnings { print(warning.description) }
                var line = "Imported \(outcome.rows) \(kind) rows into \(outcome.year): \(outcome.added.count) added, "
                    + "\(outcome.updated.count) updated, \(outcome.unchanged) unchanged"
                if let commit = outcome.commit { line += " → main \(commit.short)" } else { line += "; nothing to commit" }
                print(line)
            }
        }
    }
}
