import Cascade
import Git
import PlanModel

extension StatusQuery {
    /// One report the unit's plan requires of its children (``RequiredReport``), and who has
    /// sent one (``ReportedPeriod``: a report of a period within the days it covers).
    public struct Requirement: Encodable, Sendable {
        public let id: String
        public let name: String?
        public let deadline: CivilDate
        public let start: CivilDate
        public let end: CivilDate
        /// Registered children with a report for it, and those without, sorted.
        public let reported: [String]
        public let missing: [String]
        /// The deadline is before the as-of day.
        public let due: Bool
    }

    /// What the unit's plan of its latest year requires of its children's reports, with
    /// who reported each required report; nil when the plan sets nothing.
    public func reporting(in repository: UnitRepository, asOf: CivilDate) throws -> (year: Int, reporting: Reporting, requirements: [Requirement])? {
        guard let head = try repository.head() else { throw PlanStoreError.notAUnitRepository(path: repository.displayRoot) }
        let git = repository.git
        let tree = try git.commit(head).tree
        let own = try PlanSnapshot.load(from: repository, tree: tree, kinds: [.plan, .indicator, .target, .task])
        guard let year = own.planYears.last, let reporting = own.years[year]?.plan?.reporting, !reporting.isEmpty else { return nil }
        var reportedBy: [String: Set<Period>] = [:]
        for child in own.unit.children {
            reportedBy[child.id] = try ReportFiles.periods(in: tree, prefix: Layout.childFolder(child.id) + "/", git: git)
        }
        let requirements = reporting.reports.map { report in
            let covers = reporting.covered(by: report, year: year)
            let ids = own.unit.children.map(\.id).sorted()
            let reported = ids.filter { ReportedPeriod.hasReported(reportedBy[$0] ?? [], within: covers) }
            return Requirement(
                id: report.id, name: report.name, deadline: report.deadline, start: covers.start, end: covers.end,
                reported: reported, missing: ids.filter { !reported.contains($0) }, due: report.deadline < asOf)
        }
        return (year, reporting, requirements)
    }
}
