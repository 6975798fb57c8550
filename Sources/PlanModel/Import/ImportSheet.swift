import Foundation

/// One column an import reader understands: its canonical name, the other header texts
/// that mean it (Vietnamese and seed-file names), and whether it must be present.
struct ImportColumn {
    let name: String
    let aliases: [String]
    let required: Bool
    /// Further header forms, e.g. `target_<year>`.
    let matches: (@Sendable (String) -> Bool)?
    /// How those forms are shown in messages, e.g. `target_<year>`.
    let forms: [String]

    init(
        _ name: String, aliases: [String] = [], required: Bool = false,
        matches: (@Sendable (String) -> Bool)? = nil, forms: [String] = []
    ) {
        self.name = name
        self.aliases = aliases
        self.required = required
        self.matches = matches
        self.forms = forms
    }
}

extension ImportColumn {
    /// The indicator column, as every sheet names it (targets, baselines, figures).
    static let indicatorAliases = ["Chỉ tiêu", "Mã", "Mã chỉ tiêu", "code"]
}

/// A CSV file or a workbook's sheet opened for import: its records, which column holds which
/// field, and the findings so far (syntax problems, missing and ignored columns).
struct ImportSheet {
    let file: String
    let table: CSVTable
    /// Canonical column name → cell index.
    let columns: [String: Int]
    /// Canonical column name → text used when the column is absent or the cell empty.
    let defaults: [String: String]
    var findings: [Finding] = []
    /// False when a required column is missing: no row can be read.
    var usable = true

    /// Parses `bytes` and maps the header; nil (with a finding) when the file cannot be read.
    /// `sheetName` picks a workbook's sheet (the first when nil).
    static func open(
        _ bytes: [UInt8], file: String, sheet sheetName: String? = nil, columns spec: [ImportColumn], defaults given: [String: String] = [:],
        what: ImportSheet.What
    ) -> (sheet: ImportSheet?, findings: [Finding]) {
        let sheet: Message.Value = .term(what.rawValue)
        var table: CSVTable
        do {
            table = try CSVTable.read(bytes, sheet: sheetName)
        } catch {
            return (nil, [Finding(severity: .error, kind: "syntax", message: error.message, file: file, line: error.line)])
        }
        table = locateHeader(in: table, spec: spec, defaults: given).checkedAgainstHeader()
        var findings = table.problems.map {
            var problem = Finding(
                severity: .error, kind: "syntax",
                message: Message("csv.row-skipped", ["line": .count($0.line), "message": .message($0.message)]),
                file: file, line: $0.line)
            problem.sheet = table.sheet
            return problem
        }
        let headerLine = table.headerLine
        func finding(_ severity: Finding.Severity, _ kind: Finding.Kind, _ message: Message) {
            var problem = Finding(severity: severity, kind: kind, message: message, file: file, line: headerLine)
            problem.sheet = table.sheet
            findings.append(problem)
        }

        // Map header cells to fields: the canonical name first, then aliases in order, then
        // patterns; each header cell serves one field.
        let keys = table.header.map(normalizedHeader)
        var columns: [String: Int] = [:]
        var taken = Set<Int>()
        for column in spec {
            var candidates = [normalizedHeader(column.name)] + column.aliases.map(normalizedHeader)
            if let matches = column.matches {
                candidates += keys.filter { matches($0) && !candidates.contains($0) }
            }
            for candidate in candidates {
                if let index = keys.indices.first(where: { keys[$0] == candidate && !taken.contains($0) }) {
                    columns[column.name] = index
                    taken.insert(index)
                    break
                }
            }
        }

        var defaults: [String: String] = [:]
        for (key, value) in given.sorted(by: { $0.key < $1.key }) {
            let normal = normalizedHeader(key)
            guard let column = spec.first(where: { normalizedHeader($0.name) == normal || $0.aliases.map(normalizedHeader).contains(normal) }) else {
                finding(.warning, "unknown-column", Message("import.unknown-default", ["column": .text(key), "what": sheet]))
                continue
            }
            defaults[column.name] = value.trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping
        }

        var usable = true
        for column in spec where column.required && columns[column.name] == nil && (defaults[column.name] ?? "").isEmpty {
            usable = false
            let others = column.aliases + column.forms
            var arguments: [String: Message.Value] = [
                "column": .text(column.name), "header": .list(table.header.map { .text($0) }),
            ]
            if !others.isEmpty { arguments["others"] = .list(others.map { .text($0) }) }
            let code = others.isEmpty ? "import.missing-column" : "import.missing-column-aliases"
            finding(.error, "missing-column", Message(code, arguments))
        }
        let ignored = table.header.indices.filter { !taken.contains($0) && !table.header[$0].isEmpty }.map { table.header[$0] }
        if !ignored.isEmpty {
            finding(
                .warning, "unknown-column",
                Message(
                    "import.ignored-columns",
                    ["count": .count(ignored.count), "columns": .list(ignored.map { .text("'\($0)'") }), "what": sheet,
                     "known": .list(spec.map { .text($0.name) })]))
        }
        var opened = ImportSheet(file: file, table: table, columns: columns, defaults: defaults)
        opened.usable = usable
        return (opened, findings)
    }

    /// An office's sheet often opens with a title and notes above the table (Phụ lục I, a
    /// reporting template): when the first row lacks a required column, the header is the
    /// first of the next 30 rows that has every required column.
    static func locateHeader(in table: CSVTable, spec: [ImportColumn], defaults: [String: String]) -> CSVTable {
        let given = Set(defaults.keys.map(normalizedHeader))
        let required = spec.filter { $0.required && !given.contains(normalizedHeader($0.name)) }
        func fits(_ cells: [String]) -> Bool {
            let keys = Set(cells.map(normalizedHeader))
            return required.allSatisfy { column in
                keys.contains(normalizedHeader(column.name)) || column.aliases.contains { keys.contains(normalizedHeader($0)) }
                    || (column.matches.map { matches in keys.contains(where: matches) } ?? false)
            }
        }
        guard !required.isEmpty, !fits(table.header),
              let index = table.records.prefix(30).firstIndex(where: { fits($0.cells) }) else { return table }
        let header = table.records[index]
        var rebased = CSVTable(
            header: header.cells, headerLine: header.line, records: Array(table.records[(index + 1)...]),
            problems: table.problems.filter { $0.line > header.line }, separator: table.separator)
        rebased.sheet = table.sheet
        return rebased
    }

    /// What a sheet holds, for messages: "targets", "tasks", … (the term's code).
    enum What: String {
        case targets = "import.what.targets", indicators = "import.what.indicators", tasks = "import.what.tasks"
        case baselines = "import.what.baselines", figures = "import.what.figures"
    }

    /// The check of one record's cells: its findings name the file, the row and (for a
    /// field's cell) the column, or the sheet's cell (`Sheet!C12`).
    func check(_ record: CSVTable.Record) -> RowCheck {
        RowCheck(file: file, line: record.line, sheet: table.sheet, columns: columns, headers: columns.mapValues { table.header[$0] })
    }

    /// The header text of a field's column, for messages.
    func header(of name: String) -> String? {
        columns[name].map { table.header[$0] }
    }

    /// The cell of field `name` in `record`, or its default when the column is absent or
    /// the cell is empty ("" when neither).
    func cell(_ name: String, in record: CSVTable.Record) -> String {
        if let index = columns[name], !record.cells[index].isEmpty { return record.cells[index] }
        return defaults[name] ?? ""
    }
}

/// Collects the findings of one CSV row; any error drops the row.
struct RowCheck {
    let file: String
    let line: Int
    /// The workbook's sheet, when the row is a sheet's.
    let sheet: String?
    /// Canonical column name → 0-based cell index, to name the cell of a field.
    let columns: [String: Int]
    /// Canonical column name → its header as the file writes it ("Mẫu số" for
    /// `denominator`): messages name a column in the file's own words.
    let headers: [String: String]
    private(set) var findings: [Finding] = []
    private(set) var failed = false

    init(file: String, line: Int, sheet: String? = nil, columns: [String: Int] = [:], headers: [String: String] = [:]) {
        self.file = file
        self.line = line
        self.sheet = sheet
        self.columns = columns
        self.headers = headers
    }

    /// The column as the file's header names it, else its canonical name.
    func shown(_ column: String) -> Message.Value { .text(headers[column].flatMap { $0.isEmpty ? nil : $0 } ?? column) }

    /// Records `message`, prefixed with "row <line>: "; about the cell of field `column`
    /// when given.
    mutating func report(_ kind: Finding.Kind, _ message: Message, severity: Finding.Severity = .error, column: String? = nil) {
        if severity == .error { failed = true }
        var finding = Finding(
            severity: severity, kind: kind, message: Message("import.row", ["line": .count(line), "message": .message(message)]),
            // A sheet's cell is named (`Sheet!C12`); a text file's findings keep `file:line`.
            file: file, line: line, column: sheet == nil ? nil : column.flatMap { columns[$0] }.map { $0 + 1 })
        finding.sheet = sheet
        findings.append(finding)
    }

    /// The cell of column `column` when it is not empty; otherwise a `missing-field` error
    /// saying what to write (`example`, an `import.example.*` code).
    mutating func required(_ text: String, _ column: String, example: String) -> String? {
        guard text.isEmpty else { return text }
        report("missing-field", Message("import.empty-cell", ["column": shown(column), "example": .term(example)]), column: column)
        return nil
    }

    /// An id that passes ``Identifier/problem(_:)``; `what` names it (a ``ValidationTerm``),
    /// `example` shows valid ones.
    mutating func identifier(_ text: String, _ what: Message.Value, example: Message.Value) -> String? {
        if let problem = Identifier.problemMessage(text) {
            report(
                "identifier",
                Message("import.identifier", ["what": what, "id": .text(text), "problem": .message(problem), "example": example]))
            return nil
        }
        return text
    }

    /// An exact decimal in column `column` (see ``ImportValue/exact(_:allowPercentSign:)``).
    mutating func number(_ text: String, _ column: String, allowPercentSign: Bool = false) -> Exact? {
        switch ImportValue.exact(text, allowPercentSign: allowPercentSign) {
        case .success(let value): return value
        case .failure(let problem):
            report(
                "type",
                Message("import.not-number", ["column": shown(column), "text": .text(text), "problem": .message(problem.message)]),
                column: column)
            return nil
        }
    }

    /// A date written `YYYY-MM-DD` or `DD/MM/YYYY`, or (when `timeframe`) a timeframe text
    /// read by ``Timeframe/latestDate(in:defaultYear:)``.
    mutating func date(_ text: String, _ column: String, timeframe: Bool = false, defaultYear: Int? = nil) -> CivilDate? {
        if let date = ImportValue.date(text) { return date }
        if timeframe, let date = Timeframe.latestDate(in: text, defaultYear: defaultYear) { return date }
        report(
            "type",
            Message(timeframe ? "import.not-date-or-timeframe" : "import.not-date", ["column": shown(column), "text": .text(text)]),
            column: column)
        return nil
    }
}

/// Parsing of single cells.
enum ImportValue {
    struct Problem: Error, Equatable {
        /// What is wrong with the cell, after "<column> '<text>'" (`import.number.*`).
        let message: Message
    }

    /// A plain decimal `-?digits(.digits)?` of at most 38 digits; a trailing `%` is
    /// dropped when `allowPercentSign`. Exponents, `NaN`, decimal commas and thousands
    /// separators are refused with a hint.
    static func exact(_ text: String, allowPercentSign: Bool = false) -> Result<Exact, Problem> {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        if allowPercentSign, body.hasSuffix("%") {
            body = body.dropLast().drop(while: \.isWhitespace)
            body = Substring(body.trimmingCharacters(in: .whitespaces))
        }
        let bytes = Array(body.utf8)
        if isPlainDecimal(bytes) {
            let digits = body.drop { $0 == "-" || $0 == "0" }.filter { $0 != "." }.count
            guard digits <= Exact.maxDigits, let value = Exact(String(body)) else {
                return .failure(Problem(message: Message("import.number.too-many-digits", ["max": .count(Exact.maxDigits)])))
            }
            return .success(value)
        }
        if body.contains(","), isPlainDecimal(Array(body.replacingOccurrences(of: ",", with: ".").utf8)) {
            return .failure(Problem(message: Message("import.number.decimal-comma")))
        }
        if body.contains("e") || body.contains("E"), Exact(String(body)) != nil || body.first?.isNumber == true {
            return .failure(Problem(message: Message("import.number.exponent")))
        }
        if body.hasSuffix("%") {
            return .failure(Problem(message: Message("import.number.percent-sign")))
        }
        return .failure(Problem(message: Message("import.number.not-number")))
    }

    /// `-?digits(.digits)?`.
    static func isPlainDecimal(_ bytes: [UInt8]) -> Bool {
        var i = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        let start = i
        while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { i += 1 }
        guard i > start else { return false }
        if i == bytes.count { return true }
        guard bytes[i] == UInt8(ascii: ".") else { return false }
        i += 1
        let fraction = i
        while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { i += 1 }
        return i > fraction && i == bytes.count
    }

    /// `YYYY-MM-DD`, or `D/M/YYYY` (also with `-` or `.` between the parts).
    static func date(_ text: String) -> CivilDate? {
        if let date = CivilDate(text) { return date }
        for separator in ["/", "-", "."] {
            let parts = text.split(separator: Character(separator), omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4,
                let d = parseDigits(ArraySlice(parts[0].utf8)), let m = parseDigits(ArraySlice(parts[1].utf8)),
                let y = parseDigits(ArraySlice(parts[2].utf8))
            else { continue }
            return CivilDate(year: y, month: m, day: d)
        }
        return nil
    }

    /// Splits a list cell on any of `separators`, trimming items and dropping empty ones.
    static func list(_ text: String, separators: [String]) -> [String] {
        var items = [text]
        for separator in separators {
            items = items.flatMap { $0.components(separatedBy: separator) }
        }
        return items.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Agencies: split on `;` or ` | ` (commas belong to names such as "Các sở, ban, ngành").
    static func agencies(_ text: String) -> [String] {
        list(text, separators: [";", " | "])
    }

    /// The text, or nil when empty.
    static func optional(_ text: String) -> String? {
        text.isEmpty ? nil : text
    }
}

/// Header text as compared: NFC, lower-cased, surrounding spaces dropped, inner runs of
/// spaces collapsed.
func normalizedHeader(_ text: String) -> String {
    text.precomposedStringWithCanonicalMapping.lowercased().precomposedStringWithCanonicalMapping
        .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}

/// Tracks ids already seen in a file, case-insensitively (file names must differ on
/// case-insensitive file systems).
struct SeenIDs {
    private var first: [String: (line: Int, id: String)] = [:]

    /// Nil when `id` is new; otherwise the earlier line and spelling.
    mutating func check(_ id: String, line: Int) -> (line: Int, id: String)? {
        let key = id.lowercased()
        if let earlier = first[key] { return earlier }
        first[key] = (line, id)
        return nil
    }
}
