import Cascade
import Git
import PlanModel

/// `plancascade export`: what an inspector signs off — for a unit and its collected subtree,
/// targets against figures with their states, every finding of `check` and `verify`, the
/// change history, and each target's figures over the periods (the report's charts).
/// Rendering is ``ExportRenderer``.
public struct ExportReport: Sendable {
    /// One target of one unit against its latest figure.
    public struct StatusLine: Sendable {
        public let unit: String
        public let name: String
        public let indicator: String
        public let target: String
        public let actual: String
        public let period: String
        public let deadline: String
        public let state: String
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
        public let source: String
        public let severity: String
        public let kind: String
        public let unit: String
        public let item: String
        public let commit: String
        public let message: String
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
    /// - Throws: `PlanStoreError.invalidArgument` when `unit` is not in the collected subtree.
    public static func gather(unit wanted: String?, asOf: CivilDate, in repository: UnitRepository) throws -> ExportReport {
        let git = repository.git
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
        for unit in units {
            let snapshot = try PlanSnapshot.load(from: repository, tree: tree, prefix: unit.prefix)
            if unit.id == id { name = snapshot.unit.name }
            guard let year = snapshot.planYears.last, let plan = snapshot.years[year] else { continue }
            let subtree = unit.prefix.isEmpty ? tree : try git.entry(at: String(unit.prefix.dropLast()), in: tree)?.oid
            var rollups = try subtree.map { try RollupWriter.rollups(of: $0, in: repository) } ?? [:]
            for (period, stored) in snapshot.rollups where rollups[period] == nil { rollups[period] = stored }
            for (code, target) in plan.targets.sorted(by: { TargetsQuery.codeOrder($0.key, $1.key) }) {
                guard let indicator = plan.indicators[code] else { continue }
                let points = rollups.filter { $0.key.year == year }.sorted { $0.key < $1.key }.compactMap { period, rollup in
                    rollup.figures[code].flatMap { Status.actual(of: $0, indicator: indicator) }.map { (period: period.description, value: $0) }
                }
                let latest = rollups.filter { $0.key.year == year && $0.value.figures[code] != nil }.max { $0.key < $1.key }
                let figure = latest?.value.figures[code]
                let state = Status.evaluate(target: target, figure: figure, indicator: indicator, period: latest?.key ?? .year(year), asOf: asOf)
                var actual = figure.flatMap { Status.actual(of: $0, indicator: indicator) }.map { indicator.aggregation == .ratio ? "\($0.rounded(scale: 2))%" : "\($0)" } ?? "—"
                if let n = figure?.numerator, let d = figure?.denominator, indicator.aggregation == .ratio { actual += " (\(n)/\(d))" }
                status.append(StatusLine(
                    unit: unit.id, name: snapshot.unit.name, indicator: code, target: "\(target.comparator.rawValue) \(target.value)",
                    actual: actual, period: latest?.key.description ?? "—", deadline: target.deadline.map { "\($0)" } ?? "", state: state.rawValue))
                if unit.id == id {
                    series.append(Series(indicator: code, name: indicator.name, target: target.value, comparator: target.comparator.rawValue, points: points))
                }
            }
        }
        var findings: [FindingLine] = []
        for finding in try CheckQuery(.init(asOf: asOf)).run(in: repository).findings where ids.contains(finding.unit ?? "") {
            findings.append(FindingLine(
                source: "check", severity: finding.severity.rawValue, kind: finding.kind.rawValue, unit: finding.unit ?? "",
                item: [finding.subject, finding.period].compactMap { $0 }.joined(separator: " "), commit: finding.commit ?? "", message: finding.message.description))
        }
        for finding in try VerifyQuery().run(in: repository).findings where ids.contains(finding.unit ?? "") {
            findings.append(FindingLine(
                source: "verify", severity: finding.severity.rawValue, kind: finding.kind.rawValue, unit: finding.unit ?? "",
                item: [finding.subject, finding.period].compactMap { $0 }.joined(separator: " "), commit: finding.commit ?? "", message: finding.message.description))
        }
        let history = try LogQuery().run(from: head, in: git).filter { ids.contains($0.change.unit) }
        return ExportReport(unit: id, name: name, asOf: asOf, head: head.hex, status: status, series: series, findings: findings, history: history)
    }
}
