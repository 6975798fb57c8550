import Foundation
import PlanModel

/// `plancascade import progress <template.xlsx>` and the web page's upload: a filled-in
/// reporting template (`plancascade template`) recorded as one validated report, exactly as
/// ``ReportWorkflow`` records typed figures.
public struct ProgressImportWorkflow {
    public let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// Records the workbook `bytes` (shown to the user as `file`) in `repository`.
    /// - Parameters:
    ///   - period: the period the template must be for, as the user typed it (refused otherwise).
    ///   - language: how the user writes numbers and periods.
    /// - Throws: `PlanStoreError.invalidInput` when the file is not this unit's template, is
    ///   for another period, is empty or has errors; ``InputProblem`` (`template.figure-refused`)
    ///   when `report` would refuse a figure. Nothing is committed then.
    public func run(_ bytes: [UInt8], file: String, period: String? = nil, language: Language,
                    in repository: UnitRepository) throws -> ReportWorkflow.Outcome {
        guard let filled = ReportTemplate.read(bytes, file: file) else {
            throw PlanStoreError.invalidInput(findings: [Message("template.not-a-template", ["file": .text(file)])])
        }
        let unit = try repository.unit()
        guard filled.unit == unit.id else {
            throw PlanStoreError.invalidInput(findings: [Message("template.other-unit", [
                "file": .text(file), "template": .text(filled.unit), "unit": .text(unit.id)])])
        }
        if let period, case .success(.period(let wanted)) = PeriodInput.parse(period, language: language), wanted != filled.period {
            throw PlanStoreError.invalidInput(findings: [Message("template.other-period", [
                "file": .text(file), "template": .period(filled.period.description), "period": .period(wanted.description)])])
        }
        let errors = filled.findings.filter { $0.severity == .error }
        if !errors.isEmpty { throw PlanStoreError.invalidInput(findings: errors.map(\.lineMessage)) }
        if filled.figures.isEmpty && filled.tasks.isEmpty {
            throw PlanStoreError.invalidInput(findings: [Message("template.empty", ["file": .text(file)])])
        }
        do {
            return try ReportWorkflow(environment: environment).run(
                period: filled.period.description, figureTexts: filled.figures.map { "\($0.indicator)=\($0.figure)" }, tasks: filled.tasks,
                language: language, in: repository)
        } catch let problem as InputProblem {
            throw InputProblem(Message("template.figure-refused", ["file": .text(file), "problem": .message(problem.message)]))
        }
    }
}
