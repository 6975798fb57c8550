import Foundation
import Workbook

/// The reporting workbook a parent sends a child for one period (`plancascade template`), and
/// what the child's `import progress` reads back from it once filled in.
///
/// Sheet "Báo cáo" ("Report"): a title, then one row per target with its code, name, unit of
/// measure, target and the previous period's figure, and yellow cells to fill — numerator and
/// denominator for a ratio, a value otherwise — with data validation (whole numbers for counts
/// and ratio parts, 0–maximum for scores, 0–100 for percentages, 0 or 1 for yes/no) and a
/// protected formula showing the ratio as a percentage. Sheet "Nhiệm vụ" ("Tasks"): the
/// child's tasks with a list of states to pick. A hidden sheet records the unit and the period,
/// so a template filled for another unit or period is refused.
public struct ReportTemplate: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        public let indicator: Indicator
        /// The child's target for the year, when it has one.
        public let target: Target?
        /// The child's latest figure before the period.
        public let previous: Figure?

        public init(indicator: Indicator, target: Target?, previous: Figure?) {
            self.indicator = indicator
            self.target = target
            self.previous = previous
        }
    }

    public struct TaskRow: Equatable, Sendable {
        public let task: PlanTask
        /// The status the child reported last, if any.
        public let status: TaskStatus?

        public init(task: PlanTask, status: TaskStatus?) {
            self.task = task
            self.status = status
        }
    }

    public let unit: UnitRef
    public let parent: UnitRef
    public let period: Period
    public var rows: [Row]
    public var tasks: [TaskRow]

    public init(unit: UnitRef, parent: UnitRef, period: Period, rows: [Row], tasks: [TaskRow]) {
        self.unit = unit
        self.parent = parent
        self.period = period
        self.rows = rows
        self.tasks = tasks
    }

    /// The hidden sheet naming the unit and the period.
    public static let metadataSheet = "_plancascade"
    /// The row of the table's header on the report sheet (a title and a note above it).
    static let headerRow = 4

    /// The workbook, its texts in `language`.
    public func workbook(in language: Language) -> WorkbookDocument {
        func say(_ code: String, _ arguments: [String: Message.Value] = [:]) -> String { Message(code, arguments).rendered(in: language) }
        let report = say("template.sheet.report"), taskSheet = say("template.sheet.tasks")
        let headers = ["indicator", "name", "measure", "target", "previous", "numerator", "denominator", "value", "percent"]
            .map { say("template.column.\($0)") }
        var rows: [[CellValue]] = [
            [.text(say("template.title", ["unit": .text(unit.name), "period": .period(period.description)]), .title)],
            [.text(say("template.note", ["parent": .text(parent.name)]), .note)],
            [],
            headers.map { .text($0, .header) },
        ]
        var validations: [CellValidation] = []
        for (offset, row) in templateRows(in: language).enumerated() {
            let r = Self.headerRow + 1 + offset
            rows.append(row.cells(row: r))
            validations += row.validations(row: r, language: language)
        }
        var sheet = SheetDocument(name: report, rows: rows)
        sheet.columnWidths = [14, 40, 11, 10, 11, 11, 11, 11, 10]
        sheet.frozenRows = Self.headerRow
        sheet.merges = ["A1:I1", "A2:I2"]
        sheet.validations = validations
        sheet.protected = true
        sheet.rowHeights = [1: 22, 2: 32]

        let statuses = TaskStatus.allCases.map { say("cli.tasks.status.\($0.rawValue)") }
        var taskRows: [[CellValue]] = [["id", "content", "deadline", "status"].map { .text(say("template.task.\($0)"), .header) }]
        for task in tasks {
            taskRows.append([
                .text(task.task.id, .cell), .text(task.task.content, .cell),
                task.task.deadline.map { .text(language == .vietnamese ? PeriodStyle.vietnamese($0) : $0.description, .cell) } ?? .text(task.task.timeframe ?? "", .cell),
                .text(task.status.map { say("cli.tasks.status.\($0.rawValue)") } ?? "", .input),
            ])
        }
        var tasksSheet = SheetDocument(name: taskSheet, rows: taskRows)
        tasksSheet.columnWidths = [16, 70, 16, 18]
        tasksSheet.frozenRows = 1
        if !tasks.isEmpty {
            tasksSheet.validations = [CellValidation(
                range: "D2:D\(tasks.count + 1)", kind: .list(statuses), error: say("template.validation.status"))]
        }
        tasksSheet.protected = true

        var metadata = SheetDocument(name: Self.metadataSheet, rows: [
            [.text("unit", .plain), .text(unit.id, .plain)],
            [.text("period", .plain), .text(period.description, .plain)],
            [.text("parent", .plain), .text(parent.id, .plain)],
            [.text("report-sheet", .plain), .text(report, .plain)],
            [.text("tasks-sheet", .plain), .text(taskSheet, .plain)],
            [.text("template", .plain), .text("1", .plain)],
        ])
        metadata.hidden = true
        return WorkbookDocument(sheets: tasks.isEmpty ? [sheet, metadata] : [sheet, tasksSheet, metadata])
    }

    private func templateRows(in language: Language) -> [TemplateRow] {
        rows.map { TemplateRow(row: $0, language: language) }
    }

    /// What a filled-in template holds.
    public struct Filled: Sendable {
        public let unit: String
        public let period: Period
        public let figures: [FigureRow]
        public let tasks: [String: TaskStatus]
        public let findings: [Finding]
    }

    /// Reads a filled-in template: its unit and period from the hidden sheet, the figures
    /// from the report sheet (as ``FigureImport`` reads any sheet), the task states from the
    /// tasks sheet (in either language). Nil when the workbook is not a template.
    public static func read(_ bytes: [UInt8], file: String) -> Filled? {
        guard XLSXReader.looksLikeWorkbook(bytes), let meta = try? CSVTable.read(bytes, sheet: metadataSheet) else { return nil }
        var values: [String: String] = [meta.header.first ?? "": meta.header.count > 1 ? meta.header[1] : ""]
        for record in meta.records where record.cells.count > 1 { values[record.cells[0]] = record.cells[1] }
        guard let unit = values["unit"], let period = values["period"].flatMap(Period.init), let reportSheet = values["report-sheet"] else { return nil }
        let read = FigureImport.read(bytes, file: file, sheet: reportSheet)
        var findings = read.findings
        var tasks: [String: TaskStatus] = [:]
        if let taskSheet = values["tasks-sheet"], let table = try? CSVTable.read(bytes, sheet: taskSheet), table.header.count >= 4 {
            var labels: [String: TaskStatus] = [:]
            for status in TaskStatus.allCases {
                labels[status.rawValue] = status
                for language in [Language.english, .vietnamese] {
                    labels[normalizedHeader(Message("cli.tasks.status.\(status.rawValue)").rendered(in: language))] = status
                }
            }
            for record in table.records {
                let id = record.cells[0], text = record.cells[3]
                guard !id.isEmpty, !text.isEmpty else { continue }
                if let status = labels[normalizedHeader(text)] ?? TaskStatus(rawValue: text) {
                    tasks[id] = status
                } else {
                    var finding = Finding(
                        severity: .error, kind: "type",
                        message: Message("template.bad-status", ["text": .text(text), "task": .text(id)]), file: file, line: record.line, column: 4)
                    finding.sheet = taskSheet
                    findings.append(finding)
                }
            }
        }
        return Filled(unit: unit, period: period, figures: read.rows, tasks: tasks, findings: findings)
    }
}

/// One indicator's row of the report sheet.
private struct TemplateRow {
    let row: ReportTemplate.Row
    let language: Language

    var isRatio: Bool { row.indicator.aggregation == .ratio }

    func cells(row r: Int) -> [CellValue] {
        let indicator = row.indicator
        let measure = Message("template.measure.\(indicator.measure.rawValue)").rendered(in: language)
        let target: CellValue = row.target.map { .number($0.value.description, .number) } ?? .empty(.number)
        let previous: CellValue
        if let figure = row.previous {
            if let n = figure.numerator, let d = figure.denominator {
                previous = .text("\(n)/\(d)", .number)
            } else if let value = figure.effectiveValue {
                previous = .number(value.description, .number)
            } else {
                previous = .empty(.number)
            }
        } else {
            previous = .empty(.number)
        }
        if isRatio {
            return [
                .text(indicator.code, .cell), .text(indicator.name, .cell), .text(measure, .cell), target, previous,
                .empty(.inputInteger), .empty(.inputInteger), .empty(.number),
                .formula("IF(AND(ISNUMBER(F\(r)),ISNUMBER(G\(r)),G\(r)>0),ROUND(F\(r)/G\(r)*100,2),\"\")", .number),
            ]
        }
        let input: CellStyle = indicator.measure == .count || indicator.measure == .rank || indicator.measure == .boolean ? .inputInteger : .inputDecimal
        return [
            .text(indicator.code, .cell), .text(indicator.name, .cell), .text(measure, .cell), target, previous,
            .empty(.number), .empty(.number), .empty(input), .empty(.number),
        ]
    }

    func validations(row r: Int, language: Language) -> [CellValidation] {
        func say(_ code: String, _ arguments: [String: Message.Value] = [:]) -> String { Message(code, arguments).rendered(in: language) }
        if isRatio {
            return [CellValidation(range: "F\(r):G\(r)", kind: .whole(min: "0", max: "1000000000"), error: say("template.validation.whole"))]
        }
        switch row.indicator.measure {
        case .count: return [CellValidation(range: "H\(r)", kind: .whole(min: "0", max: "1000000000"), error: say("template.validation.whole"))]
        case .rank: return [CellValidation(range: "H\(r)", kind: .whole(min: "1", max: "10000"), error: say("template.validation.rank"))]
        case .boolean: return [CellValidation(range: "H\(r)", kind: .whole(min: "0", max: "1"), error: say("template.validation.boolean"))]
        case .percent: return [CellValidation(range: "H\(r)", kind: .decimal(min: "0", max: "100"), error: say("template.validation.percent"))]
        case .score:
            let max = row.indicator.maxScore?.description ?? "1000"
            return [CellValidation(range: "H\(r)", kind: .decimal(min: "0", max: max), error: say("template.validation.score", ["max": .text(max)]))]
        }
    }
}
