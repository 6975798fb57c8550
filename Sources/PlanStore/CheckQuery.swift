import Cascade
import Git
import PlanModel

/// `plancascade check`: every finding for the unit and its collected subtree, in one report.
///
/// Reads `main` and the refs; the only thing it writes is what a fetch writes: the children's
/// pushes from the unit's hub (`refs/children/*`, like `collect`) and the parent's published
/// targets (`refs/remotes/parent/targets`, like `pull`). The rules are ``CheckRules`` in
/// Cascade; this type finds their inputs — each unit of the subtree, the parent version it
/// derived from, its figures — and the commit that introduced each offending file.
public struct CheckQuery {
    /// How often children report (``CheckCadence`` in Cascade).
    public typealias Cadence = CheckCadence

    public struct Options: Sendable {
        /// The day deadlines and reporting periods are judged against.
        public var asOf: CivilDate
        /// How often each registered child must report (default: the unit's plan's
        /// `reporting`, ``Reporting``; without one, quarterly).
        public var cadence: CheckCadence?
        /// The first day reports are required from (default: the plan's reporting window's
        /// first day; without one, the plan year's first day).
        public var from: CivilDate?
        /// The plan year whose figures, reports and plan deadlines are checked (default: the
        /// unit's latest plan year); targets and tasks are checked in every year.
        public var year: Int?
        /// Whether to fetch the children's pushes and the parent's targets first (false: judge
        /// the refs as last fetched, as the web page does on each view).
        public var fetch: Bool

        public init(asOf: CivilDate, cadence: CheckCadence? = nil, from: CivilDate? = nil, year: Int? = nil, fetch: Bool = true) {
            self.asOf = asOf
            self.cadence = cadence
            self.from = from
            self.year = year
            self.fetch = fetch
        }
    }

    public struct Report: Sendable {
        /// Sorted by unit (the unit first, then its subtree depth-first), severity, kind, item.
        public let findings: [Finding]

        public var errors: Int { findings.filter { $0.severity == .error }.count }
        public var warnings: Int { findings.filter { $0.severity == .warning }.count }
    }

    public let options: Options

    public init(_ options: Options) {
        self.options = options
    }

    public func run(in repository: UnitRepository) throws -> Report {
        try run(in: repository, cache: DocumentCache())
    }

    /// The same, with the documents `cache` holds already (`export` runs `check` and `verify`
    /// over one).
    func run(in repository: UnitRepository, cache: DocumentCache) throws -> Report {
        let git = repository.git
        guard let head = try repository.head() else { throw PlanStoreError.notAUnitRepository(path: repository.displayRoot) }
        // Documents and history trailers read once for the whole run: siblings share their
        // indicators, inherited tasks and the parent version they derived from.
        let trailers = FirstParentTrailers.Index(git)
        // Every unit's documents, decoded on every core before the walk reads them one by one.
        try cache.prefetch(tree: try git.commit(head).tree, kinds: PlanSnapshot.allKinds, in: git)
        let rootSnapshot: PlanSnapshot
        do {
            rootSnapshot = try PlanSnapshot.load(from: repository, commit: head, cache: cache)
        } catch PlanStoreError.invalidDocument(let path, let problems) {
            // Nothing else can be judged without the unit's own documents.
            let unit = (try? repository.document(PlanModel.Unit.self, at: Layout.unitFile))?.id ?? "(this unit)"
            return Report(findings: [CheckRules.invalidDocument(unit: unit, file: path, problems: problems, scope: CheckRules.nothingElse)])
        }
        let root = Walk.Node(path: [], snapshot: rootSnapshot, head: head)
        var walk = Walk(
            repository: repository, tree: try git.commit(head).tree, options: options, root: root.snapshot, cache: cache, trailers: trailers)
        walk.heads[""] = head
        walk.order.append(root.snapshot.unit.id)
        var findings = options.fetch ? try fetchChildren(repository, unit: root.snapshot.unit.id) : []
        findings += CheckRules.conflicts(try repository.conflictRecords(), unit: root.snapshot.unit.id)
        findings += try rewrittenChildren(in: git, collected: try trailers(head).collected)
        findings += try heldBackChildren(in: git, main: head, collected: try trailers(head).collected)
        findings += try ownDerivation(repository, unit: root.snapshot.unit, derived: try trailers(head).derivedFrom)
        // The parent version this unit derived from, when the clone has it (`pull` fetched it).
        let version = try trailers(head).derivedFrom.flatMap { commit in
            git.contains(commit) ? Walk.Version(snapshot: try PlanSnapshot.load(from: repository, commit: commit, cache: cache), commit: commit) : nil
        }
        findings += try walk.visit(root, parent: version)
        findings += try history(repository, head: head, cache: cache, trailers: trailers)
        for index in findings.indices where findings[index].commit == nil {
            if let file = findings[index].file { findings[index].commit = try walk.introducingCommit(of: file)?.hex }
        }
        let rank = Dictionary(walk.order.enumerated().map { ($0.element, $0.offset) }) { first, _ in first }
        let sorted = findings.enumerated().sorted { a, b in
            let l = a.element, r = b.element
            let key = { (f: Finding) in (rank[f.unit ?? ""] ?? Int.max, f.severity == .error ? 0 : f.severity == .warning ? 1 : 2) }
            if key(l) != key(r) { return key(l) < key(r) }
            if l.kind != r.kind { return l.kind.rawValue < r.kind.rawValue }
            if (l.subject ?? "", l.year ?? 0) != (r.subject ?? "", r.year ?? 0) { return (l.subject ?? "", l.year ?? 0) < (r.subject ?? "", r.year ?? 0) }
            if (l.period ?? "") != (r.period ?? "") { return (l.period ?? "") < (r.period ?? "") }
            return a.offset < b.offset
        }
        return Report(findings: sorted.map(\.element))
    }
}
