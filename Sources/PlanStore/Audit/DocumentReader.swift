import Cascade
import Git
import PlanModel

/// Reads and parses document blobs for the audit queries, each blob once per run: a deep
/// history shows the same blob as "new" in one commit and "old" in the next.
final class DocumentReader {
    let git: Repository
    private var parsed: [Oid: JSONValue] = [:]
    private var units: [Oid: String] = [:]
    /// The blob at a path of a tree, as looked up before: `blame` asks the same file of the
    /// same commits once per field.
    private var blobs: [PathInTree: TreeEntry?] = [:]

    private var commits: [Oid: Commit] = [:]

    /// The commit `oid`, read once per run.
    func commit(_ oid: Oid) throws -> Commit {
        if let cached = commits[oid] { return cached }
        let commit = try git.commit(oid)
        commits[oid] = commit
        return commit
    }

    private struct PathInTree: Hashable {
        let tree: Oid
        let path: String
    }

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
        let key = PathInTree(tree: tree, path: path)
        let found: TreeEntry?
        if let cached = blobs[key] {
            found = cached
        } else {
            found = try git.entry(at: path, in: tree)
            blobs[key] = .some(found)
        }
        guard let entry = found, entry.kind != .tree else { return nil }
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

    /// The semantic changes of `file` between two blobs (nil: absent on that side); with
    /// `item`, of that item's entries only (``SemanticDiff/changes(file:unit:old:new:item:)``).
    func changes(file: String, unit: String, old: Oid?, new: Oid?, item: String? = nil) throws -> [SemanticChange] {
        SemanticDiff.changes(file: file, unit: unit, old: try value(old), new: try value(new), item: item)
    }
}
