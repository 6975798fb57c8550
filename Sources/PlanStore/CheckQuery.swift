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
        /// How often each registered child must report.
        public var cadence: CheckCadence
        /// The first day reports are required from (default: the plan year's first day).
        public var from: CivilDate?
        /// The plan year whose figures, reports and plan deadlines are checked (default: the
        /// unit's latest plan year); targets and tasks are checked in every year.
        public var year: Int?

        public init(asOf: CivilDate, cadence: CheckCadence = .quarterly, from: CivilDate? = nil, year: Int? = nil) {
            self.asOf = asOf
            self.cadence = cadence
            self.from = from
            self.year = year
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
        let git = repository.git
        guard let head = try repository.head() else { throw PlanStoreError.notAUnitRepository(path: repository.displayRoot) }
        // Documents and history trailers read once for the whole run: siblings share their
        // indicators, inherited tasks and the parent version they derived from.
        let cache = DocumentCache(), trailers = FirstParentTrailers.Index(git)
        // Every unit's documents, decoded on every core before the walk reads them one by one.
        try cache.prefetch(tree: try git.commit(head).tree, kinds: PlanSnapshot.allKinds, in: git)
        let rootSnapshot: PlanSnapshot
        do {
            rootSnapshot = try PlanSnapshot.load(from: repository, commit: head, cache: cache)
        } catch PlanStoreError.invalidDocument(let path, let problems) {
            // Nothing else can be judged without the unit's own documents.
            let unit = (try? repository.document(PlanModel.Unit.self, at: Layout.unitFile))?.id ?? "(this unit)"
            return Report(findings: [CheckRules.invalidDocument(unit: unit, file: path, problems: problems, scope: "nothing else")])
        }
        let root = Walk.Node(path: [], snapshot: rootSnapshot, head: head)
        var walk = Walk(
            repository: repository, tree: try git.commit(head).tree, options: options, root: root.snapshot, cache: cache, trailers: trailers)
        walk.heads[""] = head
        walk.order.append(root.snapshot.unit.id)
        var findings = try fetchChildren(repository, unit: root.snapshot.unit.id)
        findings += CheckRules.conflicts(try ResolveWorkflow().conflicts(in: repository), unit: root.snapshot.unit.id)
        findings += try rewrittenChildren(in: git, collected: try trailers(head).collected)
        findings += try ownDerivation(repository, unit: root.snapshot.unit, derived: try trailers(head).derivedFrom)
        // The parent version this unit derived from, when the clone has it (`pull` fetched it).
        let version = try trailers(head).derivedFrom.flatMap { commit in
            git.contains(commit) ? Walk.Version(snapshot: try PlanSnapshot.load(from: repository, commit: commit, cache: cache), commit: commit) : nil
        }
        findings += try walk.visit(root, parent: version)
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

    /// In a working clone with a hub, fetches what the children pushed there, as `collect`
    /// does; an unreachable hub is an info finding and the refs fetched before are used.
    func fetchChildren(_ repository: UnitRepository, unit: String) throws -> [Finding] {
        let git = repository.git
        guard !git.isBare, let hub = try git.remoteURL(Layout.originRemote) else { return [] }
        do {
            try repository.ensureRemoteExists(Layout.originRemote)
            try git.fetch(from: .named(Layout.originRemote), refspecs: ["+refs/children/*:refs/children/*"])
            return []
        } catch {
            return [Finding(
                .info, .notChecked, unit: unit,
                message: "could not fetch the children's pushes from \(RemoteURL.redacted(hub)) (\(error)); rewritten history was checked against the pushes fetched before")]
        }
    }

    /// Children whose pushed head does not descend from the head collected before.
    /// - Parameter collected: the head each child's latest collect merged.
    private func rewrittenChildren(in git: Repository, collected: [String: Oid]) throws -> [Finding] {
        var findings: [Finding] = []
        for (name, pushed) in try git.references(matching: "refs/children/*/main") {
            let child = String(name.dropFirst("refs/children/".count).dropLast("/main".count))
            guard let last = collected[child], last != pushed,
                  try !git.isDescendant(pushed, of: last) else { continue }
            findings.append(CheckRules.historyRewritten(child: child, collected: last.hex, pushed: pushed.hex))
        }
        return findings
    }

    /// Whether the unit derived from its parent's latest published targets: fetches the
    /// `parent` remote like `pull`; no remote or an unreachable parent is an info finding.
    /// - Parameter derived: the parent commit the unit's latest pull derived from.
    private func ownDerivation(_ repository: UnitRepository, unit: PlanModel.Unit, derived: Oid?) throws -> [Finding] {
        let git = repository.git
        guard let url = try git.remoteURL(Layout.parentRemote) else {
            guard let parent = unit.parent else { return [] }
            return [Finding(
                .info, .notChecked, unit: unit.id,
                message: "no `parent` remote here, so whether \(unit.id) derived from \(parent)'s latest targets was not checked; "
                    + "`plancascade pull` configures it from unit.json")]
        }
        do {
            try repository.ensureRemoteExists(Layout.parentRemote)
            try git.fetch(from: .named(Layout.parentRemote), refspecs: [Layout.parentFetchRefspec])
        } catch {
            return [Finding(
                .info, .notChecked, unit: unit.id,
                message: "could not reach the parent at \(RemoteURL.redacted(url)) (\(error)), so whether \(unit.id) derived from its latest targets was not checked")]
        }
        guard let published = try git.referenceTarget(Layout.parentTrackingTargets) else { return [] }
        let parent = try PlanSnapshot.load(from: repository, commit: published, kinds: []).unit.id
        return CheckRules.staleDerivation(unit: unit.id, parent: parent, derivedFrom: derived?.hex, published: published.hex).map { [$0] } ?? []
    }
}

extension CheckQuery {
    /// One pass over the unit and its collected subtree.
    struct Walk {
        /// A unit of the subtree: its documents and the commit they were read from.
        struct Node {
            /// Child ids from the unit where `check` runs down to this one.
            let path: [String]
            let snapshot: PlanSnapshot
            /// `main` for the unit itself, the head collected last for a descendant.
            let head: Oid?

            var prefix: String { DocumentPath.prefix(for: path) }
        }

        /// The parent's documents a unit is compared with, and the commit they come from.
        struct Version {
            let snapshot: PlanSnapshot
            let commit: Oid
            /// Where the snapshot was read: `""` from `commit` itself, else the prefix of the
            /// parent's folder as collected (its files may differ from `commit`'s).
            var folder = ""
        }

        /// The tasks a child at a level inherits from a parent version in a year: the same
        /// for every sibling, so worked out once.
        struct InheritedKey: Hashable {
            let commit: Oid
            let folder: String
            let year: Int
            let level: String
        }

        let repository: UnitRepository
        /// The tree of `main` where `check` runs: every descendant's files are in it.
        let tree: Oid
        let options: Options
        /// The documents of the unit where `check` runs.
        let root: PlanSnapshot
        /// The year of figures, reports and plan deadlines (``Options/year``).
        let year: Int?
        /// Documents read in this run.
        let cache: DocumentCache
        /// Each unit head's first-parent trailers, walked once per head in this run.
        let trailers: FirstParentTrailers.Index
        /// Each unit's figures by year and folder prefix (``rollups(of:year:)``): a unit's are
        /// read for its own findings and again for its parent's.
        var rollupsSeen: [String: [Period: Rollup]] = [:]
        /// Inherited tasks already worked out in this run.
        var inheritedTasks: [InheritedKey: [String: PlanTask]] = [:]
        /// Each visited unit's head, by folder prefix.
        var heads: [String: Oid] = [:]
        /// Unit ids in the order they are visited (the unit, then depth-first).
        var order: [String] = []

        init(
            repository: UnitRepository, tree: Oid, options: Options, root: PlanSnapshot, cache: DocumentCache,
            trailers: FirstParentTrailers.Index
        ) {
            self.repository = repository
            self.cache = cache
            self.trailers = trailers
            self.tree = tree
            self.options = options
            self.root = root
            self.year = options.year ?? root.planYears.last
        }

        /// The findings of `node` and, recursively, of its children.
        /// - Parameter parent: the parent version `node` derived from; nil when unknown.
        mutating func visit(_ node: Node, parent: Version?) throws -> [Finding] {
            let git = repository.git
            let unit = node.snapshot.unit
            var findings: [Finding] = []
            let years = Set(node.snapshot.planYears).union(parent?.snapshot.planYears ?? [])
            for year in years.sorted() {
                let mine = node.snapshot.years[year] ?? PlanSnapshot.Year()
                let derived = parent.map { TargetDerivation.derive(from: $0.snapshot, commit: $0.commit, year: year, child: node.snapshot) } ?? [:]
                findings += CheckRules.belowInherited(
                    unit: unit.id, year: year, targets: mine.targets, indicators: indicators(of: node, year: year),
                    derived: derived, prefix: node.prefix)
                if let parent {
                    let key = InheritedKey(commit: parent.commit, folder: parent.folder, year: year, level: unit.level)
                    let inherited = inheritedTasks[key] ?? (parent.snapshot.years[year]?.tasks ?? [:]).compactMapValues {
                        TaskInheritance.derive(task: $0, parentUnit: parent.snapshot.unit.id, parentCommit: parent.commit.hex, childLevel: unit.level)
                    }
                    inheritedTasks[key] = inherited
                    findings += CheckRules.missingInherited(
                        unit: unit.id, parent: parent.snapshot.unit.id, year: year, targets: mine.targets, tasks: mine.tasks,
                        derived: derived, inheritedTasks: inherited, prefix: node.prefix)
                }
            }
            if let year {
                var missed = CheckRules.missedTargets(
                    unit: unit.id, year: year, targets: node.snapshot.years[year]?.targets ?? [:], rollups: try rollups(of: node, year: year),
                    indicators: indicators(of: node, year: year), asOf: options.asOf)
                for index in missed.indices {
                    guard let period = missed[index].period.flatMap(Period.init) else { continue }
                    if node.snapshot.rollups[period] != nil {
                        missed[index].file = node.prefix + Layout.rollupFile(year: year, period: period.description)
                    } else if node.snapshot.progress.contains(where: { $0.period == period }) {
                        missed[index].file = node.prefix + Layout.progressFile(year: year, period: period.description)
                    }
                }
                findings += missed
            }

            let registered = unit.children.map(\.id)
            var collected: [String] = []
            if let folder = try git.entry(at: node.prefix + "children", in: tree), folder.kind == .tree {
                collected = try git.tree(folder.oid).filter { $0.kind == .tree }.map(\.name)
            }
            var shares: [String: [CheckRules.ChildShare]] = [:]
            for id in registered + collected.filter({ !registered.contains($0) }).sorted() {
                order.append(id)
                let childPrefix = node.prefix + "children/\(id)/"
                var child: Node?
                if collected.contains(id) {
                    let head = try node.head.flatMap { try trailers($0).collected[id] }
                    heads[childPrefix] = head
                    let snapshot: PlanSnapshot
                    do {
                        snapshot = try PlanSnapshot.load(from: repository, tree: tree, prefix: childPrefix, cache: cache)
                    } catch PlanStoreError.invalidDocument(let path, let problems) {
                        findings.append(CheckRules.invalidDocument(unit: id, file: path, problems: problems, scope: "\(id)'s subtree"))
                        continue
                    }
                    let current = Node(path: node.path + [id], snapshot: snapshot, head: head)
                    child = current
                    let derivedFrom = try head.flatMap { try trailers($0).derivedFrom }
                    if node.path.isEmpty, let published = try publishedTargets() {
                        if let stale = CheckRules.staleDerivation(unit: id, parent: unit.id, derivedFrom: derivedFrom?.hex, published: published.hex) {
                            findings.append(stale)
                        }
                    }
                    findings += try visit(current, parent: try version(of: node, derivedFrom: derivedFrom))
                }
                guard let year else { continue }
                if let child {
                    let childRollups = try self.rollups(of: child, year: year)
                    for (code, _) in node.snapshot.years[year]?.targets ?? [:] {
                        guard let latest = childRollups.filter({ $0.key.year == year && $0.value.figures[code]?.denominator != nil })
                            .max(by: { $0.key < $1.key }), let denominator = latest.value.figures[code]?.denominator else { continue }
                        shares[code, default: []].append(CheckRules.ChildShare(
                            unit: id, target: child.snapshot.years[year]?.targets[code]?.value, denominator: denominator))
                    }
                }
                guard registered.contains(id) else { continue }
                let reported = Set((child?.snapshot.progress.map(\.period) ?? []) + (child?.snapshot.rollups.keys.map { $0 } ?? []))
                let windows = options.cadence.windows(
                    from: options.from ?? Period.year(year).start, through: Period.year(year).end, asOf: options.asOf)
                findings += CheckRules.missingReports(unit: id, year: year, reported: reported, windows: windows, cadence: options.cadence)
                if let late = CheckRules.latePlan(
                    unit: id, parent: unit.id, year: year, parentPlan: node.snapshot.years[year]?.plan,
                    childPlan: child?.snapshot.years[year]?.plan, asOf: options.asOf, prefix: childPrefix) {
                    findings.append(late)
                }
            }
            findings += try approvalBreaches(of: node)
            if let year {
                let indicators = indicators(of: node, year: year)
                for (code, target) in (node.snapshot.years[year]?.targets ?? [:]).sorted(by: { $0.key < $1.key }) {
                    guard let indicator = indicators[code], let children = shares[code] else { continue }
                    if let short = CheckRules.childrenShort(
                        unit: unit.id, year: year, indicator: indicator, target: target, children: children, prefix: node.prefix) {
                        findings.append(short)
                    }
                }
            }
            return findings
        }
    }
}

extension CheckQuery.Walk {
    /// The indicators of `year` as the unit where `check` runs defines them (its definitions
    /// decide how figures aggregate), completed by `node`'s own.
    func indicators(of node: Node, year: Int) -> [String: Indicator] {
        (node.snapshot.years[year]?.indicators ?? [:]).merging(root.years[year]?.indicators ?? [:]) { $1 }
    }

    /// `node`'s figures over its subtree by period, as `plancascade status` reads them: the
    /// unit's own computed from its tree, a descendant's from its stored rollups, else its
    /// own reports.
    mutating func rollups(of node: Node, year: Int) throws -> [Period: Rollup] {
        let key = "\(year) \(node.prefix)"
        if let known = rollupsSeen[key] { return known }
        let rollups = try computeRollups(of: node, year: year)
        rollupsSeen[key] = rollups
        return rollups
    }

    /// ``rollups(of:year:)``, worked out.
    private func computeRollups(of node: Node, year: Int) throws -> [Period: Rollup] {
        if node.path.isEmpty {
            do {
                return try RollupWriter.rollups(of: tree, in: repository, cache: cache)
            } catch PlanStoreError.invalidDocument {
                // A child's invalid file is its own finding; judge by the rollups as stored.
                return node.snapshot.rollups
            }
        }
        let indicators = indicators(of: node, year: year)
        var rollups = node.snapshot.rollups
        for report in node.snapshot.progress where rollups[report.period] == nil {
            rollups[report.period] = Rollup.compute(
                unit: node.snapshot.unit.id, period: report.period, own: report, children: [:], indicators: indicators)
        }
        return rollups
    }

    /// Reports `node` approved whose files changed since, each naming the commit (and its
    /// author) that last changed the file in the child's history as collected.
    func approvalBreaches(of node: Node) throws -> [Finding] {
        let git = repository.git
        var findings: [Finding] = []
        for (child, periods) in node.snapshot.approvals.sorted(by: { $0.key < $1.key }) {
            let prefix = node.prefix + Layout.childFolder(child) + "/"
            for (period, approval) in periods.sorted(by: { $0.key < $1.key }) {
                let current = try ApprovalWorkflow.reportFiles(in: tree, prefix: prefix, period: period, git: git)
                for breach in ApprovalRules.breaches(of: approval, current: current) {
                    let changedBy = try introducingCommit(of: prefix + breach.file).map { (author: try git.commit($0).author.name, commit: $0.hex) }
                    findings.append(ApprovalRules.changedAfterApproval(
                        breach, approval: approval, parent: node.snapshot.unit.id, prefix: node.prefix, changedBy: changedBy))
                }
            }
        }
        return findings
    }

    /// What the unit where `check` runs last published (`targets`; in a second clerk's clone,
    /// the hub's as last fetched).
    func publishedTargets() throws -> Oid? {
        let git = repository.git
        return try git.referenceTarget(Layout.targetsBranch) ?? git.referenceTarget("refs/remotes/\(Layout.originRemote)/targets")
    }

    /// The version of `parent` a child derived from: the published commit the child's last
    /// pull names, when this repository has it; else `parent` as collected (a district's
    /// published targets do not travel up to the province).
    func version(of parent: Node, derivedFrom: Oid?) throws -> Version? {
        if let derivedFrom, repository.git.contains(derivedFrom),
           let snapshot = try? PlanSnapshot.load(from: repository, commit: derivedFrom, cache: cache), snapshot.unit.id == parent.snapshot.unit.id {
            return Version(snapshot: snapshot, commit: derivedFrom)
        }
        return parent.head.map { Version(snapshot: parent.snapshot, commit: $0, folder: parent.prefix.isEmpty ? "/" : parent.prefix) }
    }

    /// The commit that last changed `file` (relative to the repository where `check` runs):
    /// a first-parent walk of the history of the unit the file belongs to — `main`, or a
    /// descendant's head as collected — for the first commit whose blob at the path differs
    /// from its first parent's. Nil when the file does not exist.
    func introducingCommit(of file: String) throws -> Oid? {
        let git = repository.git
        // The deepest unit whose collected head holds the file as it is here; a file edited
        // in a parent's copy of a child's folder belongs to the parent's history.
        var candidates = [(prefix: "", path: file)]
        var prefix = "", path = file
        while path.hasPrefix("children/"), let slash = path.dropFirst("children/".count).firstIndex(of: "/"),
              heads[prefix + String(path[..<slash]) + "/"] != nil {
            prefix += String(path[..<slash]) + "/"
            path = String(path[path.index(after: slash)...])
            candidates.append((prefix, path))
        }
        let here = try git.entry(at: file, in: tree)?.oid
        func blob(_ commit: Oid, _ path: String) throws -> Oid? { try git.entry(at: path, in: try git.commit(commit).tree)?.oid }
        guard let (head, path) = try candidates.reversed().lazy.compactMap({ candidate -> (Oid, String)? in
            guard let head = self.heads[candidate.prefix] else { return nil }
            return try blob(head, candidate.path) == here ? (head, candidate.path) : nil
        }).first else { return nil }
        func blob(_ commit: Oid) throws -> Oid? { try blob(commit, path) }
        guard try blob(head) != nil else { return nil }
        for oid in try git.history(from: [head], firstParentOnly: true) {
            let parent = try git.commit(oid).parents.first
            if try blob(oid) != (try parent.flatMap(blob)) { return oid }
        }
        return nil
    }
}
