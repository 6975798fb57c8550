import Cascade
import Git
import PlanModel

/// `plancascade status`: per unit (this one and each collected child) and indicator — the
/// target, the latest figure of its subtree, the period, the deadline and the state.
public struct StatusQuery {
    public struct Row: Encodable, Sendable {
        public let unit: String
        public let name: String
        public let indicator: String
        public let period: String?
        public let target: Exact?
        public let comparator: String?
        /// The other end of a `between` band ("từ vị trí thứ 31 đến 50").
        public var bound: Exact? = nil
        /// The figure compared with the target: a percentage for ratio indicators (exact).
        public let actual: Exact?
        public let numerator: Exact?
        public let denominator: Exact?
        public let deadline: CivilDate?
        public let state: String
        /// How many units' reports the figure sums.
        public let units: Int?
        /// How many of the units expected to report it did, of how many (``Completeness``);
        /// absent without a figure. Fewer than expected makes the state `incomplete`.
        public var reported: Int? = nil
        public var expected: Int? = nil
        /// The expected units missing from the figure; absent when none is.
        public var missing: [String]? = nil
        /// True when the figure's period is still running on the as-of day: the figure is
        /// provisional (tạm tính) until the period ends. Absent otherwise.
        public var provisional: Bool? = nil

        /// A unit in state `invalid`: the first file of it that does not decode, and why
        /// (the problem as `check` gives it, in English). Absent otherwise.
        public var file: String? = nil
        public var problem: String? = nil

        /// ``state`` as a catalogue term (`term.state.on-track`…).
        public var stateTerm: Message.Value { .term("term.state.\(state)") }
    }

    public init() {}

    /// - Parameters:
    ///   - period: only this period (default: each indicator's latest reported period); a
    ///     unit reported it with a report of it or of a period within it (``ReportedPeriod``):
    ///     the latest of those is shown.
    ///   - asOf: the day deadlines are judged against.
    public func run(in repository: UnitRepository, period: Period?, asOf: CivilDate) throws -> [Row] {
        try report(in: repository, period: period, asOf: asOf).rows
    }

    /// The rows, and every collected unit of the subtree whose documents do not decode
    /// (``InvalidUnits``): a direct child among them has rows in state `invalid`, a unit
    /// further down is left out of its parent's figures; every other unit is shown as usual.
    public func report(in repository: UnitRepository, period: Period?, asOf: CivilDate) throws -> (rows: [Row], invalid: [InvalidUnit]) {
        guard let head = try repository.head() else { throw PlanStoreError.notAUnitRepository(path: repository.displayRoot) }
        let tree = try repository.git.commit(head).tree
        // One cache for the command: the unit's rollup and each child's read the same reports.
        let cache = DocumentCache()
        let own = try PlanSnapshot.load(from: repository, tree: tree, cache: cache)
        let invalid = try InvalidUnits.find(in: tree, repository: repository, cache: cache)
        guard let year = period?.year ?? own.planYears.last else { return ([], invalid) }
        let indicators = own.years[year]?.indicators ?? [:]
        let expected = ExpectedReporters(repository: repository, tree: tree, cache: cache)
        var rows = try self.rows(
            unit: own.unit, prefix: "", expected: expected, targets: own.years[year]?.targets ?? [:], rollups: try RollupWriter.rollups(of: tree, in: repository, cache: cache),
            indicators: indicators, year: year, period: period, asOf: asOf)
        for child in own.unit.children {
            let prefix = Layout.childFolder(child.id) + "/"
            if let bad = invalid.first(where: { $0.prefix == prefix }) {
                rows += (own.years[year]?.targets.keys.sorted(by: TargetsQuery.codeOrder) ?? []).map {
                    var row = Row(unit: child.id, name: child.name, indicator: $0, period: nil, target: nil, comparator: nil, actual: nil,
                                  numerator: nil, denominator: nil, deadline: nil, state: StatusState.invalid.rawValue, units: nil)
                    row.file = bad.file
                    row.problem = (bad.problems.first ?? bad.message).description
                    return row
                }
                continue
            }
            guard try repository.git.entry(at: prefix + Layout.unitFile, in: tree) != nil else {
                // Registered but never collected: no target known here, no data.
                rows += (own.years[year]?.targets.keys.sorted(by: TargetsQuery.codeOrder) ?? []).map {
                    Row(unit: child.id, name: child.name, indicator: $0, period: nil, target: nil, comparator: nil, actual: nil,
                        numerator: nil, denominator: nil, deadline: nil, state: StatusState.noData.rawValue, units: nil)
                }
                continue
            }
            let snapshot = try PlanSnapshot.load(from: repository, tree: tree, prefix: prefix, cache: cache)
            // The child's figures recomputed from the reports below it, never its stored claim.
            let rollups = try RollupWriter.subtreeRollups(at: prefix, of: tree, indicators: [year: indicators], in: repository, cache: cache)
            rows += try self.rows(unit: snapshot.unit, prefix: prefix, expected: expected, targets: snapshot.years[year]?.targets ?? [:], rollups: rollups,
                              indicators: indicators, year: year, period: period, asOf: asOf, fallback: own.years[year]?.targets ?? [:])
        }
        return (rows, invalid)
    }

    private func rows(unit: PlanModel.Unit, prefix: String, expected: ExpectedReporters, targets: [String: Target], rollups: [Period: Rollup],
                      indicators: [String: Indicator], year: Int, period: Period?, asOf: CivilDate, fallback: [String: Target] = [:]) throws -> [Row] {
        let codes = Set(targets.keys).union(fallback.keys).sorted(by: TargetsQuery.codeOrder)
        return try codes.compactMap { code -> Row? in
            guard let indicator = indicators[code] else { return nil }
            let target = targets[code] ?? fallback[code]
            let candidates = rollups.filter { entry in
                entry.key.year == year && entry.value.figures[code] != nil && (period.map { ReportedPeriod.answers(entry.key, for: $0) } ?? true)
            }
            let latest = candidates.max { $0.key < $1.key }
            let figure = latest?.value.figures[code]
            let shownPeriod = latest?.key ?? period
            let completeness = try shownPeriod.flatMap { try expected.completeness(of: figure, at: prefix, code: code, period: $0) }
            let state = Status.evaluate(target: target, figure: figure, indicator: indicator,
                                        period: shownPeriod ?? Period("\(year)")!, asOf: asOf, completeness: completeness)
            var row = Row(
                unit: unit.id, name: unit.name, indicator: code, period: shownPeriod?.description, target: target?.value,
                comparator: target?.comparator.rawValue, actual: figure.flatMap { Status.actual(of: $0, indicator: indicator) },
                numerator: indicator.aggregation == .ratio ? figure?.numerator : nil,
                denominator: indicator.aggregation == .ratio ? figure?.denominator : nil,
                deadline: target?.deadline, state: state.rawValue, units: figure?.units)
            row.bound = target?.bound
            if figure != nil, let shownPeriod, shownPeriod.isRunning(on: asOf) { row.provisional = true }
            if let completeness {
                row.reported = completeness.reported
                row.expected = completeness.expected
                if !completeness.isComplete { row.missing = completeness.missing }
            }
            return row
        }
    }
}
