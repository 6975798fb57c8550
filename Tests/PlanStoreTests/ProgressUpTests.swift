import Foundation
import Git
import PlanModel
import PlanStore
import Testing
import TestSupport

@Suite struct ProgressUpTests {
    /// Province → 2 districts → 3 communes, all over bare hubs.
    func hierarchy() throws -> HierarchyFixture {
        let f = try HierarchyFixture()
        try f.unit("daklak", level: "province")
        try f.commit("daklak", f.percentTarget("DVC-ONLINE", "50", rule: "uplift:5"))
        for district in ["buon-don", "lak"] { try f.addChild("daklak", district, level: "district") }
        try f.publish("daklak")
        for district in ["buon-don", "lak"] {
            try f.unit(district, level: "district", parent: "daklak")
            try f.pull(district)
        }
        for (commune, district) in [("ea-nuol", "buon-don"), ("krong-na", "buon-don"), ("lien-son", "lak")] {
            try f.addChild(district, commune, level: "commune")
        }
        for district in ["buon-don", "lak"] { try f.publish(district) }
        for (commune, district) in [("ea-nuol", "buon-don"), ("krong-na", "buon-don"), ("lien-son", "lak")] {
            try f.unit(commune, level: "commune", parent: district)
            try f.pull(commune)
        }
        return f
    }

    @Test func communeReportsReachTheProvinceByteForByte() throws {
        let f = try hierarchy()
        var reportCommits: [String: Oid] = [:]
        for (commune, figure) in [("ea-nuol", "41940/58818"), ("krong-na", "1000/2000"), ("lien-son", "30/40")] {
            let outcome = try f.report(commune, "2024-Q3", ["DVC-ONLINE=\(figure)"])
            reportCommits[commune] = try #require(outcome.commit)
            let pushed = try f.push(commune)
            #expect(pushed.destinations.count == 2)
        }
        // Districts collect their communes, then push up; the province collects the districts.
        let collected = try f.collect("buon-don")
        #expect(collected.collected.map(\.child) == ["ea-nuol", "krong-na"])
        #expect(try f.collect("buon-don").collected.isEmpty)  // nothing collected twice
        try f.collect("lak")
        try f.push("buon-don")
        try f.push("lak")
        let province = try f.collect("daklak")
        #expect(province.collected.map(\.child) == ["buon-don", "lak"])

        let git = try f.open("daklak").git
        let head = try #require(try f.open("daklak").head())
        for (commune, commit) in reportCommits {
            #expect(try git.isDescendant(head, of: commit), "\(commune)'s report commit is in the province's history")
        }
        // The commune's report at the province is the very blob the commune committed.
        let communeGit = try f.open("ea-nuol").git
        let communeHead = try #require(try f.open("ea-nuol").head())
        let original = try #require(try communeGit.entry(at: "progress/2024/2024-Q3.json", in: communeGit.commit(communeHead).tree))
        let atProvince = try #require(try git.entry(at: "children/buon-don/children/ea-nuol/progress/2024/2024-Q3.json", in: git.commit(head).tree))
        #expect(atProvince.oid == original.oid)
        // Merge commits have two parents, the second being the child's head.
        let merge = try git.commit(head)
        #expect(merge.parents.count == 2)
        #expect(merge.trailers("Child-Unit") == ["lak"])
        #expect(try Command.git(["fsck", "--strict"], in: f.work("daklak")).succeeded)
        #expect(try f.open("daklak").git.changedPaths() == [])

        // Rollups: Σnumerator / Σdenominator over the subtree, never an average of percentages.
        let district = try #require(try f.open("buon-don").document(Rollup.self, at: "rollup/2024/2024-Q3.json"))
        #expect(district.figures["DVC-ONLINE"]?.numerator == Exact(42940))
        #expect(district.figures["DVC-ONLINE"]?.denominator == Exact(60818))
        #expect(district.figures["DVC-ONLINE"]?.contributors == ["ea-nuol", "krong-na"])
        let top = try #require(try f.open("daklak").document(Rollup.self, at: "rollup/2024/2024-Q3.json"))
        let figure = try #require(top.figures["DVC-ONLINE"])
        #expect(figure.numerator == Exact(42970))
        #expect(figure.denominator == Exact(60858))
        #expect(figure.units == 3)
        #expect(figure.contributors == ["ea-nuol", "krong-na", "lien-son"])
        #expect(figure.value == Exact("70.61"))  // 42970 / 60858 = 70.6070… → 70.61 for display

        // Status at the province: its subtree's ratio against its target, and each district.
        let rows = try StatusQuery().run(in: f.open("daklak"), period: nil, asOf: CivilDate("2024-10-15")!)
        let own = try #require(rows.first { $0.unit == "daklak" && $0.indicator == "DVC-ONLINE" })
        #expect(own.state == "on-track")
        #expect(own.numerator == Exact(42970))
        #expect(own.period == "2024-Q3")
        let lak = try #require(rows.first { $0.unit == "lak" })
        #expect(lak.actual == Exact(75))
        #expect(lak.target == Exact(55))
        #expect(lak.state == "on-track")
    }

    @Test func aHubCollectsDirectlyAndTheClerkFastForwards() throws {
        let f = try hierarchy()
        try f.report("lien-son", "2024-Q3", ["DVC-ONLINE=30/40"])
        try f.push("lien-son")
        try f.push("lak")  // the district's plan reaches its hub
        let hub = try UnitRepository.open(at: f.hub("lak"))
        let outcome = try CollectWorkflow(environment: f.environment).run(in: hub)
        #expect(outcome.collected.map(\.child) == ["lien-son"])
        #expect(try hub.document(Rollup.self, at: "rollup/2024/2024-Q3.json")?.figures["DVC-ONLINE"]?.numerator == Exact(30))
        let sync = try SyncWorkflow(environment: f.environment).run(in: f.open("lak"))
        #expect(sync.action == .fastForwarded)
        #expect(try f.open("lak").head() == outcome.head)
    }

    @Test func statusStatesFollowTargetsAndDeadlines() throws {
        let f = try hierarchy()
        try f.report("ea-nuol", "2024-Q3", ["DVC-ONLINE=10/100"])
        try f.push("ea-nuol")
        try f.collect("buon-don")
        // One of the two communes: the district's figure is incomplete, never judged (issue 17 part 7).
        let partial = try StatusQuery().run(in: f.open("buon-don"), period: nil, asOf: CivilDate("2025-01-01")!)
        let incomplete = try #require(partial.first { $0.unit == "buon-don" })
        #expect(incomplete.state == "incomplete")
        #expect(incomplete.reported == 1 && incomplete.expected == 2 && incomplete.missing == ["krong-na"])
        #expect(partial.first { $0.unit == "krong-na" }?.state == "no-data")
        try f.report("krong-na", "2024-Q3", ["DVC-ONLINE=10/100"])
        try f.push("krong-na")
        try f.collect("buon-don")
        let before = try StatusQuery().run(in: f.open("buon-don"), period: nil, asOf: CivilDate("2024-10-01")!)
        let row = try #require(before.first { $0.unit == "buon-don" })
        #expect(row.actual == Exact(10))
        #expect(row.reported == 2 && row.expected == 2 && row.missing == nil)
        #expect(row.state == "at-risk")  // 10% < 55%, deadline 2024-12-31 ahead
        let after = try StatusQuery().run(in: f.open("buon-don"), period: nil, asOf: CivilDate("2025-01-01")!)
        #expect(after.first { $0.unit == "buon-don" }?.state == "missed")
    }

    @Test func aScoreCriterionReportedAsARatioIsWorthItsShareOfTheMaximum() throws {
        let f = try HierarchyFixture()
        try f.unit("quangtri", level: "province")
        try f.commit("quangtri", [
            "plans/2023/indicators/7.3.6.json": Indicator(code: "7.3.6", name: "Tỷ lệ hồ sơ giải quyết trực tuyến toàn trình", measure: .score, aggregation: .ratio, maxScore: Exact("1.5")),
            "plans/2023/targets/7.3.6.json": Target(indicator: "7.3.6", value: Exact("1.5")!),
        ])
        try f.report("quangtri", "2023", ["7.3.6=41940/58818"])
        let rows = try StatusQuery().run(in: f.open("quangtri"), period: Period("2023"), asOf: CivilDate("2024-01-15")!)
        #expect(rows.first?.actual == Exact("1.0696"))  // 003 Phụ lục 7.3.6
        #expect(rows.first?.state == "missed")
    }

    @Test func aRewrittenChildHistoryIsRefusedAndReported() throws {
        let f = try hierarchy()
        try f.report("ea-nuol", "2024-Q3", ["DVC-ONLINE=10/100"])
        try f.push("ea-nuol")
        let first = try #require(try f.collect("buon-don").collected.first)

        // The commune rewrites its history (a new root) and force-pushes it to the district hub.
        let commune = try f.open("ea-nuol")
        let git = commune.git
        let head = try #require(try commune.head())
        let rewritten = try git.createCommit(
            tree: try git.commit(head).tree, parents: [], author: IsolatedGit.author, committer: IsolatedGit.author, message: "rewritten")
        try git.updateReference("refs/heads/rewritten", to: rewritten, expected: nil, message: "rewrite")
        let forced = try git.push(to: .url(f.hub("buon-don")), refspecs: ["+refs/heads/rewritten:refs/children/ea-nuol/main"])
        #expect(forced.allAccepted)

        let before = try f.open("buon-don").head()
        let outcome = try f.collect("buon-don")
        #expect(outcome.rewritten.map(\.child) == ["ea-nuol"])
        #expect(outcome.collected.isEmpty)
        #expect(try f.open("buon-don").head() == before)
        let accepted = try f.collect("buon-don", acceptRewrite: true)
        #expect(accepted.collected.map(\.child) == ["ea-nuol"])
        let merge = try f.open("buon-don").git.commit(accepted.head)
        #expect(merge.trailers("Accepted-Rewrite") == [first.head.hex])
    }

    @Test func reportingAgainReplacesTheFigureAndKeepsHistory() throws {
        let f = try hierarchy()
        try f.report("lien-son", "2024-Q3", ["DVC-ONLINE=30/40"])
        let again = try f.report("lien-son", "2024-Q3", ["DVC-ONLINE=35/40"])
        #expect(again.replaced["DVC-ONLINE"] == Figure(numerator: 30, denominator: 40))
        #expect(again.report.figures["DVC-ONLINE"] == Figure(numerator: 35, denominator: 40))
        let git = try f.open("lien-son").git
        let commit = try git.commit(#require(again.commit))
        #expect(commit.message.description.contains("Replaces: DVC-ONLINE 30/40"))
        // A ratio indicator refuses a bare percentage; unknown indicators and bad periods explain themselves.
        #expect(throws: InputProblem.self) { try f.report("lien-son", "2024-Q3", ["DVC-ONLINE=75"]) }
        #expect(throws: InputProblem.self) { try f.report("lien-son", "2024-Q3", ["NOPE=1"]) }
        #expect(throws: InputProblem.self) { try f.report("lien-son", "2024-Q5", ["DVC-ONLINE=1/2"]) }
        #expect(throws: InputProblem.self) { try f.report("lien-son", "2024-Q3", ["DVC-ONLINE=1/0"]) }
    }

    @Test func pushIsRefusedWhenTheHubMovedOn() throws {
        let f = try hierarchy()
        try f.report("lien-son", "2024-Q3", ["DVC-ONLINE=30/40"])
        try f.push("lien-son")
        // A second clerk clones the hub and pushes first.
        let second = f.dir.appending("lien-son-2")
        #expect(try Command.git(["clone", "-q", f.hub("lien-son"), second]).succeeded)
        let clerk2 = try UnitRepository.open(at: second)
        try ReportWorkflow(environment: f.environment).run(period: "2024-10", figures: [try ReportWorkflow.parseFigure("DVC-ONLINE=3/4")], tasks: [:], in: clerk2)
        _ = try clerk2.git.push(to: .url(f.hub("lien-son")), refspecs: ["refs/heads/main:refs/heads/main"])
        try f.report("lien-son", "2024-11", ["DVC-ONLINE=5/6"])
        let error = #expect(throws: PlanStoreError.self) { try f.push("lien-son") }
        #expect(error?.description.contains("plancascade sync") == true)
    }
}
