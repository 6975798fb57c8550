import Foundation

/// One imported assignment row: the parent's explicit target for one child.
public struct AssignmentRow: Hashable, Sendable {
    /// The CSV line the row starts on.
    public var line: Int
    public var unit: String
    public var indicator: String
    public var assignment: Assignment

    public init(line: Int, unit: String, indicator: String, assignment: Assignment) {
        self.line = line
        self.unit = unit
        self.indicator = indicator
        self.assignment = assignment
    }
}

/// Reads a per-unit assignment table (`plancascade import assignments`; 004 Phụ lục II
/// "giao chỉ tiêu cụ thể cho các cơ quan, đơn vị, địa phương") from a workbook sheet or a CSV
/// or TSV file (pure: bytes in, rows and findings out).
///
/// | column | also accepted | |
/// |---|---|---|
/// | `unit` | `Đơn vị`, `Mã đơn vị`, `Cơ quan, đơn vị` | required; a child's id |
/// | `indicator` | `Chỉ tiêu`, `Mã chỉ tiêu`, `code` | required; an indicator the unit has a target for |
/// | `target` | `Mục tiêu`, `Chỉ tiêu giao` | required; an exact decimal (`55`, `55%`) |
/// | `deadline` | `Thời hạn` | `YYYY-MM-DD`, `DD/MM/YYYY` or a timeframe text |
///
/// Whether the unit is a child and the indicator has a target is checked by the import
/// workflow, which knows the registry; a unit and indicator twice in one file is an error.
public enum AssignmentImport {
    static let columns: [ImportColumn] = [
        ImportColumn("unit", aliases: ["Đơn vị", "Mã đơn vị", "Cơ quan, đơn vị"], required: true),
        ImportColumn("indicator", aliases: ["Chỉ tiêu", "Mã chỉ tiêu", "code"], required: true),
        ImportColumn("target", aliases: ["Mục tiêu", "Chỉ tiêu giao"], required: true),
        ImportColumn("deadline", aliases: ["Thời hạn"]),
    ]

    /// Reads `bytes` (the file at `file`, for findings).
    /// - Parameter defaultYear: the plan year, for timeframe deadlines without one.
    /// - Returns: the rows without errors, and every finding sorted by line.
    /// - Parameter sheetName: the sheet of an `.xlsx` workbook to read (the first when nil).
    public static func read(
        _ bytes: [UInt8], file: String, sheet sheetName: String? = nil, defaultYear: Int? = nil
    ) -> (rows: [AssignmentRow], findings: [Finding]) {
        let (opened, openFindings) = ImportSheet.open(bytes, file: file, sheet: sheetName, columns: columns, what: .assignments)
        guard let sheet = opened, sheet.usable else { return ([], openFindings) }
        var findings = openFindings
        var seen: [String: Int] = [:]
        var rows: [AssignmentRow] = []
        for record in sheet.table.records {
            var check = sheet.check(record)
            func cell(_ name: String) -> String { sheet.cell(name, in: record) }
            let unit = check.required(cell("unit"), "unit", example: "scope.example.unit").flatMap {
                check.identifier($0, ValidationTerm.unitID, example: .term("scope.example.unit"))
            }
            let indicator = check.required(cell("indicator"), "indicator", example: "import.example.indicator").flatMap {
                check.identifier($0, ValidationTerm.indicatorCode, example: .term("import.example.indicator-id"))
            }
            let value = check.required(cell("target"), "target", example: "import.example.target").flatMap {
                check.number($0, "target", allowPercentSign: true)
            }
            var deadline: CivilDate?
            let deadlineText = cell("deadline")
            if !deadlineText.isEmpty { deadline = check.date(deadlineText, "deadline", timeframe: true, defaultYear: defaultYear) }
            if let unit, let indicator {
                let key = "\(unit.lowercased())\u{0}\(indicator.lowercased())"
                if let earlier = seen[key] {
                    check.report("duplicate-id", Message("scope.import.assignment-twice", [
                        "unit": .text(unit), "indicator": .text(indicator), "line": .count(earlier)]))
                } else {
                    seen[key] = record.line
                }
            }
            findings += check.findings
            if let unit, let indicator, let value, !check.failed {
                rows.append(AssignmentRow(line: record.line, unit: unit, indicator: indicator, assignment: Assignment(value: value, deadline: deadline)))
            }
        }
        return (rows, Finding.sortedByPosition(findings))
    }
}
