import Foundation

/// Embedding raw JSON in a document: a `JSONValue` field (a conflict record's `base`,
/// `ours` and `theirs`) is written as is and read back as the node it is.
///
/// ``CanonicalJSON`` special-cases `JSONValue` in both directions. Because `==` on
/// `JSONValue` compares source locations, member order and number spelling, a decoded
/// field is **normalised** to ``canonicalised()`` (what the canonical writer would write,
/// every location ``SourceLocation/unknown``), and ``sameValue(_:)`` compares two trees
/// regardless of locations, member order and spelling. Documents that hold `JSONValue`
/// fields canonicalise them on construction, so a document equals itself after a round trip.
///
/// Other coders (Foundation's) see objects, arrays, strings, booleans, null and numbers
/// (as `Decimal`).
extension JSONValue: Codable {
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case .bool(let flag, _):
            var c = encoder.singleValueContainer()
            try c.encode(flag)
        case .number(let literal, _):
            guard let exact = Exact(literal) else {
                throw PlanModelError.unencodable(Message("json.unencodable-number", ["number": .text(literal)]))
            }
            var c = encoder.singleValueContainer()
            try c.encode(exact)
        case .string(let text, _):
            var c = encoder.singleValueContainer()
            try c.encode(text)
        case .array(let items, _):
            var c = encoder.unkeyedContainer()
            for item in items { try c.encode(item) }
        case .object(let members, _):
            var c = encoder.container(keyedBy: AnyKey.self)
            for member in members { try c.encode(member.value, forKey: AnyKey(member.key)) }
        }
    }

    public init(from decoder: any Decoder) throws {
        if let keyed = try? decoder.container(keyedBy: AnyKey.self) {
            var members: [JSONMember] = []
            for key in keyed.allKeys.sorted(by: { $0.stringValue.utf8.lexicographicallyPrecedes($1.stringValue.utf8) }) {
                members.append(JSONMember(key: key.stringValue, value: try keyed.decode(JSONValue.self, forKey: key)))
            }
            self = .object(members, at: .unknown)
            return
        }
        if var unkeyed = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !unkeyed.isAtEnd { items.append(try unkeyed.decode(JSONValue.self)) }
            self = .array(items, at: .unknown)
            return
        }
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null(at: .unknown)
        } else if let flag = try? c.decode(Bool.self) {
            self = .bool(flag, at: .unknown)
        } else if let text = try? c.decode(String.self) {
            self = .string(text, at: .unknown)
        } else {
            self = .number(try c.decode(Exact.self).description, at: .unknown)
        }
    }

    /// The value as the canonical writer writes it: every location ``SourceLocation/unknown``,
    /// strings and keys in NFC, object members sorted by the UTF-8 bytes of their keys
    /// (repeated keys keep their order), numbers in ``Exact`` canonical text.
    public func canonicalised() -> JSONValue {
        switch self {
        case .null: return .null(at: .unknown)
        case .bool(let flag, _): return .bool(flag, at: .unknown)
        case .number(let literal, _): return .number(Exact(literal)?.description ?? literal, at: .unknown)
        case .string(let text, _): return .string(nfc(text), at: .unknown)
        case .array(let items, _): return .array(items.map { $0.canonicalised() }, at: .unknown)
        case .object(let members, _):
            let sorted = members.enumerated()
                .map { (offset: $0.offset, member: JSONMember(key: nfc($0.element.key), value: $0.element.value.canonicalised())) }
                .sorted { a, b in
                    if a.member.key == b.member.key { return a.offset < b.offset }
                    return a.member.key.utf8.lexicographicallyPrecedes(b.member.key.utf8)
                }
                .map(\.member)
            return .object(sorted, at: .unknown)
        }
    }

    /// Whether both trees hold the same data, ignoring source locations, member order,
    /// Unicode normalisation and number spelling (`1.50` is `1.5`).
    public func sameValue(_ other: JSONValue) -> Bool {
        canonicalised() == other.canonicalised()
    }
}
