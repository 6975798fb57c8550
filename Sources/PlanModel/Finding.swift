import Workbook
/// A problem (or remark) about the user's data: a value, not a thrown error — the one finding
/// type of every layer (validation, imports, `check`, `verify`, `collect`, the hooks).
///
/// It carries a stable ``kind``, a ``Severity``, a ``Message`` (code and typed arguments,
/// rendered in the reader's language where it is shown) and where the problem is: a file,
/// line, column and JSON path; the unit, year, indicator or task, period; the commit that
/// introduced it and who made it. Fields that do not apply stay nil and are left out of JSON.
public struct Finding: Hashable, Sendable, Codable, CustomStringConvertible, MessageConvertible {
    /// How serious a finding is.
    public enum Severity: String, Equatable, Hashable, Sendable, Comparable, CustomStringConvertible {
        case error, warning, info

        public var description: String { rawValue }

        /// The severity as a catalogue term (`lỗi`, `cảnh báo`, `thông tin` in Vietnamese).
        public var term: Message.Value { .term("term.severity.\(rawValue)") }

        private var rank: Int {
            switch self {
            case .error: return 0
            case .warning: return 1
            case .info: return 2
            }
        }

        /// `.error` sorts first.
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// A stable category, the same in every language (`unknown-field`, `below-inherited`,
    /// `rewritten-history`…). Each module declares its own as static members.
    public struct Kind: RawRepresentable, Hashable, Sendable, Comparable, Codable, ExpressibleByStringLiteral,
        CustomStringConvertible
    {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }
        public var description: String { rawValue }
        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
        /// The kind as a catalogue term, for tables people read (`thiếu báo cáo` for
        /// `missing-report`); the English term is the kind itself.
        public var term: Message.Value { .term("term.kind.\(rawValue)") }

        public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            try c.encode(rawValue)
        }
    }

    public var severity: Severity
    public var kind: Kind
    /// What is wrong and what to do about it.
    public var message: Message
    /// The file, relative to the repository root (`children/<id>/…` for a child's).
    public var file: String?
    /// The sheet of a workbook (`file` an `.xlsx`): `line` is then its row and `column` its
    /// column, shown as Excel names a cell (`plan.xlsx:Phụ lục I!C12`).
    public var sheet: String?
    public var line: Int?
    public var column: Int?
    /// The JSON path of the node, e.g. `$.figures["DVC-ONLINE"].numerator`.
    public var path: String?
    /// The unit the finding is about.
    public var unit: String?
    public var year: Int?
    public var indicator: String?
    public var task: String?
    /// What the finding is about when it is neither an indicator nor a task of a plan.
    public var item: String?
    /// The period of a figure or of a missing report (`2024-Q3`, `2024-11-01..2024-11-10`).
    public var period: String?
    /// What was expected and what was found, as text (`>= 55`, a date, a commit id).
    public var expected: String?
    public var actual: String?
    /// The commit that introduced the offending state (full id), who made it and when.
    public var commit: String?
    public var author: String?
    public var date: CivilDate?

    public init(
        _ severity: Severity, _ kind: Kind, unit: String? = nil, year: Int? = nil, indicator: String? = nil,
        task: String? = nil, item: String? = nil, period: String? = nil, file: String? = nil, line: Int? = nil,
        column: Int? = nil, path: String? = nil, expected: String? = nil, actual: String? = nil, commit: String? = nil,
        author: String? = nil, date: CivilDate? = nil, message: Message
    ) {
        self.severity = severity
        self.kind = kind
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.unit = unit
        self.year = year
        self.indicator = indicator
        self.task = task
        self.item = item
        self.period = period
        self.expected = expected
        self.actual = actual
        self.commit = commit
        self.author = author
        self.date = date
    }

    /// A finding about a place in a file.
    public init(
        severity: Severity, kind: Kind, message: Message, file: String,
        line: Int? = nil, column: Int? = nil, path: String? = nil
    ) {
        self.init(severity, kind, file: file, line: line, column: column, path: path, message: message)
    }

    /// Creates a finding at a parsed location (a ``SourceLocation/unknown`` location is dropped).
    public init(
        _ severity: Severity, _ kind: Kind, _ message: Message, file: String,
        at location: SourceLocation?, path: JSONPath? = nil
    ) {
        let known = location.flatMap { $0 == .unknown ? nil : $0 }
        self.init(
            severity: severity, kind: kind, message: message, file: file,
            line: known?.line, column: known?.column, path: path?.description)
    }

    /// The indicator, task or other item the finding names, if any.
    public var subject: String? { indicator ?? task ?? item }

    /// `FILE:LINE:COLUMN: severity: message (at $.path)`, leaving out what is unknown, in English.
    public var description: String { rendered(in: .english) }

    /// `FILE:LINE:COLUMN: severity: message (at $.path)` in `language`.
    public func rendered(in language: Language) -> String { lineMessage.rendered(in: language) }

    /// ``rendered(in:)`` as a message, to place inside another.
    public var lineMessage: Message {
        var place = file ?? unit ?? ""
        if let sheet {
            place += ":\(sheet)"
            if let line { place += "!" + (column.map(Worksheet.columnLetters) ?? "") + "\(line)" }
        } else if let line {
            place += ":\(line)"
            if let column { place += ":\(column)" }
        }
        let text = Message("finding.line", ["file": .text(place), "severity": severity.term, "message": .message(message)])
        guard let path else { return text }
        return Message("finding.at-path", ["text": .message(text), "path": .text(path)])
    }

    /// Orders findings by file, then line, then column (unknown positions first).
    public static func sortedByPosition(_ findings: [Finding]) -> [Finding] {
        findings.enumerated().sorted { a, b in
            let l = a.element, r = b.element
            if (l.file ?? "") != (r.file ?? "") { return (l.file ?? "") < (r.file ?? "") }
            if (l.line ?? 0) != (r.line ?? 0) { return (l.line ?? 0) < (r.line ?? 0) }
            if (l.column ?? 0) != (r.column ?? 0) { return (l.column ?? 0) < (r.column ?? 0) }
            return a.offset < b.offset
        }.map(\.element)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case severity, kind, code, message, file, sheet, line, column, path, unit, year, indicator, task, item, period
        case expected, actual, commit, author, date
    }

    /// Reads a finding written by ``encode(to:)``; its message comes back as the English text
    /// it was written with (``Message/verbatim(_:)``).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let text = try c.decode(String.self, forKey: .severity)
        guard let severity = Severity(rawValue: text) else {
            throw DecodingError.dataCorruptedError(
                forKey: .severity, in: c, debugDescription: Message("validation.severity", ["text": .text(text)]).description)
        }
        self.severity = severity
        kind = try c.decode(Kind.self, forKey: .kind)
        message = .verbatim(try c.decode(String.self, forKey: .message))
        file = try c.decodeIfPresent(String.self, forKey: .file)
        sheet = try c.decodeIfPresent(String.self, forKey: .sheet)
        line = try c.decodeIfPresent(Int.self, forKey: .line)
        column = try c.decodeIfPresent(Int.self, forKey: .column)
        path = try c.decodeIfPresent(String.self, forKey: .path)
        unit = try c.decodeIfPresent(String.self, forKey: .unit)
        year = try c.decodeIfPresent(Int.self, forKey: .year)
        indicator = try c.decodeIfPresent(String.self, forKey: .indicator)
        task = try c.decodeIfPresent(String.self, forKey: .task)
        item = try c.decodeIfPresent(String.self, forKey: .item)
        period = try c.decodeIfPresent(String.self, forKey: .period)
        expected = try c.decodeIfPresent(String.self, forKey: .expected)
        actual = try c.decodeIfPresent(String.self, forKey: .actual)
        commit = try c.decodeIfPresent(String.self, forKey: .commit)
        author = try c.decodeIfPresent(String.self, forKey: .author)
        date = try c.decodeIfPresent(CivilDate.self, forKey: .date)
    }

    /// Writes every field that applies; `message` is the English text (`--json` never changes
    /// with the language) and `code` the message's catalogue code.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(severity.rawValue, forKey: .severity)
        try c.encode(kind, forKey: .kind)
        if message.code != "verbatim" { try c.encode(message.code, forKey: .code) }
        try c.encode(message.description, forKey: .message)
        try c.encodeIfPresent(file, forKey: .file)
        try c.encodeIfPresent(sheet, forKey: .sheet)
        try c.encodeIfPresent(line, forKey: .line)
        try c.encodeIfPresent(column, forKey: .column)
        try c.encodeIfPresent(path, forKey: .path)
        try c.encodeIfPresent(unit, forKey: .unit)
        try c.encodeIfPresent(year, forKey: .year)
        try c.encodeIfPresent(indicator, forKey: .indicator)
        try c.encodeIfPresent(task, forKey: .task)
        try c.encodeIfPresent(item, forKey: .item)
        try c.encodeIfPresent(period, forKey: .period)
        try c.encodeIfPresent(expected, forKey: .expected)
        try c.encodeIfPresent(actual, forKey: .actual)
        try c.encodeIfPresent(commit, forKey: .commit)
        try c.encodeIfPresent(author, forKey: .author)
        try c.encodeIfPresent(date, forKey: .date)
    }
}

extension Array where Element == Finding {
    /// Whether any finding is an error.
    public var containsErrors: Bool { contains { $0.severity == .error } }
}

/// Hard failures of this module.
public enum PlanModelError: Error, Equatable, Sendable, CustomStringConvertible, MessageConvertible {
    /// The bytes are not valid JSON.
    case syntax(JSONSyntaxError)
    /// The document has errors; the findings say which.
    case invalid([Finding])
    /// A value cannot be written as canonical JSON (for example a `Double`).
    case unencodable(Message)

    public var message: Message {
        switch self {
        case .syntax(let error):
            return Message("model.invalid-json", ["location": .text(error.location.description), "detail": .message(error.message)])
        case .invalid(let findings):
            let errors = findings.filter { $0.severity == .error }
            let shown = (errors.isEmpty ? findings : errors).map { Message.Value.message($0.lineMessage) }
            return Message("model.invalid-document", ["findings": .list(shown, separator: "; ")])
        case .unencodable(let reason):
            return Message("model.unencodable", ["reason": .message(reason)])
        }
    }

    public var description: String { message.description }
}

/// The severity of a ``Finding`` (`.error`, `.warning`, `.info`).
public typealias Severity = Finding.Severity
