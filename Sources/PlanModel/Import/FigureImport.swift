import Foundation

/// One row of a sheet of figures for `report --file`: the indicator and the figure as the
/// command line writes it (`82.5`, `41/50`).
public struct FigureRow: Hashable, Sendable {
    /// The line (a sheet's row) the figure is on.
    public let line: Int
    public let indicator: String
    /// `value` or `numerator/denominator`, to be read as a typed figure.
    public let figure: String
}

/// Reads a period's figures from a CSV file or a workbook's sheet, with the same header
/// aliases as the other imports:
///
/// | column | also accepted |
/// |---|---|
/// | `indicator` | `Chỉ tiêu`, `Mã`, `Mã chỉ tiêu`, `code` (required) |
/// | `value` | `Giá trị`, `Kết quả`, `Số liệu` |
/// | `numerator` | `Tử số` |
/// | `denominator` | `Mẫu số` |
///
/// A row gives a value, or a numerator and a denominator. Other columns (a name, a unit of
/// measure) are ignored without a warning: a filled-in sheet carries them for the reader.
public enum FigureImport {
    static let columns: [ImportColumn] = [
        ImportColumn("indicator", aliases: ImportColumn.indicatorAliases, required: true),
        ImportColumn("value", aliases: ["Giá trị", "Kết quả", "Số liệu"]),
        ImportColumn("numerator", aliases: ["Tử số"]),
        ImportColumn("denominator", aliases: ["Mẫu số"]),
    ]

    public static func read(_ bytes: [UInt8], file: String, sheet sheetName: String? = nil) -> (rows: [FigureRow], findings: [Finding]) {
        let (opened, openFindings) = ImportSheet.open(bytes, file: file, sheet: sheetName, columns: columns, what: .figures)
        guard let sheet = opened, sheet.usable else { return ([], openFindings) }
        var findings = openFindings.filter { $0.kind != "unknown-column" }
        var rows: [FigureRow] = []
        for record in sheet.table.records {
            var check = sheet.check(record)
            let indicator = sheet.cell("indicator", in: record)
            let value = sheet.cell("value", in: record), numerator = sheet.cell("numerator", in: record)
            let denominator = sheet.cell("denominator", in: record)
            if indicator.isEmpty {
                // A row with only a note or a total beside the table is not a figure.
                if value.isEmpty && numerator.isEmpty && denominator.isEmpty { continue }
                _ = check.required(indicator, "indicator", example: "import.example.indicator-code")
            } else if !numerator.isEmpty || !denominator.isEmpty {
                if let n = check.required(numerator, "numerator", example: "import.example.value"),
                   let d = check.required(denominator, "denominator", example: "import.example.value") {
                    rows.append(FigureRow(line: record.line, indicator: indicator, figure: "\(n)/\(d)"))
                }
            } else if !value.isEmpty {
                rows.append(FigureRow(line: record.line, indicator: indicator, figure: value))
            } else {
                // An indicator with no figure yet: the template's empty cell, nothing to record.
                continue
            }
            findings += check.findings
        }
        return (rows, Finding.sortedByPosition(findings))
    }
}
