import Cascade
import Foundation
import PlanModel

/// The second and third examples (`--example tuyphuoc|quangtri`): one top unit imports its
/// plan and its past results from `Repos/<folder>`, publishes to the children of its
/// `units.csv`, which pull, report task progress each period and push; the top unit
/// collects and runs `check`. Nothing is planted: on data that follow the rules, `check`
/// finds nothing.
struct SmallExampleDemo {
    /// What differs between the examples: the data and the words of the summary.
    struct Spec: Sendable {
        let example: DemoWorkflow.Example
        /// The folder under `Repos/` holding `units.csv` and the import files.
        let folder: String
        /// `(kind, file, year, what it is)` in the order the top unit imports them; `what` is
        /// the code of the narration's line (arguments `count`, `year`, `file`).
        let imports: [(kind: ImportWorkflow.Kind, file: String, year: Int, what: String)]
        /// Reports of the top unit's own past results (a figures sheet), with the code of
        /// the narration's line (arguments `count`, `period`).
        let results: (file: String, what: String)
        /// When the top unit sets up, publishes, and when children pull (ISO 8601).
        let setUp: String
        let publish: String
        /// Report days of each period (the children's progress sheet gives the periods).
        let reportDays: [String: String]
        let check: CheckQuery.Options
        let clerkPrefix: String
    }

    let stage: DemoStage
    let spec: Spec

    func run() throws -> DemoWorkflow.Outcome {
        let units = try DemoSheets.units(at: stage.data("\(spec.folder)/units.csv"))
        guard let top = units.first(where: { $0.parent == nil }) else {
            throw PlanStoreError.invalidInput(findings: ["Repos/\(spec.folder)/units.csv: no unit without a parent (the top of the example)"])
        }
        let children = units.filter { $0.parent == top.id }
        for unit in units {
            stage.assign(unit.id, .init(name: "\(spec.clerkPrefix) \(unit.name)", email: "vp@\(unit.id).example"))
        }

        try stage.initUnit(top.id, name: top.name, level: top.level, parent: nil, at: spec.setUp)
        var lines: [Message] = []
        for item in spec.imports {
            let outcome = try stage.importFile(top.id, item.kind, "\(spec.folder)/\(item.file)", year: item.year, at: spec.setUp)
            lines.append(Message(item.what, ["count": .count(outcome.rows), "year": .year(item.year), "file": .text("Repos/\(spec.folder)/\(item.file)")]))
        }
        for row in try DemoSheets.reports(at: stage.data("\(spec.folder)/\(spec.results.file)")) where row.unit == top.id {
            let outcome = try stage.report(top.id, row, at: spec.setUp)
            lines.append(Message(spec.results.what, ["count": .count(outcome.report.figures.count), "period": .period(row.period)]))
        }
        lines += try gaps(top.id)
        for child in children { try stage.addChild(top.id, child, at: spec.setUp) }
        let published = try stage.publish(top.id, at: spec.publish)
        lines.append(Message("demo.small.published", [
            "targets": .count(published.targetCount), "tasks": .count(published.taskCount),
            "children": .list(children.map { $0.illustrative ? .message(Message("demo.unit.illustrative", ["name": .text($0.name)])) : .text($0.name) }),
        ]))
        stage.step(Message("demo.small.setup", ["unit": .text(top.name), "folder": .text("Repos/\(spec.folder)")]), lines)

        var pulled: [Message] = []
        for child in children {
            try stage.initUnit(child.id, name: child.name, level: child.level, parent: top.id, at: spec.publish)
            let outcome = try stage.pull(child.id, at: spec.publish)
            let targets = outcome.changes.filter { $0.kind == .added }.count, tasks = outcome.changes.filter { $0.kind == .taskAdded }.count
            pulled.append(Message("demo.small.pulled", ["unit": .text(child.name), "targets": .count(targets), "tasks": .count(tasks)]))
        }
        stage.step(Message("demo.small.pull"), pulled)

        let reports = try DemoSheets.reports(at: stage.data("\(spec.folder)/progress-illustrative.csv"))
        let periods = reports.map(\.period).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        for period in periods {
            let day = spec.reportDays[period] ?? spec.publish
            var statuses: [TaskStatus: Int] = [:]
            for row in reports where row.period == period {
                try stage.report(row.unit, row, at: day)
                try stage.push(row.unit)
                for status in row.tasks.values { statuses[status, default: 0] += 1 }
            }
            let collected = try stage.collect(top.id, at: day)
            let counts: [Message.Value] = statuses.sorted { $0.key.rawValue < $1.key.rawValue }.map {
                .message(Message("demo.small.status-count", ["count": .count($0.value), "status": .term("demo.task-status.\($0.key.rawValue)")]))
            }
            stage.step(Message("demo.small.period", ["period": .period(period), "unit": .text(top.name)]), [
                Message("demo.small.period.collected", ["statuses": .list(counts), "commits": .count(collected.collected.map(\.newCommits).reduce(0, +))]),
            ])
        }

        let check = try CheckQuery(spec.check).run(in: stage.open(top.id))
        stage.step(Message("demo.small.check", ["unit": .text(top.name)]))
        return DemoWorkflow.Outcome(
            example: spec.example, out: stage.out, steps: stage.steps, top: top.id, topPath: stage.work(top.id),
            check: check, checkOptions: spec.check, planted: [], explore: explore(top: top.id, child: children.first?.id))
    }

    /// The largest gaps between a target and the unit's result of the year before.
    private func gaps(_ unit: String) throws -> [Message] {
        let repository = try stage.open(unit)
        guard let head = try repository.head() else { return [] }
        let snapshot = try PlanSnapshot.load(from: repository, commit: head)
        var gaps: [(code: String, target: Exact, before: Exact, year: Int)] = []
        for (year, plan) in snapshot.years {
            for (code, target) in plan.targets {
                if let before = snapshot.latestFigure(code, year: year - 1) { gaps.append((code, target.value, before, year)) }
            }
        }
        guard !gaps.isEmpty else { return [] }
        let largest = gaps.sorted { ($0.target - $0.before, $1.code) > ($1.target - $1.before, $0.code) }.prefix(3)
        return [Message("demo.small.gaps", [
            "count": .count(gaps.count),
            "gaps": .list(largest.map { .message(Message("demo.small.gap", ["indicator": .text($0.code), "before": .number($0.before), "target": .number($0.target)])) }),
        ])]
    }

    private func explore(top: String, child: String?) -> [(command: String, shows: Message)] {
        let path = stage.work(top)
        var commands = [
            ("plancascade -C \(path) targets", Message("demo.explore.targets")),
            ("plancascade -C \(path) status --as-of \(spec.check.asOf)", Message("demo.explore.status")),
            ("plancascade -C \(path) check --as-of \(spec.check.asOf)\(spec.check.from.map { " --from \($0)" } ?? "")", Message("demo.explore.check")),
            ("plancascade -C \(path) log", Message("demo.explore.log")),
            ("plancascade -C \(path) export --format html --out report.html", Message("demo.explore.export")),
            ("git -C \(stage.hub(top)) log --graph --oneline main", Message("demo.explore.history")),
        ]
        if let child { commands.insert(("ls \(stage.work(child))/plans/2024/tasks", Message("demo.explore.tasks")), at: 1) }
        return commands
    }
}

extension SmallExampleDemo.Spec {
    /// Tuy Phước district, 2024 (001): its 51 tasks and its 2023 results; two illustrative communes.
    static let tuyphuoc = Self(
        example: .tuyphuoc, folder: "tuyphuoc-2024",
        imports: [(.indicators, "results-2023-indicators.csv", 2023, "demo.tuyphuoc.import.indicators"),
                  (.tasks, "tasks.csv", 2024, "demo.tuyphuoc.import.tasks")],
        results: ("results-2023.csv", "demo.tuyphuoc.results"),
        setUp: "2024-01-15T08:00:00+07:00", publish: "2024-01-16T08:00:00+07:00",
        reportDays: ["2024-Q2": "2024-06-28T16:00:00+07:00", "2024-Q3": "2024-09-30T16:00:00+07:00"],
        check: .init(asOf: CivilDate("2024-10-15")!, cadence: .quarterly, from: CivilDate("2024-04-01")!),
        clerkPrefix: "Văn phòng")

    /// Quảng Trị (003): the 2023 assessed scores, and the deducted criteria as 2024 remedial
    /// targets (their maximum) with their remedies, for the two units 003 names.
    static let quangtri = Self(
        example: .quangtri, folder: "quangtri-2023",
        imports: [(.indicators, "criteria-2023.csv", 2023, "demo.quangtri.import.criteria"),
                  (.targets, "remedial-targets-2024.csv", 2024, "demo.quangtri.import.targets"),
                  (.tasks, "remedial-tasks-2024.csv", 2024, "demo.quangtri.import.tasks")],
        results: ("assessed-2023.csv", "demo.quangtri.results"),
        setUp: "2024-07-01T08:00:00+07:00", publish: "2024-07-02T08:00:00+07:00",
        reportDays: ["2024-Q3": "2024-09-30T16:00:00+07:00", "2024-Q4": "2024-12-30T16:00:00+07:00"],
        check: .init(asOf: CivilDate("2025-01-02")!, cadence: .quarterly, from: CivilDate("2024-07-01")!),
        clerkPrefix: "Văn phòng")
}
