import Cascade
import Git
import PlanModel

/// Computes the rollup of a unit and its collected subtree from a tree, and writes it to
/// `rollup/<year>/<period>.json`.
///
/// For each period that the unit or any collected child reported: the unit's own figures
/// plus each child's subtree total — the child's own stored rollup when it has one (a
/// district's totals over its communes), else its own report. The parent's indicator
/// definitions decide how each figure aggregates (`Rollup.compute`).
enum RollupWriter {
    /// Children's documents already read, by the id of their `children/<id>` tree: a
    /// collect of many children reads each child once, not once per merge.
    final class Cache {
        var snapshots: [Oid: PlanSnapshot] = [:]
    }

    /// Every period's rollup for the unit whose documents are at the root of `tree`.
    static func rollups(of tree: Oid, in repository: UnitRepository, cache: Cache = Cache()) throws -> [Period: Rollup] {
        let own = try PlanSnapshot.load(from: repository, tree: tree)
        var children: [String: PlanSnapshot] = [:]
        if let folder = try repository.git.entry(at: "children", in: tree), folder.kind == .tree {
            for entry in try repository.git.tree(folder.oid) where entry.kind == .tree {
                if let known = cache.snapshots[entry.oid] {
                    children[entry.name] = known
                    continue
                }
                let snapshot = try PlanSnapshot.load(
                    from: repository, tree: tree, prefix: "children/\(entry.name)/", folders: ["progress", "rollup"])
                cache.snapshots[entry.oid] = snapshot
                children[entry.name] = snapshot
            }
        }
        var periods = Set(own.progress.map(\.period))
        for child in children.values {
            periods.formUnion(child.progress.map(\.period))
            periods.formUnion(child.rollups.keys)
        }
        var result: [Period: Rollup] = [:]
        for period in periods {
            guard let indicators = own.years[period.year]?.indicators, !indicators.isEmpty else { continue }
            var totals: [String: Rollup] = [:]
            for (id, child) in children {
                totals[id] = child.rollups[period] ?? Rollup.compute(
                    unit: id, period: period, own: child.progress.first { $0.period == period }, children: [:], indicators: indicators)
            }
            let rollup = Rollup.compute(
                unit: own.unit.id, period: period, own: own.progress.first { $0.period == period }, children: totals,
                indicators: indicators)
            if !rollup.figures.isEmpty { result[period] = rollup }
        }
        return result
    }

    /// `tree` with every period's rollup file written (only files whose bytes change).
    static func apply(to tree: Oid, in repository: UnitRepository, cache: Cache = Cache()) throws -> Oid {
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
