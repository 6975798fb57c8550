import Foundation
import Git
import PlanModel
import PlanStore
import Testing
import TestSupport

/// `approve`, `reopen` and the `changed-after-approval` finding on the hierarchy of
/// ``CheckTests`` (province → buon-don (ea-nuol, krong-na), lak (lien-son)), 2024-Q3 collected.
@Suite struct ApprovalTests {
    let checks = CheckTests()
    let q3 = Period("2024-Q3")!

    @discardableResult
    func decide(_ f: HierarchyFixture, _ unit: String, _ decision: ApprovalWorkflow.Decision, _ child: String,
                environment: [String: String]? = nil) throws -> ApprovalWorkflow.Outcome {
        try ApprovalWorkflow(environment: environment ?? f.environment).run(decision, child: child, period: q3, in: f.open(unit))
    }

    /// The refusal's text, or nil when `body` does not refuse an approval.
    func refusal(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as PlanStoreError {
            guard case .approvalRefused = error else { return "unexpected: \(error)" }
            return error.description
        } catch {
            return "unexpected: \(error)"
        }
    }

    @Test func approvalIsBottomUpAndWaiversCount() throws {
        let f = try checks.hierarchy()
        // The province cannot approve buon-don before buon-don settles its communes.
        let early = refusal { _ = try decide(f, "daklak", .approve, "buon-don") }
        #expect(early?.contains("has not approved or waived the reports of ea-nuol, krong-na for 2024-Q3") == true, "\(early ?? "accepted")")

        let approved = try decide(f, "buon-don", .approve, "ea-nuol")
        #expect(approved.approval.state == .approved)
        #expect(approved.approval.files.keys.sorted() == ["progress/2024/2024-Q3.json"])
        let blob = try f.open("buon-don").git.entry(at: "children/ea-nuol/progress/2024/2024-Q3.json", in: try f.open("buon-don").git.commit(try #require(approved.commit)).tree)
        #expect(approved.approval.files["progress/2024/2024-Q3.json"] == blob?.oid.hex)
        #expect(approved.approval.by == "Văn thư <vt@example.test>")
        // Recording the same approval again commits nothing.
        #expect(try decide(f, "buon-don", .approve, "ea-nuol").commit == nil)

        // Still refused while krong-na is open at buon-don, even after buon-don pushes.
        try f.push("buon-don")
        try f.collect("daklak")
        let half = refusal { _ = try decide(f, "daklak", .approve, "buon-don") }
        #expect(half?.contains("reports of krong-na for 2024-Q3") == true, "\(half ?? "accepted")")

        let waived = try decide(f, "buon-don", .waive(reason: "  Xã sáp nhập, không báo cáo quý 3  "), "krong-na")
        #expect(waived.approval.reason == "Xã sáp nhập, không báo cáo quý 3")
        try f.push("buon-don")
        try f.collect("daklak")
        let district = try decide(f, "daklak", .approve, "buon-don")
        // A district's report is its rollup (it reports no figures of its own here).
        #expect(district.approval.files.keys.sorted() == ["rollup/2024/2024-Q3.json"])
        let commit = try f.open("daklak").git.commit(try #require(district.commit))
        #expect(commit.trailers("Approval") == ["approved"])
        #expect(commit.message.description.hasPrefix("Approve buon-don 2024-Q3"))
        // No finding on the approved, unchanged hierarchy.
        #expect(try f.check("daklak", asOf: "2024-10-15", from: "2024-07-01").findings.isEmpty)
    }

    @Test func approvingNeedsACollectedReportAndReasonsAreRequired() throws {
        let f = try checks.hierarchy()
        let missing = refusal { _ = try ApprovalWorkflow(environment: f.environment).run(.approve, child: "ea-nuol", period: Period("2024-Q4")!, in: f.open("buon-don")) }
        #expect(missing?.contains("has no report for 2024-Q4 as collected (children/ea-nuol/progress/2024/2024-Q4.json)") == true, "\(missing ?? "accepted")")
        #expect(missing?.contains("--waive --reason") == true)
        let stranger = refusal { _ = try decide(f, "buon-don", .approve, "lien-son") }
        #expect(stranger?.contains("lien-son is not a child of buon-don (unit.json lists ea-nuol, krong-na)") == true, "\(stranger ?? "accepted")")
        #expect(refusal { _ = try decide(f, "buon-don", .waive(reason: " "), "ea-nuol") }?.contains("--reason is empty") == true)
        #expect(refusal { _ = try decide(f, "buon-don", .reopen(reason: "sai số liệu"), "ea-nuol") }?.contains("nothing to reopen") == true)
        // A newer push not collected yet: approve what collect brings, not the old one.
        try f.report("ea-nuol", "2024-Q3", ["DVC-ONLINE=61/100"])
        try f.push("ea-nuol")
        try f.open("buon-don").git.fetch(from: .named("origin"), refspecs: ["+refs/children/*:refs/children/*"])
        let stale = refusal { _ = try decide(f, "buon-don", .approve, "ea-nuol") }
        #expect(stale?.contains("run `plancascade collect`") == true, "\(stale ?? "accepted")")
        // Nothing was committed by the refusals.
        let approvals = try f.open("buon-don").git.entry(at: "approvals", in: try f.open("buon-don").git.commit(try #require(try f.open("buon-don").head())).tree)
        #expect(approvals == nil)
    }

    @Test func aReportChangedAfterApprovalIsRefusedByCollectAndFlaggedUntilReopened() throws {
        let f = try checks.hierarchy()
        try decide(f, "buon-don", .approve, "ea-nuol")
        let clerk = ["GIT_AUTHOR_NAME": "Cán bộ xã Ea Nuôl", "GIT_AUTHOR_EMAIL": "xa@example.test",
                     "GIT_COMMITTER_NAME": "Cán bộ xã Ea Nuôl", "GIT_COMMITTER_EMAIL": "xa@example.test"]
        // Typing the approved figures again is no change: nothing is committed, the lock holds.
        let same = try ReportWorkflow(environment: clerk).run(
            period: "2024-Q3", figures: [try ReportWorkflow.parseFigure("DVC-ONLINE=60/100")], tasks: [:], in: f.open("ea-nuol"))
        #expect(same.commit == nil)
        let changed = try ReportWorkflow(environment: clerk).run(
            period: "2024-Q3", figures: [try ReportWorkflow.parseFigure("DVC-ONLINE=90/100")], tasks: [:], in: f.open("ea-nuol"))
        try f.push("ea-nuol")
        // Without a hook, collect itself refuses the changed approved report, naming who approved.
        let before = try f.open("buon-don").head()
        let refused = try f.collect("buon-don")
        #expect(refused.collected.isEmpty)
        let reason = try #require(refused.refused.first { $0.child == "ea-nuol" }?.reason.description)
        #expect(reason.contains("which Văn thư <vt@example.test> approved on") && reason.contains("plancascade reopen ea-nuol 2024-Q3"), "\(reason)")
        #expect(try f.open("buon-don").head() == before)
        let held = try f.check("buon-don", asOf: "2024-10-15", from: "2024-07-01")
        #expect(held.findings.filter { $0.severity == .error }.map(\.kind) == [.refusedPush], "\(held.findings.map(\.message))")

        // A hand edit of the district's own copy of the approved report is changed-after-approval.
        let edit = try forceCommit(f, "buon-don", "children/ea-nuol/progress/2024/2024-Q3.json",
                                   try #require(try f.open("ea-nuol").file("progress/2024/2024-Q3.json")).map { String(UnicodeScalar($0)) }.joined())
        let report = try f.check("buon-don", asOf: "2024-10-15", from: "2024-07-01")
        let finding = try #require(report.findings.first { $0.kind == .changedAfterApproval }, "\(report.findings.map(\.message))")
        #expect(finding.severity == .error)
        #expect(finding.unit == "ea-nuol")
        #expect(finding.period == "2024-Q3")
        #expect(finding.file == "children/ea-nuol/progress/2024/2024-Q3.json")
        #expect(finding.commit == edit.hex)
        #expect(finding.message.description.contains("after Văn thư <vt@example.test> approved it"))
        #expect(finding.message.description.contains("plancascade reopen ea-nuol 2024-Q3 --reason"))

        // Reopened, the changed report is collected and approved again.
        let reopened = try decide(f, "buon-don", .reopen(reason: "Số liệu quý 3 phải điều chỉnh"), "ea-nuol")
        #expect(reopened.approval.state == .reopened)
        #expect(try f.collect("buon-don").refused.isEmpty)
        #expect(try f.check("buon-don", asOf: "2024-10-15", from: "2024-07-01").findings.filter { $0.severity == .error }.isEmpty)
        let again = try decide(f, "buon-don", .approve, "ea-nuol")
        #expect(again.approval.state == .approved)
        #expect(again.approval.childCommit == changed.commit?.hex)
    }

    /// Commits `bytes` at `path` on `unit`'s main with the Git layer alone, past every guard.
    @discardableResult
    func forceCommit(_ f: HierarchyFixture, _ unit: String, _ path: String, _ bytes: String) throws -> Oid {
        let git = try f.open(unit).git
        let head = try #require(try git.referenceTarget("refs/heads/main"))
        let tree = try git.updateTree(try git.commit(head).tree, [path: .blob(try git.writeBlob(Array(bytes.utf8)))])
        let commit = try git.createCommit(tree: tree, parents: [head], author: IsolatedGit.author, committer: IsolatedGit.author, message: "hand edit")
        try git.updateReference("refs/heads/main", to: commit, expected: head, message: "hand edit")
        return commit
    }

    @Test func anInvalidChildFileIsRefusedByCollectAndReportedByCheck() throws {
        let f = try checks.hierarchy()
        // ea-nuol pushes an invalid report: collect merges krong-na's news but refuses ea-nuol's.
        try forceCommit(f, "ea-nuol", "progress/2024/2024-Q3.json", "{\"schema\": 1}\n")
        try f.push("ea-nuol")
        try f.report("krong-na", "2024-10", ["DVC-ONLINE=71/100"])
        try f.push("krong-na")
        let collected = try f.collect("buon-don")
        #expect(collected.collected.map(\.child) == ["krong-na"])
        #expect(collected.refused.map(\.child) == ["ea-nuol"])
        #expect(collected.refused.first?.reason.description.contains("progress/2024/2024-Q3.json") == true, "\(collected.refused)")

        // A hand edit of the parent's copy is reported by check, with the commit that made it.
        let bad = try forceCommit(f, "buon-don", "children/ea-nuol/plans/2024/targets/DVC-ONLINE.json", "{\"schema\": 1, }\n")
        let report = try f.check("buon-don", asOf: "2024-10-15", from: "2024-07-01")
        let invalid = try #require(report.findings.first { $0.kind == .invalidDocument }, "\(report.findings.map(\.message))")
        #expect(invalid.severity == .error)
        #expect(invalid.unit == "ea-nuol")
        #expect(invalid.file == "children/ea-nuol/plans/2024/targets/DVC-ONLINE.json")
        #expect(invalid.commit == bad.hex)
        #expect(invalid.message.description.contains("ea-nuol's subtree was not checked"), "\(invalid.message)")
        #expect(report.errors >= 1)
        // The unit's own invalid file: one finding, not a crash.
        try forceCommit(f, "buon-don", "plans/2024/plan.json", "[]\n")
        let own = try f.check("buon-don", asOf: "2024-10-15", from: "2024-07-01")
        #expect(own.findings.map(\.kind) == [.invalidDocument])
        #expect(own.findings.first?.file == "plans/2024/plan.json")
    }
}

/// "Did the unit report November?" — the same answer from check and approve: a month is
/// reported by the 10-day reports within it.
@Suite struct ReportedPeriodTests {
    @Test func aMonthReportedByItsTenDayReportsIsApprovableAndNotMissing() throws {
        let f = try CheckTests().hierarchy()
        for (day, figure) in [("2024-11-08", "20/100"), ("2024-11-18", "30/100")] {
            try f.report("ea-nuol", day, ["DVC-ONLINE=\(figure)"])
        }
        try f.push("ea-nuol")
        try f.collect("buon-don")
        let check = try f.check("buon-don", asOf: "2024-12-05", from: "2024-11-01", cadence: .monthly)
        #expect(!check.findings.contains { $0.kind == .missingReport && $0.unit == "ea-nuol" && $0.period == "2024-11" },
                "\(check.findings.map(\.message))")
        let approved = try ApprovalWorkflow(environment: f.environment).run(.approve, child: "ea-nuol", period: Period("2024-11")!, in: f.open("buon-don"))
        #expect(approved.approval.files.keys.sorted() == ["progress/2024/2024-11-08.json", "progress/2024/2024-11-18.json"])
        // A change to one of those 10-day reports is refused: November is closed.
        try f.report("ea-nuol", "2024-11-18", ["DVC-ONLINE=31/100"])
        try f.push("ea-nuol")
        #expect(try f.collect("buon-don").refused.map(\.child) == ["ea-nuol"])
    }
}
