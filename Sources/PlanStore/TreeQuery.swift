import Cascade
import PlanModel

/// `plancascade tree`: the unit's criteria tree of one year with its root (the total),
/// maxima, targets, target ranks, the figures of one period and the deductions (issue 17
/// part 4; 000 Phụ lục I "TỔNG ĐIỂM 100 / 91.65", 003 Phụ lục "Tổng cộng 86.2482 / −13.7518").
public struct TreeQuery {
    public struct Outcome: Encodable, Sendable {
        public let unit: String
        public let year: Int
        /// The period whose own figures are shown; nil when the unit reported none.
        public let period: String?
        public let rows: [CriteriaTree.Row]
    }

    public init() {}

    /// - Parameters:
    ///   - year: the plan year (default: the latest year with score indicators).
    ///   - period: the period of the figures (default: the latest of `year` the unit reported
    ///     a score figure for).
    public func run(in repository: UnitRepository, year: Int? = nil, period: Period? = nil) throws -> Outcome? {
        guard let head = try repository.head() else { return nil }
        let snapshot = try PlanSnapshot.load(from: repository, commit: head)
        let scoreYears = snapshot.planYears.filter { snapshot.years[$0]!.indicators.values.contains { $0.measure == .score } }
        guard let chosen = year ?? scoreYears.last, let plan = snapshot.years[chosen] else { return nil }
        let scoreCodes = Set(plan.indicators.filter { $0.value.measure == .score }.keys)
        let report = snapshot.progress
            .filter { period == nil ? $0.period.year == chosen && !scoreCodes.isDisjoint(with: $0.figures.keys) : $0.period == period }
            .max { $0.period < $1.period }
        let rows = CriteriaTree.table(indicators: plan.indicators, targets: plan.targets, figures: report?.figures ?? [:])
        return Outcome(unit: snapshot.unit.id, year: chosen, period: report?.period.description ?? period?.description, rows: rows)
    }
}
