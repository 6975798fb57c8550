import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "report", 
            abstract: text("help.report.abstract"),
            discussion: text("help.report.discussion"))

        @Argument(help: helpText("help.report.period"))
        var period: String

        @Argument(help: helpText("help.report.figures"))
        var figures: [String] = []

        @Option(name: .customLong("task"), help: helpText("help.report.tasks"))
        var tasks: [String] = []

        @Option(name: [.customLong("file"), .customLong("csv")], help: helpText("help.report.csv"))
        var file: String?

        @Option(help: helpText("help.common.sheet"))
        var sheet: String?

        @Flag(help: helpText("help.report.dry-run"))
        var dryRun = false

        func run() throws {
            try reportingErrors {
                do {
                    try record()
                } catch let problem as InputProblem {
                    // The user's data: said in their language, exit 1 (README, "Exit codes").
                    printError(say(problem.message))
                    throw ExitCode(ExitCodes.problemsFound)
                }
            }
        }

        private func record() throws {
            do {
                var texts = figures
                if let file { texts += try ReportCSV.read(file, sheet: sheet) }
                var statuses: [String: TaskStatus] = [:]
                for item in tasks {
                    let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
                    guard parts.count == 2, let status = TaskStatus(rawValue: parts[1]) else {
                        throw PlanStoreError.invalidArgument(name: "--task", value: item, reason: "is not id=status with status not-started, in-progress, done or blocked")
                    }
                    statuses[parts[0]] = status
                }
                let repository = try UnitRepository.open(at: ".", notice: notify)
                if dryRun { repository.dryRun = DryRun(show: Self.printDryRun) }
                let outcome = try ReportWorkflow().run(period: period, figureTexts: texts, tasks: statuses, language: language, in: repository)
                Self.show(outcome, dryRun: dryRun)
            }
        }

        /// What was recorded: the report file, each figure and what it replaces.
        static func show(_ outcome: ReportWorkflow.Outcome, dryRun: Bool) {
            for notice in outcome.notices { print(say(notice)) }
            guard let commit = outcome.commit else {
                print(text(dryRun ? "cli.report.dry-run-unchanged" : "cli.report.unchanged", ["path": .text(outcome.path)]))
                return
            }
            print(text("cli.report.reported", [
                "period": .period(outcome.report.period.description), "commit": .text(commit.short), "path": .text(outcome.path)]))
            for (code, figure) in outcome.figures {
                var line = "  \(code) \(figureText(figure))"
                if let ratio = figure.ratio { line += " = " + percent(ratio) }
                if let old = outcome.replaced[code] { line += text("cli.report.replaces", ["old": .text(figureText(old))]) }
                print(line)
            }
        }
    }
}

extension PlanCascade.Report {
    /// What `--dry-run` would have recorded (``DryRun``): the report file, each figure that is
    /// new or changed (with the one it replaces) and each task status; nothing was written.
    static func printDryRun(_ dryRun: DryRun) {
        guard let (path, bytes) = dryRun.changes.sorted(by: { $0.key < $1.key }).first, let bytes,
              let report = try? CanonicalJSON.decode(ProgressReport.self, from: bytes, file: path) else {
            print(text("cli.report.dry-run-unchanged"))
            return
        }
        let before = dryRun.before[path].flatMap { $0 }.flatMap { try? CanonicalJSON.decode(ProgressReport.self, from: $0, file: path) }
        print(text("cli.report.dry-run", ["period": .period(report.period.description), "path": .text(path)]))
        var shown = 0
        for (code, figure) in report.figures.sorted(by: { $0.key < $1.key }) where before?.figures[code] != figure {
            shown += 1
            var line = "  \(code) \(figureText(figure))"
            if let ratio = figure.ratio { line += " = " + percent(ratio) }
            if let old = before?.figures[code] { line += text("cli.report.replaces", ["old": .text(figureText(old))]) }
            print(line)
        }
        for (id, status) in report.tasks.sorted(by: { $0.key < $1.key }) where before?.tasks[id] != status {
            shown += 1
            print("  \(id) \(text("cli.tasks.status.\(status.rawValue)"))")
        }
        if shown == 0 { print(text("cli.report.dry-run-same")) }
    }

    /// A ratio as a percentage rounded to 2 places, as the user's language writes it.
    static func percent(_ ratio: Exact) -> String { percentText(fixed: (ratio * Exact(100)).fixed(2)) }
}

/// Reads report figures from a CSV file or a workbook's sheet (``FigureImport``).
enum ReportCSV {
    /// The rows as `indicator=value` or `indicator=numerator/denominator` texts, parsed with
    /// the figures typed on the command line (in the user's language, with its indicator).
    static func read(_ path: String, sheet: String?) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PlanStoreError.io(path: path, reason: Message("cli.report.csv-unreadable"))
        }
        let read = FigureImport.read(Array(data), file: path, sheet: sheet)
        let errors = read.findings.filter { $0.severity == .error }
        if !errors.isEmpty { throw PlanStoreError.invalidInput(findings: errors.map(\.lineMessage)) }
        if read.rows.isEmpty {
            throw PlanStoreError.invalidInput(findings: [Message("cli.report.csv-no-figures", ["file": .text(path)])])
        }
        return read.rows.map { "\($0.indicator)=\($0.figure)" }
    }
}
