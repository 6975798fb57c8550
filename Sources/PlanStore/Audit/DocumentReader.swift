import Cascade
import Git
import PlanModel

/// Reads and parses document blobs for the audit queries, each blob once per run: a deep
/// history shows the same blob as "new" in one commit and "old" in the next.
final class DocumentReader {
    let git: Repository
    private var parsed: [Oid: JSONValue] = [:]
    private var units: [Oid: String] = [:]

    init(_ git: Repository) {
        self.git = git
    }

    /// The parsed blob; a file that is not JSON reads as a string saying so, so that a
    /// broken hand edit still shows up as a change.
    func value(_ blob: Oid?) throws -> JSONValue? {
        guard let blob else { return nil }
        if let cached = parsed[blob] { return cached }
        let value = Self.parse(try git.blob(blob))
        parsed[blob] = value
        return value
    }

    /// Parses a document; a file that is not JSON reads as a string saying so.
    static func parse(_ bytes: [UInt8]) -> JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            return .string("(not valid JSON: \(error))", at: .unknown)
        }
    }

    /// The value at `keys` (object members) inside the document at `path` of `tree`.
    func value(at path: String, keys: [String], in tree: Oid) throws -> (blob: Oid, value: JSONValue?)? {
        guard let entry = try git.entry(at: path, in: tree), entry.kind != .tree else { return nil }
        var value = try self.value(entry.oid)
        for key in keys { value = value?[key] }
        return (entry.oid, value)
    }

    /// The id of the unit whose `unit.json` is at `prefix` in `tree`; nil when there is none.
    func unitID(in tree: Oid, prefix: String = "") throws -> String? {
        guard let entry = try git.entry(at: prefix + Layout.unitFile, in: tree) else { return nil }
        if let id = units[entry.oid] { return id }
        guard case .string(let id, _)? = try value(entry.oid)?["id"] else { return nil }
        units[entry.oid] = id
        return id
    }

    /// The semantic changes of `file` between two blobs (nil: absent on that side).
    func changes(file: String, unit: String, old: Oid?, new: Oid?) throws -> [SemanticChange] {
        SemanticDiff.changes(file: file, unit: unit, old: try value(old), new: try value(new))
    }
}
