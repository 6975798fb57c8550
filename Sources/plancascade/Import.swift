import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "import", 
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

        @Option(help: helpText("help.import.period"))
        var period: String?

        func validate() throws {
            guard kind == "progress" || ImportWorkflow.Kind(rawValue: kind) != nil else {
                throw ValidationError(text("cli.import.bad-kind", ["kind": .text(kind)]))
            }
            for pair in defaults where !pair.contains("=") {
                throw ValidationError(text("cli.import.bad-default", ["pair": .text(pair)]))
            }
        }

        func run() throws {
            if kind == "progress" { return try importProgress() }
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

extension PlanCascade.Import {
    /// `import progress <template.xlsx>`: a filled-in reporting template (`plancascade
    /// template`) recorded as one validated report, as `report` would record it.
    func importProgress() throws {
        try reportingErrors {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw PlanStoreError.io(path: file, reason: Message("error.io.unreadable-file"))
            }
            let repository = try UnitRepository.open(at: ".", notice: notify)
            do {
                let outcome = try ProgressImportWorkflow().run(Array(data), file: file, period: period, language: language, in: repository)
                PlanCascade.Report.show(outcome, dryRun: false)
            } catch let problem as InputProblem {
                // A figure `report` would refuse: the user's data, said in their language, exit 1.
                printError(say(problem.message))
                throw ExitCode(ExitCodes.problemsFound)
            }
        }
    }
}

