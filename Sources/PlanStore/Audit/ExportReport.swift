import Cascade
import Git
import PlanModel

/// `plancascade export`: what an inspector signs off — for a unit and its collected subtree,
/// targets against figures with their states, every finding of `check` and `verify`, the
/// change history, and each target's figures over the periods (the report's charts).
/// Rendering is ``ExportRenderer``, in the reader's language: the report holds values
/// (numbers, dates, periods, messages), never text written for a person.
public struct ExportReport: Sendable {
    /// One target of one unit against its latest figure.
    public struct StatusLine: Sendable {
        public let unit: String
        public let name: String
        public let indicator: String
        /// The target's comparator as the documents write it (`>=`) and its value.
        public let comparator: String
        public let target: Exact
        /// The latest figure, a percentage (two decimals) for a ratio indicator; nil when there is none.
        public let actual: Exact?
        /// Whether the indicator is a ratio (its figure a percentage).
        public let isRatio: Bool
        /// The ratio's numerator and denominator behind `actual`, for a ratio indicator.
        public let fraction: (numerator: Exact, denominator: Exact)?
        /// The period of the latest figure (canonical spelling), nil when there is none.
        public let period: String?
        public let deadline: CivilDate?
        /// The state's code (`on-track`, `at-risk`, `missed`, `no-data`, `incomplete`).
        public let state: String
        /// How many of the units expected to report the figure did, of how many
        /// (``Completeness``); nil without a figure.
        public var reported: Int? = nil
        public var expected: Int? = nil
    }

    /// One indicator's figures of the unit over the periods, against its target.
    public struct Series: Sendable {
        public let indicator: String
        public let name: String
        public let target: Exact
        public let comparator: String
        public let points: [(period: String, value: Exact)]
    }

    /// A finding of `check` or `verify`.
    public struct FindingLine: Sendable {
        /// The command that found it: `check` or `verify`.
        public let source: String
        public let severity: Finding.Severity
        public let kind: String
        public let unit: String
        /// What it is about (an indicator, a task…) and the period, when the finding names them.
        public let subject: String?
        public let period: String?
        public let commit: String
        /// Rendered where the report is shown, in the reader's language.
        public let message: Message

        init(source: String, _ finding: Finding) {
            self.source = source
            severity = finding.severity
            kind = finding.kind.rawValue
            unit = finding.unit ?? ""
            subject = finding.subject
            period = finding.period
            commit = finding.commit ?? ""
            message = finding.message
        }
    }

    public let unit: String
    public let name: String
    public let asOf: CivilDate
    /// The commit of `main` the report was made from.
    public let head: String
    public let status: [StatusLine]
    public let series: [Series]
    public let findings: [FindingLine]
    public let history: [LogQuery.Entry]

    /// Gathers the report of `unit` (default: the repository's own) as of `asOf`.
    ///
    /// One ``DocumentCache`` serves the whole run — the figures, `check` and `verify` — so a
    /// document, a snapshot or a recomputed rollup of a tree is made once, however many
    /// versions and units share it (at the province: once instead of once per version).
    /// - Parameter progress: told of each step (`export.progress.*`), for a long run at a province.
    /// - Throws: `PlanStoreError.invalidArgument` when `unit` is not in the collected subtree.
    /// Gathers the report of `unit` as of `asOf`, with the plan's reporting options.
    public static func gather(unit wanted: String?, asOf: CivilDate, in repository: UnitRepository, progress: (Message) -> Void = { _ in }) throws -> ExportReport {
        try gather(unit: wanted, check: CheckQuery.Options(asOf: asOf), in: repository, progress: progress)
    }

    /// - Parameter check: the day judged and the reporting options of the findings (their
    ///   defaults, the plan's `reporting`).
    public static func gather(unit wanted: String?, check: CheckQuery.Options, in repository: UnitRepository, progress: (Message) -> Void = { _ in }) throws -> ExportReport {
        let asOf = check.asOf
        let git = repository.git
        let cache = DocumentCache()
        guard let head = try repository.head() else { throw PlanStoreError.notAUnitRepository(path: repository.displayRoot) }
        let tree = try git.commit(head).tree
        let reader = DocumentReader(git)
        let all = try CollectedUnit.all(in: tree, head: head, reader: reader)
        let id = wanted ?? all.first?.id ?? ""
        guard let top = all.first(where: { $0.id == id }) else {
            throw PlanStoreError.invalidArgument(name: "--unit", value: id, reason: "is neither this unit nor a child collected under children/")
        }
        let units = all.filter { $0.prefix.hasPrefix(top.prefix) }
        let ids = Set(units.map(\.id))
        var status: [StatusLine] = [], series: [Series] = []
        var name = id
        let expected = ExpectedReporters(repository: repository, tree: tree, cache: cache)
        // A collected unit whose documents do not decode has no status lines; `verify`'s
        // invalid-document finding names it with the file and the reason.
        let invalid = try InvalidUnits.find(in: tree, repository: repository, cache: cache)
        for (index, unit) in units.enumerated() {
            progress(Message("export.progress.units", ["done": .count(index + 1), "total": .count(units.count)]))
            if invalid.contains(where: { $0.covers(unit.prefix) }) { continue }
            let snapshot = try PlanSnapshot.load(from: repository, tree: tree, prefix: unit.prefix, cache: cache)
            if unit.id == id { name = snapshot.unit.name }
            guard let year = snapshot.planYears.last, let plan = snapshot.years[year] else { continue }
            let subtree = unit.prefix.isEmpty ? tree : try git.entry(at: String(unit.prefix.dropLast()), in: tree)?.oid
            var rollups = try subtree.map { try RollupWriter.rollups(of: $0, in: repository, cache: cache) } ?? [:]
            for (period, stored) in snapshot.rollups where rollups[period] == nil { rollups[period] = stored }
            for (code, target) in plan.targets.sorted(by: { TargetsQuery.codeOrder($0.key, $1.key) }) {
                guard let indicator = plan.indicators[code] else { continue }
                let points = rollups.filter { $0.key.year == year }.sorted { $0.key < $1.key }.compactMap { period, rollup in
                    rollup.figures[code].flatMap { Status.actual(of: $0, indicator: indicator) }.map { (period: period.description, value: $0) }
                }
                let latest = rollups.filter { $0.key.year == year && $0.value.figures[code] != nil }.max { $0.key < $1.key }
                let figure = latest?.value.figures[code]
                let completeness = try latest.flatMap { try expected.completeness(of: figure, at: unit.prefix, code: code, period: $0.key) }
                let state = Status.evaluate(
                    target: target, figure: figure, indicator: indicator, period: latest?.key ?? .year(year), asOf: asOf, completeness: completeness)
                let ratio = indicator.aggregation == .ratio
                let actual = figure.flatMap { Status.actual(of: $0, indicator: indicator) }.map { ratio ? $0.rounded(scale: 2) : $0 }
                var fraction: (numerator: Exact, denominator: Exact)?
                if let n = figure?.numerator, let d = figure?.denominator, ratio { fraction = (n, d) }
                status.append(StatusLine(
                    unit: unit.id, name: snapshot.unit.name, indicator: code, comparator: target.shownComparator, target: target.shownValue,
                    actual: actual, isRatio: ratio, fraction: fraction, period: latest?.key.description, deadline: target.deadline, state: state.rawValue,
                    reported: completeness?.reported, expected: completeness?.expected))
                if unit.id == id {
                    series.append(Series(indicator: code, name: indicator.name, target: target.shownValue, comparator: target.shownComparator, points: points))
                }
            }
        }
        var findings: [FindingLine] = []
        progress(Message("export.progress.check"))
        for finding in try CheckQuery(check).run(in: repository, cache: cache).findings where ids.contains(finding.unit ?? "") {
            findings.append(FindingLine(source: "check", finding))
        }
        progress(Message("export.progress.verify"))
        for finding in try VerifyQuery().run(in: repository, cache: cache).findings where ids.contains(finding.unit ?? "") {
            findings.append(FindingLine(source: "verify", finding))
        }
        progress(Message("export.progress.history"))
        let history = try LogQuery().run(from: head, in: git).filter { ids.contains($0.change.unit) }
        return ExportReport(unit: id, name: name, asOf: asOf, head: head.hex, status: status, series: series, findings: findings, history: history)
    }
}
