import Cascade
import PlanModel

/// The unit's targets as rows for `plancascade targets` (and its `--json`).
public struct TargetsQuery {
    public struct Row: Encodable, Sendable {
        public let year: Int
        public let indicator: String
        public let name: String?
        public let value: Exact
        public let comparator: String
        /// The other end of a `between` band.
        public let bound: Exact?
        /// The target as written: `>= 50`, `> 80`, `31–50`.
        public let condition: String
        public let deadline: CivilDate?
        public let lead: String?
        public let cooperating: [String]
        public let rule: String?
        public let provenance: Provenance?
        /// The unit's own figure of the previous year this target was set against.
        public var versus: YearOnYear? = nil
    }

    public init() {}

    public func run(in repository: UnitRepository, year: Int? = nil) throws -> [Row] {
        guard let head = try repository.head() else { return [] }
        let snapshot = try PlanSnapshot.load(from: repository, commit: head)
        var rows: [Row] = []
        for plannedYear in snapshot.planYears where year == nil || year == plannedYear {
            let plan = snapshot.years[plannedYear]!
            for (code, target) in plan.targets.sorted(by: { Self.codeOrder($0.key, $1.key) }) {
                var row = Row(
                    year: plannedYear, indicator: code, name: plan.indicators[code]?.name, value: target.value,
                    comparator: target.comparator.rawValue, bound: target.bound, condition: target.condition, deadline: target.deadline, lead: target.lead,
                    cooperating: target.cooperating, rule: target.rule, provenance: target.provenance)
                row.versus = target.versus
                rows.append(row)
            }
        }
        return rows
    }

    /// Orders criterion codes numerically part by part (1.2 before 1.10), others by text.
    static func codeOrder(_ a: String, _ b: String) -> Bool { CriteriaTree.codeOrder(a, b) }
}
