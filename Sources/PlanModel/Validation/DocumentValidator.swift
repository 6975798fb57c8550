/// Validates one document file from its bytes (no file I/O).
///
/// Reports, as findings: syntax errors, every duplicate key, the schema version, type
/// mismatches, missing and unknown fields, invalid ids, a file name that does not match
/// the document's id, duplicate ids within a list, figure rules, and (as a warning) bytes
/// that are valid but not canonical.
public enum DocumentValidator {
    /// The message of a `not-canonical` finding: "not in canonical form (keys sorted, 2-space
    /// indent, NFC, one trailing newline); `plancascade validate --fix` rewrites it".
    public static let notCanonicalMessage = Message("validation.not-canonical")

    /// Validates `bytes` as the document at repository-relative `path`.
    /// - Returns: the document when there are no errors, and all findings sorted by position.
    public static func validate(bytes: [UInt8], path: String) -> (Document?, [Finding]) {
        let checked = check(bytes: bytes, path: path)
        return (checked.document, checked.findings)
    }

    /// The result of checking one file, kept for cross-file checks.
    struct Checked {
        var path: String
        var documentPath: DocumentPath?
        var value: JSONValue?
        /// The document when it has no errors.
        var document: Document?
        /// The document when it decoded, even if single-document rules failed (for
        /// cross-file checks such as duplicate ids).
        var decoded: Document?
        var findings: [Finding]
    }

    static func check(bytes: [UInt8], path: String) -> Checked {
        var checked = Checked(path: path, documentPath: DocumentPath(path), value: nil, document: nil, decoded: nil, findings: [])
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            checked.findings = [Finding(syntax: error, file: path)]
            return checked
        }
        checked.value = value
        var findings = CanonicalJSON.duplicateKeyFindings(value, file: path)
        guard let documentPath = checked.documentPath else {
            findings.append(
                Finding(
                    severity: .error, kind: "layout",
                    message: Message("validation.layout-unknown", ["layout": layoutSummary]),
                    file: path))
            checked.findings = Finding.sortedByPosition(findings)
            return checked
        }
        let (document, decodeFindings) = Document.decode(documentPath.kind, from: value, file: path)
        findings += decodeFindings
        checked.decoded = document
        if let document {
            var rules = DocumentRules(file: path, value: value, documentPath: documentPath)
            rules.check(document)
            findings += rules.findings
        }
        if !findings.containsErrors, CanonicalJSON.render(value) != bytes {
            findings.append(Finding(severity: .warning, kind: "not-canonical", message: notCanonicalMessage, file: path))
        }
        checked.document = findings.containsErrors ? nil : document
        checked.findings = Finding.sortedByPosition(findings)
        return checked
    }

    /// Where documents live: "unit.json, plans/<year>/plan.json, …".
    static let layoutSummary: Message.Value = .message(Message("validation.layout"))
}
