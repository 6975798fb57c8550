import Foundation
import Git
import PlanModel
import PlanStore
import Testing
import TestSupport

@Suite struct SyncTests {
    /// One unit with two clerks: the `init` clone (A) and a `git clone` of the hub (B).
    func twoClerks() throws -> (HierarchyFixture, UnitRepository, UnitRepository) {
        let f = try HierarchyFixture()
        try f.unit("ea-nuol", level: "commune")
        var plan = f.percentTarget("DVC-ONLINE", "55", rule: nil)
        plan.merge(f.percentTarget("PAY-ONLINE", "50", rule: nil)) { $1 }
        try f.commit("ea-nuol", plan)
        try f.report("ea-nuol", "2024-Q3", ["DVC-ONLINE=10/100"])
        try f.push("ea-nuol")
        let second = f.dir.appending("ea-nuol-clerk2")
        #expect(try Command.git(["clone", "-q", f.hub("ea-nuol"), second]).succeeded)
        return (f, try f.open("ea-nuol"), try UnitRepository.open(at: second))
    }

    func report(_ f: HierarchyFixture, _ repository: UnitRepository, _ figures: [String], at time: String) throws {
        var environment = f.environment
        environment["GIT_AUTHOR_DATE"] = time
        environment["GIT_COMMITTER_DATE"] = time
        try ReportWorkflow(environment: environment).run(
            period: "2024-Q3", figures: try figures.map(ReportWorkflow.parseFigure), tasks: [:], in: repository)
    }

    func figures(_ repository: UnitRepository) throws -> [String: Figure] {
        try #require(try repository.document(ProgressReport.self, at: "progress/2024/2024-Q3.json")).figures
    }

    @Test func differentFieldsMergeCleanly() throws {
        let (f, a, b) = try twoClerks()
        try report(f, a, ["DVC-ONLINE=20/100"], at: "@1730000000 +0700")
        try report(f, b, ["PAY-ONLINE=3/10"], at: "@1730000100 +0700")
        #expect(try SyncWorkflow(environment: f.environment).run(in: a).action == .pushed)
        let merged = try SyncWorkflow(environment: f.environment).run(in: b)
        #expect(merged.action == .merged)
        #expect(merged.pushed)
        #expect(merged.conflicts.isEmpty)
        #expect(try SyncWorkflow(environment: f.environment).run(in: a).action == .fastForwarded)
        for clerk in [a, b] {
            #expect(try figures(clerk) == ["DVC-ONLINE": Figure(numerator: 20, denominator: 100), "PAY-ONLINE": Figure(numerator: 3, denominator: 10)])
            #expect(try clerk.git.changedPaths() == [])
        }
        let report = try #require(try b.document(ProgressReport.self, at: "progress/2024/2024-Q3.json"))
        #expect(report.reportedAt.secondsSinceEpoch == 1_730_000_100)  // the later stamp wins, no question asked
    }

    @Test func theSameFieldChangedTwiceIsAConflictThatLosesNothing() throws {
        let (f, a, b) = try twoClerks()
        try report(f, a, ["DVC-ONLINE=20/100"], at: "@1730000000 +0700")
        try report(f, b, ["DVC-ONLINE=25/100"], at: "@1730000100 +0700")
        try SyncWorkflow(environment: f.environment).run(in: a)
        let hubBefore = try Repository.open(at: f.hub("ea-nuol")).referenceTarget("refs/heads/main")
        let outcome = try SyncWorkflow(environment: f.environment).run(in: b)
        #expect(outcome.action == .conflicted)
        #expect(!outcome.pushed)
        let conflict = try #require(outcome.conflicts.first)
        #expect(outcome.conflicts.count == 1)
        #expect(conflict.item == "DVC-ONLINE")
        #expect(conflict.path == #"$.figures["DVC-ONLINE"].numerator"#)
        #expect(CanonicalJSON.render(try #require(conflict.base)) == Array("10\n".utf8))
        #expect(CanonicalJSON.render(try #require(conflict.ours)) == Array("25\n".utf8))
        #expect(CanonicalJSON.render(try #require(conflict.theirs)) == Array("20\n".utf8))
        #expect(try Repository.open(at: f.hub("ea-nuol")).referenceTarget("refs/heads/main") == hubBefore)

        // A new process (as after a crash between merge and resolve) still sees the conflict.
        let reopened = try UnitRepository.open(at: f.dir.appending("ea-nuol-clerk2"))
        #expect(try ResolveWorkflow(environment: f.environment).conflicts(in: reopened).map(\.id) == [conflict.id])
        #expect(throws: PlanStoreError.self) { try PushWorkflow().run(in: reopened) }
        #expect(throws: PlanStoreError.self) { try SyncWorkflow(environment: f.environment).run(in: reopened) }

        let resolved = try ResolveWorkflow(environment: f.environment).resolve("DVC-ONLINE", with: .theirs, in: reopened)
        #expect(resolved.remaining == 0)
        #expect(try figures(reopened)["DVC-ONLINE"] == Figure(numerator: 20, denominator: 100))
        #expect(try SyncWorkflow(environment: f.environment).run(in: reopened).pushed)
        #expect(try reopened.conflictFiles().isEmpty)
    }

    @Test func aReportBothClerksCreatedMergesFieldByField() throws {
        let (f, a, b) = try twoClerks()
        for (clerk, figure, time) in [(a, "DVC-ONLINE=5/10", "@1730000000 +0700"), (b, "PAY-ONLINE=1/4", "@1730000100 +0700")] {
            var environment = f.environment
            environment["GIT_AUTHOR_DATE"] = time
            environment["GIT_COMMITTER_DATE"] = time
            try ReportWorkflow(environment: environment).run(period: "2024-10", figures: [try ReportWorkflow.parseFigure(figure)], tasks: [:], in: clerk)
        }
        try SyncWorkflow(environment: f.environment).run(in: a)
        let outcome = try SyncWorkflow(environment: f.environment).run(in: b)
        #expect(outcome.action == .merged)
        let report = try #require(try b.document(ProgressReport.self, at: "progress/2024/2024-10.json"))
        #expect(report.figures == ["DVC-ONLINE": Figure(numerator: 5, denominator: 10), "PAY-ONLINE": Figure(numerator: 1, denominator: 4)])
    }

    @Test func resolveByValueAndBadSelectorsExplain() throws {
        let (f, a, b) = try twoClerks()
        try report(f, a, ["DVC-ONLINE=20/100"], at: "@1730000000 +0700")
        try report(f, b, ["DVC-ONLINE=25/100"], at: "@1730000100 +0700")
        try SyncWorkflow(environment: f.environment).run(in: a)
        let outcome = try SyncWorkflow(environment: f.environment).run(in: b)
        let id = try #require(outcome.conflicts.first?.id)
        let workflow = ResolveWorkflow(environment: f.environment)
        #expect(throws: PlanStoreError.self) { try workflow.resolve("NOPE", with: .ours, in: b) }
        #expect(throws: PlanStoreError.self) { try workflow.resolve(id, with: .value("-5"), in: b) }  // invalid: numerator < 0
        #expect(try workflow.conflicts(in: b).count == 1)
        try workflow.resolve(id, with: .value("22"), in: b)
        #expect(try figures(b)["DVC-ONLINE"] == Figure(numerator: 22, denominator: 100))
    }
}
