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
    let province = "daklak"
    /// The campaign's 10-day windows start on its first day (004 III.3) and the check looks
    /// at the three that ended before 8/12/2024.
    static let campaignStart = CivilDate("2024-11-08")!
    static let asOf = CivilDate("2024-12-08")!
    /// Each period's report day and the next morning, when districts and the province collect.
    static let periods = [("2024-11-15", "2024-11-16"), ("2024-11-25", "2024-11-26"), ("2024-12-05", "2024-12-06")]

    static let lowering = (unit: "krong-na", indicator: "E-RESULT", value: "90")
    static let silent = (unit: "yang-tao", period: "2024-11-25")
    static let rewriter = "krong-buk"
    static let contestedTask = "1.14"

    func run() throws -> DemoWorkflow.Outcome {
        let units = try DemoSheets.units(at: stage.data("daklak-2024/units.csv"))
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

        let options = CheckQuery.Options(asOf: Self.asOf, cadence: .tenDays, from: Self.campaignStart)
        let check = try CheckQuery(options).run(in: stage.open(province))
        stage.step("The province runs `check` over its whole subtree (10-day reporting from 8/11, as of 8/12/2024)")
        return DemoWorkflow.Outcome(
            example: .daklak, out: stage.out, steps: stage.steps, top: province, topPath: stage.work(province),
            check: check, checkOptions: options,
            planted: [(.belowInherited, Self.lowering.unit), (.missingReport, Self.silent.unit),
                      (.historyRewritten, Self.rewriter), (.conflict, province)],
            explore: explore())
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
        let published = try stage.publish(province, at: november)
        stage.step("Sở Nội vụ Đắk Lắk sets up the province (17/6/2024) and imports its plans", [
            "\(children.count) children recorded from Repos/daklak-2024/units.csv (17 departments, 15 districts)",
            "Kế hoạch 116/KH-UBND: \(par.rows) PAR Index and SIPAS targets (Phụ lục I), \(tasks.rows) remedial tasks (section II)",
            "the campaign of 004 (7/11/2024): \(dvc.rows) online-service targets with their rules (uplift:5, fixed:100, exempt Ban Dân tộc and Thanh tra), "
                + "\(baselines.rows) actual figures of 31/10/2024 as the children's baselines",
            "published \(published.targetCount) targets and \(published.taskCount) tasks as `targets` \(published.targets.short) to hubs/\(province).git",
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
        stage.step("Every department and district clones its own repository and runs `pull` (8/11/2024)", [
            "each derives its targets by the province's rules and records where each came from (provenance)",
            "Buôn Đôn, online dossiers: \(describe(buonDon))",
            "Sở Tài nguyên và Môi trường, online payment: \(describe(tnmt))",
            "\(exempt.joined(separator: " and ")) get no online-service targets (004 footnote 2)",
            "\(derivedTasks) remedial tasks inherited by the units the plan names (\"các sở, ban, ngành\", \"UBND các huyện, thị xã, thành phố\")",
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
        stage.step("Buôn Đôn and Lắk record two communes each and publish; the communes pull from their district", [
            "communes (illustrative — the documents name none): "
                + communes.map { "\($0.name) (\($0.parent ?? ""))" }.joined(separator: ", "),
            "a rule travels down with its base: Ea Nuôl's online-dossier target is \(try target("ea-nuol", "DVC-ONLINE")?.value.description ?? "–") (from the central 50 + 5)",
        ])
    }

    private func plantLowering() throws {
        let outcome = try stage.setTarget(Self.lowering.unit, Self.lowering.indicator, Self.lowering.value, force: true, at: "2024-11-11T09:00:00+07:00")
        stage.step("Planted: Krông Na lowers an inherited target with `target set --force` (11/11/2024)", [
            "E-RESULT \(outcome.previous?.value.description ?? "?") → \(Self.lowering.value), below the \(outcome.forcedBelow?.description ?? "?") it inherited; "
                + "the commit carries `Forced-Below-Inherited:` and `check` will flag it",
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
            var lines = [
                "\(reported) units report (figures illustrative: Repos/daklak-2024/progress-illustrative.csv) and push to their district's or the province's hub",
                "Buôn Đôn and Lắk collect their communes (\(collectedCommits) commune commits) and push up",
                "the province collects \(collect.collected.count) children (\(collect.collected.map(\.newCommits).reduce(0, +)) new commits)"
                    + (try provinceFigure(period).map { "; online dossiers province-wide: \($0)" } ?? ""),
            ]
            if round == 1 { lines.append("planted: Yang Tao sends nothing for this period") }
            stage.step("Period \(round + 1) of the campaign: reports of \(CivilDate(period)!.vietnamese)", lines)
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
        stage.step("Planted: Krông Búk rewrites history the province already collected (6/12/2024)", [
            "its clerk runs the equivalent of `git reset --hard HEAD~1`, reports \(corrected) again and force-pushes",
            "the province holds \(dropped.short); the pushed \(outcome.commit?.short ?? "?") does not descend from it",
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
        stage.step("Planted: two clerks of Sở Nội vụ record the same entry differently (6/12/2024)", [
            "a second clerk works in \((path as NSString).lastPathComponent) (a `git clone` of hubs/\(province).git): task \(Self.contestedTask) of \(period) is done; `sync` pushes it",
            "the first clerk records it as in-progress and runs `sync`: \(sync.conflicts.count) conflict kept in conflicts/, nothing pushed until `resolve`",
        ])
    }

    // MARK: Reading back

    private func target(_ unit: String, _ indicator: String) throws -> Target? {
        try stage.open(unit).document(Target.self, at: Layout.targetFile(year: 2024, indicator: indicator))
    }

    private func describe(_ target: Target?) -> String {
        guard let target else { return "no target" }
        guard let provenance = target.provenance else { return "\(target.comparator.rawValue) \(target.value)" }
        return "\(target.comparator.rawValue) \(target.value) (rule \(provenance.rule), base \(provenance.base?.description ?? "–"), "
            + "baseline \(provenance.baseline.map { "\($0)% of 31/10/2024" } ?? "none"))"
    }

    private func provinceFigure(_ period: String) throws -> String? {
        guard let rollup = try stage.open(province).document(Rollup.self, at: Layout.rollupFile(year: 2024, period: period)),
              let figure = rollup.figures["DVC-ONLINE"], let n = figure.numerator, let d = figure.denominator,
              let rate = Exact.quotient(n * 100, d, scale: 2) else { return nil }
        return "\(rate)% (\(n)/\(d))"
    }

    private func explore() -> [(command: String, shows: String)] {
        let top = stage.work(province)
        let check = "plancascade -C \(top) check --as-of \(Self.asOf) --cadence 10-days --from \(Self.campaignStart)"
        return [
            ("plancascade -C \(top) status --indicators DVC-ONLINE,PAY-ONLINE --as-of \(Self.asOf)", "targets against figures, per child"),
            (check, "the findings above, again"),
            ("plancascade -C \(stage.work("buon-don")) targets", "Buôn Đôn's derived targets with their provenance"),
            ("plancascade -C \(top) log", "who changed what, when"),
            ("plancascade -C \(top) trace DVC-ONLINE", "where a figure comes from"),
            ("plancascade -C \(top) export --format html --out report.html", "a report to send"),
            ("git -C \(stage.hub(province)) log --graph --oneline main", "the province's history, with every collected commit"),
            ("plancascade -C \(top) conflicts", "the planted conflict; `resolve 1.14 --theirs` settles it"),
        ]
    }
}

extension CivilDate {
    /// The date as Vietnamese documents write it: 15/11/2024.
    var vietnamese: String { "\(day)/\(month)/\(year)" }
}
