import Foundation

/// A JSON path in the style `$.figures["DVC-ONLINE"].numerator` or `$.cooperating[2]`.
///
/// Keys that are plain identifiers (`[A-Za-z_][A-Za-z0-9_]*`) are written `.key`; any
/// other key is written `["key"]` with `"` and `\` escaped; array indexes are `[n]`.
public struct JSONPath: Hashable, Sendable, CustomStringConvertible {
    /// One step of a path.
    public enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    public var components: [Component]

    public init(_ components: [Component] = []) {
        self.components = components
    }

    public func appending(key: String) -> JSONPath { JSONPath(components + [.key(key)]) }
    public func appending(index: Int) -> JSONPath { JSONPath(components + [.index(index)]) }

    public var description: String {
        var text = "$"
        for component in components {
            switch component {
            case .index(let i):
                text += "[\(i)]"
            case .key(let key):
                if JSONPath.isPlain(key) {
                    text += "." + key
                } else {
                    let escaped = key.replacingOccurrences(of: "\\", with: "\\\\")
                        .replacingOccurrences(of: "\"", with: "\\\"")
                    text += "[\"" + escaped + "\"]"
                }
            }
        }
        return text
    }

    static func isPlain(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, !(("0"..."9").contains(first)) else {
            return false
        }
        return key.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || $0 == "_"
        }
    }
}

extension JSONValue {
    /// The node at `path`, following the first member for repeated keys.
    public func node(at path: JSONPath) -> JSONValue? {
        var current = self
        for component in path.components {
            switch (component, current) {
            case (.key(let key), .object):
                guard let next = current[key] else { return nil }
                current = next
            case (.index(let i), .array(let items, _)):
                guard items.indices.contains(i) else { return nil }
                current = items[i]
            default:
                return nil
            }
        }
        return current
    }
}
