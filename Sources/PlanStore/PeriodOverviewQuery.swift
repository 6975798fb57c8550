import Foundation
import Cascade
import Git
import PlanModel

/// The children's table of a district or a province for one period (the web page's
/// `plancascade serve`): for each registered child, whether its report for the period was
/// collected, whether it came late, how many of the units below it reported, which targets
/// it is below, and this unit's decision on it. Reads `main` only.
///
/// A report is late when it was recorded after the period's last day: the documents ask for
/// the report by the end of the period it covers (001 III duy trì 2: "Ngày 30 tháng cuối cùng
/// của quý"; shared/seed-data/rules.md rule 32).
public struct PeriodOverviewQuery {
    public struct Row: Sendable {
        public let child: UnitRef
        /// The child's own report for the period, as collected (nil when none).
        public let report: ProgressReport?
        /// Whether a figure of the period is there at all: the child's own report or the
        /// total it stored for its subtree.
        public let reported: Bool
        /// The report was recorded after the period's last day.
        public let late: Bool
        /// Units of the child's subtree (the child itself when it has no children) that
        /// reported for the period, of those expected.
        public let unitsReported: Int
        public let unitsExpected: Int
        /// Indicators whose figure of the period is below the child's target (missed, or at
        /// risk before the deadline), as `status` judges them.
        public let belowTarget: [StatusQuery.Row]
        /// This unit's latest decision on the child's report for the period.
        public let approval: Approval?
        /// Whether the child pushed something this unit has not collected yet.
        public let waiting: Bool
        /// The child's collected documents do not decode (``InvalidUnits``): nothing of it is
        /// read or counted; the file and the reason. Nil otherwise.
        public var invalid: InvalidUnit? = nil
    }

    public struct Result: Sendable {
        public let period: Period
        public let rows: [Row]
        /// `status` for the period: the unit's own totals and each child's figures.
        public let status: [StatusQuery.Row]
        /// Children with a report (or a subtree total) for the period, of those registered.
        public var reported: Int { rows.filter(\.reported).count }
        public var expected: Int { rows.count }
    }

    public init() {}

    public func run(period: Period, asOf: CivilDate, in repository: UnitRepository) throws -> Result {
        let unit = try repository.unit()
        guard let head = try repository.head() else { throw PlanStoreError.notAUnitRepository(path: repository.displayRoot) }
        let tree = try repository.git.commit(head).tree
        let (status, invalid) = try StatusQuery().report(in: repository, period: period, asOf: asOf)
        var rows: [Row] = []
        // Only the children under this unit in the period, by the reorganisations in force then.
        let cache = DocumentCache()
        let decisions = try RollupWriter.decisions(in: tree, repository: repository, cache: cache)
        let expected = ExpectedReporters(repository: repository, tree: tree, cache: cache)
        for child in unit.children
        where Structure.expects(child.id, under: unit.id, on: Structure.attributionDate(of: period), decisions: decisions) {
            let prefix = Layout.childFolder(child.id) + "/"
            let bad = invalid.first { $0.prefix == prefix }
            let report = bad != nil ? nil : try repository.document(
                ProgressReport.self, at: prefix + Layout.progressFile(year: period.year, period: period.description), in: head)
            let own = try units(at: prefix, period: period, tree: tree, expected: expected, in: repository)
            let late = report.map { $0.reportedAt.date > period.end } ?? false
            let below = status.filter {
                $0.unit == child.id && $0.period == period.description
                    && ($0.state == StatusState.missed.rawValue || $0.state == StatusState.atRisk.rawValue)
            }
            let approval = try repository.document(Approval.self, at: Layout.approvalFile(child: child.id, period: period), in: head)
            let collected = try repository.git.entry(at: prefix + Layout.unitFile, in: tree) != nil
            var waiting = false
            if let pushed = try repository.git.referenceTarget(Layout.childReference(child.id)) {
                waiting = try !collected || !isCollected(pushed, head: head, in: repository)
            }
            var row = Row(
                child: child, report: report, reported: bad == nil && own.reported > 0, late: late,
                unitsReported: bad == nil ? own.reported : 0, unitsExpected: own.expected, belowTarget: below, approval: approval, waiting: waiting)
            row.invalid = bad
            rows.append(row)
        }
        return Result(period: period, rows: rows, status: status)
    }

    /// Every period for which this unit or a collected child has a report or a total, newest
    /// first (the periods the table can be asked for).
    public func periods(in repository: UnitRepository) throws -> [Period] {
        guard let head = try repository.head() else { return [] }
        let tree = try repository.git.commit(head).tree
        let unit = try repository.unit()
        var found = Set<Period>()
        for prefix in [""] + unit.children.map({ Layout.childFolder($0.id) + "/" }) {
            for folder in ["progress", "rollup"] {
                guard let years = try repository.git.entry(at: prefix + folder, in: tree), years.kind == .tree else { continue }
                for year in try repository.git.tree(years.oid) where year.kind == .tree {
                    for file in try repository.git.tree(year.oid) where file.name.hasSuffix(".json") {
                        if let period = Period(String(file.name.dropLast(5))) { found.insert(period) }
                    }
                }
            }
        }
        return found.sorted(by: >)
    }

    /// The units of the subtree collected at `prefix` that reported for `period`, of those
    /// expected (``ExpectedReporters``, as `status`, `trace` and `check` count them: the units
    /// without children, alive in the period), each asked ``ReportedPeriod`` (a month by its
    /// 10-day reports, too).
    private func units(at prefix: String, period: Period, tree: Oid, expected: ExpectedReporters, in repository: UnitRepository)
        throws -> (reported: Int, expected: Int)
    {
        let reporters = try expected.reporters(at: prefix, period: period)
        let reported = try reporters.filter {
            ReportedPeriod.hasReported(try ReportFiles.periods(in: tree, prefix: $0.prefix, git: repository.git), period)
        }.count
        return (reported, reporters.count)
    }

    /// Whether the child's pushed head is already part of `main`'s history.
    private func isCollected(_ pushed: Oid, head: Oid, in repository: UnitRepository) throws -> Bool {
        pushed == head ? true : try repository.git.isDescendant(head, of: pushed)
    }
}
