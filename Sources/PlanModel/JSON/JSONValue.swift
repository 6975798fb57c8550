/// A parsed JSON document: every node carries where it starts in the source.
///
/// Numbers keep their literal text exactly; objects keep their members in source order,
/// duplicates included (see ``JSONValue/duplicateKeys()``). Equality compares locations
/// too; values built in memory use ``SourceLocation/unknown``.
public indirect enum JSONValue: Hashable, Sendable {
    case null(at: SourceLocation)
    case bool(Bool, at: SourceLocation)
    /// A number with its literal text as written (`"13.50"`, `"1.5e2"`).
    case number(String, at: SourceLocation)
    case string(String, at: SourceLocation)
    case array([JSONValue], at: SourceLocation)
    case object([JSONMember], at: SourceLocation)

    /// Where the node starts.
    public var location: SourceLocation {
        switch self {
        case .null(let at), .bool(_, let at), .number(_, let at), .string(_, let at),
            .array(_, let at), .object(_, let at):
            return at
        }
    }

    /// A noun for messages (`json.kind.*`): "null", "a boolean", "a number", "a string", "an
    /// array", "an object" in English.
    public var kindName: Message {
        switch self {
        case .null: return Message("json.kind.null")
        case .bool: return Message("json.kind.boolean")
        case .number: return Message("json.kind.number")
        case .string: return Message("json.kind.string")
        case .array: return Message("json.kind.array")
        case .object: return Message("json.kind.object")
        }
    }

    /// ``kindName`` in English.
    public var kindDescription: String { kindName.description }

    /// The first member named `key`, when this is an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members, _) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The first member named `key` (with its key location), when this is an object.
    public func member(_ key: String) -> JSONMember? {
        guard case .object(let members, _) = self else { return nil }
        return members.first { $0.key == key }
    }

    /// Every repeated key in the tree: the repeat, the first occurrence and the JSON path
    /// of the repeat, in source order.
    public func duplicateKeys() -> [(member: JSONMember, first: JSONMember, path: String)] {
        var result: [(member: JSONMember, first: JSONMember, path: String)] = []
        var stack: [(JSONValue, JSONPath)] = [(self, JSONPath())]
        while let (value, path) = stack.popLast() {
            switch value {
            case .array(let items, _):
                for (i, item) in items.enumerated().reversed() {
                    stack.append((item, path.appending(index: i)))
                }
            case .object(let members, _):
                var seen: [String: JSONMember] = [:]
                for member in members {
                    if let first = seen[member.key] {
                        result.append((member, first, path.appending(key: member.key).description))
                    } else {
                        seen[member.key] = member
                    }
                }
                for member in members.reversed() {
                    stack.append((member.value, path.appending(key: member.key)))
                }
            default:
                break
            }
        }
        return result.sorted { $0.member.keyLocation < $1.member.keyLocation }
    }
}

/// One `"key": value` member of a JSON object.
public struct JSONMember: Hashable, Sendable {
    public var key: String
    /// Where the key's opening quote is.
    public var keyLocation: SourceLocation
    public var value: JSONValue

    public init(key: String, keyLocation: SourceLocation = .unknown, value: JSONValue) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}
