import PlanModel
import Workbook

/// ``ExportReport`` as files an office opens in Excel: a workbook with one sheet per table
/// (real numeric cells, frozen headers, column widths, the reader's language), and CSV files
/// with a byte-order mark, one table per file.
extension ExportRenderer {
    /// The workbook: targets against figures (one row per unit and indicator), findings,
    /// history.
    public static func workbook(_ report: ExportReport, in language: Language) -> WorkbookDocument {
        let words = Words(language)
        let tables = tables(report, words)
        func header(_ codes: [String]) -> [CellValue] { codes.map { .text(words("export.column.\($0)"), .header) } }
        // Targets against figures, numbers as numbers.
        var status: [[CellValue]] = [
            [.text(title(report, words), .title)], [.text(subtitle(report, words), .note)], [],
            header(["unit", "name", "indicator", "comparator", "target", "actual", "numerator", "denominator", "period", "deadline", "state"]),
        ]
        for line in report.status {
            // A ratio's figure is its percentage (82.5), as the target is.
            let actual: CellValue = line.actual.map { .number($0.description, line.isRatio ? .fixed2 : .number) } ?? .empty(.number)
            status.append([
                .text(line.unit, .cell), .text(line.name, .cell), .text(line.indicator, .cell), .text(line.comparator, .cell),
                .number(line.target.description, .number), actual,
                line.fraction.map { .number($0.numerator.description, .number) } ?? .empty(.number),
                line.fraction.map { .number($0.denominator.description, .number) } ?? .empty(.number),
                .text(line.period.map { words(.period($0)) } ?? "", .cell), .text(line.deadline.map { words(.date($0)) } ?? "", .cell),
                .text(words("term.state.\(line.state)"), .cell),
            ])
        }
        var first = SheetDocument(name: sheetName(tables[0].title), rows: status)
        first.frozenRows = 4
        first.columnWidths = [14, 30, 14, 8, 10, 10, 11, 11, 12, 12, 16]
        first.merges = ["A1:K1", "A2:K2"]
        first.rowHeights = [1: 22, 2: 18]
        var sheets = [first]
        for table in tables.dropFirst() {
            var sheet = SheetDocument(name: sheetName(table.title), rows: [table.header.map { .text($0, .header) }] + table.rows.map { $0.map { .text($0, .cell) } })
            sheet.frozenRows = 1
            sheet.columnWidths = table.header.indices.map { column in
                min(60, max(8, Double(([table.header[column]] + table.rows.map { $0[column] }).map(\.count).max() ?? 8) * 0.9))
            }
            sheets.append(sheet)
        }
        return WorkbookDocument(sheets: sheets)
    }

    /// Excel's rules for a sheet name: at most 31 characters, none of `[]:*?/\`.
    static func sheetName(_ title: String) -> String {
        String(title.filter { !"[]:*?/\\".contains($0) }.prefix(31))
    }

    /// One CSV text per table (`status`, `findings`, `history`), each with a byte-order mark
    /// so that Excel reads it as UTF-8, and its header on the first line.
    public static func csvFiles(_ report: ExportReport, in language: Language) -> [(table: String, text: String)] {
        tables(report, Words(language)).map { table in
            let lines = ([table.header] + table.rows).map { $0.map(csvCell).joined(separator: ",") }
            return (table.id, "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n")
        }
    }
}
