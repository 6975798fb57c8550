import Cascade
import Git
import PlanModel

/// `plancascade template <child> <period>`: the reporting workbook a parent sends one child —
/// the child's targets for the period's year (as the child pulled them when its history is
/// collected here, else derived now from this unit's targets by its rules), the child's
/// latest figures before the period, and its tasks. Read-only.
public struct TemplateQuery {
    public init() {}

    public func run(child id: String, period: Period, in repository: UnitRepository) throws -> ReportTemplate {
        guard let head = try repository.head() else { throw PlanStoreError.notAUnitRepository(path: repository.displayRoot) }
        let unit = try repository.unit()
        guard let child = unit.children.first(where: { $0.id == id }) else {
            throw PlanStoreError.invalidInput(findings: [Message("template.unknown-child", [
                "child": .text(id), "unit": .text(unit.id), "children": .list(unit.children.map { .text($0.id) })])])
        }
        let year = period.year
        let cache = DocumentCache()
        let parent = try PlanSnapshot.load(from: repository, commit: head, kinds: TargetDerivation.parentKinds, cache: cache)
        let collected = try? PlanSnapshot.load(
            from: repository, commit: head, prefix: Layout.childFolder(id) + "/", kinds: [.indicator, .target, .task, .progress], cache: cache)
        let childSnapshot = collected ?? PlanSnapshot(
            unit: PlanModel.Unit(id: child.id, name: child.name, level: child.level, parent: unit.id), years: [:], progress: [])
        let derived = TargetDerivation.derive(from: parent, commit: head, year: year, child: childSnapshot)
        let own = collected?.years[year]
        let parentYear = parent.years[year]

        // The latest report before the period, of the same length (a month's before a month).
        let earlier = childSnapshot.progress
            .filter { $0.period.end < period.start && Self.sameLength($0.period, period) }
            .max { $0.period.end < $1.period.end }
        var rows: [ReportTemplate.Row] = []
        let codes = Set((own?.targets.keys).map(Array.init) ?? []).union(derived.keys)
        for code in codes.sorted(by: TargetsQuery.codeOrder) {
            let outcome = derived[code]
            if case .exempt = outcome, own?.targets[code] == nil { continue }
            guard let indicator = own?.indicators[code] ?? parentYear?.indicators[code] else { continue }
            let target = own?.targets[code] ?? outcome?.target
            rows.append(ReportTemplate.Row(indicator: indicator, target: target, previous: earlier?.figures[code]))
        }
        let tasks = (own?.tasks.isEmpty == false ? own?.tasks : parentYear?.tasks) ?? [:]
        let taskRows = tasks.values.sorted { $0.id < $1.id }.map { ReportTemplate.TaskRow(task: $0, status: earlier?.tasks[$0.id]) }
        return ReportTemplate(
            unit: child, parent: UnitRef(id: unit.id, name: unit.name, level: unit.level), period: period, rows: rows, tasks: taskRows)
    }

    static func sameLength(_ a: Period, _ b: Period) -> Bool {
        switch (a, b) {
        case (.year, .year), (.half, .half), (.quarter, .quarter), (.month, .month), (.day, .day): return true
        default: return false
        }
    }
}
