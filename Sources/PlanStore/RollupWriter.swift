import Cascade
import Git
import PlanModel

/// Computes the rollup of a unit and its collected subtree from a tree, and writes it to
/// `rollup/<year>/<period>.json`.
///
/// For each period that the unit or any collected descendant reported: the unit's own
/// figures plus each child's subtree total, recomputed from the reports of every unit below
/// it — never read from a child's stored `rollup/`, which is only the child's claim (a
/// commune that commits a rollup of its own, or a district whose rollup was edited by hand,
/// cannot inflate its parent's totals). The unit's indicator definitions decide how each
/// figure aggregates at every level (`Rollup.compute`).
enum RollupWriter {
    /// Every period's rollup for the unit whose documents are at the root of `tree`.
    /// Reads only what a rollup needs: the unit's `unit.json`, indicators and reports, and
    /// the reports of every collected unit below it.
    /// - Parameter cache: documents already read in this command; a collect of many
    ///   children reads the parent's own documents and each child once, not once per merge.
    static func rollups(of tree: Oid, in repository: UnitRepository, cache: DocumentCache = DocumentCache()) throws -> [Period: Rollup] {
        // A tree's content never changes, so neither does what it rolls up to.
        if let known = cache.rollups[tree] { return known }
        let result = try computedRollups(of: tree, in: repository, cache: cache)
        cache.rollups[tree] = result
        return result
    }

    private static func computedRollups(of tree: Oid, in repository: UnitRepository, cache: DocumentCache) throws -> [Period: Rollup] {
        let own = try PlanSnapshot.load(from: repository, tree: tree, kinds: PlanSnapshot.rollupOwnKinds, cache: cache)
        let indicators = own.years.mapValues(\.indicators).filter { !$0.value.isEmpty }
        if let cached = try cachedTotals(at: "", of: tree, decisions: own.reorganisations, indicators: indicators, in: repository, cache: cache) {
            return cached
        }
        let units = try positions(at: "", of: tree, in: repository, cache: cache)
        return totals(of: units, decisions: own.reorganisations, indicators: indicators)
    }

    /// The totals of the unit at `prefix` of `tree` (`children/<id>/`, any depth) over its
    /// subtree, recomputed from the reports below it with `indicators` (by year) — what
    /// `status` and `check` show for a descendant, never its stored rollup's claim. The
    /// structure is the one in force by the decisions at the root of `tree`.
    /// - Parameter ownOnly: the unit's own reports only (when a file below does not validate).
    static func subtreeRollups(
        at prefix: String, of tree: Oid, indicators: [Int: [String: Indicator]], in repository: UnitRepository,
        cache: DocumentCache = DocumentCache(), ownOnly: Bool = false
    ) throws -> [Period: Rollup] {
        let decisions = try decisions(in: tree, repository: repository, cache: cache)
        if !ownOnly, let cached = try cachedTotals(at: prefix, of: tree, decisions: decisions, indicators: indicators, in: repository, cache: cache) {
            return cached
        }
        let units = try positions(at: prefix, of: tree, in: repository, cache: cache, ownOnly: ownOnly)
        return totals(of: units, decisions: decisions, indicators: indicators)
    }

    /// The decisions at the root of `tree` (`reorg/`): the only ones a rollup applies — a
    /// child's `reorg/` is its copy or its claim.
    static func decisions(in tree: Oid, repository: UnitRepository, cache: DocumentCache) throws -> [Reorganisation] {
        try PlanSnapshot.load(from: repository, tree: tree, kinds: [.reorganisation], cache: cache).reorganisations
    }

    /// One place in the tree where a unit's folder is: the unit at the root of a rollup, or a
    /// collected descendant. A unit moved by a reorganisation has two: under its old parent
    /// (collected before) and under its new one.
    struct Position {
        let prefix: String
        /// The folder's name (the root's id from its `unit.json`).
        let id: String
        /// The id of the unit whose `children/` holds it; nil for the root.
        let parent: String?
        let snapshot: PlanSnapshot
    }

    /// The unit at `prefix` and every unit collected below it, depth first in folder order.
    static func positions(
        at prefix: String, of tree: Oid, in repository: UnitRepository, cache: DocumentCache, ownOnly: Bool = false
    ) throws -> [Position] {
        var result: [Position] = []
        func visit(_ prefix: String, id: String?, parent: String?) throws {
            let snapshot: PlanSnapshot
            do {
                snapshot = try PlanSnapshot.load(from: repository, tree: tree, prefix: prefix, kinds: PlanSnapshot.rollupChildKinds, cache: cache)
            } catch PlanStoreError.invalidDocument where parent != nil {
                // A collected unit whose report does not decode (hand-edited in this clone, or
                // collected by an older version) is nobody's report: it and its subtree are
                // left out of every total, and ``InvalidUnits`` names it for the reader.
                return
            }
            let id = id ?? (prefix.isEmpty ? snapshot.unit.id : String(prefix.dropLast().split(separator: "/").last ?? ""))
            result.append(Position(prefix: prefix, id: id, parent: parent, snapshot: snapshot))
            guard !(ownOnly && parent == nil) else { return }
            guard let folder = try repository.git.entry(at: prefix + Layout.childrenFolder, in: tree), folder.kind == .tree else { return }
            for entry in try repository.git.tree(folder.oid) where entry.kind == .tree {
                try visit(prefix + Layout.childFolder(entry.name) + "/", id: entry.name, parent: id)
            }
        }
        try visit(prefix, id: nil, parent: nil)
        return result
    }

    /// The totals of the first position's unit over the units below it, by period, with the
    /// indicators of the unit the rollup is for (by year).
    ///
    /// Every unit counts once per period, under the parent it had on the period's last day
    /// (``Structure``): a unit found in two places (moved by a decision, its old copy still
    /// under its former parent) contributes its report once, from the place the structure in
    /// force names (else from the other copy of the same report). Without a decision naming it,
    /// a unit found in two places counts at the first (folder order) — and `verify` reports it.
    /// - Parameters:
    ///   - opaque: units whose folder is not read, by id: their totals over their folder, by
    ///     period (``cachedTotals(at:of:decisions:indicators:in:cache:)``).
    ///   - periods: the periods reported in those folders.
    static func totals(
        of positions: [Position], decisions: [Reorganisation], indicators: [Int: [String: Indicator]],
        opaque: [String: [Period: Rollup]] = [:], periods reportedBelow: Set<Period> = []
    ) -> [Period: Rollup] {
        guard let top = positions.first else { return [:] }
        var periods = reportedBelow
        for position in positions { periods.formUnion(position.snapshot.progress.map(\.period)) }
        var result: [Period: Rollup] = [:]
        for period in periods {
            guard let indicators = indicators[period.year] else { continue }
            let attribution = Attribution(positions: positions, decisions: decisions, period: period)
            var visited: Set<String> = []
            func roll(_ id: String) -> Rollup {
                visited.insert(id)
                if let totals = opaque[id] { return totals[period] ?? Rollup(unit: id, period: period) }
                var below: [String: Rollup] = [:]
                for child in attribution.children[id] ?? [] where !visited.contains(child) {
                    let rollup = roll(child)
                    if !rollup.figures.isEmpty { below[child] = rollup }
                }
                return Rollup.compute(unit: id, period: period, own: attribution.report(of: id), children: below, indicators: indicators)
            }
            let rollup = roll(top.id)
            if !rollup.figures.isEmpty { result[period] = rollup }
        }
        return result
    }

    /// Which unit counts under which parent in one period, and which copy of its report counts.
    struct Attribution {
        let top: String
        /// Each unit → the units counted directly under it, in folder order.
        private(set) var children: [String: [String]] = [:]
        /// Each counted unit → the position whose report counts (nil when it has none).
        private(set) var counted: [String: Position] = [:]
        let period: Period

        init(positions: [Position], decisions: [Reorganisation], period: Period) {
            self.period = period
            top = positions.first?.id ?? ""
            var places: [String: [Position]] = [:]
            var observed: [String: String?] = [:]
            var order: [String] = []
            for position in positions {
                if places[position.id] == nil { order.append(position.id) }
                places[position.id, default: []].append(position)
                if observed[position.id] == nil { observed[position.id] = .some(position.parent) }
            }
            let structure = decisions.isEmpty
                ? nil : Structure.inForce(on: Structure.attributionDate(of: period), decisions: decisions, observed: observed)
            func parent(of id: String) -> String? { structure.map { $0.parent(of: id) } ?? observed[id] ?? nil }
            var reachable: Set<String> = [top]
            var pending = [top]
            for id in order where id != top {
                if let structure, !structure.isAlive(id) { continue }
                if let parent = parent(of: id) { children[parent, default: []].append(id) }
            }
            while let id = pending.popLast() {
                for child in children[id] ?? [] where reachable.insert(child).inserted { pending.append(child) }
            }
            for id in reachable {
                let candidates = places[id] ?? []
                let expected = id == top ? nil : parent(of: id)
                let ordered = candidates.filter { $0.parent == expected } + candidates.filter { $0.parent != expected }
                if let position = ordered.first(where: { $0.snapshot.progress.contains { $0.period == period } }) { counted[id] = position }
            }
        }

        func report(of id: String) -> ProgressReport? {
            counted[id]?.snapshot.progress.first { $0.period == period }
        }
    }

    /// `tree` with every period's rollup file written (only files whose bytes change).
    static func apply(to tree: Oid, in repository: UnitRepository, cache: DocumentCache = DocumentCache()) throws -> Oid {
        var changes: [String: TreeChange] = [:]
        for (period, rollup) in try rollups(of: tree, in: repository, cache: cache) {
            let path = Layout.rollupFile(year: period.year, period: period.description)
            let bytes = try CanonicalJSON.encode(rollup)
            let existing = try repository.git.entry(at: path, in: tree)
            let oid = try repository.git.writeBlob(bytes)
            if existing?.oid != oid { changes[path] = .blob(oid) }
        }
        return changes.isEmpty ? tree : try repository.git.updateTree(tree, changes)
    }
}
