/// A problem (or remark) about the user's data: a value, not a thrown error.
public struct Finding: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// How serious a finding is.
    public enum Severity: String, Equatable, Hashable, Sendable, Comparable, CustomStringConvertible {
        case error, warning, info

        public var description: String { rawValue }

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

    public var severity: Severity
    /// A stable category: "syntax", "duplicate-key", "unknown-field", "type", "missing-field",
    /// "range", "identifier", "file-name", "unknown-indicator", "duplicate-id", "schema",
    /// "not-canonical", "layout", "wrong-unit", "missing-file", "unknown-unit"; from CSV
    /// imports also "missing-column", "unknown-column".
    public var kind: String
    public var message: String
    /// The file, relative to the repository root.
    public var file: String
    public var line: Int?
    public var column: Int?
    /// The JSON path of the node, e.g. `$.figures["DVC-ONLINE"].numerator`.
    public var path: String?

    public init(
        severity: Severity, kind: String, message: String, file: String,
        line: Int? = nil, column: Int? = nil, path: String? = nil
    ) {
        self.severity = severity
        self.kind = kind
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.path = path
    }

    /// Creates a finding at a parsed location (a ``SourceLocation/unknown`` location is dropped).
    public init(
        _ severity: Severity, _ kind: String, _ message: String, file: String,
        at location: SourceLocation?, path: JSONPath? = nil
    ) {
        let known = location.flatMap { $0 == .unknown ? nil : $0 }
        self.init(
            severity: severity, kind: kind, message: message, file: file,
            line: known?.line, column: known?.column, path: path?.description)
    }

    /// `FILE:LINE:COLUMN: severity: message (at $.path)`, leaving out what is unknown.
    public var description: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        text += ": \(severity): \(message)"
        if let path { text += " (at \(path))" }
        return text
    }

    /// Orders findings by file, then line, then column (unknown positions first).
    public static func sortedByPosition(_ findings: [Finding]) -> [Finding] {
        findings.enumerated().sorted { a, b in
            let l = a.element, r = b.element
            if l.file != r.file { return l.file < r.file }
            if (l.line ?? 0) != (r.line ?? 0) { return (l.line ?? 0) < (r.line ?? 0) }
            if (l.column ?? 0) != (r.column ?? 0) { return (l.column ?? 0) < (r.column ?? 0) }
            return a.offset < b.offset
        }.map(\.element)
    }
}

extension Array where Element == Finding {
    /// Whether any finding is an error.
    public var containsErrors: Bool { contains { $0.severity == .error } }
}

/// Hard failures of this module.
public enum PlanModelError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bytes are not valid JSON.
    case syntax(JSONSyntaxError)
    /// The document has errors; the findings say which.
    case invalid([Finding])
    /// A value cannot be written as canonical JSON (for example a `Double`).
    case unencodable(String)

    public var description: String {
        switch self {
        case .syntax(let error):
            return "invalid JSON at \(error.location): \(error.message)"
        case .invalid(let findings):
            let errors = findings.filter { $0.severity == .error }
            let shown = (errors.isEmpty ? findings : errors).map(\.description)
            return "invalid document: " + shown.joined(separator: "; ")
        case .unencodable(let reason):
            return "cannot encode as canonical JSON: \(reason)"
        }
    }
}

/// The severity of a ``Finding`` (`.error`, `.warning`, `.info`).
public typealias Severity = Finding.Severity
