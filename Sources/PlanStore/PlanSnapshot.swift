import Git
import PlanModel

/// Every plan and progress document of one unit at one commit, decoded.
public struct PlanSnapshot: Sendable {
    /// One year's plan documents, keyed by indicator code or task id.
    public struct Year: Sendable {
        public var plan: Plan?
        public var indicators: [String: Indicator] = [:]
        public var targets: [String: Target] = [:]
        public var tasks: [String: PlanTask] = [:]
        /// What the unit knows of each child's figures, keyed by child id.
        public var baselines: [String: Baselines] = [:]
    }

    public var unit: PlanModel.Unit
    public var years: [Int: Year]
    public var progress: [ProgressReport]
    /// Stored rollups of the unit and its subtree, by period.
    public var rollups: [Period: Rollup] = [:]
    /// The unit's decisions on its children's reports, by child id and period.
    public var approvals: [String: [Period: Approval]] = [:]

    /// The years that have plan documents, ascending.
    public var planYears: [Int] { years.keys.sorted() }

    /// The unit's own latest figure for `indicator` in `year` (the latest period reported).
    public func latestFigure(_ indicator: String, year: Int) -> Exact? {
        progress.filter { $0.period.year == year && $0.figures[indicator] != nil }
            .max { $0.period < $1.period }
            .flatMap { $0.figures[indicator]?.effectiveValue }
    }

    /// Reads the documents of the unit at `prefix` (`""` or `children/<id>/`) in `commit`.
    /// - Throws: `PlanStoreError.invalidDocument` naming every problem of an invalid file,
    ///   `.notAUnitRepository` when there is no `unit.json`.
    static func load(from repository: UnitRepository, commit: Oid, prefix: String = "") throws -> PlanSnapshot {
        try load(from: repository, tree: try repository.git.commit(commit).tree, prefix: prefix)
    }

    /// The folders of a unit's documents: `plans/`, `progress/`, `rollup/`, `approvals/`.
    static let allFolders = ["plans", "progress", "rollup", "approvals"]

    /// Reads the documents of the unit at `prefix` in `tree`.
    /// - Parameter folders: the folders to read (default: all); a rollup needs only a
    ///   child's `progress/` and `rollup/`, not its plans.
    static func load(from repository: UnitRepository, tree: Oid, prefix: String = "", folders: [String] = allFolders) throws -> PlanSnapshot {
        let git = repository.git
        guard let unitEntry = try git.entry(at: prefix + Layout.unitFile, in: tree) else {
            throw PlanStoreError.notAUnitRepository(path: repository.displayRoot)
        }
        let unit: PlanModel.Unit = try decode(try git.blob(unitEntry.oid), path: prefix + Layout.unitFile)
        var snapshot = PlanSnapshot(unit: unit, years: [:], progress: [])
        for folder in folders {
            guard let entry = try git.entry(at: prefix + folder, in: tree), entry.kind == .tree else { continue }
            for (path, oid) in try git.files(in: entry.oid, under: folder).sorted(by: { $0.key < $1.key }) {
                guard let location = DocumentPath(path), location.unitPath.isEmpty, let year = location.year else { continue }
                let bytes = try git.blob(oid)
                let shown = prefix + path
                switch location.kind {
                case .plan: snapshot.years[year, default: Year()].plan = try decode(bytes, path: shown)
                case .indicator:
                    let indicator: Indicator = try decode(bytes, path: shown)
                    snapshot.years[year, default: Year()].indicators[indicator.code] = indicator
                case .target:
                    let target: Target = try decode(bytes, path: shown)
                    snapshot.years[year, default: Year()].targets[target.indicator] = target
                case .task:
                    let task: PlanTask = try decode(bytes, path: shown)
                    snapshot.years[year, default: Year()].tasks[task.id] = task
                case .baselines:
                    let baselines: Baselines = try decode(bytes, path: shown)
                    snapshot.years[year, default: Year()].baselines[baselines.unit] = baselines
                case .progress:
                    snapshot.progress.append(try decode(bytes, path: shown))
                case .rollup:
                    let rollup: Rollup = try decode(bytes, path: shown)
                    snapshot.rollups[rollup.period] = rollup
                case .approval:
                    let approval: Approval = try decode(bytes, path: shown)
                    snapshot.approvals[approval.child, default: [:]][approval.period] = approval
                case .unit, .conflict:
                    continue
                }
            }
        }
        return snapshot
    }

    static func decode<T: Decodable>(_ bytes: [UInt8], path: String) throws -> T {
        do {
            return try CanonicalJSON.decode(T.self, from: bytes, file: path)
        } catch PlanModelError.invalid(let findings) {
            throw PlanStoreError.invalidDocument(path: path, findings: findings.filter { $0.severity == .error }.map(\.description))
        }
    }
}
