import Foundation

/// One imported task row.
public struct TaskRow: Hashable, Sendable {
    /// The CSV line the row starts on.
    public var line: Int
    public var task: PlanTask

    public init(line: Int, task: PlanTask) {
        self.line = line
        self.task = task
    }
}

/// Reads plan tasks from a CSV or TSV file (pure: bytes in, rows and findings out).
///
/// Columns (header case-insensitive, any Unicode normal form, surrounding spaces ignored):
///
/// | column | also accepted | |
/// |---|---|---|
/// | `id` | `Mã nhiệm vụ` | a valid id; when absent, derived from the content |
/// | `content` | `Nội dung`, `Nhiệm vụ`, `tasks` | required |
/// | `lead` | `Chủ trì`, `Cơ quan chủ trì`, `lead_agency`, `Cơ quan thực hiện`, `agencies` | |
/// | `cooperating` | `Phối hợp`, `Cơ quan phối hợp`, `cooperating_agencies` | split on `;` or ` \| ` |
/// | `timeframe` | `Thời gian`, `Thời gian thực hiện`, `Thời hạn` | kept as text; `deadline` is its latest date |
/// | `product` | `Sản phẩm` | |
/// | `kind` | `Loại` | remedy (`khắc phục`, or empty) or maintain (`duy trì`) |
/// | `indicators` | `Chỉ tiêu` | codes split on `;`, `\|` or `,` |
///
/// Other columns are ignored with a warning. Rows with an error are left out of `rows`.
public enum TaskImport {
    static let columns: [ImportColumn] = [
        ImportColumn("id", aliases: ["Mã nhiệm vụ"]),
        ImportColumn("content", aliases: ["Nội dung", "Nhiệm vụ", "tasks"], required: true),
        ImportColumn(
            "lead", aliases: ["Chủ trì", "Cơ quan chủ trì", "lead_agency", "Cơ quan thực hiện", "agencies"]),
        ImportColumn("cooperating", aliases: ["Phối hợp", "Cơ quan phối hợp", "cooperating_agencies"]),
        ImportColumn("timeframe", aliases: ["Thời gian", "Thời gian thực hiện", "Thời hạn"]),
        ImportColumn("product", aliases: ["Sản phẩm"]),
        ImportColumn("kind", aliases: ["Loại"]),
        ImportColumn("indicators", aliases: ["Chỉ tiêu"]),
    ]

    /// Reads `bytes` (the file at `file`, for findings).
    /// - Parameter defaultYear: the plan year, for timeframes without one ("Quý IV",
    ///   "trước ngày 20/11", "Thường xuyên trong năm").
    /// - Returns: the rows without errors, and every finding sorted by line.
    public static func read(_ bytes: [UInt8], file: String, sheet sheetName: String? = nil, defaultYear: Int) -> (rows: [TaskRow], findings: [Finding]) {
        let (opened, openFindings) = ImportSheet.open(bytes, file: file, sheet: sheetName, columns: columns, what: .tasks)
        guard let sheet = opened, sheet.usable else { return ([], openFindings) }
        var findings = openFindings
        var seen = SeenIDs()
        var rows: [TaskRow] = []
        for record in sheet.table.records {
            var check = sheet.check(record)
            let row = readRow(record, sheet: sheet, defaultYear: defaultYear, seen: &seen, check: &check)
            findings += check.findings
            if let row, !check.failed { rows.append(row) }
        }
        return (rows, Finding.sortedByPosition(findings))
    }

    static func readRow(
        _ record: CSVTable.Record, sheet: ImportSheet, defaultYear: Int, seen: inout SeenIDs, check: inout RowCheck
    ) -> TaskRow? {
        func cell(_ name: String) -> String { sheet.cell(name, in: record) }

        let content = check.required(cell("content"), "content", example: "import.example.content")
        var id: String?
        let idText = cell("id")
        if !idText.isEmpty {
            id = check.identifier(idText, ValidationTerm.taskID, example: .term("import.example.task-id"))
        } else if let content {
            id = derivedID(content: content)
        }
        if let id, let earlier = seen.check(id, line: record.line) {
            let how =
                idText.isEmpty
                ? Message("import.task-derived-duplicate", ["id": .text(id), "line": .count(earlier.line)])
                : earlier.id == id
                    ? Message("import.task-duplicate", ["id": .text(id), "line": .count(earlier.line)])
                    : Message("import.task-case", ["id": .text(id), "first": .text(earlier.id), "line": .count(earlier.line)])
            check.report("duplicate-id", how)
        }

        var kind: TaskKind?
        let kindText = cell("kind")
        kind = parseKind(kindText)
        if kind == nil {
            check.report("type", Message("import.unknown-kind", ["text": .text(kindText)]))
        }

        var indicators: [String] = []
        for code in ImportValue.list(cell("indicators"), separators: [";", "|", ","]) {
            let example: Message.Value = .term("import.example.indicator-id")
            guard let valid = check.identifier(code, ValidationTerm.indicatorCode, example: example) else { continue }
            if !indicators.contains(valid) { indicators.append(valid) }
        }

        let timeframe = ImportValue.optional(cell("timeframe"))
        guard let content, let id, let kind else { return nil }
        let task = PlanTask(
            id: id, content: content, lead: ImportValue.optional(cell("lead")),
            cooperating: ImportValue.agencies(cell("cooperating")), timeframe: timeframe,
            deadline: timeframe.flatMap { Timeframe.latestDate(in: $0, defaultYear: defaultYear) },
            product: ImportValue.optional(cell("product")), kind: kind, indicators: indicators, provenance: nil)
        return TaskRow(line: record.line, task: task)
    }

    /// `remedy`/`khắc phục`/empty → remedy, `maintain`/`duy trì` → maintain.
    static func parseKind(_ text: String) -> TaskKind? {
        switch normalizedHeader(text) {
        case "", "remedy", "khắc phục": return .remedy
        case "maintain", "duy trì": return .maintain
        default: return nil
        }
    }

    /// A stable id for a task without one: `task-` and the 8 hexadecimal digits of the
    /// 32-bit FNV-1a hash of the NFC content, so re-importing a file updates the same files.
    public static func derivedID(content: String) -> String {
        var hash: UInt32 = 0x811C_9DC5
        for byte in content.precomposedStringWithCanonicalMapping.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        let hex = String(hash, radix: 16)
        return "task-" + String(repeating: "0", count: 8 - hex.count) + hex
    }
}
