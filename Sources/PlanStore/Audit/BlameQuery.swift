import Cascade
import Git
import PlanModel

/// `plancascade blame`: for each field of a unit's current target (or task) and of its latest
/// figure, the commit, author and date that set it.
///
/// Walks back from `main` while the field keeps its value, following the parent that has
/// the same value (a clerk's commit merged by `sync` is found in the clerk's own line). A
/// collected child's file is followed into the child's own commits through the collect
/// merge, so the commune clerk who typed a figure is named, not the district that collected it.
public struct BlameQuery {
    /// One field and who set it.
    public struct Line: Encodable, Sendable {
        /// `target`, `task`, `figure`, `task-status` or `rollup` (a unit's subtree total, when it reports nothing itself).
        public let part: String
        public let file: String
        public let field: String
        public let value: String
        /// The unit in whose repository the commit was made.
        public let committedIn: String
        public let commit: CommitInfo
    }

    public struct Result: Encodable, Sendable {
        public let item: String
        public let unit: String
        public let year: Int?
        /// The period of the latest figure, when there is one.
        public let period: String?
        public let lines: [Line]

        enum CodingKeys: String, CodingKey { case schema, item, unit, year, period, lines }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(1, forKey: .schema)
            try c.encode(item, forKey: .item)
            try c.encode(unit, forKey: .unit)
            try c.encodeIfPresent(year, forKey: .year)
            try c.encodeIfPresent(period, forKey: .period)
            try c.encode(lines, forKey: .lines)
        }
    }

    /// The unit whose documents are blamed (default: the repository's own).
    public var unit: String?
    /// The plan year (default: the latest year that has the item).
    public var year: Int?

    public init(unit: String? = nil, year: Int? = nil) {
        self.unit = unit
        self.year = year
    }

    /// - Throws: `PlanStoreError.invalidArgument` when the unit or the item is not there.
    public func run(item: String, in repository: UnitRepository) throws -> Result {
        let git = repository.git
        guard let head = try repository.head() else { throw PlanStoreError.notAUnitRepository(path: repository.displayRoot) }
        let tree = try git.commit(head).tree
        let reader = DocumentReader(git)
        let rootID = try reader.unitID(in: tree) ?? ""
        let wanted = unit ?? rootID
        guard let prefix = try Self.prefix(of: wanted, in: tree, reader: reader) else {
            throw PlanStoreError.invalidArgument(
                name: "--unit", value: wanted, reason: "is neither this unit (\(rootID)) nor a child collected under children/")
        }
        let years = try git.entry(at: prefix + "plans", in: tree).map { try git.tree($0.oid).compactMap { Int($0.name) } } ?? []
        var lines: [Line] = []
        var foundYear: Int?, period: String?
        let candidates = year.map { [$0] } ?? years.sorted(by: >)
        for year in candidates {
            for (part, path) in [("target", Layout.targetFile(year: year, indicator: item)), ("task", Layout.taskFile(year: year, id: item))] {
                guard let document = try reader.value(at: prefix + path, keys: [], in: tree)?.value else { continue }
                foundYear = year
                for field in SemanticDiff.members(document).keys.sorted() where !["schema", "indicator", "id"].contains(field) {
                    lines.append(try blame(part: part, path: prefix + path, keys: [field], from: head, reader: reader))
                }
            }
            // The latest period whose report has a figure (or a task state) for the item; for a
            // unit that reports nothing itself (a province), its subtree's rollup.
            var latest: (Period, String, JSONValue, String, String)?
            for (folderName, parts) in [("progress", [("figure", "figures"), ("task-status", "tasks")]), ("rollup", [("rollup", "figures")])]
            where latest == nil {
                guard let folder = try git.entry(at: prefix + "\(folderName)/\(year)", in: tree), folder.kind == .tree else { continue }
                for entry in try git.tree(folder.oid) {
                    guard entry.name.hasSuffix(".json"), let p = Period(String(entry.name.dropLast(5))),
                          let report = try reader.value(entry.oid) else { continue }
                    for (part, member) in parts {
                        if let value = report[member]?[item], latest.map({ p > $0.0 }) ?? true {
                            latest = (p, member, value, part, folderName)
                        }
                    }
                }
            }
            if let (p, member, value, part, folderName) = latest {
                period = p.description
                foundYear = foundYear ?? year
                let path = prefix + "\(folderName)/\(year)/\(p.description).json"
                let fields = part != "task-status" ? SemanticDiff.members(value).keys.sorted().map { [member, item, $0] } : [[member, item]]
                for keys in fields {
                    lines.append(try blame(part: part, path: path, keys: keys, from: head, reader: reader))
                }
            }
            if foundYear != nil { break }
        }
        guard !lines.isEmpty else {
            throw PlanStoreError.invalidArgument(
                name: "item", value: item,
                reason: "is neither a target, a task nor a reported figure of \(wanted)\(year.map { " in \($0)" } ?? ""); list them with `plancascade targets` or `plancascade status`")
        }
        return Result(item: item, unit: wanted, year: foundYear, period: period, lines: lines)
    }

    /// The field at `keys` of the document at `path` in `head`, and the commit that gave it
    /// its current value.
    func blame(part: String, path: String, keys: [String], from head: Oid, reader: DocumentReader) throws -> Line {
        guard let current = try reader.value(at: path, keys: keys, in: try reader.commit(head).tree) else {
            throw PlanStoreError.invalidArgument(name: "file", value: path, reason: "is not in main")
        }
        let rendered = current.value.map(CanonicalJSON.render)
        var commit = try reader.commit(head), place = path
        walk: while true {
            let collected = CommitTrailers.collectedChild(of: commit)
            for (index, parent) in commit.parents.enumerated() {
                var parentPath = place
                if index == 1, let child = collected {
                    let folder = Layout.childFolder(child) + "/"
                    guard place.hasPrefix(folder) else { continue }
                    parentPath = String(place.dropFirst(folder.count))
                }
                let parentCommit = try reader.commit(parent)
                guard let found = try reader.value(at: parentPath, keys: keys, in: parentCommit.tree) else { continue }
                if found.blob == current.blob || found.value.map(CanonicalJSON.render) == rendered {
                    commit = parentCommit
                    place = parentPath
                    continue walk
                }
            }
            break
        }
        return Line(
            part: part, file: path, field: part == "task-status" ? "status" : keys.last ?? "", value: current.value.map(keys.last == "provenance" ? { JSONText.provenance($0) ?? "" } : JSONText.compact) ?? "",
            committedIn: try reader.unitID(in: commit.tree) ?? "?", commit: CommitInfo(commit))
    }

    /// The folder prefix of unit `id` in `tree`: "" for the unit itself, else the
    /// `children/<id>/` path at any depth; nil when it is not there.
    static func prefix(of id: String, in tree: Oid, reader: DocumentReader, base: String = "") throws -> String? {
        if try reader.unitID(in: tree, prefix: base) == id { return base }
        guard let folder = try reader.git.entry(at: base + "children", in: tree), folder.kind == .tree else { return nil }
        for entry in try reader.git.tree(folder.oid) where entry.kind == .tree {
            if let found = try prefix(of: id, in: tree, reader: reader, base: base + "children/\(entry.name)/") { return found }
        }
        return nil
    }
}
