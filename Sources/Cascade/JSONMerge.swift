import Foundation
import PlanModel

/// A field-level three-way merge of JSON documents, for `plancascade sync` between two
/// clones of one unit.
///
/// Rules:
/// - Objects merge key by key, recursively, when the key holds an object in base, ours and
///   theirs. A key added on one side only is added; removed on one side and unchanged on
///   the other is removed; removed on one side and changed on the other is a conflict.
/// - Everything else is atomic — scalars, `null`, arrays (including arrays of strings used
///   as sets, such as `cooperating` or `indicators`: two clerks adding different agencies
///   conflict rather than being unioned, because order and removals would be guessed), and
///   type changes (an object on one side, a scalar on the other). For an atomic value: if
///   ours equals base take theirs, if theirs equals base take ours, if ours equals theirs
///   take it, else it is a conflict.
/// - A value added on both sides (a document, or a key missing from base) with different
///   content is one conflict at its path; its fields are not merged against an empty
///   base, so two clerks entering the same figure never yield a mixture neither entered.
/// - A document deleted on both sides is deleted; deleted on one side and changed on the
///   other is a conflict at `$`.
///
/// A conflict loses nothing: ``FieldConflict`` carries base, ours and theirs, and the merged
/// document holds ours at the conflict's path (nil there meaning absent). Conflict paths
/// are in ``JSONPath`` style (`$.figures["DVC-ONLINE"].numerator`, `$` for the document),
/// listed in canonical key order, and never lie inside a conflict reported elsewhere;
/// ``apply(_:at:in:)`` sets a chosen value there.
///
/// Values are compared ignoring source locations and member order (see
/// ``sameValue(_:_:)``). Within one object the first of repeated keys is used, as
/// ``JSONValue/subscript(key:)`` does; ``mergeBytes(base:ours:theirs:)`` refuses documents
/// with repeated keys instead.
public enum JSONMerge {
    /// Merges three versions of one document; nil means the document does not exist on
    /// that side (and, in the result, that it is deleted).
    public static func merge(base: JSONValue?, ours: JSONValue?, theirs: JSONValue?) -> JSONMergeResult {
        var merger = Merger()
        let merged = merger.merge(base: base, ours: ours, theirs: theirs, path: JSONPath())
        return JSONMergeResult(merged: merged, conflicts: merger.conflicts)
    }

    /// Parses three versions of one file (nil: the file does not exist on that side),
    /// merges them and renders the result canonically (nil: the file is deleted).
    /// - Throws: ``JSONMergeError/invalidJSON(side:_:)`` or
    ///   ``JSONMergeError/duplicateKey(side:key:path:location:)`` naming the side.
    public static func mergeBytes(base: [UInt8]?, ours: [UInt8]?, theirs: [UInt8]?) throws(JSONMergeError)
        -> (bytes: [UInt8]?, conflicts: [FieldConflict])
    {
        let result = merge(
            base: try parse(base, side: .base), ours: try parse(ours, side: .ours),
            theirs: try parse(theirs, side: .theirs))
        return (result.merged.map(CanonicalJSON.render), result.conflicts)
    }

    /// Returns `document` with `value` set at `path` (a ``JSONPath`` description such as
    /// `$.figures["DVC-ONLINE"].numerator` or `$.cooperating[2]`), or with the value there
    /// removed when `value` is nil. At `$` the result is `value` itself (nil: the document
    /// is deleted). Setting a key adds it to its object when missing; removing a missing
    /// key changes nothing; removing an array element shifts the ones after it.
    /// - Throws: ``JSONMergeError/invalidPath(_:reason:)`` for a malformed path,
    ///   ``JSONMergeError/pathNotFound(_:reason:)`` when a step before the last does not
    ///   exist, an index is out of range, or a step meets the wrong kind of value.
    public static func apply(_ value: JSONValue?, at path: String, in document: JSONValue?) throws(JSONMergeError)
        -> JSONValue?
    {
        let parsed = try parsePath(path)
        return try applying(value, at: parsed.components[...], in: document, walked: JSONPath())
    }

    /// Parses a path in ``JSONPath`` style: `$`, then any of `.key` (letters, digits and
    /// `_`, not starting with a digit), `["key"]` (with `\"` and `\\` escaped) and `[index]`.
    public static func parsePath(_ text: String) throws(JSONMergeError) -> JSONPath {
        var parser = PathParser(text: text)
        return try parser.parse()
    }

    /// Whether two values are the same JSON value: source locations and member order are
    /// ignored, numbers compare by exact value (`55` equals `55.0` and `5.5e1`; literals
    /// ``Exact`` cannot hold compare as text), strings by canonical equivalence (NFC equals
    /// NFD, as Swift `String` compares), objects by their keys' first occurrences. Two
    /// nils are the same; nil and a value are not.
    public static func sameValue(_ a: JSONValue?, _ b: JSONValue?) -> Bool {
        switch (a, b) {
        case (nil, nil):
            return true
        case (nil, _), (_, nil):
            return false
        case (.null, .null):
            return true
        case (.bool(let x, _), .bool(let y, _)):
            return x == y
        case (.number(let x, _), .number(let y, _)):
            if let ex = Exact(x), let ey = Exact(y) { return ex == ey }
            return x == y
        case (.string(let x, _), .string(let y, _)):
            return x == y
        case (.array(let xs, _), .array(let ys, _)):
            return xs.count == ys.count && zip(xs, ys).allSatisfy { sameValue($0, $1) }
        case (.object(let xm, _), .object(let ym, _)):
            let x = firstMembers(xm)
            let y = firstMembers(ym)
            return x.count == y.count && x.allSatisfy { key, value in y[key].map { sameValue(value, $0) } ?? false }
        default:
            return false
        }
    }

    // MARK: - Implementation

    private static func parse(_ bytes: [UInt8]?, side: JSONMergeSide) throws(JSONMergeError) -> JSONValue? {
        guard let bytes else { return nil }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw .invalidJSON(side: side, error)
        }
        if let dup = value.duplicateKeys().first {
            throw .duplicateKey(side: side, key: dup.member.key, path: dup.path, location: dup.member.keyLocation)
        }
        return value
    }

    /// The first member's value for each key (keys compare by canonical equivalence).
    static func firstMembers(_ members: [JSONMember]) -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        for member in members where result[member.key] == nil {
            result[member.key] = member.value
        }
        return result
    }

    private struct Merger {
        var conflicts: [FieldConflict] = []

        mutating func merge(base: JSONValue?, ours: JSONValue?, theirs: JSONValue?, path: JSONPath) -> JSONValue? {
            if sameValue(ours, theirs) { return ours }
            if sameValue(ours, base) { return theirs }
            if sameValue(theirs, base) { return ours }
            if case .object(let b, _) = base, case .object(let o, let at) = ours, case .object(let t, _) = theirs {
                return .object(mergeMembers(base: b, ours: o, theirs: t, path: path), at: at)
            }
            conflicts.append(FieldConflict(path: path.description, base: base, ours: ours, theirs: theirs))
            return ours
        }

        /// Keys present in ours or theirs, in canonical order (NFC UTF-8 bytes); a key only
        /// in base was removed on both sides and stays removed.
        mutating func mergeMembers(base: [JSONMember], ours: [JSONMember], theirs: [JSONMember], path: JSONPath)
            -> [JSONMember]
        {
            let b = firstMembers(base)
            let o = firstMembers(ours)
            let t = firstMembers(theirs)
            var keyed: [String: JSONMember] = [:]
            var keys: [String] = []
            for member in ours + theirs where keyed[member.key] == nil {
                keyed[member.key] = member
                keys.append(member.key)
            }
            keys.sort { canonicalKey($0).utf8.lexicographicallyPrecedes(canonicalKey($1).utf8) }
            var result: [JSONMember] = []
            for key in keys {
                if let value = merge(base: b[key], ours: o[key], theirs: t[key], path: path.appending(key: key)) {
                    var member = keyed[key]!
                    member.value = value
                    result.append(member)
                }
            }
            return result
        }
    }

    private static func canonicalKey(_ key: String) -> String {
        key.utf8.allSatisfy { $0 < 0x80 } ? key : key.precomposedStringWithCanonicalMapping
    }

    private static func applying(
        _ value: JSONValue?, at components: ArraySlice<JSONPath.Component>, in node: JSONValue?, walked: JSONPath
    ) throws(JSONMergeError) -> JSONValue? {
        guard let step = components.first else { return value }
        let rest = components.dropFirst()
        let here = walked.description
        guard let node else {
            throw .pathNotFound(here, reason: "there is no value at \(here)")
        }
        switch (step, node) {
        case (.key(let key), .object(var members, let at)):
            let next = walked.appending(key: key)
            guard let i = members.firstIndex(where: { $0.key == key }) else {
                guard rest.isEmpty else {
                    throw .pathNotFound(next.description, reason: "\(here) has no member '\(key)'")
                }
                if let value { members.append(JSONMember(key: key, value: value)) }
                return .object(members, at: at)
            }
            let child = try applying(value, at: rest, in: members[i].value, walked: next)
            // Later repeats of the key would shadow nothing but confuse readers: drop them.
            let repeats = members.indices.filter { $0 > i && members[$0].key == key }
            for j in repeats.reversed() { members.remove(at: j) }
            if let child {
                members[i].value = child
            } else {
                members.remove(at: i)
            }
            return .object(members, at: at)
        case (.index(let index), .array(var items, let at)):
            let next = walked.appending(index: index)
            guard items.indices.contains(index) else {
                throw .pathNotFound(
                    next.description, reason: "index \(index) is out of range; \(here) has \(items.count) elements")
            }
            if let child = try applying(value, at: rest, in: items[index], walked: next) {
                items[index] = child
            } else {
                items.remove(at: index)
            }
            return .array(items, at: at)
        case (.key(let key), _):
            throw .pathNotFound(
                walked.appending(key: key).description, reason: "\(here) is \(node.kindDescription), not an object")
        case (.index(let index), _):
            throw .pathNotFound(
                walked.appending(index: index).description, reason: "\(here) is \(node.kindDescription), not an array")
        }
    }
}

/// The outcome of ``JSONMerge/merge(base:ours:theirs:)``.
public struct JSONMergeResult: Sendable {
    /// The merged document (nil: deleted), holding ours wherever there is a conflict.
    public var merged: JSONValue?
    /// Every conflict, in canonical key order.
    public var conflicts: [FieldConflict]

    public init(merged: JSONValue?, conflicts: [FieldConflict]) {
        self.merged = merged
        self.conflicts = conflicts
    }

    /// Whether the merge needs no decision.
    public var isClean: Bool { conflicts.isEmpty }
}

/// One value changed differently on both sides. nil means absent on that side (a missing
/// key, or at `$` a missing document).
///
/// Equality compares values with ``JSONMerge/sameValue(_:_:)``, ignoring source locations.
public struct FieldConflict: Equatable, Sendable {
    /// Where, in ``JSONPath`` style: `$.figures["DVC-ONLINE"].numerator`, `$` for the document.
    public var path: String
    public var base: JSONValue?
    public var ours: JSONValue?
    public var theirs: JSONValue?

    public init(path: String, base: JSONValue?, ours: JSONValue?, theirs: JSONValue?) {
        self.path = path
        self.base = base
        self.ours = ours
        self.theirs = theirs
    }

    public static func == (lhs: FieldConflict, rhs: FieldConflict) -> Bool {
        lhs.path == rhs.path && JSONMerge.sameValue(lhs.base, rhs.base)
            && JSONMerge.sameValue(lhs.ours, rhs.ours) && JSONMerge.sameValue(lhs.theirs, rhs.theirs)
    }
}

/// One of the three versions in a merge.
public enum JSONMergeSide: String, Sendable, CustomStringConvertible {
    case base, ours, theirs
    public var description: String { rawValue }
}

/// Why a merge input or a path given to ``JSONMerge/apply(_:at:in:)`` was refused;
/// ``description`` is the message for people.
public enum JSONMergeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// One side is not JSON.
    case invalidJSON(side: JSONMergeSide, JSONSyntaxError)
    /// One side repeats a key in an object; carries the repeat's path and key location.
    case duplicateKey(side: JSONMergeSide, key: String, path: String, location: SourceLocation)
    /// The path text is not in ``JSONPath`` style.
    case invalidPath(String, reason: String)
    /// The path does not lead to a place in the document; carries the path up to the failing step.
    case pathNotFound(String, reason: String)

    public var description: String {
        switch self {
        case .invalidJSON(let side, let error):
            return "\(side): \(error)"
        case .duplicateKey(let side, let key, let path, let location):
            return "\(side): \(location): duplicate key '\(key)' (at \(path)); keep one and run `plancascade validate`"
        case .invalidPath(let path, let reason):
            return "invalid JSON path '\(path)': \(reason)"
        case .pathNotFound(let path, let reason):
            return "no place for \(path): \(reason)"
        }
    }
}

/// Parses the text form written by ``JSONPath/description``.
private struct PathParser {
    let text: String
    let scalars: [Unicode.Scalar]
    var pos = 0

    init(text: String) {
        self.text = text
        self.scalars = Array(text.unicodeScalars)
    }

    var current: Unicode.Scalar? { pos < scalars.count ? scalars[pos] : nil }

    func fail(_ reason: String) -> JSONMergeError { .invalidPath(text, reason: reason) }

    mutating func parse() throws(JSONMergeError) -> JSONPath {
        guard current == "$" else { throw fail("a path starts with '$'") }
        pos += 1
        var path = JSONPath()
        while let c = current {
            switch c {
            case ".":
                pos += 1
                path = path.appending(key: try plainKey())
            case "[":
                pos += 1
                if current == "\"" {
                    path = path.appending(key: try quotedKey())
                } else {
                    path = path.appending(index: try index())
                }
                guard current == "]" else { throw fail("expected ']' at character \(pos + 1)") }
                pos += 1
            default:
                throw fail("expected '.key', '[\"key\"]' or '[index]' at character \(pos + 1), found '\(c)'")
            }
        }
        return path
    }

    mutating func plainKey() throws(JSONMergeError) -> String {
        let start = pos
        while let c = current, c == "_" || ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) {
            pos += 1
        }
        let key = String(String.UnicodeScalarView(scalars[start..<pos]))
        guard !key.isEmpty, !("0"..."9").contains(scalars[start]) else {
            throw fail(
                "a key after '.' has letters, digits and '_' and does not start with a digit; "
                    + "write other keys as [\"key\"] (at character \(start + 1))")
        }
        if let c = current, c != ".", c != "[" {
            throw fail("'\(c)' cannot appear in a .key (at character \(pos + 1)); write the key as [\"key\"]")
        }
        return key
    }

    mutating func quotedKey() throws(JSONMergeError) -> String {
        let start = pos
        pos += 1  // "
        var key = String.UnicodeScalarView()
        while true {
            guard let c = current else { throw fail("unterminated key started at character \(start + 1)") }
            pos += 1
            if c == "\"" { return String(key) }
            if c == "\\" {
                guard let escaped = current, escaped == "\"" || escaped == "\\" else {
                    throw fail("only \\\" and \\\\ are escapes in a key (at character \(pos))")
                }
                pos += 1
                key.append(escaped)
            } else {
                key.append(c)
            }
        }
    }

    mutating func index() throws(JSONMergeError) -> Int {
        let start = pos
        while let c = current, ("0"..."9").contains(c) { pos += 1 }
        let digits = String(String.UnicodeScalarView(scalars[start..<pos]))
        guard !digits.isEmpty else { throw fail("expected an index or a quoted key after '[' at character \(start + 1)") }
        guard digits == "0" || !digits.hasPrefix("0"), let value = Int(digits) else {
            throw fail("invalid index '\(digits)' at character \(start + 1)")
        }
        return value
    }
}
