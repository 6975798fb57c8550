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

/// A CSV file opened for import: its records, which column holds which field, and the
/// findings so far (syntax problems, missing and ignored columns).
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
    static func open(
        _ bytes: [UInt8], file: String, columns spec: [ImportColumn], defaults given: [String: String] = [:],
        what: ImportSheet.What
    ) -> (sheet: ImportSheet?, findings: [Finding]) {
        let sheet: Message.Value = .term(what.rawValue)
        let table: CSVTable
        do {
            table = try CSVTable.parse(bytes)
        } catch {
            return (nil, [Finding(severity: .error, kind: "syntax", message: error.message, file: file, line: error.line)])
        }
        var findings = table.problems.map {
            Finding(
                severity: .error, kind: "syntax",
                message: Message("csv.row-skipped", ["line": .count($0.line), "message": .message($0.message)]),
                file: file, line: $0.line)
        }
        let headerLine = table.headerLine
        func finding(_ severity: Finding.Severity, _ kind: Finding.Kind, _ message: Message) {
            findings.append(Finding(severity: severity, kind: kind, message: message, file: file, line: headerLine))
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

    /// What a sheet holds, for messages: "targets", "tasks", … (the term's code).
    enum What: String {
        case targets = "import.what.targets", indicators = "import.what.indicators", tasks = "import.what.tasks"
        case baselines = "import.what.baselines"
        case assignments = "scope.what.assignments"
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
    private(set) var findings: [Finding] = []
    private(set) var failed = false

    init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    /// Records `message`, prefixed with "row <line>: ".
    mutating func report(_ kind: Finding.Kind, _ message: Message, severity: Finding.Severity = .error) {
        if severity == .error { failed = true }
        findings.append(
            Finding(
                severity: severity, kind: kind, message: Message("import.row", ["line": .count(line), "message": .message(message)]),
                file: file, line: line))
    }

    /// The cell of column `column` when it is not empty; otherwise a `missing-field` error
    /// saying what to write (`example`, an `import.example.*` code).
    mutating func required(_ text: String, _ column: String, example: String) -> String? {
        guard text.isEmpty else { return text }
        report("missing-field", Message("import.empty-cell", ["column": .text(column), "example": .term(example)]))
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
                Message("import.not-number", ["column": .text(column), "text": .text(text), "problem": .message(problem.message)]))
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
            Message(timeframe ? "import.not-date-or-timeframe" : "import.not-date", ["column": .text(column), "text": .text(text)]))
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
