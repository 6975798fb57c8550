import Foundation

/// A `Decoder` over a parsed ``JSONValue`` that records problems as findings with
/// positions and JSON paths, substituting placeholders where it can so that one pass
/// reports every problem.
struct ValueDecoder: Decoder {
    let value: JSONValue
    let path: JSONPath
    let codingPath: [any CodingKey]
    let context: DecodingContext
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(value: JSONValue, path: JSONPath, codingPath: [any CodingKey], context: DecodingContext) {
        self.value = value
        self.path = path
        self.codingPath = codingPath
        self.context = context
    }

    func mismatch(expected: Message, node: JSONValue, path: JSONPath) {
        context.record(
            "type", Message("validation.type-mismatch", ["expected": .message(expected), "found": .message(describeFound(node))]),
            at: node.location, path: path)
    }

    /// Decodes `T` from `node`, the heart of the decoder.
    func decodeValue<T: Decodable>(
        _ type: T.Type, from node: JSONValue, path: JSONPath, codingPath: [any CodingKey]
    ) throws -> T {
        if T.self == JSONValue.self {
            // Embedded raw JSON: the node itself, normalised (see JSONValue+Codable.swift).
            return node.canonicalised() as! T
        }
        if T.self == String.self {
            guard case .string(let s, _) = node else {
                mismatch(expected: Message("json.kind.string"), node: node, path: path)
                return "" as! T
            }
            return nfc(s) as! T
        }
        if T.self == Bool.self {
            guard case .bool(let b, _) = node else {
                mismatch(expected: Message("validation.expected.boolean"), node: node, path: path)
                return false as! T
            }
            return b as! T
        }
        if T.self == Exact.self || T.self == Decimal.self {
            let exact = decodeExact(node, path: path)
            if T.self == Exact.self { return exact as! T }
            return exact.decimal as! T
        }
        if let integer = T.self as? any FixedWidthInteger.Type {
            return decodeInteger(integer, node, path: path) as! T
        }
        if T.self == Double.self || T.self == Float.self {
            context.record("type", Message("validation.floating-point"), at: node.location, path: path)
            throw DecodingAborted()
        }
        if let literal = T.self as? any JSONStringLiteral.Type {
            return decodeLiteral(literal, node, path: path) as! T
        }
        if let enumeration = T.self as? any JSONEnumeration.Type {
            return decodeEnumeration(enumeration, node, path: path) as! T
        }
        if T.self is any VersionedDocument.Type {
            try checkSchema(node, path: path)
        }
        let decoder = ValueDecoder(value: node, path: path, codingPath: codingPath, context: context)
        do {
            return try T(from: decoder)
        } catch let error as DecodingError {
            record(error, under: node, path: path, codingPath: codingPath)
            throw DecodingAborted()
        }
    }

    func decodeExact(_ node: JSONValue, path: JSONPath) -> Exact {
        guard case .number(let literal, _) = node else {
            mismatch(expected: Message("json.kind.number"), node: node, path: path)
            return 0
        }
        guard let exact = Exact(literal) else {
            context.record(
                "range", Message("validation.number-inexact", ["literal": .text(literal), "digits": .count(Exact.maxDigits)]),
                at: node.location, path: path)
            return 0
        }
        return exact
    }

    func decodeInteger<I: FixedWidthInteger>(_ type: I.Type, _ node: JSONValue, path: JSONPath) -> I {
        guard case .number(let literal, _) = node else {
            mismatch(expected: Message("validation.expected.integer"), node: node, path: path)
            return 0
        }
        guard let exact = Exact(literal), exact.isInteger else {
            mismatch(expected: Message("validation.expected.integer"), node: node, path: path)
            return 0
        }
        guard let value = I(exact.description) else {
            context.record("range", Message("validation.integer-range", ["literal": .text(literal)]), at: node.location, path: path)
            return 0
        }
        return value
    }

    func decodeLiteral<L: JSONStringLiteral>(_ type: L.Type, _ node: JSONValue, path: JSONPath) -> L {
        guard case .string(let text, _) = node, let value = L(text) else {
            mismatch(expected: L.expected, node: node, path: path)
            return L.decodingPlaceholder
        }
        return value
    }

    func decodeEnumeration<E: JSONEnumeration>(_ type: E.Type, _ node: JSONValue, path: JSONPath) -> E {
        let expected = Message(
            "validation.expected.one-of", ["values": .list(E.allowedValues.map { .text("\"\($0)\"") })])
        guard case .string(let text, _) = node, let value = E(rawValue: text) else {
            mismatch(expected: expected, node: node, path: path)
            return E.decodingPlaceholder
        }
        return value
    }

    /// Refuses a `schema` newer than this build understands (before anything else is
    /// decoded, so that its new fields are not reported as unknown).
    func checkSchema(_ node: JSONValue, path: JSONPath) throws {
        guard case .object = node else { return }
        // A missing schema is reported by the keyed container, with kind "schema".
        guard let schema = node["schema"] else { return }
        guard case .number(let literal, _) = schema, let version = Exact(literal)?.intValue else { return }
        if version > PlanModel.schemaVersion {
            context.record(
                "schema", Message.schemaNewer(version),
                at: schema.location, path: path.appending(key: "schema"))
            throw DecodingAborted()
        }
        if version < 1 {
            context.record(
                "schema", Message("validation.schema-invalid", ["version": .count(version)]),
                at: schema.location, path: path.appending(key: "schema"))
        }
    }

    /// Turns a `DecodingError` thrown by a type's own `init(from:)` into a finding at the
    /// node its coding path names.
    func record(_ error: DecodingError, under node: JSONValue, path: JSONPath, codingPath: [any CodingKey]) {
        let errorPath: [any CodingKey]
        let message: Message
        // A type's own `init(from:)` says what is wrong in a `DecodingError`'s text; one that
        // has a catalogue message passes it as the underlying error.
        func described(_ c: DecodingError.Context) -> Message {
            (c.underlyingError as? any MessageConvertible)?.message
                ?? Message("validation.decoding", ["detail": .text(c.debugDescription)])
        }
        switch error {
        case .dataCorrupted(let c):
            errorPath = c.codingPath
            message = described(c)
        case .keyNotFound(let key, let c):
            errorPath = c.codingPath + [key]
            message = Message("validation.missing-field", ["field": .text(key.stringValue)])
        case .typeMismatch(_, let c), .valueNotFound(_, let c):
            errorPath = c.codingPath
            message = described(c)
        @unknown default:
            errorPath = codingPath
            message = Message("validation.decoding", ["detail": .text(String(describing: error))])
        }
        var relative = JSONPath()
        for key in errorPath.dropFirst(codingPath.count) {
            if key is IndexKey, let i = key.intValue {
                relative = relative.appending(index: i)
            } else {
                relative = relative.appending(key: key.stringValue)
            }
        }
        var location = node.location
        var probe = JSONPath()
        for component in relative.components {
            probe.components.append(component)
            if let found = node.node(at: probe) { location = found.location } else { break }
        }
        context.record("type", message, at: location, path: JSONPath(path.components + relative.components))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members, _) = value else {
            mismatch(expected: Message("json.kind.object"), node: value, path: path)
            throw DecodingAborted()
        }
        for member in members where Key(stringValue: nfc(member.key)) == nil {
            var message = Message("validation.unknown-field", ["field": .text(member.key)])
            if let iterable = Key.self as? any (CaseIterable & CodingKey).Type {
                message = Message(
                    "validation.unknown-field-expected",
                    ["field": .text(member.key), "fields": .list(keyNames(iterable).map { .text($0) })])
            }
            context.record("unknown-field", message, at: member.keyLocation, path: path.appending(key: member.key))
        }
        return KeyedDecodingContainer(KeyedContainer<Key>(decoder: self, members: members))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items, _) = value else {
            mismatch(expected: Message("json.kind.array"), node: value, path: path)
            throw DecodingAborted()
        }
        return UnkeyedContainer(decoder: self, items: items)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleContainer(decoder: self)
    }
}

private func keyNames<K: CaseIterable & CodingKey>(_ type: K.Type) -> [String] {
    type.allCases.map(\.stringValue).sorted()
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: ValueDecoder
    /// The first member for each (NFC) key.
    let byKey: [String: JSONMember]
    let keys: [String]

    init(decoder: ValueDecoder, members: [JSONMember]) {
        self.decoder = decoder
        var byKey: [String: JSONMember] = [:]
        var keys: [String] = []
        for member in members {
            let key = nfc(member.key)
            if byKey[key] == nil {
                byKey[key] = member
                keys.append(key)
            }
        }
        self.byKey = byKey
        self.keys = keys
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { byKey[key.stringValue] != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let member = byKey[key.stringValue] else { return true }
        if case .null = member.value { return true }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let path = decoder.path.appending(key: key.stringValue)
        guard let member = byKey[key.stringValue] else {
            if key.stringValue == "schema" {
                decoder.context.record(
                    "schema", Message("validation.missing-schema", ["version": .count(PlanModel.schemaVersion)]),
                    at: decoder.value.location, path: path)
            } else {
                decoder.context.record(
                    "missing-field", Message("validation.missing-field", ["field": .text(key.stringValue)]),
                    at: decoder.value.location, path: path)
            }
            if let placeholder = T.self as? any DecodingPlaceholder.Type {
                return placeholder.decodingPlaceholder as! T
            }
            throw DecodingAborted()
        }
        return try decoder.decodeValue(
            T.self, from: member.value, path: path, codingPath: codingPath + [AnyKey(key.stringValue)])
    }

    func child(_ key: Key) throws -> ValueDecoder {
        let path = decoder.path.appending(key: key.stringValue)
        guard let member = byKey[key.stringValue] else {
            decoder.context.record(
                "missing-field", Message("validation.missing-field", ["field": .text(key.stringValue)]),
                at: decoder.value.location, path: path)
            throw DecodingAborted()
        }
        return ValueDecoder(
            value: member.value, path: path, codingPath: codingPath + [AnyKey(key.stringValue)],
            context: decoder.context)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try child(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try child(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder { try child(key) }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: ValueDecoder
    let items: [JSONValue]
    var currentIndex = 0

    init(decoder: ValueDecoder, items: [JSONValue]) {
        self.decoder = decoder
        self.items = items
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    mutating func next() throws -> (JSONValue, JSONPath, [any CodingKey]) {
        guard !isAtEnd else {
            decoder.context.record(
                "type", Message("validation.too-few-elements", ["count": .count(items.count)]), at: decoder.value.location,
                path: decoder.path)
            throw DecodingAborted()
        }
        defer { currentIndex += 1 }
        return (
            items[currentIndex], decoder.path.appending(index: currentIndex),
            codingPath + [IndexKey(currentIndex)]
        )
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, case .null = items[currentIndex] else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (node, path, keys) = try next()
        return try decoder.decodeValue(T.self, from: node, path: path, codingPath: keys)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let (node, path, keys) = try next()
        return try ValueDecoder(value: node, path: path, codingPath: keys, context: decoder.context)
            .container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (node, path, keys) = try next()
        return try ValueDecoder(value: node, path: path, codingPath: keys, context: decoder.context)
            .unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (node, path, keys) = try next()
        return ValueDecoder(value: node, path: path, codingPath: keys, context: decoder.context)
    }
}

private struct SingleContainer: SingleValueDecodingContainer {
    let decoder: ValueDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool {
        if case .null = decoder.value { return true }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try decoder.decodeValue(T.self, from: decoder.value, path: decoder.path, codingPath: codingPath)
    }
}
