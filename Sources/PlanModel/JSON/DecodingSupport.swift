/// A type the decoder can substitute after recording a finding, so decoding goes on and
/// reports every problem in a file instead of stopping at the first.
protocol DecodingPlaceholder {
    static var decodingPlaceholder: Self { get }
}

/// A value written as a JSON string with its own syntax (dates, periods, timestamps).
protocol JSONStringLiteral: TextCodable, DecodingPlaceholder {}

/// A closed set of string values (`"percent"`, `"score"`, …).
protocol JSONEnumeration: CaseIterable, RawRepresentable, DecodingPlaceholder
where RawValue == String {}

extension JSONEnumeration {
    static var decodingPlaceholder: Self { allCases.first! }
    static var allowedValues: [String] { allCases.map(\.rawValue) }
}

/// A top-level document with a `schema` version field.
protocol VersionedDocument {}

extension String: DecodingPlaceholder { static var decodingPlaceholder: String { "" } }
extension Bool: DecodingPlaceholder { static var decodingPlaceholder: Bool { false } }
extension Exact: DecodingPlaceholder { static var decodingPlaceholder: Exact { 0 } }
extension Array: DecodingPlaceholder { static var decodingPlaceholder: [Element] { [] } }
extension Dictionary: DecodingPlaceholder { static var decodingPlaceholder: [Key: Value] { [:] } }
extension CivilDate: JSONStringLiteral {
    static var decodingPlaceholder: CivilDate { CivilDate(year: 1970, month: 1, day: 1)! }
}
extension Timestamp: JSONStringLiteral {
    static var decodingPlaceholder: Timestamp { Timestamp("1970-01-01T00:00:00Z")! }
}
extension Period: JSONStringLiteral {
    static var decodingPlaceholder: Period { .year(1970) }
}

/// Collects findings while one document is decoded.
final class DecodingContext {
    let file: String
    private(set) var findings: [Finding] = []

    init(file: String) {
        self.file = file
    }

    func record(
        _ kind: Finding.Kind, _ message: Message, at location: SourceLocation, path: JSONPath,
        severity: Finding.Severity = .error
    ) {
        findings.append(Finding(severity, kind, message, file: file, at: location, path: path))
    }
}

/// Thrown after a finding has been recorded, when decoding cannot continue.
struct DecodingAborted: Error {}

/// Describes a JSON node for "found …": `a string ("abc")`, `the number 1.5`, `null`.
func describeFound(_ value: JSONValue) -> String {
    switch value {
    case .string(let s, _):
        let shown = s.count > 40 ? String(s.prefix(40)) + "…" : s
        return "the string \"\(shown)\""
    case .number(let n, _): return "the number \(n)"
    case .bool(let b, _): return b ? "true" : "false"
    default: return value.kindDescription
    }
}
