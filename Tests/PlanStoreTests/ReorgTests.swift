import Foundation
import Git
import PlanModel
import PlanStore
import Testing
import TestSupport

/// The 2025 reorganisation: units moved, dissolved, merged — every figure counted once.
@Suite struct ReorgTests {
    /// Province daklak → districts buon-don (ea-wer, ea-nuol) and lak (lien-son), with 2025
    /// targets, all over bare hubs.
    static func hierarchy() throws -> HierarchyFixture {
        let f = try HierarchyFixture()
        try f.unit("daklak", level: "province")
        try f.commit("daklak", f.percentTarget("DVC-ONLINE", "50", rule: "uplift:5", year: 2025))
        for district in ["buon-don", "lak"] { try f.addChild("daklak", district, level: "district") }
        try f.publish("daklak")
        for district in ["buon-don", "lak"] {
            try f.unit(district, level: "district", parent: "daklak")
            try f.pull(district)
        }
        for (commune, district) in communes { try f.addChild(district, commune, level: "commune") }
        for district in ["buon-don", "lak"] { try f.publish(district) }
        for (commune, district) in communes {
            try f.unit(commune, level: "commune", parent: district)
            try f.pull(commune)
        }
        return f
    }

    static let communes = [("ea-wer", "buon-don"), ("ea-nuol", "buon-don"), ("lien-son", "lak")]

    /// 2025-Q1 and Q2: 60/100 + 30/100 + 30/100 = 120/300 over 3 units, collected up to the province.
    static func firstHalf(_ f: HierarchyFixture) throws {
        for period in ["2025-Q1", "2025-Q2"] {
            for (commune, figure) in [("ea-wer", "60/100"), ("ea-nuol", "30/100"), ("lien-son", "30/100")] {
                try f.report(commune, period, ["DVC-ONLINE=\(figure)"])
            }
        }
        for (commune, _) in communes { try f.push(commune) }
        for district in ["buon-don", "lak"] {
            try f.collect(district)
            try f.push(district)
        }
        try f.collect("daklak")
    }

    /// What the issue's clerks did: ea-wer registered at the province, its `parent` remote set
    /// to the province's hub by hand, pulled, pushed and collected — with no decision.
    static func reparentByHand(_ f: HierarchyFixture) throws {
        try f.addChild("daklak", "ea-wer", level: "commune")
        try f.publish("daklak")
        #expect(try Command.git(["remote", "set-url", "parent", f.hub("daklak")], in: f.work("ea-wer")).succeeded)
        try f.pull("ea-wer")
        try f.push("ea-wer")
        try f.collect("daklak")
    }

    static func figure(_ f: HierarchyFixture, _ unit: String, _ period: String) throws -> RollupFigure? {
        try f.open(unit).document(Rollup.self, at: "rollup/2025/\(period).json")?.figures["DVC-ONLINE"]
    }

    /// The issue's reproduction: ea-wer re-parented by hand (its `parent` remote set to the
    /// province's hub, pulled, pushed, collected) made the province count its 2025-Q1 and Q2
    /// reports twice, under children/buon-don/children/ea-wer/ and under children/ea-wer/.
    @Test func aUnitReparentedByHandIsNotCountedTwiceInPastPeriods() throws {
        let f = try Self.hierarchy()
        try Self.firstHalf(f)
        for period in ["2025-Q1", "2025-Q2"] {
            let before = try #require(try Self.figure(f, "daklak", period))
            #expect(before.numerator == Exact(120) && before.denominator == Exact(300) && before.units == 3)
        }
        try Self.reparentByHand(f)
        let git = try f.open("daklak").git
        let tree = try git.commit(try #require(try f.open("daklak").head())).tree
        let old = try #require(try git.entry(at: "children/buon-don/children/ea-wer/progress/2025/2025-Q1.json", in: tree))
        let new = try #require(try git.entry(at: "children/ea-wer/progress/2025/2025-Q1.json", in: tree))
        #expect(old.oid == new.oid)  // the same blob in two places
        for period in ["2025-Q1", "2025-Q2"] {
            let after = try #require(try Self.figure(f, "daklak", period))
            #expect(after.numerator == Exact(120), "\(period): \(after.numerator.map { "\($0)" } ?? "-")/\(after.denominator.map { "\($0)" } ?? "-")")
            #expect(after.denominator == Exact(300))
            #expect(after.units == 3)
            #expect(after.contributors == ["ea-nuol", "ea-wer", "lien-son"])
        }
    }

    static let basis = "Nghị quyết số 1660/NQ-UBTVQH15 ngày 16/6/2025"
    static let effective = CivilDate("2025-07-01")!

    @discardableResult
    static func decide(_ f: HierarchyFixture, _ request: ReorgWorkflow.Request, dryRun: Bool = false) throws -> ReorgWorkflow.Outcome {
        try ReorgWorkflow(environment: f.environment).run(.init(request: request, effective: effective, basis: basis, dryRun: dryRun), in: f.open("daklak"))
    }

    /// The second half: ea-wer (moved) 80/100, ea-nuol 30/100, lien-son 30/100, collected up.
    static func thirdQuarter(_ f: HierarchyFixture, collecting districts: [String] = ["buon-don", "lak"], reports: [(String, String)]) throws {
        for (commune, figure) in reports { try f.report(commune, "2025-Q3", ["DVC-ONLINE=\(figure)"]) }
        for (commune, _) in reports { try f.push(commune) }
        for district in districts {
            try f.collect(district)
            try f.push(district)
        }
        try f.collect("daklak")
    }

    @Test func aDecidedMoveCountsEachPeriodUnderTheParentInForce() throws {
        let f = try Self.hierarchy()
        try Self.firstHalf(f)
        // --dry-run lists the unit, its hub and its figures, and writes nothing.
        let head = try f.open("daklak").head()
        let dry = try Self.decide(f, .move(unit: "ea-wer", to: "daklak"), dryRun: true)
        #expect(dry.commit == nil)
        #expect(try f.open("daklak").head() == head)
        #expect(dry.effects.map(\.kind) == [.unit, .hub, .figure])
        #expect(dry.effects[2].message.description.contains("2025-Q1"))
        let outcome = try Self.decide(f, .move(unit: "ea-wer", to: "daklak"))
        let commit = try f.open("daklak").git.commit(try #require(outcome.commit))
        #expect(commit.trailers("Reorg-Decision") == ["2025-07-01-move-ea-wer"])
        let stored = try #require(try f.open("daklak").document(Reorganisation.self, at: "reorg/2025-07-01-move-ea-wer.json"))
        #expect(stored.changes == [ReorgChange(unit: "ea-wer", action: .moves, from: "buon-don", to: "daklak", name: "Đơn vị ea-wer", level: "commune")])
        #expect(stored.hubs == ["daklak": f.hub("daklak")])
        #expect(try f.open("daklak").unit().children.map(\.id) == ["buon-don", "ea-wer", "lak"])
        // The same decision again is refused, naming the file; an unknown unit too.
        #expect(throws: PlanStoreError.self) { try Self.decide(f, .move(unit: "ea-wer", to: "daklak")) }
        #expect(throws: PlanStoreError.self) { try Self.decide(f, .move(unit: "ea-nowhere", to: "daklak")) }

        // A second clerk of ea-wer works in a clone of its hub, its parent remote the district's.
        let second = f.dir.appending("ea-wer-2")
        #expect(try Command.git(["clone", "-q", f.hub("ea-wer"), second]).succeeded)
        _ = try SyncWorkflow(environment: f.environment).run(in: UnitRepository.open(at: second))
        #expect(try UnitRepository.open(at: second).git.remoteURL("parent") == f.hub("buon-don"))
        // Published down: the district learns it, then the commune follows it at its pull.
        try f.publish("daklak")
        try f.pull("buon-don")
        try f.publish("buon-don")
        let pulled = try f.pull("ea-wer")
        #expect(pulled.movedTo == "daklak")
        #expect(pulled.parentUnit == "daklak")  // derived from the new parent in the same pull
        #expect(pulled.flags.isEmpty, "\(pulled.flags.map(\.message.description))")
        let moved = try f.open("ea-wer").unit()
        #expect(moved.parent == "daklak")
        #expect(moved.parentHub == f.hub("daklak"))
        #expect(try f.open("ea-wer").git.remoteURL("parent") == f.hub("daklak"))
        let git = try f.open("ea-wer").git
        let moveCommit = try git.history(from: [try #require(try f.open("ea-wer").head())], firstParentOnly: true).map { try git.commit($0) }
            .first { $0.trailers("Reorg-Decision") == ["2025-07-01-move-ea-wer"] }
        #expect(moveCommit != nil, "one commit names the decision")
        // The other clerk's clone follows at its next sync.
        try f.push("ea-wer")
        let synced = try SyncWorkflow(environment: f.environment).run(in: UnitRepository.open(at: second))
        #expect(synced.parentFollowed == f.hub("daklak"))
        #expect(try UnitRepository.open(at: second).git.remoteURL("parent") == f.hub("daklak"))

        try Self.thirdQuarter(f, reports: [("ea-wer", "80/100"), ("ea-nuol", "30/100"), ("lien-son", "30/100")])
        for period in ["2025-Q1", "2025-Q2"] {
            let figure = try #require(try Self.figure(f, "daklak", period))
            #expect(figure.numerator == Exact(120) && figure.denominator == Exact(300) && figure.units == 3)
        }
        let q3 = try #require(try Self.figure(f, "daklak", "2025-Q3"))
        #expect(q3.numerator == Exact(140) && q3.denominator == Exact(300) && q3.units == 3)
        #expect(q3.contributors == ["ea-nuol", "ea-wer", "lien-son"])
        // The old district: ea-wer before, not after.
        #expect(try Self.figure(f, "buon-don", "2025-Q2")?.numerator == Exact(90))
        let district = try #require(try Self.figure(f, "buon-don", "2025-Q3"))
        #expect(district.numerator == Exact(30) && district.contributors == ["ea-nuol"])

        // check: no report expected of ea-wer under daklak before, nor under buon-don after.
        let report = try f.check("daklak", asOf: "2025-10-20")
        let missing = report.findings.filter { $0.kind == "missing-report" }
        #expect(missing.isEmpty, "\(missing.map { "\($0.unit ?? "") \($0.period ?? "")" })")
        // verify: nothing counted twice; trace: each report once.
        let verify = try VerifyQuery().run(in: f.open("daklak"))
        #expect(!verify.findings.contains { $0.kind == "double-count" || $0.kind == "reorg-undecided" })
        let trace = try TraceQuery().run(indicator: "DVC-ONLINE", period: Period("2025-Q1"), in: f.open("daklak"))
        let copies = trace.rows.filter { $0.unit == "ea-wer" && $0.source == "report" }
        #expect(copies.count == 2)
        #expect(copies.filter { $0.counted == true }.map(\.file) == ["children/buon-don/children/ea-wer/progress/2025/2025-Q1.json"])
        #expect(copies.first { $0.counted == false }?.countedAt == "children/buon-don/children/ea-wer")
        #expect(trace.consistent)
        #expect(try ReorgWorkflow().list(in: f.open("daklak"), asOf: CivilDate("2025-06-30")!).isEmpty)
        #expect(try ReorgWorkflow().list(in: f.open("daklak"), asOf: CivilDate("2025-07-01")!).map(\.id) == ["2025-07-01-move-ea-wer"])
    }

    /// verify names a stored rollup that counts a unit twice (the issue's 180/400 over 4) and
    /// a unit collected in two places with no decision.
    @Test func verifyFlagsADoubleCountAsAnError() throws {
        let f = try Self.hierarchy()
        try Self.firstHalf(f)
        try Self.reparentByHand(f)
        // The total an older tool wrote, by hand: ea-wer counted twice.
        try f.commit("daklak", ["rollup/2025/2025-Q1.json": Rollup(unit: "daklak", period: Period("2025-Q1")!, figures: [
            "DVC-ONLINE": RollupFigure(numerator: Exact(180), denominator: Exact(400), value: Exact(45), units: 4, contributors: ["ea-nuol", "ea-wer", "lien-son"]),
        ])])
        let verify = try VerifyQuery().run(in: f.open("daklak"))
        let double = try #require(verify.findings.first { $0.kind == "double-count" })
        #expect(double.severity == .error)
        #expect(double.file == "rollup/2025/2025-Q1.json")
        #expect(double.actual == "4" && double.expected == "3")
        let undecided = try #require(verify.findings.first { $0.kind == "reorg-undecided" })
        #expect(undecided.unit == "ea-wer")
        #expect(undecided.message.description.contains("plancascade reorg move ea-wer"))
        let trace = try TraceQuery().run(indicator: "DVC-ONLINE", period: Period("2025-Q1"), in: f.open("daklak"))
        #expect(!trace.consistent)
        #expect(trace.findings.map(\.kind) == ["double-count"])
    }

    /// A district dissolved (its communes to the province), two communes merged: the old
    /// hub is closed, the new unit starts from its predecessors' heads, figures count once.
    @Test func aDissolvedDistrictAndAMergeKeepEveryFigureOnce() throws {
        let f = try Self.hierarchy()
        _ = try HookInstaller().install(at: f.hub("buon-don"), server: true, binary: "/usr/bin/false")
        try Self.firstHalf(f)
        let dissolved = try Self.decide(f, .dissolve(unit: "buon-don", to: nil))
        #expect(dissolved.decision.changes.map(\.unit) == ["buon-don", "ea-nuol", "ea-wer"])
        #expect(dissolved.decision.changes.first?.successors == ["daklak"])
        let merged = try Self.decide(f, .merge(units: ["ea-nuol", "ea-wer"], into: "ea-wer-nuol", name: "Xã Ea Wer", to: nil))
        #expect(merged.decision.change(of: "ea-wer-nuol") == ReorgChange(
            unit: "ea-wer-nuol", action: .begins, to: "daklak", name: "Xã Ea Wer", level: "commune", predecessors: ["ea-nuol", "ea-wer"]))
        // Units that leave or end stay registered, so their last reports can still be collected.
        #expect(try f.open("daklak").unit().children.map(\.id) == ["buon-don", "ea-nuol", "ea-wer", "ea-wer-nuol", "lak"])
        // The merged unit's first baselines: its predecessors' 2025-Q2, 60/100 + 30/100 = 90/200.
        let baselines = try #require(try f.open("daklak").document(Baselines.self, at: "plans/2025/baselines/ea-wer-nuol.json"))
        #expect(baselines.values["DVC-ONLINE"]?.value == Exact(45))
        #expect(baselines.values["DVC-ONLINE"]?.asOf == CivilDate("2025-06-30"))
        #expect(baselines.from == ["ea-nuol", "ea-wer"] && baselines.decision == "2025-07-01-merge-ea-wer-nuol")
        try f.publish("daklak")
        // The district follows: it ends; its last push lands, the next is refused naming daklak.
        let pulled = try f.pull("buon-don")
        #expect(pulled.flags.contains { $0.message.code == "reorg.pull.ended" })
        try f.push("buon-don")
        try f.commit("buon-don", ["plans/2025/plan.json": Plan(number: "1/KH-UBND", title: "Kế hoạch", year: 2025, issued: CivilDate("2025-07-02")!)])
        do {
            try f.push("buon-don")
            Issue.record("a closed hub took a push")
        } catch PlanStoreError.hookDeclined(_, _, let problems) {
            #expect(problems.first?.code == "reorg.hook.closed")
            #expect(problems.first?.description.contains("daklak") == true)
        }
        // The new commune's repository starts from its predecessors' last heads.
        try f.collect("daklak")
        let start = try ReorgStart(environment: f.environment).run(
            unit: "ea-wer-nuol", path: f.work("ea-wer-nuol"), hub: f.hub("ea-wer-nuol"), from: f.open("daklak"))
        let new = try f.open("ea-wer-nuol")
        let first = try new.git.commit(start.commit)
        let heads = try ["ea-nuol", "ea-wer"].map { try #require(try f.open($0).head()) }
        #expect(Set(first.parents) == Set(heads))
        #expect(first.trailers("Reorg-Decision") == ["2025-07-01-merge-ea-wer-nuol"])
        #expect(try new.unit().parent == "daklak")
        #expect(try new.unit().parentHub == f.hub("daklak"))
        let log = try Command.git(["log", "--format=%s", "--", "progress/2025/2025-Q1.json"], in: f.work("ea-wer-nuol"))
        #expect(log.stdout.contains("2025-Q1"), "git log reaches the predecessors' reports: \(log.stdout)")
        try f.pull("ea-wer-nuol")
        // Derived from the baseline its predecessors give: 45 < 50, so 50 + 5.
        let derived = try #require(try f.target("ea-wer-nuol", "DVC-ONLINE", year: 2025))
        #expect(derived.value == Exact(55) && derived.provenance?.baseline == Exact(45))
        try Self.thirdQuarter(f, collecting: ["lak"], reports: [("ea-wer-nuol", "100/200"), ("lien-son", "30/100")])
        let q2 = try #require(try Self.figure(f, "daklak", "2025-Q2"))
        #expect(q2.numerator == Exact(120) && q2.denominator == Exact(300) && q2.contributors == ["ea-nuol", "ea-wer", "lien-son"])
        let q3 = try #require(try Self.figure(f, "daklak", "2025-Q3"))
        #expect(q3.numerator == Exact(130) && q3.denominator == Exact(300) && q3.contributors == ["ea-wer-nuol", "lien-son"])
        let missing = try f.check("daklak", asOf: "2025-10-20").findings.filter { $0.kind == "missing-report" }
        #expect(missing.isEmpty, "\(missing.map { "\($0.unit ?? "") \($0.period ?? "")" })")
    }

    /// A child's `reorg/` is its copy or its claim: a district that writes a decision moving
    /// another district's commune under itself changes nothing of the province's totals.
    @Test func aChildsOwnDecisionIsNeverAppliedByItsParent() throws {
        let f = try Self.hierarchy()
        try Self.firstHalf(f)
        let claim = Reorganisation(
            id: "grab-lien-son", kind: .move, decidedBy: "buon-don", effective: CivilDate("2024-01-01")!, basis: "không có",
            changes: [ReorgChange(unit: "lien-son", action: .moves, from: "lak", to: "buon-don")])
        try f.commit("buon-don", ["reorg/grab-lien-son.json": claim])
        try f.report("ea-wer", "2025-Q2", ["DVC-ONLINE=61/100"])  // a new report, so the district collects and pushes
        try f.push("ea-wer")
        try f.collect("buon-don")
        try f.push("buon-don")
        try f.collect("daklak")
        let git = try f.open("daklak").git
        #expect(try git.entry(at: "children/buon-don/reorg/grab-lien-son.json", in: git.commit(try #require(try f.open("daklak").head())).tree) != nil)
        let q1 = try #require(try Self.figure(f, "daklak", "2025-Q1"))
        #expect(q1.numerator == Exact(120) && q1.units == 3)
        let lak = try #require(try Self.figure(f, "lak", "2025-Q1"))
        #expect(lak.contributors == ["lien-son"])
        let status = try StatusQuery().run(in: f.open("daklak"), period: Period("2025-Q1"), asOf: CivilDate("2025-04-15")!)
        #expect(status.first { $0.unit == "lak" }?.numerator == Exact(30))
        #expect(status.first { $0.unit == "buon-don" }?.numerator == Exact(90))
    }
}
