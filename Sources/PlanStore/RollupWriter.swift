import Git
import PlanModel

/// Recomputes `rollup/<year>/<period>.json` in a tree (filled in with the rollup rules).
enum RollupWriter {
    static func apply(to tree: Oid, in repository: UnitRepository, unit: PlanModel.Unit) throws -> Oid {
        tree
    }
}
