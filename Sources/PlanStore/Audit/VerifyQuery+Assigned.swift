import Cascade
import Git
import PlanModel

extension VerifyQuery {
    /// Targets of the unit and of every collected descendant, at `tree`, that are weaker than
    /// what their parent assigned them (`below-assigned`, ``CheckRules/belowAssigned(unit:year:targets:indicators:prefix:)``):
    /// a forced lowering or a hand edit that `check` also reports, found again by `verify`
    /// over the whole subtree as collected.
    func belowAssigned(in units: [CollectedUnit], tree: Oid, repository: UnitRepository, cache: DocumentCache) throws -> [Finding] {
        var findings: [Finding] = []
        for unit in units {
            let snapshot = try PlanSnapshot.load(from: repository, tree: tree, prefix: unit.prefix, kinds: [.indicator, .target], cache: cache)
            for year in snapshot.planYears {
                let plan = snapshot.years[year] ?? PlanSnapshot.Year()
                findings += CheckRules.belowAssigned(
                    unit: unit.id, year: year, targets: plan.targets, indicators: plan.indicators, prefix: unit.prefix)
            }
        }
        return findings
    }
}
