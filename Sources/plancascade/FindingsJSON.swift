import PlanModel

/// The `--json` form of findings: a versioned envelope, documented in README.md.
enum FindingsJSON {
    struct Envelope: Encodable {
        let schema = 1
        let findings: [Item]
        let errors: Int
        let warnings: Int
    }

    struct Item: Encodable {
        let severity: String
        let kind: String
        let file: String
        let line: Int?
        let column: Int?
        let path: String?
        let message: String
    }

    static func render(_ findings: [Finding]) throws -> String {
        let items = findings.map {
            Item(severity: "\($0.severity)", kind: $0.kind, file: $0.file, line: $0.line, column: $0.column, path: $0.path, message: $0.message)
        }
        let errors = findings.filter { $0.severity == .error }.count
        let envelope = Envelope(findings: items, errors: errors, warnings: findings.count - errors)
        return String(decoding: try CanonicalJSON.encode(envelope), as: UTF8.self)
    }
}
