import Cascade
import Foundation
import Git
import PlanModel

/// `plancascade demo --example reorg`: the 2025 reorganisation on a small Đắk Lắk — a 2024
/// three-tier cycle (province → districts Buôn Đôn and Lắk → five communes), the decisions
/// of 1/7/2025 (Buôn Đôn and Lắk dissolved, Ea Nuôl and Krông Na merged, Liên Sơn moved to
/// the province), then a 2025 two-tier cycle; `check` at the end finds nothing.
///
/// The communes, their figures and the decisions' ids are illustrative; the basis is the
/// Standing Committee's resolution on Đắk Lắk's communes (Nghị quyết số 1660/NQ-UBTVQH15 ngày
/// 16/6/2025). Figures are chosen so that a double count shows: a commune counted twice would
/// change every total.
struct ReorgDemo {
    let stage: DemoStage
    static let province = "daklak"
    static let basis = "Nghị quyết số 1660/NQ-UBTVQH15 ngày 16/6/2025"
    static let effective = CivilDate("2025-07-01")!
    static let asOf = CivilDate("2025-10-20")!
    static let merged = "ea-nuol-2025"
    static let districts: [(id: String, name: String)] = [("buon-don", "UBND huyện Buôn Đôn"), ("lak", "UBND huyện Lắk")]
    /// Commune, name, district (2024), and its online dossiers: 2024, 2025-Q1, 2025-Q2.
    static let communes: [(id: String, name: String, district: String, figures: [String])] = [
        ("ea-wer", "UBND xã Ea Wer", "buon-don", ["300/600", "80/150", "90/150"]),
        ("ea-nuol", "UBND xã Ea Nuôl", "buon-don", ["200/500", "40/120", "50/120"]),
        ("krong-na", "UBND xã Krông Na", "buon-don", ["100/400", "30/100", "35/100"]),
        ("lien-son", "UBND thị trấn Liên Sơn", "lak", ["450/700", "110/180", "120/180"]),
        ("dak-lieng", "UBND xã Đắk Liêng", "lak", ["150/300", "40/80", "45/80"]),
    ]
    /// 2025-Q3, in the two-tier structure.
    static let thirdQuarter: [(id: String, figure: String)] = [
        ("ea-wer", "100/150"), (merged, "90/220"), ("lien-son", "130/180"), ("dak-lieng", "50/80"),
    ]

    func run() throws -> DemoWorkflow.Outcome {
        let p = Self.province
        stage.assign(p, .init(name: "Sở Nội vụ tỉnh Đắk Lắk", email: "snv@daklak.example"))
        try stage.initUnit(p, name: "UBND tỉnh Đắk Lắk", level: "province", parent: nil, at: "2024-01-05T08:00:00+07:00")
        var plan: [String: [UInt8]?] = [:]
        for year in [2024, 2025] {
            plan[Layout.indicatorFile(year: year, code: "DVC-ONLINE")] = try CanonicalJSON.encode(
                Indicator(code: "DVC-ONLINE", name: "Tỷ lệ hồ sơ trực tuyến", measure: .percent, aggregation: .ratio))
            plan[Layout.targetFile(year: year, indicator: "DVC-ONLINE")] = try CanonicalJSON.encode(Target(
                indicator: "DVC-ONLINE", value: Exact(50), comparator: .atLeast, deadline: CivilDate("\(year)-12-31"),
                lead: "Sở Thông tin và Truyền thông", rule: "uplift:5"))
        }
        try commit(p, plan, "Chỉ tiêu hồ sơ trực tuyến 2024 và 2025", at: "2024-01-05T08:10:00+07:00")
        for district in Self.districts {
            try stage.addChild(p, .init(id: district.id, name: district.name, level: "district", parent: p, illustrative: true), at: "2024-01-05T08:20:00+07:00")
        }
        try stage.publish(p, at: "2024-01-05T08:30:00+07:00")
        for district in Self.districts {
            try stage.initUnit(district.id, name: district.name, level: "district", parent: p, at: "2024-01-08T08:00:00+07:00")
            try stage.pull(district.id, at: "2024-01-08T08:05:00+07:00")
            for commune in Self.communes where commune.district == district.id {
                try stage.addChild(district.id, .init(id: commune.id, name: commune.name, level: "commune", parent: district.id, illustrative: true),
                                   at: "2024-01-08T08:10:00+07:00")
            }
            try stage.publish(district.id, at: "2024-01-08T08:20:00+07:00")
        }
        for commune in Self.communes {
            try stage.initUnit(commune.id, name: commune.name, level: "commune", parent: commune.district, at: "2024-01-10T08:00:00+07:00")
            try stage.pull(commune.id, at: "2024-01-10T08:05:00+07:00")
        }
        // 2024: three tiers.
        try cycle(periods: [("2024", 0, "2025-01-10")])
        stage.step(Message("reorg.demo.step.2024"), [try figureLine("2024", year: 2024)])
        // 2025, first half: still three tiers.
        try cycle(periods: [("2025-Q1", 1, "2025-04-10"), ("2025-Q2", 2, "2025-06-25")])
        stage.step(Message("reorg.demo.step.2025-h1"), [try figureLine("2025-Q1", year: 2025), try figureLine("2025-Q2", year: 2025)])

        // The decisions of 1/7/2025, recorded by the province.
        var decisions: [Reorganisation] = []
        for (request, time) in [
            (ReorgWorkflow.Request.move(unit: "lien-son", to: p), "2025-06-26T09:00:00+07:00"),
            (.dissolve(unit: "buon-don", to: nil), "2025-06-26T09:05:00+07:00"),
            (.merge(units: ["ea-nuol", "krong-na"], into: Self.merged, name: "UBND xã Ea Nuôl", to: nil), "2025-06-26T09:10:00+07:00"),
            (.dissolve(unit: "lak", to: nil), "2025-06-26T09:15:00+07:00"),
        ] {
            let outcome = try ReorgWorkflow(environment: stage.environment(p, at: time)).run(
                .init(request: request, effective: Self.effective, basis: Self.basis), in: stage.open(p))
            decisions.append(outcome.decision)
        }
        try stage.publish(p, at: "2025-06-26T09:30:00+07:00")
        stage.step(Message("reorg.demo.step.decided", ["date": .date(Self.effective), "basis": .text(Self.basis), "count": .count(decisions.count)]),
                   decisions.map { decision in Message("reorg.demo.decision", [
                       "id": .text(decision.id), "kind": .term("reorg.kind.\(decision.kind.rawValue)"),
                       "changes": .list(decision.changes.map { .message(Message("reorg.change.\($0.action.rawValue)", [
                           "unit": .text($0.unit), "from": .text($0.from ?? ""), "to": .text($0.to ?? ""), "name": .text($0.name ?? "")])) }, separator: "; "),
                   ]) })

        // Published down: the districts take it (and end), the communes follow.
        var followed: [Message] = []
        for district in Self.districts {
            try stage.pull(district.id, at: "2025-06-30T08:00:00+07:00")
            try stage.publish(district.id, at: "2025-06-30T08:05:00+07:00")
            try stage.push(district.id)
        }
        for commune in Self.communes {
            let pulled = try stage.pull(commune.id, at: "2025-07-01T08:00:00+07:00")
            if let moved = pulled.movedTo {
                followed.append(Message("reorg.demo.followed", ["unit": .text(commune.id), "parent": .text(moved), "hub": .text("hubs/\(moved).git")]))
            }
        }
        // A closed hub: Buôn Đôn's clerk tries to push once more.
        var closed: Message?
        do {
            try commit("buon-don", [Layout.planFile(year: 2025): try CanonicalJSON.encode(
                Plan(number: "99/KH-UBND", title: "Kế hoạch sau ngày giải thể", year: 2025, issued: CivilDate("2025-07-02")!))],
                "Kế hoạch sau ngày giải thể", at: "2025-07-02T08:00:00+07:00")
            _ = try HookInstaller().install(at: stage.hub("buon-don"), server: true, binary: "/usr/bin/false")
            try stage.push("buon-don")
        } catch PlanStoreError.hookDeclined(_, _, let problems) {
            closed = problems.first
        }
        try stage.collect(p, at: "2025-07-01T09:00:00+07:00")
        let start = try ReorgStart(environment: stage.environment(Self.merged, at: "2025-07-01T09:30:00+07:00")).run(
            unit: Self.merged, path: stage.work(Self.merged), hub: stage.hub(Self.merged), from: stage.open(p))
        try stage.pull(Self.merged, at: "2025-07-01T10:00:00+07:00")
        stage.step(Message("reorg.demo.step.followed"), followed + [
            closed.map { Message("reorg.demo.closed", ["unit": .text("buon-don"), "refusal": .message($0)]) } ?? Message("reorg.demo.not-closed"),
            Message("reorg.demo.started", ["unit": .text(Self.merged), "commit": .text(start.commit.short), "predecessors": .list(start.predecessors.map { .text($0) })]),
        ])

        // 2025-Q3: two tiers.
        for (id, figure) in Self.thirdQuarter {
            try stage.report(id, .init(unit: id, period: "2025-Q3", figures: ["DVC-ONLINE=\(figure)"], tasks: [:]), at: "2025-10-05T09:00:00+07:00")
            try stage.push(id)
        }
        try stage.collect(p, at: "2025-10-10T09:00:00+07:00")
        stage.step(Message("reorg.demo.step.2025-q3"), [
            try figureLine("2025-Q2", year: 2025), try figureLine("2025-Q3", year: 2025),
        ])

        let options = CheckQuery.Options(asOf: Self.asOf, cadence: .quarterly, from: CivilDate("2025-01-01"))
        let check = try CheckQuery(options).run(in: stage.open(p))
        return DemoWorkflow.Outcome(
            example: .reorg, out: stage.out, steps: stage.steps, top: p, topPath: stage.work(p), check: check, checkOptions: options,
            planted: [], explore: explore())
    }

    /// Each commune reports its figures of `periods` (index into its figures), pushes; the
    /// districts collect and push; the province collects.
    private func cycle(periods: [(period: String, index: Int, day: String)]) throws {
        for (period, index, day) in periods {
            for commune in Self.communes {
                try stage.report(commune.id, .init(unit: commune.id, period: period, figures: ["DVC-ONLINE=\(commune.figures[index])"], tasks: [:]),
                                 at: "\(day)T09:00:00+07:00")
                try stage.push(commune.id)
            }
            for district in Self.districts {
                try stage.collect(district.id, at: "\(day)T14:00:00+07:00")
                try stage.push(district.id)
            }
            try stage.collect(Self.province, at: "\(day)T16:00:00+07:00")
        }
    }

    private func commit(_ unit: String, _ files: [String: [UInt8]?], _ message: String, at time: String) throws {
        let repository = try stage.open(unit)
        let identity = try Identity.resolve(for: repository.git, environment: stage.environment(unit, at: time))
        try repository.commitValidated(files, message: message, identity: identity)
    }

    /// "2025-Q2: 555/1 000 online dossiers (55.5%) over 5 communes: …".
    func figureLine(_ period: String, year: Int) throws -> Message {
        guard let rollup = try stage.open(Self.province).document(Rollup.self, at: Layout.rollupFile(year: year, period: period)),
              let figure = rollup.figures["DVC-ONLINE"], let n = figure.numerator, let d = figure.denominator else {
            return Message("reorg.demo.no-figure", ["period": .period(period)])
        }
        return Message("reorg.demo.figure", [
            "period": .period(period), "numerator": .number(n), "denominator": .number(d),
            "rate": .percent(Exact.quotient(n * 100, d, scale: 2) ?? .zero), "count": .count(figure.units),
            "units": .list(figure.contributors.map { .text($0) }),
        ])
    }

    private func explore() -> [(command: String, shows: Message)] {
        let top = stage.work(Self.province)
        return [
            ("plancascade -C \(top) reorg list --as-of 2025-07-01", Message("reorg.demo.explore.list")),
            ("plancascade -C \(top) trace DVC-ONLINE --period 2025-Q2", Message("reorg.demo.explore.trace")),
            ("plancascade -C \(top) verify", Message("reorg.demo.explore.verify")),
            ("git -C \(stage.work(Self.merged)) log --oneline --graph", Message("reorg.demo.explore.log")),
            ("plancascade -C \(top) check --as-of \(Self.asOf) --from 2025-01-01", Message("demo.explore.check")),
        ]
    }
}
