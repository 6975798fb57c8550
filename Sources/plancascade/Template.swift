import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    struct Template: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "template", 
            abstract: text("help.template.abstract"),
            discussion: text("help.template.discussion"))

        @Argument(help: helpText("help.template.child"))
        var child: String

        @Argument(help: helpText("help.template.period"))
        var period: String

        @Option(help: helpText("help.template.out"))
        var out: String?

        func run() throws {
            try reportingErrors {
                let parsed: Period
                switch PeriodInput.parse(period, language: language) {
                case .success(.period(let value)): parsed = value
                case .success(.window):
                    throw PlanStoreError.invalidInput(findings: [Message("template.window", ["period": .text(period)])])
                case .failure(let problem): throw PlanStoreError.invalidInput(findings: [problem.message])
                }
                let repository = try UnitRepository.open(at: ".", notice: notify, reading: true)
                let template = try TemplateQuery().run(child: child, period: parsed, in: repository)
                let path = out ?? "\(child)-\(parsed.description).xlsx"
                do {
                    try template.workbook(in: language).xlsx().write(to: URL(fileURLWithPath: path), options: .atomic)
                } catch let error as PlanStoreError {
                    throw error
                } catch {
                    throw PlanStoreError.io(path: path, reason: .verbatim(error.localizedDescription))
                }
                print(text("cli.template.wrote", [
                    "path": .text(path), "child": .text(template.unit.name), "period": .period(parsed.description),
                    "targets": .count(template.rows.count), "tasks": .count(template.tasks.count)]))
            }
        }
    }
}
