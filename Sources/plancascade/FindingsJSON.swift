import PlanModel

/// The `--json` form of findings: a versioned envelope, documented in README.md.
enum FindingsJSON {
    struct Envelope: Encodable {
        let schema = 1
        let findings: [Finding]
        let errors: Int
        let warnings: Int
    }

    static func render(_ findings: [Finding]) throws -> String {
        let errors = findings.filter { $0.severity == .error }.count
        let envelope = Envelope(findings: findings, errors: errors, warnings: findings.count - errors)
        return String(decoding: try CanonicalJSON.encode(envelope), as: UTF8.self)
    }
}
