import Cascade
import Git
import PlanModel

extension CheckQuery.Walk {
    /// For each target of `node` in `year`: its latest figure's period and how many of the
    /// units expected to report it the figure sums (``ExpectedReporters``) — the figure
    /// `missedTargets` judges and `status` shows.
    func completeness(of node: Node, year: Int, rollups: [Period: Rollup]) throws -> [String: CheckRules.LatestCompleteness] {
        var result: [String: CheckRules.LatestCompleteness] = [:]
        for code in (node.snapshot.years[year]?.targets ?? [:]).keys {
            guard let (period, rollup) = rollups.filter({ $0.key.year == year && $0.value.figures[code] != nil }).max(by: { $0.key < $1.key }),
                  let completeness = try expected.completeness(of: rollup.figures[code], at: node.prefix, code: code, year: year)
            else { continue }
            result[code] = CheckRules.LatestCompleteness(period: period, completeness: completeness)
        }
        return result
    }
}
