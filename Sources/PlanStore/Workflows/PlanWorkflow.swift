import Foundation
import Git
import PlanModel

/// `plancascade plan`: writes `plans/<year>/plan.json` — the plan's number, title and dates,
/// and what the unit requires of its children's reports (``Reporting``: the cadence, the
/// window, named reports with deadlines). Every change is validated as any plan.json is
/// (the same rules hold for a child's pushed one) and committed on `main`; nothing is
/// written when a rule fails.
public struct PlanWorkflow {
    /// What `plan set` changes; nil fields are left as they are.
    public struct Edit: Sendable {
        public var number: String?
        public var title: String?
        public var issued: CivilDate?
        public var childPlanDeadline: CivilDate?
        public var cadence: ReportingCadence?
        public var window: DateWindow?
        public var clearCadence = false
        public var clearWindow = false

        public init(
            number: String? = nil, title: String? = nil, issued: CivilDate? = nil, childPlanDeadline: CivilDate? = nil,
            cadence: ReportingCadence? = nil, window: DateWindow? = nil, clearCadence: Bool = false, clearWindow: Bool = false
        ) {
            self.number = number
            self.title = title
            self.issued = issued
            self.childPlanDeadline = childPlanDeadline
            self.cadence = cadence
            self.window = window
            self.clearCadence = clearCadence
            self.clearWindow = clearWindow
        }
    }

    /// The plan as written, its year, and the commit (nil when nothing changed).
    public struct Outcome: Sendable {
        public let year: Int
        public let plan: Plan
        public let commit: Oid?
    }

    public let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// The plan of `year` (default: the unit's latest plan year); nil plan when there is none.
    public func show(year: Int?, in repository: UnitRepository) throws -> (year: Int, plan: Plan?) {
        let year = try resolve(year, in: repository)
        return (year, try repository.document(Plan.self, at: Layout.planFile(year: year)))
    }

    /// Changes the plan of `year`; creates it (number and title empty, as 001 and 003 leave
    /// their number blank, until `--number` and `--title` give them) when there is none.
    public func set(year: Int?, _ edit: Edit, in repository: UnitRepository) throws -> Outcome {
        try change(year: year, in: repository, message: "Plan: set") { plan in
            if let number = edit.number { plan.number = Self.clean(number) }
            if let title = edit.title { plan.title = Self.clean(title) }
            if let issued = edit.issued { plan.issued = issued }
            if let deadline = edit.childPlanDeadline { plan.childPlanDeadline = deadline }
            guard edit.cadence != nil || edit.window != nil || edit.clearCadence || edit.clearWindow else { return }
            var reporting = plan.reporting ?? Reporting()
            if edit.clearCadence { reporting.cadence = nil }
            if edit.clearWindow { reporting.window = nil }
            if let cadence = edit.cadence { reporting.cadence = cadence }
            if let window = edit.window { reporting.window = window }
            Self.own(&reporting)
            plan.reporting = reporting.isEmpty ? nil : reporting
        }
    }

    /// Adds required report `report` to the plan of `year`, or replaces the one with its id.
    public func addReport(year: Int?, _ report: RequiredReport, in repository: UnitRepository) throws -> Outcome {
        var report = report
        report.name = report.name.map(Self.clean)
        return try change(year: year, in: repository, message: "Plan: required report \(report.id) before \(report.deadline)") { plan in
            var reporting = plan.reporting ?? Reporting()
            if let index = reporting.reports.firstIndex(where: { $0.id == report.id }) {
                reporting.reports[index] = report
            } else {
                reporting.reports.append(report)
                reporting.reports.sort { ($0.deadline, $0.id) < ($1.deadline, $1.id) }
            }
            Self.own(&reporting)
            plan.reporting = reporting
        }
    }

    /// Removes required report `id` from the plan of `year`.
    /// - Throws: `PlanStoreError.invalidArgument` when the plan has no such report.
    public func removeReport(year: Int?, id: String, in repository: UnitRepository) throws -> Outcome {
        try change(year: year, in: repository, message: "Plan: required report \(id) removed") { plan in
            var reporting = plan.reporting ?? Reporting()
            guard reporting.reports.contains(where: { $0.id == id }) else {
                throw PlanStoreError.invalidArgument(name: "report", value: id, reason: Message("plandata.workflow.no-report", [
                    "year": .year(plan.year), "reports": .list(reporting.reports.map { .text($0.id) })]))
            }
            reporting.reports.removeAll { $0.id == id }
            Self.own(&reporting)
            plan.reporting = reporting.isEmpty ? nil : reporting
        }
    }

    /// Once the unit edits what its parent set, the reporting is its own: later pulls keep it.
    private static func own(_ reporting: inout Reporting) { reporting.setBy = nil }

    private static func clean(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
    }

    private func change(year: Int?, in repository: UnitRepository, message: String, _ edit: (inout Plan) throws -> Void) throws -> Outcome {
        let year = try resolve(year, in: repository)
        let path = Layout.planFile(year: year)
        let before = try repository.document(Plan.self, at: path)
        var plan = before ?? Plan(number: "", title: "", year: year)
        try edit(&plan)
        guard plan != before else { return Outcome(year: year, plan: plan, commit: nil) }
        let identity = try Identity.resolve(for: repository.git, environment: environment)
        let commit = try repository.commitValidated([path: try CanonicalJSON.encode(plan)], message: "\(message) (\(year))\n", identity: identity)
        return Outcome(year: year, plan: plan, commit: commit)
    }

    /// `year`, else the unit's latest plan year.
    private func resolve(_ year: Int?, in repository: UnitRepository) throws -> Int {
        if let year { return year }
        guard let head = try repository.head() else { throw PlanStoreError.notAUnitRepository(path: repository.displayRoot) }
        let snapshot = try PlanSnapshot.load(from: repository, commit: head, kinds: [.plan, .indicator, .target, .task])
        guard let latest = snapshot.planYears.last else {
            throw PlanStoreError.invalidArgument(name: "--year", value: "", reason: Message("plandata.workflow.no-year"))
        }
        return latest
    }
}
