import Cascade
import Foundation
import PlanModel

/// The main demo: Đắk Lắk 2024 (`Repos/daklak-2024`). The province imports Kế hoạch
/// 116/KH-UBND and the online-service campaign of 004 and publishes; its 17 departments and
/// 15 districts pull and derive; two districts publish to two illustrative communes each;
/// everyone reports three 10-day periods of the campaign, pushes, and is collected up to the
/// province. Four problems are planted on the way, and `check` at the province finds them:
///
/// - Krông Na lowers its inherited E-RESULT target (fixed 100) to 90 with `--force` → `below-inherited`;
/// - Yang Tao sends nothing for 18–27/11 → `missing-report`;
/// - Krông Búk rewrites its last report after the province collected it, and force-pushes → `history-rewritten`;
/// - two clerks of the province record the same task's status differently → `sync` records a `conflict`.
struct DaklakDemo {
    let stage: DemoStage
    /// Each unit's name in `units.csv`, by id.
    private var names: [String: String] = [:]

    init(stage: DemoStage) {
        self.stage = stage
    }
    let province = "daklak"
    /// The campaign's 10-day windows start on its first day (004 III.3) and the check looks
    /// at the three that ended before 8/12/2024.
    static let campaignStart = CivilDate("2024-11-08")!
    static let asOf = CivilDate("2024-12-08")!
    /// 004 V.1: "báo cáo sơ kết 30 ngày đêm (trước ngày 10/12/2024)", "báo cáo kết quả Chiến dịch (trước ngày 10/01/2025)".
    static let requiredReports = [
        RequiredReport(id: "interim", name: "Báo cáo sơ kết 30 ngày", deadline: CivilDate("2024-12-10")!, covers: DateWindow("2024-11-08..2024-12-07")),
        RequiredReport(id: "final", name: "Báo cáo kết quả Chiến dịch", deadline: CivilDate("2025-01-10")!),
    ]
    /// The day of the actual figures 004 gives, the children's baselines.
    static let baselineDay = CivilDate("2024-10-31")!
    /// Each period's report day and the next morning, when districts and the province collect.
    static let periods = [("2024-11-15", "2024-11-16"), ("2024-11-25", "2024-11-26"), ("2024-12-05", "2024-12-06")]

    static let lowering = (unit: "krong-na", indicator: "E-RESULT", value: "90")
    static let silent = (unit: "yang-tao", period: "2024-11-25")
    static let rewriter = "krong-buk"
    static let contestedTask = "1.14"

    mutating func run() throws -> DemoWorkflow.Outcome {
        let units = try DemoSheets.units(at: stage.data("daklak-2024/units.csv"))
        names = Dictionary(units.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let reports = try DemoSheets.reports(at: stage.data("daklak-2024/progress-illustrative.csv"))
        let children = units.filter { $0.parent == province }
        let communes = units.filter { $0.level == "commune" }
        let districtsWithCommunes = Array(Set(communes.compactMap(\.parent))).sorted()
        assignClerks(units)

        try planAtTheProvince(children)
        try cascadeDown(children, communes: communes, districts: districtsWithCommunes)
        try plantLowering()
        try reportAndCollect(reports, children: children, districts: districtsWithCommunes)
        try plantRewrite(reports)
        try plantConflict()

        // The check reads the cadence and window from the province's plan; `options` says them.
        let options = CheckQuery.Options(asOf: Self.asOf, cadence: .tenDays, from: Self.campaignStart)
        let check = try CheckQuery(.init(asOf: Self.asOf)).run(in: stage.open(province))
        stage.step(Message("demo.daklak.check", ["from": .date(Self.campaignStart), "asOf": .date(Self.asOf)]))
        return DemoWorkflow.Outcome(
            example: .daklak, out: stage.out, steps: stage.steps, top: province, topPath: stage.work(province),
            check: check, checkOptions: options,
            planted: [(.belowInherited, Self.lowering.unit), (.missingReport, Self.silent.unit),
                      (.historyRewritten, Self.rewriter), (.conflict, province)],
            explore: explore())
    }

    /// The name the narration gives `unit` (`Buôn Đôn`), from `units.csv`.
    private func name(_ unit: String) -> Message.Value {
        .text(DemoStage.shortName(names[unit] ?? unit))
    }

    private func assignClerks(_ units: [DemoSheets.UnitRow]) {
        stage.assign(province, .init(name: "Sở Nội vụ Đắk Lắk", email: "snv@daklak.example"))
        for unit in units {
            // A district's plan is kept by its Phòng Nội vụ; a department's or commune's by its office.
            let clerk: DemoStage.Clerk = unit.level == "district"
                ? .init(name: "Phòng Nội vụ \(unit.name.replacingOccurrences(of: "UBND ", with: ""))", email: "pnv@\(unit.id).example")
                : .init(name: "Văn phòng \(unit.name)", email: "vp@\(unit.id).example")
            stage.assign(unit.id, clerk)
        }
    }

    // MARK: Down: plan, publish, pull

    private func planAtTheProvince(_ children: [DemoSheets.UnitRow]) throws {
        let june = "2024-06-17T08:00:00+07:00", november = "2024-11-07T08:00:00+07:00"
        try stage.initUnit(province, name: "UBND tỉnh Đắk Lắk", level: "province", parent: nil, at: june)
        for child in children { try stage.addChild(province, child, at: june) }
        let par = try stage.importFile(province, .targets, "daklak-2024/par-sipas-targets.csv", year: 2024, defaults: ["measure": "score"], at: june)
        let tasks = try stage.importFile(province, .tasks, "daklak-2024/remedial-tasks.csv", year: 2024, at: june)
        let dvc = try stage.importFile(province, .targets, "daklak-2024/dvc-targets.csv", year: 2024, at: november)
        let baselines = try stage.importFile(province, .baselines, "daklak-2024/dvc-baselines.csv", year: 2024, at: november)
        // 004 III.3, IV.2.a and V.1 as plan data (`plancascade plan set`, `plan report add`): every
        // 10 days over the campaign, the 30-day interim report and the final one. Every pull copies it.
        let plan = PlanWorkflow(environment: stage.environment(province, at: november))
        try plan.set(year: 2024, .init(cadence: .tenDays, window: DateWindow(start: Self.campaignStart, end: CivilDate("2025-01-06")!)), in: stage.open(province))
        for report in Self.requiredReports { try plan.addReport(year: 2024, report, in: stage.open(province)) }
        let published = try stage.publish(province, at: november)
        stage.step(Message("demo.daklak.setup", ["date": .date(CivilDate("2024-06-17")!)]), [
            Message("demo.daklak.setup.children", [
                "count": .count(children.count), "file": "Repos/daklak-2024/units.csv",
                "departments": .count(children.filter { $0.level == "department" }.count),
                "districts": .count(children.filter { $0.level == "district" }.count),
            ]),
            Message("demo.daklak.setup.plan", ["targets": .count(par.rows), "tasks": .count(tasks.rows)]),
            Message("demo.daklak.setup.campaign", [
                "date": .date(CivilDate("2024-11-07")!), "targets": .count(dvc.rows), "exempt": DemoStage.and(["Ban Dân tộc", "Thanh tra"]),
                "baselines": .count(baselines.rows), "baselineDate": .date(Self.baselineDay),
            ]),
            Message("demo.daklak.setup.published", [
                "targets": .count(published.targetCount), "tasks": .count(published.taskCount),
                "commit": .text(published.targets.short), "hub": .text("hubs/\(province).git"),
            ]),
        ])
    }

    private func cascadeDown(_ children: [DemoSheets.UnitRow], communes: [DemoSheets.UnitRow], districts: [String]) throws {
        let day = "2024-11-08T08:00:00+07:00"
        var derivedTasks = 0
        for child in children {
            try stage.initUnit(child.id, name: child.name, level: child.level, parent: province, at: day)
            derivedTasks += try stage.pull(child.id, at: day).changes.filter { $0.kind == .taskAdded }.count
        }
        let buonDon = try target("buon-don", "DVC-ONLINE"), tnmt = try target("so-tnmt", "PAY-ONLINE")
        let exempt = try ["ban-dan-toc", "thanh-tra"].filter { try target($0, "DVC-ONLINE") == nil }
        // Phụ lục I's targets reach the agencies that lead them (`for` = lead, issue 17).
        let campaign: Set<String> = ["DVC-ONLINE", "PAY-ONLINE", "DIGITISE", "E-RESULT"]
        func criteria(_ unit: String) throws -> Set<String> {
            let repository = try stage.open(unit)
            guard let head = try repository.head() else { return [] }
            let targets = try PlanSnapshot.load(from: repository, commit: head, kinds: [.target]).years[2024]?.targets ?? [:]
            // The criteria, not the fields' target ranks (`<code>-rank`) kept beside them.
            return Set(targets.keys.filter { !$0.hasSuffix(TargetImport.rankSuffix) }).subtracting(campaign)
        }
        let all = try criteria(province), tuPhap = try criteria("so-tu-phap")
        stage.step(Message("demo.daklak.pull", ["date": .date(CivilDate("2024-11-08")!)]), [
            Message("demo.daklak.pull.provenance"),
            Message("demo.daklak.pull.online-dossiers", ["unit": name("buon-don"), "target": describe(buonDon)]),
            Message("demo.daklak.pull.online-payment", ["unit": name("so-tnmt"), "target": describe(tnmt)]),
            Message("demo.daklak.pull.exempt", ["units": DemoStage.and(exempt.map { .text($0) })]),
            Message("scope.demo.daklak.pull.scope", [
                "unit": name("so-tu-phap"), "count": .count(tuPhap.count), "total": .count(all.count),
                "has85": .term(tuPhap.contains("8.5") ? "scope.demo.with-8.5" : "scope.demo.without-8.5"), "other": name("so-khdt")]),
            Message("demo.daklak.pull.tasks", ["count": .count(derivedTasks)]),
        ])

        let afternoon = "2024-11-08T14:00:00+07:00"
        for district in districts {
            for commune in communes where commune.parent == district { try stage.addChild(district, commune, at: day) }
            try stage.publish(district, at: day)
        }
        for commune in communes {
            try stage.initUnit(commune.id, name: commune.name, level: commune.level, parent: commune.parent, at: afternoon)
            try stage.pull(commune.id, at: afternoon)
        }
        let eaNuol = try target("ea-nuol", "DVC-ONLINE")
        stage.step(Message("demo.daklak.communes", [
            "districts": DemoStage.and(districts.map(name)), "count": .count(districts.isEmpty ? 0 : communes.count / districts.count),
        ]), [
            Message("demo.daklak.communes.list", [
                "communes": .list(communes.map { .message(Message("demo.unit-in", ["name": .text($0.name), "parent": .text($0.parent ?? "")])) }),
            ]),
            Message("demo.daklak.communes.travels", ["unit": name("ea-nuol"), "value": eaNuol.map { .number($0.value) } ?? .text("–")]),
        ])
    }

    private func plantLowering() throws {
        let outcome = try stage.setTarget(Self.lowering.unit, Self.lowering.indicator, Self.lowering.value, force: true, at: "2024-11-11T09:00:00+07:00")
        stage.step(Message("demo.daklak.lowering", ["unit": name(Self.lowering.unit), "date": .date(CivilDate("2024-11-11")!)]), [
            Message("demo.daklak.lowering.detail", [
                "indicator": .text(Self.lowering.indicator), "previous": outcome.previous.map { .number($0.value) } ?? .text("?"),
                "value": .number(outcome.target.value), "inherited": outcome.forcedBelow.map { .number($0) } ?? .text("?"),
            ]),
        ])
    }

    // MARK: Up: report, push, collect

    private func reportAndCollect(_ reports: [DemoSheets.ReportRow], children: [DemoSheets.UnitRow], districts: [String]) throws {
        for (round, (period, nextDay)) in Self.periods.enumerated() {
            let due = "\(period)T16:00:00+07:00"
            var reported = 0, pushedUnits = Set<String>()
            for row in reports where row.period == period {
                try stage.report(row.unit, row, at: due)
                try stage.push(row.unit)
                reported += 1
                pushedUnits.insert(row.unit)
            }
            var collectedCommits = 0
            for district in districts {
                collectedCommits += try stage.collect(district, at: "\(nextDay)T08:00:00+07:00").collected.map(\.newCommits).reduce(0, +)
                try stage.push(district)
            }
            let collect = try stage.collect(province, at: "\(nextDay)T10:00:00+07:00")
            try stage.push(province)
            let children = collect.collected.count, commits = collect.collected.map(\.newCommits).reduce(0, +)
            var lines = [
                Message("demo.daklak.period.reported", ["count": .count(reported), "file": "Repos/daklak-2024/progress-illustrative.csv"]),
                Message("demo.daklak.period.communes", ["districts": DemoStage.and(districts.map(name)), "commits": .count(collectedCommits)]),
                try provinceFigure(period).map { rate, numerator, denominator in
                    Message("demo.daklak.period.province.rate", [
                        "children": .count(children), "commits": .count(commits),
                        "rate": .percent(rate), "numerator": .number(numerator), "denominator": .number(denominator),
                    ])
                } ?? Message("demo.daklak.period.province", ["children": .count(children), "commits": .count(commits)]),
            ]
            if round == 1 { lines.append(Message("demo.daklak.period.silent", ["unit": name(Self.silent.unit)])) }
            stage.step(Message("demo.daklak.period", ["round": .count(round + 1), "date": .date(CivilDate(period)!)]), lines)
        }
    }

    private func plantRewrite(_ reports: [DemoSheets.ReportRow]) throws {
        let period = Self.periods.last!.0
        guard var row = reports.first(where: { $0.unit == Self.rewriter && $0.period == period }),
              let index = row.figures.firstIndex(where: { $0.hasPrefix("DVC-ONLINE=") }) else {
            throw PlanStoreError.invalidInput(findings: ["Repos/daklak-2024/progress-illustrative.csv has no DVC-ONLINE row of \(Self.rewriter) for \(period)"])
        }
        let (_, figure) = try ReportWorkflow.parseFigure(row.figures[index])
        let corrected = "DVC-ONLINE=\((figure.numerator ?? 0) + 9)/\(figure.denominator ?? 0)"
        row.figures[index] = corrected
        let dropped = try stage.resetLastCommit(Self.rewriter)
        let outcome = try stage.report(Self.rewriter, row, at: "2024-12-06T14:00:00+07:00")
        try stage.forcePush(Self.rewriter)
        stage.step(Message("demo.daklak.rewrite", ["unit": name(Self.rewriter), "date": .date(CivilDate("2024-12-06")!)]), [
            Message("demo.daklak.rewrite.reset", ["figure": .text(corrected)]),
            Message("demo.daklak.rewrite.diverged", ["held": .text(dropped.short), "pushed": .text(outcome.commit?.short ?? "?")]),
        ])
    }

    private func plantConflict() throws {
        let period = Self.periods.last!.0
        let second = DemoStage.Clerk(name: "Chuyên viên Sở Nội vụ Đắk Lắk", email: "cv.snv@daklak.example")
        let path = try stage.cloneHub(province, as: "\(province)-clerk2")
        try stage.report(province, .init(unit: province, period: period, tasks: [Self.contestedTask: .done]),
                         at: "2024-12-06T15:00:00+07:00", in: path, as: second)
        try stage.sync(path, unit: province, as: second, at: "2024-12-06T15:01:00+07:00")
        try stage.report(province, .init(unit: province, period: period, tasks: [Self.contestedTask: .inProgress]),
                         at: "2024-12-06T15:05:00+07:00")
        let sync = try stage.sync(stage.work(province), unit: province, at: "2024-12-06T15:06:00+07:00")
        stage.step(Message("demo.daklak.conflict", ["date": .date(CivilDate("2024-12-06")!)]), [
            Message("demo.daklak.conflict.second", [
                "folder": .text((path as NSString).lastPathComponent), "hub": .text("hubs/\(province).git"),
                "task": .text(Self.contestedTask), "period": .period(period),
            ]),
            Message("demo.daklak.conflict.first", ["count": .count(sync.conflicts.count)]),
        ])
    }

    // MARK: Reading back

    private func target(_ unit: String, _ indicator: String) throws -> Target? {
        try stage.open(unit).document(Target.self, at: Layout.targetFile(year: 2024, indicator: indicator))
    }

    private func describe(_ target: Target?) -> Message.Value {
        guard let target else { return .term("demo.target.none") }
        let value: [String: Message.Value] = ["comparator": .text(target.shownComparator), "value": .number(target.shownValue)]
        guard let provenance = target.provenance else { return .message(Message("demo.target", value)) }
        return .message(Message("demo.target.derived", value.merging([
            "rule": .text(provenance.rule), "base": provenance.base.map { .number($0) } ?? .text("–"),
            "baseline": provenance.baseline.map { .message(Message("demo.target.baseline", ["rate": .percent($0), "date": .date(Self.baselineDay)])) }
                ?? .term("demo.target.no-baseline"),
        ]) { first, _ in first }))
    }

    /// The province-wide online-dossier rate of `period`: the percentage, numerator and denominator.
    private func provinceFigure(_ period: String) throws -> (Exact, Exact, Exact)? {
        guard let rollup = try stage.open(province).document(Rollup.self, at: Layout.rollupFile(year: 2024, period: period)),
              let figure = rollup.figures["DVC-ONLINE"], let n = figure.numerator, let d = figure.denominator,
              let rate = Exact.quotient(n * 100, d, scale: 2) else { return nil }
        return (rate, n, d)
    }

    private func explore() -> [(command: String, shows: Message)] {
        let top = stage.work(province)
        let check = "plancascade -C \(top) check --as-of \(Self.asOf)"
        return [
            ("plancascade -C \(top) status --indicators DVC-ONLINE,PAY-ONLINE --as-of \(Self.asOf)", Message("demo.explore.status")),
            (check, Message("demo.explore.check-again")),
            ("plancascade -C \(stage.work("buon-don")) targets", Message("demo.explore.derived-targets", ["unit": name("buon-don")])),
            ("plancascade -C \(top) log", Message("demo.explore.log")),
            ("plancascade -C \(top) trace DVC-ONLINE", Message("demo.explore.trace")),
            ("plancascade -C \(top) export --format html --out report.html", Message("demo.explore.export")),
            ("git -C \(stage.hub(province)) log --graph --oneline main", Message("demo.explore.province-history")),
            ("plancascade -C \(top) conflicts", Message("demo.explore.conflicts", ["task": .text(Self.contestedTask)])),
        ]
    }
}
