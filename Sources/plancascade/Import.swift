import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: text("help.import.abstract"),
            discussion: text("help.import.discussion"))

        @Argument(help: helpText("help.import.kind"))
        var kind: String

        @Argument(help: helpText("help.import.file"))
        var file: String

        @Option(help: helpText("help.import.year"))
        var year: Int?

        @Option(name: .customLong("default"), help: helpText("help.import.defaults"))
        var defaults: [String] = []

        @Flag(help: helpText("help.import.force"))
        var force = false

        @Option(help: helpText("help.common.sheet"))
        var sheet: String?

        func validate() throws {
            guard ImportWorkflow.Kind(rawValue: kind) != nil else {
                throw ValidationError(text("cli.import.bad-kind", ["kind": .text(kind)]))
            }
            for pair in defaults where !pair.contains("=") {
                throw ValidationError(text("cli.import.bad-default", ["pair": .text(pair)]))
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
                let outcome = try ImportWorkflow(defaults: values, force: force, sheet: sheet)
                    .run(ImportWorkflow.Kind(rawValue: kind)!, path: file, year: year, in: repository)
                for warning in outcome.warnings { print(warning.rendered(in: language)) }
                var line = text("cli.import.done", [
                    "rows": .count(outcome.rows), "kind": .term("term.import.\(kind)"), "year": .year(outcome.year), "added": .count(outcome.added.count),
                    "updated": .count(outcome.updated.count), "unchanged": .count(outcome.unchanged)])
                if let commit = outcome.commit { line += text("cli.common.to-main", ["commit": .text(commit.short)]) } else { line += text("cli.import.nothing") }
                print(line)
            }
        }
    }
}
