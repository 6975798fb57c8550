/// Canonical JSON for PlanCascade documents: the same value always gives the same bytes.
///
/// JSON paths in findings use the style `$.figures["DVC-ONLINE"].numerator` and
/// `$.cooperating[2]` (see ``JSONPath``).
public enum CanonicalJSON {
    /// Renders a JSON value canonically (see ``CanonicalWriter`` rules), ending in one newline.
    public static func render(_ value: JSONValue) -> [UInt8] {
        var writer = CanonicalWriter()
        writer.write(value)
        return writer.output + [0x0A]
    }

    /// Encodes a value as canonical JSON bytes. `nil` optionals are omitted (when encoded
    /// with `encodeIfPresent`, as synthesized conformances do).
    /// - Throws: ``PlanModelError/unencodable(_:)`` for floating-point values or non-finite decimals.
    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        render(try encodeValue(value))
    }

    /// Encodes a value into a ``JSONValue`` tree (locations are ``SourceLocation/unknown``).
    public static func encodeValue<T: Encodable>(_ value: T) throws -> JSONValue {
        do {
            return try ValueEncoder.encode(value, codingPath: [])
        } catch let error as PlanModelError {
            throw error
        } catch {
            throw PlanModelError.unencodable(.verbatim(String(describing: error)))
        }
    }

    /// Whether `bytes` parse and equal their own canonical rendering.
    public static func isCanonical(_ bytes: [UInt8]) -> Bool {
        guard let value = try? JSONParser.parse(bytes) else { return false }
        return render(value) == bytes
    }

    /// Decodes a value from a parsed tree, collecting every problem as a finding.
    ///
    /// Returns nil for the value when any finding is an error. Strings are NFC-normalised;
    /// unknown object keys, type mismatches and missing fields become findings with the
    /// file, line, column and JSON path. Duplicate keys are not reported here (see
    /// ``JSONValue/duplicateKeys()``); the first occurrence is used.
    public static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue, file: String)
        -> (T?, [Finding])
    {
        let context = DecodingContext(file: file)
        let decoded = try? ValueDecoder(value: value, path: JSONPath(), codingPath: [], context: context)
            .decodeValue(T.self, from: value, path: JSONPath(), codingPath: [])
        let findings = context.findings
        return (findings.containsErrors ? nil : decoded, findings)
    }

    /// Parses and decodes a document.
    /// - Throws: ``PlanModelError/invalid(_:)`` with every syntax, duplicate-key, type,
    ///   unknown-field or missing-field finding.
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], file: String) throws -> T {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw PlanModelError.invalid([Finding(syntax: error, file: file)])
        }
        var findings = duplicateKeyFindings(value, file: file)
        let (decoded, decodeFindings) = decode(type, from: value, file: file)
        findings += decodeFindings
        guard let decoded, !findings.containsErrors else {
            throw PlanModelError.invalid(Finding.sortedByPosition(findings))
        }
        return decoded
    }

    /// One `duplicate-key` error per repeated key, at the repeat.
    public static func duplicateKeyFindings(_ value: JSONValue, file: String) -> [Finding] {
        value.duplicateKeys().map { dup in
            Finding(
                .error, "duplicate-key",
                Message("json.duplicate-key", ["key": .text(dup.member.key), "location": .text(dup.first.keyLocation.description)]),
                file: file, at: dup.member.keyLocation, path: nil
            ).with(path: dup.path)
        }
    }
}

extension Finding {
    /// A `syntax` error for a parse failure.
    public init(syntax error: JSONSyntaxError, file: String) {
        self.init(.error, "syntax", error.message, file: file, at: error.location)
    }

    func with(path: String) -> Finding {
        var copy = self
        copy.path = path
        return copy
    }
}
