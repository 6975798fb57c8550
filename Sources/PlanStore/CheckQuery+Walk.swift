import Cascade
import Git
import PlanModel

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
            /// Tasks reach children by name and alias, so the cache is per unit.
            let unit: String
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
        /// Who is expected to report each indicator below each unit (``ExpectedReporters``).
        let expected: ExpectedReporters
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
            self.expected = ExpectedReporters(repository: repository, tree: tree, cache: cache)
        }

        /// The findings of `node` and, recursively, of its children.
        /// - Parameter parent: the parent version `node` derived from; nil when unknown.
        mutating func visit(_ node: Node, parent: Version?, inherited: Reporting? = nil) throws -> [Finding] {
            let git = repository.git
            let unit = node.snapshot.unit
            var findings: [Finding] = []
            // What the unit requires of its children: its plan's, else what its parent
            // required (a child that has not pulled since the parent set it).
            let reporting = year.flatMap { node.snapshot.years[$0]?.plan?.reporting } ?? inherited
            let years = Set(node.snapshot.planYears).union(parent?.snapshot.planYears ?? [])
            for year in years.sorted() {
                let mine = node.snapshot.years[year] ?? PlanSnapshot.Year()
                let derived = parent.map { TargetDerivation.derive(from: $0.snapshot, commit: $0.commit, year: year, child: node.snapshot) } ?? [:]
                findings += CheckRules.belowInherited(
                    unit: unit.id, year: year, targets: mine.targets, indicators: indicators(of: node, year: year),
                    derived: derived, prefix: node.prefix)
                findings += CheckRules.belowAssigned(
                    unit: unit.id, year: year, targets: mine.targets, indicators: indicators(of: node, year: year),
                    prefix: node.prefix)
                findings += CheckRules.belowOwnRule(
                    unit: unit.id, year: year, targets: mine.targets, indicators: indicators(of: node, year: year),
                    prefix: node.prefix)
                if let parent {
                    let key = InheritedKey(commit: parent.commit, folder: parent.folder, year: year, unit: unit.id)
                    let inherited = inheritedTasks[key]
                        ?? TargetDerivation.inheritedTasks(from: parent.snapshot, commit: parent.commit, year: year, child: unit)
                    inheritedTasks[key] = inherited
                    findings += CheckRules.missingInherited(
                        unit: unit.id, parent: parent.snapshot.unit.id, year: year, targets: mine.targets, tasks: mine.tasks,
                        derived: derived, inheritedTasks: inherited, prefix: node.prefix)
                }
            }
            if let year {
                let rollups = try rollups(of: node, year: year)
                let complete = try completeness(of: node, year: year, rollups: rollups)
                findings += CheckRules.incompleteRollups(unit: unit.id, year: year, completeness: complete, prefix: node.prefix)
                var missed = CheckRules.missedTargets(
                    unit: unit.id, year: year, targets: node.snapshot.years[year]?.targets ?? [:], rollups: rollups,
                    indicators: indicators(of: node, year: year), asOf: options.asOf, completeness: complete.mapValues(\.completeness))
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
                        findings.append(CheckRules.invalidDocument(unit: id, file: path, problems: problems, scope: CheckRules.subtree(of: id)))
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
                    findings += try visit(current, parent: try version(of: node, derivedFrom: derivedFrom), inherited: reporting)
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
                let reported = child == nil ? [] : try ReportFiles.periods(in: tree, prefix: childPrefix, git: git)
                let cadence = options.cadence ?? reporting?.cadence ?? .quarterly
                // Only the periods the child was alive in, under this unit (issue 18: lifetimes).
                let windows = cadence.windows(
                    from: options.from ?? reporting?.window?.start ?? Period.year(year).start,
                    through: reporting?.window?.end ?? Period.year(year).end, asOf: options.asOf
                ).filter { Structure.expects(id, under: unit.id, on: $0.end, decisions: root.reorganisations) }
                findings += CheckRules.missingReports(unit: id, year: year, reported: reported, windows: windows, cadence: cadence)
                if let reporting {
                    findings += CheckRules.missingRequiredReports(
                        unit: id, parent: unit.id, year: year, reported: reported, reporting: reporting, asOf: options.asOf,
                        file: node.prefix + Layout.planFile(year: year))
                }
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
}
