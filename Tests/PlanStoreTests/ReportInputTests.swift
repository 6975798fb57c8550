import Foundation
import Git
import PlanModel
import PlanStore
import Testing
import TestSupport

/// `report` reads periods and figures as the clerk's language writes them, refuses figures
/// that would be wrong silently, and a hostile figure never crashes the parent's collect.
@Suite struct ReportInputTests {
    /// A province with a percent ratio indicator and a score criterion for 2024 and 2026.
    func province() throws -> HierarchyFixture {
        let f = try HierarchyFixture()
        try f.unit("daklak", level: "province")
        var documents = f.percentTarget("DVC-ONLINE", "50", rule: "uplift:5")
        documents.merge(f.percentTarget("DVC-ONLINE", "50", rule: "uplift:5", year: 2026)) { a, _ in a }
        documents["plans/2024/indicators/1.1.json"] = Indicator(code: "1.1", name: "Tiêu chí 1.1", measure: .score, aggregation: .sum, maxScore: Exact("1.5"))
        try f.commit("daklak", documents)
        return f
    }

    func report(_ f: HierarchyFixture, _ period: String, _ figures: [String], language: Language = .english, on day: String = "2024-12-02",
                unit: String = "daklak") throws -> ReportWorkflow.Outcome {
        var environment = f.environment
        environment["GIT_AUTHOR_DATE"] = "\(day)T09:00:00+07:00"
        environment["GIT_COMMITTER_DATE"] = "\(day)T09:00:00+07:00"
        return try ReportWorkflow(environment: environment).run(period: period, figureTexts: figures, tasks: [:], language: language, in: f.open(unit))
    }

    func refusal(_ body: () throws -> Void) -> InputProblem? {
        do {
            try body()
        } catch let problem as InputProblem {
            return problem
        } catch {
            Issue.record("expected an InputProblem, got \(error)")
        }
        return nil
    }

    @Test func thousandsDotsAreCountsOnlyWhereTheLanguageSaysSo() throws {
        let f = try province()
        // English: 1.120 is 1.12, which is no count — refused with both readings, nothing stored.
        let problem = try #require(refusal { _ = try report(f, "2024-11", ["DVC-ONLINE=1.120/2.290"]) })
        let english = problem.message.rendered(in: .english)
        #expect(english.contains("1.12") && english.contains("1120") && english.contains("DVC-ONLINE"), "\(english)")
        #expect(try f.open("daklak").document(ProgressReport.self, at: "progress/2024/2024-11.json") == nil)
        // Vietnamese: 1.120 is 1120.
        let outcome = try report(f, "Tháng 11/2024", ["DVC-ONLINE=1.120/2.290"], language: .vietnamese)
        #expect(outcome.report.figures["DVC-ONLINE"] == Figure(numerator: 1120, denominator: 2290))
        #expect(outcome.path == "progress/2024/2024-11.json")
        #expect(!outcome.provisional)
        // A decimal comma for a score in Vietnamese.
        let score = try report(f, "11/2024", ["1.1=1,25"], language: .vietnamese)
        #expect(score.report.figures["1.1"] == Figure(value: Exact("1.25")))
    }

    @Test(arguments: ["11/2024", "T11/2024", "Tháng 11/2024", "2024-11"])
    func monthSpellings(period: String) throws {
        let f = try province()
        for language in [Language.english, .vietnamese] {
            let outcome = try report(f, period, ["DVC-ONLINE=412/760"], language: language)
            #expect(outcome.report.period == .month(2024, 11), "\(period) in \(language)")
        }
    }

    @Test func quartersAndWindows() throws {
        let f = try province()
        #expect(try report(f, "Quý III/2024", ["DVC-ONLINE=1/2"], language: .vietnamese).report.period == .quarter(2024, 3))
        #expect(try report(f, "Q3/2024", ["DVC-ONLINE=1/2"]).report.period == .quarter(2024, 3))
        // A window that has ended is recorded as of its last day; one still running as of today, provisional.
        let ended = try report(f, "18/11/2024-27/11/2024", ["DVC-ONLINE=3/4"], on: "2024-11-28")
        #expect(ended.report.period == .day(CivilDate("2024-11-27")!))
        #expect(!ended.provisional)
        let running = try report(f, "28/11/2024-07/12/2024", ["DVC-ONLINE=3/4"], language: .vietnamese, on: "2024-12-02")
        // English reads 07/12 as 7 December or 12 July: refused, both shown.
        #expect(refusal { _ = try report(f, "28/11/2024-07/12/2024", ["DVC-ONLINE=3/4"], on: "2024-12-02") } != nil)
        #expect(running.report.period == .day(CivilDate("2024-12-02")!))
        #expect(running.provisional)
        #expect(running.notices.map(\.code) == ["input.report.window-today"])
    }

    @Test func aPeriodThatHasNotBegunIsRefusedAndARunningOneIsProvisional() throws {
        let f = try province()
        let problem = try #require(refusal { _ = try report(f, "2027-01", ["DVC-ONLINE=1/2"], on: "2026-12-01") })
        #expect(problem.message.description.contains("has not begun"), "\(problem)")
        let problem2 = try #require(refusal { _ = try report(f, "2024-12", ["DVC-ONLINE=1/2"], on: "2024-11-30") })
        #expect(problem2.message.rendered(in: .vietnamese).contains("chưa bắt đầu"))
        let running = try report(f, "2026-12", ["DVC-ONLINE=1/2"], on: "2026-12-01")
        #expect(running.provisional)
        #expect(running.report.isProvisional)
        #expect(running.notices.map(\.code) == ["input.report.provisional"])
        let later = try report(f, "2026-12", ["DVC-ONLINE=2/3"], on: "2027-01-03")
        #expect(!later.report.isProvisional)
    }

    @Test func zeroOverZeroIsNoDossiersAndRollsUpAsNothing() throws {
        let f = try HierarchyFixture()
        try f.unit("buon-don", level: "district")
        try f.commit("buon-don", f.percentTarget("DVC-ONLINE", "50", rule: nil))
        try f.addChild("buon-don", "ea-nuol", level: "commune")
        try f.addChild("buon-don", "krong-na", level: "commune")
        try f.publish("buon-don")
        for commune in ["ea-nuol", "krong-na"] {
            try f.unit(commune, level: "commune", parent: "buon-don")
            try f.pull(commune)
        }
        let zero = try report(f, "2024-11", ["DVC-ONLINE=0/0"], unit: "ea-nuol")
        #expect(zero.report.figures["DVC-ONLINE"] == Figure(numerator: 0, denominator: 0))
        try f.push("ea-nuol")
        try f.collect("buon-don")
        let alone = try #require(try f.open("buon-don").document(Rollup.self, at: "rollup/2024/2024-11.json"))
        #expect(alone.figures["DVC-ONLINE"]?.value == nil)  // no ratio of no dossiers, no division by zero
        _ = try report(f, "2024-11", ["DVC-ONLINE=30/40"], unit: "krong-na")
        try f.push("krong-na")
        try f.collect("buon-don")
        let both = try #require(try f.open("buon-don").document(Rollup.self, at: "rollup/2024/2024-11.json"))
        #expect(both.figures["DVC-ONLINE"]?.numerator == 30)
        #expect(both.figures["DVC-ONLINE"]?.denominator == 40)
        #expect(both.figures["DVC-ONLINE"]?.value == 75)
        #expect(try StatusQuery().run(in: f.open("buon-don"), period: nil, asOf: CivilDate("2024-12-02")!).isEmpty == false)
        // 5/0 is refused.
        #expect(refusal { _ = try report(f, "2024-11", ["DVC-ONLINE=5/0"], unit: "krong-na") }?.description.contains("5/0") == true)
    }

    @Test func figureRulesNameTheIndicatorTheFigureAndTheRule() throws {
        let f = try province()
        let score = try #require(refusal { _ = try report(f, "2024-11", ["1.1=2"]) })
        #expect(score.description.contains("1.1") && score.description.contains("maximum score 1.5"), "\(score)")
        let above = try #require(refusal { _ = try report(f, "2024-11", ["DVC-ONLINE=2290/1120"]) })
        #expect(above.description.contains("numerator 2290 is above denominator 1120"), "\(above)")
        let negative = try #require(refusal { _ = try report(f, "2024-11", ["DVC-ONLINE=-1/10"]) })
        #expect(negative.message.rendered(in: .vietnamese).contains("số âm"))
        for huge in ["99999999999999999999999999999999999999e127/99999999999999999999999999999999999999e127", "1e-100/1", "1234567890123456/1234567890123457"] {
            #expect(refusal { _ = try report(f, "2024-11", ["DVC-ONLINE=\(huge)"]) } != nil, "\(huge)")
        }
    }

    @Test func aWrongCodeSuggestsTheNearestOfTheUnitsOwn() throws {
        let f = try province()
        let problem = try #require(refusal { _ = try report(f, "2024-11", ["DVC-ONLNE=1/2"]) })
        #expect(problem.message.rendered(in: .vietnamese).contains("DVC-ONLNE: có phải DVC-ONLINE?"), "\(problem.message.rendered(in: .vietnamese))")
        #expect(problem.description.contains("did you mean DVC-ONLINE?"))
    }

    @Test func aHugeFigurePushedWithoutTheHookNeverCrashesTheParentsCollect() throws {
        let f = try HierarchyFixture()
        try f.unit("buon-don", level: "district")
        try f.commit("buon-don", f.percentTarget("DVC-ONLINE", "50", rule: nil))
        try f.addChild("buon-don", "ea-nuol", level: "commune")
        try f.addChild("buon-don", "krong-na", level: "commune")
        try f.publish("buon-don")
        for commune in ["ea-nuol", "krong-na"] {
            try f.unit(commune, level: "commune", parent: "buon-don")
            try f.pull(commune)
        }
        _ = try report(f, "2024-11", ["DVC-ONLINE=30/40"], unit: "krong-na")
        try f.push("krong-na")
        // ea-nuol's clerk writes the file by hand and commits it without validation; the hub has no hook.
        let huge = "99999999999999999999999999999999999999e127"
        // Two figures no document should hold, and a report for December made in November.
        let files = [("2024-11", huge, huge, "2024-12-02"), ("2024-11", "1e-100", "1", "2024-12-03"), ("2024-12", "1", "2", "2024-11-20")]
        for (period, numerator, denominator, day) in files {
            let json = """
                {"figures":{"DVC-ONLINE":{"denominator":\(denominator),"numerator":\(numerator)}},"period":"\(period)","reportedAt":"\(day)T09:00:00+07:00","reportedBy":"A","schema":1,"tasks":{},"unit":"ea-nuol"}

                """
            let repository = try f.open("ea-nuol")
            let identity = try Identity.resolve(for: repository.git, environment: f.environment)
            let clean = period == "2024-12" ? ["progress/2024/2024-11.json": Optional<[UInt8]>.none] : [:]
            try repository.commit(clean.merging(["progress/2024/\(period).json": Array(json.utf8)]) { $1 }, message: "hand-written figures", identity: identity)
            try f.push("ea-nuol")
            let outcome = try f.collect("buon-don")
            #expect(outcome.refused.map(\.child) == ["ea-nuol"], "\(outcome.refused)")
            #expect(outcome.refused.first?.reason.description.contains(period == "2024-12" ? "before the period began" : "DVC-ONLINE") == true, "\(outcome.refused)")
            // krong-na's figures still roll up.
            let rollup = try #require(try f.open("buon-don").document(Rollup.self, at: "rollup/2024/2024-11.json"))
            #expect(rollup.figures["DVC-ONLINE"]?.numerator == 30)
        }
    }
}
