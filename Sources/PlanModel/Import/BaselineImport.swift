import Foundation

/// One imported baseline row: a figure known for a unit.
public struct BaselineRow: Hashable, Sendable {
    /// The CSV line the row starts on.
    public var line: Int
    public var unit: String
    public var indicator: String
    public var value: Exact
    public var asOf: CivilDate?

    public init(line: Int, unit: String, indicator: String, value: Exact, asOf: CivilDate? = nil) {
        self.line = line
        self.unit = unit
        self.indicator = indicator
        self.value = value
        self.asOf = asOf
    }
}

/// Reads baseline figures from a CSV or TSV file (pure: bytes in, rows and findings out).
///
/// Columns (header case-insensitive, any Unicode normal form, surrounding spaces ignored):
/// `unit` (`Đơn vị`; a unit id), `indicator` (`Chỉ tiêu`; an indicator code), `value`
/// (`Giá trị`, `actual_pct`, `Kết quả`; an exact decimal, a trailing `%` is allowed) — all
/// required — and `as_of` (`Ngày`, `asOf`; `YYYY-MM-DD` or `DD/MM/YYYY`). Other columns are
/// ignored with a warning; one unit and indicator per row.
public enum BaselineImport {
    static let columns: [ImportColumn] = [
        ImportColumn("unit", aliases: ["Đơn vị"], required: true),
        ImportColumn("indicator", aliases: ImportColumn.indicatorAliases, required: true),
        ImportColumn("value", aliases: ["Giá trị", "actual_pct", "Kết quả"], required: true),
        ImportColumn("as_of", aliases: ["Ngày", "asOf"]),
    ]

    /// Reads `bytes` (the file at `file`, for findings).
    /// - Returns: the rows without errors, and every finding sorted by line.
    public static func read(_ bytes: [UInt8], file: String, sheet sheetName: String? = nil) -> (rows: [BaselineRow], findings: [Finding]) {
        let (opened, openFindings) = ImportSheet.open(bytes, file: file, sheet: sheetName, columns: columns, what: .baselines)
        guard let sheet = opened, sheet.usable else { return ([], openFindings) }
        var findings = openFindings
        var seen = SeenIDs()
        var rows: [BaselineRow] = []
        for record in sheet.table.records {
            var check = sheet.check(record)
            func cell(_ name: String) -> String { sheet.cell(name, in: record) }
            let unit = check.required(cell("unit"), "unit", example: "import.example.unit").flatMap {
                check.identifier($0, ValidationTerm.unitID, example: .text("buon-don"))
            }
            let indicator = check.required(cell("indicator"), "indicator", example: "import.example.indicator-code")
                .flatMap { check.identifier($0, ValidationTerm.indicatorCode, example: .term("import.example.indicator-id")) }
            let value = check.required(cell("value"), "value", example: "import.example.value").flatMap {
                check.number($0, "value", allowPercentSign: true)
            }
            let asOfText = cell("as_of")
            let asOf = asOfText.isEmpty ? nil : check.date(asOfText, "as_of")
            if let unit, let indicator, let earlier = seen.check("\(unit)\u{0}\(indicator)", line: record.line) {
                check.report(
                    "duplicate-id",
                    Message(
                        "import.baseline-duplicate",
                        ["unit": .text(unit), "indicator": .text(indicator), "line": .count(earlier.line)]))
            }
            findings += check.findings
            if let unit, let indicator, let value, !check.failed, asOfText.isEmpty || asOf != nil {
                rows.append(BaselineRow(line: record.line, unit: unit, indicator: indicator, value: value, asOf: asOf))
            }
        }
        return (rows, Finding.sortedByPosition(findings))
    }

    /// Groups rows into one ``Baselines`` document per unit, sorted by unit id (the first
    /// row wins for a repeated unit and indicator).
    public static func documents(_ rows: [BaselineRow]) -> [Baselines] {
        var byUnit: [String: Baselines] = [:]
        for row in rows {
            var document = byUnit[row.unit] ?? Baselines(unit: row.unit)
            if document.values[row.indicator] == nil {
                document.values[row.indicator] = BaselineValue(value: row.value, asOf: row.asOf)
            }
            byUnit[row.unit] = document
        }
        return byUnit.keys.sorted().map { byUnit[$0]! }
    }
}
