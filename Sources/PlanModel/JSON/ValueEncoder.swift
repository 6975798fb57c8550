import Foundation

/// An `Encoder` that builds a ``JSONValue`` tree. `Exact` and `Decimal` become number
/// literals; integers their decimal text; an embedded `JSONValue` is written as is;
/// floating-point values are refused.
final class ValueEncoder: Encoder {
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    fileprivate var storage: Storage = .empty

    fileprivate enum Storage {
        case empty
        case single(JSONValue)
        case object(keys: [String], boxes: [String: ValueEncoder])
        case array([ValueEncoder])
    }

    init(codingPath: [any CodingKey]) {
        self.codingPath = codingPath
    }

    /// Encodes one value, special-casing the scalars.
    static func encode<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws -> JSONValue {
        switch value {
        case let json as JSONValue: return json
        case let exact as Exact: return .number(exact.description, at: .unknown)
        case let decimal as Decimal:
            guard let exact = Exact(decimal) else {
                throw PlanModelError.unencodable(Message("json.unencodable-decimal", ["number": .text("\(decimal)")]))
            }
            return .number(exact.description, at: .unknown)
        case let text as String: return .string(text, at: .unknown)
        case let flag as Bool: return .bool(flag, at: .unknown)
        case is Double, is Float:
            throw PlanModelError.unencodable(Message("json.unencodable-float", ["path": .text(pathText(codingPath))]))
        case let int as any BinaryInteger: return .number(String(describing: int), at: .unknown)
        default:
            let encoder = ValueEncoder(codingPath: codingPath)
            try value.encode(to: encoder)
            return encoder.finish()
        }
    }

    static func pathText(_ codingPath: [any CodingKey]) -> String {
        "$" + codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }

    func finish() -> JSONValue {
        switch storage {
        case .empty: return .object([], at: .unknown)
        case .single(let value): return value
        case .object(let keys, let boxes):
            return .object(keys.map { JSONMember(key: $0, value: boxes[$0]!.finish()) }, at: .unknown)
        case .array(let boxes): return .array(boxes.map { $0.finish() }, at: .unknown)
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = storage {} else { storage = .object(keys: [], boxes: [:]) }
        return KeyedEncodingContainer(KeyedContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = storage {} else { storage = .array([]) }
        return UnkeyedContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(encoder: self)
    }

    /// The child encoder for `key`, created (or replaced) on demand.
    fileprivate func child(forKey key: String) -> ValueEncoder {
        guard case .object(var keys, var boxes) = storage else { preconditionFailure() }
        let child = ValueEncoder(codingPath: codingPath + [AnyKey(key)])
        storage = .array([])  // let go of the stored members, so the changes below do not copy them
        if boxes[key] == nil { keys.append(key) }
        boxes[key] = child
        storage = .object(keys: keys, boxes: boxes)
        return child
    }

    fileprivate func appendChild() -> ValueEncoder {
        guard case .array(var boxes) = storage else { preconditionFailure() }
        let child = ValueEncoder(codingPath: codingPath + [IndexKey(boxes.count)])
        storage = .array([])  // let go of the stored array, so the append below does not copy it
        boxes.append(child)
        storage = .array(boxes)
        return child
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: ValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil(forKey key: Key) throws {
        encoder.child(forKey: key.stringValue).storage = .single(.null(at: .unknown))
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let child = encoder.child(forKey: key.stringValue)
        child.storage = .single(try ValueEncoder.encode(value, codingPath: child.codingPath))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        encoder.child(forKey: key.stringValue).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoder.child(forKey: key.stringValue).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { encoder.child(forKey: "super") }
    mutating func superEncoder(forKey key: Key) -> any Encoder { encoder.child(forKey: key.stringValue) }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: ValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int {
        if case .array(let boxes) = encoder.storage { return boxes.count }
        return 0
    }

    mutating func encodeNil() throws {
        encoder.appendChild().storage = .single(.null(at: .unknown))
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let child = encoder.appendChild()
        child.storage = .single(try ValueEncoder.encode(value, codingPath: child.codingPath))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        encoder.appendChild().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        encoder.appendChild().unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { encoder.appendChild() }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let encoder: ValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws {
        encoder.storage = .single(.null(at: .unknown))
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.storage = .single(try ValueEncoder.encode(value, codingPath: codingPath))
    }
}

/// A coding key for object members.
struct AnyKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// A coding key for array elements.
struct IndexKey: CodingKey {
    let index: Int
    var stringValue: String { "\(index)" }
    var intValue: Int? { index }
    init(_ index: Int) { self.index = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { index = intValue }
}
