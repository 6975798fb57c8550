import PlanModel

/// The unit's tasks as rows for `plancascade tasks` (and its `--json`): lead agency,
/// deadline, the status the unit last reported and whether the task is overdue.
public struct TasksQuery {
    public struct Row: Encodable, Sendable {
        public let year: Int
        public let id: String
        public let content: String
        public let lead: String?
        public let cooperating: [String]
        public let timeframe: String?
        public let deadline: CivilDate?
        /// The status in the latest progress report that names the task; nil when none does.
        public let status: TaskStatus?
        /// The period of that report.
        public let reportedIn: Period?
        /// The deadline has passed (as of the day asked about) and the task is not done.
        public let overdue: Bool
        /// Inherited from the parent's plan (with `pull`), not the unit's own.
        public let inherited: Bool
    }

    public init() {}

    /// Every task of every plan year (or of `year`), judged as of `asOf`.
    public func run(in repository: UnitRepository, year: Int? = nil, asOf: CivilDate) throws -> [Row] {
        guard let head = try repository.head() else { return [] }
        let snapshot = try PlanSnapshot.load(from: repository, commit: head, kinds: [.plan, .task, .progress])
        let reports = snapshot.progress.sorted { $0.period < $1.period }
        var rows: [Row] = []
        for plannedYear in snapshot.planYears where year == nil || year == plannedYear {
            let plan = snapshot.years[plannedYear]!
            for (id, task) in plan.tasks.sorted(by: { TargetsQuery.codeOrder($0.key, $1.key) }) {
                let latest = reports.last { $0.period.year == plannedYear && $0.tasks[id] != nil }
                let status = latest?.tasks[id]
                let overdue = task.deadline.map { $0 < asOf } == true && status != .done
                rows.append(Row(
                    year: plannedYear, id: id, content: task.content, lead: task.lead, cooperating: task.cooperating,
                    timeframe: task.timeframe, deadline: task.deadline, status: status, reportedIn: latest?.period,
                    overdue: overdue, inherited: task.provenance != nil))
            }
        }
        return rows
    }
}
