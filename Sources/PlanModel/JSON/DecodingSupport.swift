/// A type the decoder can substitute after recording a finding, so decoding goes on and
/// reports every problem in a file instead of stopping at the first.
protocol DecodingPlaceholder {
    static var decodingPlaceholder: Self { get }
}

/// A value written as a JSON string with its own syntax (dates, periods, timestamps).
protocol JSONStringLiteral: TextCodable, DecodingPlaceholder {
    /// What a valid spelling looks like, for "expected …" (``TextCodable/expectation`` as a
    /// catalogue message).
    static var expected: Message { get }
}

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
    static var expected: Message { Message("validation.expected.date") }
}
extension Timestamp: JSONStringLiteral {
    static var decodingPlaceholder: Timestamp { Timestamp("1970-01-01T00:00:00Z")! }
    static var expected: Message { Message("validation.expected.timestamp") }
}
extension Period: JSONStringLiteral {
    static var decodingPlaceholder: Period { .year(1970) }
    static var expected: Message { Message("validation.expected.period") }
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

/// Describes a JSON node for "found …": `the string "abc"`, `the number 1.5`, `true`, `null`,
/// `an object`.
func describeFound(_ value: JSONValue) -> Message {
    switch value {
    case .string(let s, _):
        let shown = s.count > 40 ? String(s.prefix(40)) + "…" : s
        return Message("json.found.string", ["text": .text(shown)])
    // The literal as the file has it (not reformatted for the reader's language: it is what
    // to look for in the file).
    case .number(let n, _): return Message("json.found.number", ["number": .text(n)])
    case .bool(let b, _): return .verbatim(b ? "true" : "false")
    default: return value.kindName
    }
}

/// An error whose words are a catalogue message: the underlying error of a `DecodingError`
/// that a type's own `init(from:)` throws, so that ``CanonicalJSON`` reports the message
/// rather than the error's English text.
struct MessageError: Error, MessageConvertible, CustomStringConvertible {
    let message: Message
    var description: String { message.description }
}

extension Message {
    /// "schema version 2 is newer than this plancascade understands (1); upgrade plancascade".
    static func schemaNewer(_ version: Int) -> Message {
        Message("validation.schema-newer", ["version": .count(version), "supported": .count(PlanModel.schemaVersion)])
    }
}
