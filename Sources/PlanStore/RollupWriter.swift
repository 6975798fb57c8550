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
    /// Every period's rollup for the unit whose documents are at the root of `tree`.
    /// Reads only what a rollup needs: the unit's `unit.json`, indicators and reports, and
    /// each child's reports and stored rollups.
    /// - Parameter cache: documents already read in this command; a collect of many
    ///   children reads the parent's own documents and each child once, not once per merge.
    static func rollups(of tree: Oid, in repository: UnitRepository, cache: DocumentCache = DocumentCache()) throws -> [Period: Rollup] {
        let own = try PlanSnapshot.load(from: repository, tree: tree, kinds: PlanSnapshot.rollupOwnKinds, cache: cache)
        var children: [String: PlanSnapshot] = [:]
        if let folder = try repository.git.entry(at: "children", in: tree), folder.kind == .tree {
            for entry in try repository.git.tree(folder.oid) where entry.kind == .tree {
                children[entry.name] = try PlanSnapshot.load(
                    from: repository, tree: tree, prefix: "children/\(entry.name)/", kinds: PlanSnapshot.rollupChildKinds, cache: cache)
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
