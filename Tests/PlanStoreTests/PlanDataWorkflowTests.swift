import Foundation
import Git
import PlanModel
import PlanStore
import Testing
import TestSupport

/// The plan's reporting travels down (issue 17 part 6): `pull` copies the parent's into a
/// child that set none, keeps a child's own, drops a copy the parent withdrew; a parent's
/// hand edit of a child's collected plan.json is an invalid document for `check`.
@Suite struct PlanDataWorkflowTests {
    let checks = CheckTests()

    func reporting(_ f: HierarchyFixture, _ unit: String) throws -> Reporting? {
        try f.open(unit).document(Plan.self, at: "plans/2024/plan.json")?.reporting
    }

    @Test func pullCopiesTheParentsReportingKeepsAChildsOwnAndDropsAWithdrawnCopy() throws {
        let f = try checks.hierarchy()
        let plan = PlanWorkflow(environment: f.environment)
        let window = DateWindow("2024-11-08..2025-01-06")!
        try plan.set(year: 2024, .init(cadence: .tenDays, window: window), in: f.open("daklak"))
        try plan.addReport(year: 2024, RequiredReport(id: "interim", deadline: CivilDate("2024-12-10")!), in: f.open("daklak"))
        try f.publish("daklak")
        let pulled = try f.pull("buon-don")
        #expect(pulled.changes.contains { $0.kind == .reporting && $0.item == "plans/2024/plan.json" }, "\(pulled.changes)")
        let copied = try #require(try reporting(f, "buon-don"))
        #expect(copied.setBy == "daklak" && copied.cadence == .tenDays && copied.window == window && copied.reports.map(\.id) == ["interim"])
        // The district's own plan kept its number and title: only `reporting` was added.
        #expect(try f.open("buon-don").document(Plan.self, at: "plans/2024/plan.json")?.number == "buon-don/KH")
        try f.pull("lak")

        // buon-don now sets its own (001's district asks monthly): later pulls keep it and say so.
        let own = try plan.set(year: 2024, .init(cadence: .monthly), in: f.open("buon-don"))
        #expect(own.plan.reporting?.setBy == nil && own.plan.reporting?.cadence == .monthly)
        try plan.set(year: 2024, .init(window: DateWindow("2024-11-08..2025-01-10")), in: f.open("daklak"))
        try f.publish("daklak")
        let kept = try f.pull("buon-don")
        #expect(kept.changes.contains { $0.kind == .reporting && $0.message.code == "plandata.pull.kept-own" }, "\(kept.changes)")
        #expect(try reporting(f, "buon-don")?.cadence == .monthly)
        #expect(try reporting(f, "lak")?.window?.end == CivilDate("2025-01-06"))
        #expect(try f.pull("lak").changes.contains { $0.kind == .reporting })
        #expect(try reporting(f, "lak")?.window?.end == CivilDate("2025-01-10"))

        // The province withdraws it: lak's copy goes, buon-don's own stays.
        try plan.set(year: 2024, .init(clearCadence: true, clearWindow: true), in: f.open("daklak"))
        try plan.removeReport(year: 2024, id: "interim", in: f.open("daklak"))
        #expect(try reporting(f, "daklak") == nil)
        #expect(throws: PlanStoreError.self) { try plan.removeReport(year: 2024, id: "interim", in: f.open("daklak")) }
        try f.publish("daklak")
        #expect(try f.pull("lak").changes.contains { $0.message.code == "plandata.pull.reporting-dropped" })
        #expect(try reporting(f, "lak") == nil)
        try f.pull("buon-don")
        #expect(try reporting(f, "buon-don")?.cadence == .monthly)
    }

    @Test func eachUnitJudgesItsChildrenByItsOwnPlansReporting() throws {
        let f = try checks.hierarchy()
        // buon-don asks its communes monthly from October; the province sets nothing.
        try PlanWorkflow(environment: f.environment).set(
            year: 2024, .init(cadence: .monthly, window: DateWindow("2024-10-01..2024-12-31")), in: f.open("buon-don"))
        try checks.collectUp(f)
        let report = try CheckQuery(.init(asOf: CivilDate("2024-11-05")!)).run(in: f.open("daklak"))
        let missing = report.findings.filter { $0.kind == .missingReport }.map { "\($0.unit ?? "") \($0.period ?? "")" }
        // The communes of buon-don owe October (monthly, buon-don's plan); lak's and the districts owe
        // the quarters of the year (no plan data: quarterly from 1/1), Q3 reported, Q1 and Q2 not.
        #expect(Set(missing) == ["ea-nuol 2024-10", "krong-na 2024-10", "buon-don 2024-Q1", "buon-don 2024-Q2",
                                 "lak 2024-Q1", "lak 2024-Q2", "lien-son 2024-Q1", "lien-son 2024-Q2"], "\(missing)")
    }

    @Test func aHandEditedCollectedPlanIsAnInvalidDocument() throws {
        let f = try checks.hierarchy()
        let bad = try ApprovalTests().forceCommit(
            f, "daklak", "children/lak/plans/2024/plan.json",
            #"{"number": "lak/KH", "reporting": {"cadence": "weekly", "reports": []}, "schema": 1, "title": "Kế hoạch", "year": 2024}"# + "\n")
        let report = try f.check("daklak", asOf: "2024-10-15", from: "2024-07-01")
        let invalid = try #require(report.findings.first { $0.kind == .invalidDocument }, "\(report.findings.map(\.message))")
        #expect(invalid.unit == "lak" && invalid.file == "children/lak/plans/2024/plan.json" && invalid.commit == bad.hex)
        #expect(invalid.severity == .error)
    }
}
