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
        return try totals(of: own, prefix: "", tree: tree, indicators: indicators, in: repository, cache: cache)
    }

    /// The totals of the unit at `prefix` of `tree` (`children/<id>/`, any depth) over its
    /// subtree, recomputed from the reports below it with `indicators` (by year) — what
    /// `status` and `check` show for a descendant, never its stored rollup's claim.
    /// - Parameter ownOnly: the unit's own reports only (when a file below does not validate).
    static func subtreeRollups(
        at prefix: String, of tree: Oid, indicators: [Int: [String: Indicator]], in repository: UnitRepository,
        cache: DocumentCache = DocumentCache(), ownOnly: Bool = false
    ) throws -> [Period: Rollup] {
        let unit = try PlanSnapshot.load(from: repository, tree: tree, prefix: prefix, kinds: PlanSnapshot.rollupChildKinds, cache: cache)
        return try totals(of: unit, prefix: prefix, tree: tree, indicators: indicators, in: repository, cache: cache, ownOnly: ownOnly)
    }

    /// The totals of the unit at `prefix` over its subtree, by period, with the indicators
    /// of the unit the rollup is for (by year).
    private static func totals(
        of unit: PlanSnapshot, prefix: String, tree: Oid, indicators: [Int: [String: Indicator]], in repository: UnitRepository,
        cache: DocumentCache, ownOnly: Bool = false
    ) throws -> [Period: Rollup] {
        var children: [String: [Period: Rollup]] = [:]
        if !ownOnly, let folder = try repository.git.entry(at: prefix + Layout.childrenFolder, in: tree), folder.kind == .tree {
            for entry in try repository.git.tree(folder.oid) where entry.kind == .tree {
                let childPrefix = prefix + Layout.childFolder(entry.name) + "/"
                let child = try PlanSnapshot.load(
                    from: repository, tree: tree, prefix: childPrefix, kinds: PlanSnapshot.rollupChildKinds, cache: cache)
                children[entry.name] = try totals(
                    of: child, prefix: childPrefix, tree: tree, indicators: indicators, in: repository, cache: cache)
            }
        }
        var periods = Set(unit.progress.map(\.period))
        for child in children.values { periods.formUnion(child.keys) }
        let id = prefix.isEmpty ? unit.unit.id : String(prefix.dropLast().split(separator: "/").last ?? "")
        var result: [Period: Rollup] = [:]
        for period in periods {
            guard let indicators = indicators[period.year] else { continue }
            let rollup = Rollup.compute(
                unit: id, period: period, own: unit.progress.first { $0.period == period },
                children: children.compactMapValues { $0[period] }, indicators: indicators)
            if !rollup.figures.isEmpty { result[period] = rollup }
        }
        return result
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
