import Cascade
import Git
import PlanModel

/// `plancascade log`: the semantic history of a unit and its collected subtree, one entry
/// per changed field — date, unit, author, commit, and what changed from what to what.
///
/// One walk over the whole history (children's own commits are ancestors of the collect
/// merges, so they are reached too). Each commit is compared with its first parent by tree
/// entry ids (``TreeDiff``): unchanged folders are skipped, only changed documents are read.
/// A collect merge contributes its rollup (the child's folder is the child's own commits,
/// listed where they were made); any other merge only what differs from every parent (a
/// conflict resolution), never what one side brought in again.
public struct LogQuery {
    public struct Options: Sendable {
        /// Only changes of this indicator or task.
        public var item: String?
        /// Only changes of this unit's documents.
        public var unit: String?
        /// Only commits authored on or after this day (the author's own date).
        public var since: CivilDate?
        /// Only commits authored on or before this day.
        public var until: CivilDate?

        public init(item: String? = nil, unit: String? = nil, since: CivilDate? = nil, until: CivilDate? = nil) {
            self.item = item
            self.unit = unit
            self.since = since
            self.until = until
        }
    }

    /// One change and the commit that made it.
    public struct Entry: Encodable, Sendable {
        public let commit: CommitInfo
        public let change: SemanticChange

        enum CodingKeys: String, CodingKey {
            case commit, author, email, date, time, message, authority
            case unit, subject, year, item, period, field, old, new, file, summary
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(commit.commit, forKey: .commit)
            try c.encode(commit.author, forKey: .author)
            try c.encode(commit.email, forKey: .email)
            try c.encode(commit.date, forKey: .date)
            try c.encode(commit.time, forKey: .time)
            try c.encode(commit.summary, forKey: .message)
            try c.encodeIfPresent(commit.authority, forKey: .authority)
            try c.encode(change.unit, forKey: .unit)
            try c.encode(change.subject, forKey: .subject)
            try c.encodeIfPresent(change.year, forKey: .year)
            try c.encodeIfPresent(change.item, forKey: .item)
            try c.encodeIfPresent(change.period, forKey: .period)
            try c.encodeIfPresent(change.field, forKey: .field)
            try c.encodeIfPresent(change.old, forKey: .old)
            try c.encodeIfPresent(change.new, forKey: .new)
            try c.encode(change.file, forKey: .file)
            try c.encode(change.summary, forKey: .summary)
        }
    }

    public let options: Options

    public init(_ options: Options = Options()) {
        self.options = options
    }

    /// The entries of `main`'s history, newest first.
    public func run(in repository: UnitRepository) throws -> [Entry] {
        guard let head = try repository.head() else { throw PlanStoreError.notAUnitRepository(path: repository.displayRoot) }
        return try run(from: head, in: repository.git)
    }

    /// The entries of the history of `head`, newest first (by author time, then history order).
    func run(from head: Oid, in git: Repository) throws -> [Entry] {
        let reader = DocumentReader(git)
        let diff = TreeDiff(git: git)
        // Where each commit's unit sits in the tree of `head`: "" for the unit's own commits,
        // "children/<id>/" for a child's commits reached through a collect merge.
        var prefixes: [Oid: String] = [head: ""]
        var entries: [Entry] = []
        let keep = self.keep
        for oid in try git.history(from: [head]) {
            let commit = try git.commit(oid)
            let prefix = prefixes[oid] ?? ""
            let collected = CommitTrailers.collectedChild(of: commit)
            for (index, parent) in commit.parents.enumerated() where prefixes[parent] == nil {
                prefixes[parent] = index == 1 && collected != nil ? prefix + Layout.childFolder(collected!) + "/" : prefix
            }
            let time = Timestamp(commit.author)
            if let since = options.since, time.date < since { continue }
            if let until = options.until, time.date > until { continue }
            guard let unit = try reader.unitID(in: commit.tree) else { continue }
            let parentTrees = try commit.parents.map { try git.commit($0).tree }
            var changed = try diff.changes(
                from: parentTrees.first, to: commit.tree, skip: collected.map { [Layout.childFolder($0)] } ?? [], keep: keep)
            if parentTrees.count > 1, collected == nil {
                changed = try changed.filter { change in
                    try parentTrees.dropFirst().allSatisfy { try git.entry(at: change.path, in: $0)?.oid != change.new }
                }
            }
            var info: CommitInfo?
            for change in changed where mayConcern(change.path) {
                let owner = DocumentPath(change.path)?.unitPath.last ?? unit
                for semantic in try reader.changes(file: prefix + change.path, unit: owner, old: change.old, new: change.new, item: options.item)
                where matches(semantic) {
                    info = info ?? CommitInfo(commit)
                    entries.append(Entry(commit: info!, change: semantic))
                }
            }
        }
        // Newest first by the author's time; a commit's changes stay together, in file order.
        return entries.enumerated().sorted { a, b in
            let l = a.element.commit.time, r = b.element.commit.time
            return l.secondsSinceEpoch != r.secondsSinceEpoch ? l.secondsSinceEpoch > r.secondsSinceEpoch : a.offset < b.offset
        }.map(\.element)
    }

    /// For an item, which entries of a changed folder to look into: of a folder of one file
    /// per item (`plans/<year>/targets|tasks|indicators/`), only the item's own file; the
    /// other files of a pull that rewrote forty targets are never compared.
    private var keep: ((String, String) -> Bool)? {
        guard let item = options.item else { return nil }
        let own = item + ".json"
        return { base, name in
            guard base.hasSuffix("/targets/") || base.hasSuffix("/tasks/") || base.hasSuffix("/indicators/") else { return true }
            return name == own || !name.hasSuffix(".json")
        }
    }

    /// Whether a file can hold a change of the item asked for, from its name alone (a
    /// target, task or indicator file is named after its item).
    private func mayConcern(_ path: String) -> Bool {
        guard let item = options.item, let location = DocumentPath(path) else { return true }
        switch location.kind {
        case .target, .task, .indicator: return location.name == item
        case .unit, .plan: return false
        default: return true
        }
    }

    private func matches(_ change: SemanticChange) -> Bool {
        if let item = options.item, change.item != item { return false }
        if let unit = options.unit, change.unit != unit { return false }
        return true
    }
}
