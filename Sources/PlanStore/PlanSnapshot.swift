import Git
import PlanModel

/// Every plan and progress document of one unit at one commit, decoded — or only the kinds
/// a caller asks for.
public struct PlanSnapshot: Sendable, Equatable {
    /// One year's plan documents, keyed by indicator code or task id.
    public struct Year: Sendable, Equatable {
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
    /// The reorganisation decisions the unit recorded or received (`reorg/`), by id order.
    public var reorganisations: [Reorganisation] = []

    /// The years that have plan documents, ascending.
    public var planYears: [Int] { years.keys.sorted() }

    /// The unit's own latest figure for `indicator` in `year` (the latest period reported).
    public func latestFigure(_ indicator: String, year: Int) -> Exact? {
        progress.filter { $0.period.year == year && $0.figures[indicator] != nil }
            .max { $0.period < $1.period }
            .flatMap { $0.figures[indicator]?.effectiveValue }
    }

    /// Every kind a snapshot can hold (`unit.json` is always read; conflict records never).
    static let allKinds: Set<DocumentKind> = [.plan, .indicator, .target, .task, .baselines, .progress, .rollup, .approval, .reorganisation]
    /// What a rollup reads of the unit itself: its indicator definitions and its own reports.
    static let rollupOwnKinds: Set<DocumentKind> = [.indicator, .progress, .reorganisation]
    /// What a rollup reads of a unit below: its own reports (its stored totals are only its
    /// claim; the rollup recomputes them).
    static let rollupChildKinds: Set<DocumentKind> = [.progress]

    /// Reads the documents of the unit at `prefix` (`""` or `children/<id>/`) in `commit`.
    /// - Throws: `PlanStoreError.invalidDocument` naming every problem of an invalid file,
    ///   `.notAUnitRepository` when there is no `unit.json`.
    static func load(
        from repository: UnitRepository, commit: Oid, prefix: String = "", kinds: Set<DocumentKind> = allKinds,
        cache: DocumentCache = DocumentCache()
    ) throws -> PlanSnapshot {
        try load(from: repository, tree: try repository.git.commit(commit).tree, prefix: prefix, kinds: kinds, cache: cache)
    }

    /// Reads the documents of `kinds` of the unit at `prefix` in `tree`; folders no wanted
    /// kind lives in are not even listed. Kinds left out read as empty.
    /// - Parameter cache: documents already decoded in this command, by blob id, and whole
    ///   snapshots by the ids of the folders they were read from.
    static func load(
        from repository: UnitRepository, tree: Oid, prefix: String = "", kinds: Set<DocumentKind> = allKinds,
        cache: DocumentCache = DocumentCache()
    ) throws -> PlanSnapshot {
        let git = repository.git
        let root = prefix.isEmpty ? tree : try git.entry(at: String(prefix.dropLast()), in: tree).flatMap { $0.kind == .tree ? $0.oid : nil }
        guard let root, let unitEntry = try git.entry(at: Layout.unitFile, in: root), unitEntry.kind != .tree else {
            throw PlanStoreError.notAUnitRepository(path: repository.displayRoot)
        }
        let folders = Self.folders(for: kinds)
        var top: [String: Oid] = [:]
        for entry in try git.tree(root) where entry.kind == .tree && folders.contains(entry.name) { top[entry.name] = entry.oid }
        let key = DocumentCache.SnapshotKey(unit: unitEntry.oid, folders: top, kinds: kinds)
        if let known = cache.snapshots[key] { return known }

        let unit = try cache.document(PlanModel.Unit.self, unitEntry.oid, path: prefix + Layout.unitFile, in: git)
        var snapshot = PlanSnapshot(unit: unit, years: [:], progress: [])
        /// The documents directly in `folder`, by file name (a `.json` name with a stem), sorted.
        func files(_ folder: Oid) throws -> [(name: String, oid: Oid)] {
            try git.tree(folder).filter { $0.kind != .tree && $0.kind != .submodule && $0.name.hasSuffix(".json") && $0.name.count > 5 }
                .map { ($0.name, $0.oid) }.sorted { $0.name < $1.name }
        }
        func subfolders(_ folder: String) throws -> [(name: String, oid: Oid)] {
            guard let oid = top[folder] else { return [] }
            return try git.tree(oid).filter { $0.kind == .tree }.map { ($0.name, $0.oid) }.sorted { $0.name < $1.name }
        }
        // plans/<year>/plan.json and plans/<year>/<kind folder>/<file>
        let planKinds = kinds.intersection([.plan, .indicator, .target, .task, .baselines])
        for (name, yearTree) in try planKinds.isEmpty ? [] : subfolders("plans") {
            guard let year = Self.year(folder: name) else { continue }
            for entry in try git.tree(yearTree) {
                if entry.kind == .tree, let kind = Self.planFolders[entry.name], planKinds.contains(kind) {
                    for file in try files(entry.oid) {
                        try snapshot.add(kind, year: year, file.oid, path: prefix + "plans/\(name)/\(entry.name)/\(file.name)", cache: cache, git: git)
                    }
                } else if entry.kind != .tree, entry.kind != .submodule, entry.name == "plan.json", planKinds.contains(.plan) {
                    try snapshot.add(.plan, year: year, entry.oid, path: prefix + "plans/\(name)/plan.json", cache: cache, git: git)
                }
            }
        }
        // progress/<year>/<period>.json, rollup/<year>/<period>.json, approvals/<child>/<period>.json
        for (kind, folder) in [(DocumentKind.progress, "progress"), (.rollup, "rollup"), (.approval, "approvals")] where kinds.contains(kind) {
            for (name, sub) in try subfolders(folder) {
                let folderYear = kind == .approval ? 0 : Self.year(folder: name)
                guard let folderYear else { continue }
                for file in try files(sub) {
                    guard let year = kind == .approval ? Period(String(file.name.dropLast(5)))?.year : folderYear else { continue }
                    try snapshot.add(kind, year: year, file.oid, path: prefix + "\(folder)/\(name)/\(file.name)", cache: cache, git: git)
                }
            }
        }
        // reorg/<id>.json
        if kinds.contains(.reorganisation), let folder = top["reorg"] {
            for file in try files(folder) {
                try snapshot.add(.reorganisation, year: 0, file.oid, path: prefix + "reorg/\(file.name)", cache: cache, git: git)
            }
        }
        cache.snapshots[key] = snapshot
        return snapshot
    }

    /// The folders of `plans/<year>/` and the kind of document each holds.
    static let planFolders: [String: DocumentKind] = [
        "indicators": .indicator, "targets": .target, "tasks": .task, "baselines": .baselines,
    ]

    /// The top-level folders the documents of `kinds` live in.
    static func folders(for kinds: Set<DocumentKind>) -> Set<String> {
        var folders: Set<String> = []
        if !kinds.isDisjoint(with: [.plan, .indicator, .target, .task, .baselines]) { folders.insert("plans") }
        if kinds.contains(.progress) { folders.insert("progress") }
        if kinds.contains(.rollup) { folders.insert("rollup") }
        if kinds.contains(.approval) { folders.insert("approvals") }
        if kinds.contains(.reorganisation) { folders.insert("reorg") }
        return folders
    }

    /// The year a `plans/`, `progress/` or `rollup/` sub-folder stands for (four digits).
    static func year(folder name: String) -> Int? {
        DocumentPath("progress/\(name)/\(name).json")?.year
    }

    /// Decodes the document of `kind` in blob `oid` into its place; `path` names it in an error.
    private mutating func add(_ kind: DocumentKind, year: Int, _ oid: Oid, path shown: String, cache: DocumentCache, git: Repository) throws {
        switch kind {
        case .plan: years[year, default: Year()].plan = try cache.document(Plan.self, oid, path: shown, in: git)
        case .indicator:
            let indicator = try cache.document(Indicator.self, oid, path: shown, in: git)
            years[year, default: Year()].indicators[indicator.code] = indicator
        case .target:
            let target = try cache.document(Target.self, oid, path: shown, in: git)
            years[year, default: Year()].targets[target.indicator] = target
        case .task:
            let task = try cache.document(PlanTask.self, oid, path: shown, in: git)
            years[year, default: Year()].tasks[task.id] = task
        case .baselines:
            let baselines = try cache.document(Baselines.self, oid, path: shown, in: git)
            years[year, default: Year()].baselines[baselines.unit] = baselines
        case .progress:
            progress.append(try cache.document(ProgressReport.self, oid, path: shown, in: git))
        case .rollup:
            let rollup = try cache.document(Rollup.self, oid, path: shown, in: git)
            rollups[rollup.period] = rollup
        case .approval:
            let approval = try cache.document(Approval.self, oid, path: shown, in: git)
            approvals[approval.child, default: [:]][approval.period] = approval
        case .reorganisation:
            reorganisations.append(try cache.document(Reorganisation.self, oid, path: shown, in: git))
        case .unit, .conflict:
            return
        }
    }

    static func decode<T: Decodable>(_ bytes: [UInt8], path: String) throws -> T {
        do {
            return try CanonicalJSON.decode(T.self, from: bytes, file: path)
        } catch PlanModelError.invalid(let findings) {
            throw PlanStoreError.invalidDocument(path: path, findings: findings.filter { $0.severity == .error }.map(\.lineMessage))
        }
    }
}
