import Cascade
import Foundation
import Git
import PlanModel
import PlanStore
import Testing
import TestSupport

/// log, diff, blame, trace, verify and export on a province → district → two communes
/// hierarchy with known edits: a figure changed after its deadline, a forged provenance, a
/// rollup edited by hand, a rewritten child history.
@Suite struct AuditTests {
    /// daklak publishes DVC-ONLINE ≥ 50 (uplift:5); buon-don pulls (55) and raises it to 60;
    /// the communes pull, report 2024-Q3 on 2024-10-05, and everything is collected up.
    func hierarchy() throws -> HierarchyFixture {
        let f = try HierarchyFixture()
        try f.unit("daklak", level: "province")
        try f.commit("daklak", f.percentTarget("DVC-ONLINE", "50", rule: "uplift:5"))
        try f.addChild("daklak", "buon-don", level: "district")
        try f.publish("daklak")
        try f.unit("buon-don", level: "district", parent: "daklak")
        try f.pull("buon-don")
        _ = try f.setTarget("buon-don", "DVC-ONLINE", "60")
        for commune in ["ea-nuol", "krong-na"] { try f.addChild("buon-don", commune, level: "commune") }
        try f.publish("buon-don")
        for (commune, figure) in [("ea-nuol", "412/760"), ("krong-na", "95/310")] {
            try f.unit(commune, level: "commune", parent: "buon-don")
            try f.pull(commune)
            try report(f, commune, "2024-Q3", "DVC-ONLINE=\(figure)", on: "2024-10-05")
        }
        try collectUp(f)
        return f
    }

    /// Reports as the commune's clerk on `day` (author and committer date).
    @discardableResult
    func report(_ f: HierarchyFixture, _ unit: String, _ period: String, _ figure: String, on day: String) throws -> Oid? {
        let when = "\(day)T09:00:00+07:00"
        let environment = f.environment.merging(["GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "Văn phòng \(unit)"]) { $1 }
        return try ReportWorkflow(environment: environment).run(
            period: period, figures: [try ReportWorkflow.parseFigure(figure)], tasks: [:], in: f.open(unit)).commit
    }

    func collectUp(_ f: HierarchyFixture) throws {
        for commune in ["ea-nuol", "krong-na"] { try f.push(commune) }
        try f.collect("buon-don")
        try f.push("buon-don")
        try f.collect("daklak")
    }

    /// Edits a document by hand and commits it (as `git commit --no-verify` would).
    func handEdit<T: Codable>(_ f: HierarchyFixture, _ unit: String, _ path: String, as type: T.Type, message: String, _ edit: (inout T) -> Void) throws {
        var document = try #require(try f.open(unit).document(type, at: path))
        edit(&document)
        try f.commit(unit, [path: document], message: message)
    }

    @Test func logListsEveryUnitsChangesWithAuthorCommitAndFilters() throws {
        let f = try hierarchy()
        let commune = try #require(try report(f, "ea-nuol", "2024-Q3", "DVC-ONLINE=430/760", on: "2024-10-20"))
        try collectUp(f)
        let log = try LogQuery().run(in: f.open("daklak"))
        // The commune's correction, reached through two collect merges, under its own name.
        let correction = try #require(log.first { $0.change.subject == .figure && $0.change.isModification })
        #expect(correction.commit.commit == commune.hex)
        #expect(correction.commit.author == "Văn phòng ea-nuol")
        #expect(correction.commit.date == CivilDate("2024-10-20"))
        #expect(correction.change.unit == "ea-nuol")
        #expect(correction.change.old == "412/760")
        #expect(correction.change.new == "430/760")
        #expect(correction.change.file == "children/buon-don/children/ea-nuol/progress/2024/2024-Q3.json")
        #expect(correction.change.summary == "DVC-ONLINE 2024-Q3 figure 412/760 → 430/760")
        // The district's own raise and the pull before it, with the rule and base.
        let raise = try #require(log.first { $0.change.unit == "buon-don" && $0.change.subject == .target && $0.change.field == "value" })
        #expect(raise.change.old == "55")
        #expect(raise.change.new == "60")
        #expect(raise.change.summary.hasPrefix("DVC-ONLINE 2024 target 55 → 60 (uplift:5 from daklak@"))
        let pull = try #require(log.first { $0.change.unit == "buon-don" && $0.change.subject == .target && $0.change.field == nil })
        #expect(pull.commit.authority?.hasPrefix("pull from daklak@") == true)
        // Collect merges contribute their rollups, never the child's files a second time.
        #expect(log.filter { $0.change.unit == "ea-nuol" && $0.change.subject == .figure }.count == 2)
        #expect(log.contains { $0.change.unit == "daklak" && $0.change.subject == .rollup && $0.commit.authority?.hasPrefix("collect of buon-don") == true })
        // Newest first.
        #expect(zip(log, log.dropFirst()).allSatisfy { $0.commit.time >= $1.commit.time })
        // Every summary and authority comes from the catalogue, in Vietnamese with the documents' periods.
        for entry in log {
            for message in [entry.change.message] + (entry.commit.authorityMessage.map { [$0] } ?? []) {
                let pseudo = message.rendered(in: .pseudo)
                #expect(!pseudo.contains("⚠") && !pseudo.contains("‹") && !pseudo.contains("«"), "\(pseudo)")
            }
        }
        #expect(correction.change.message.rendered(in: .vietnamese) == "số liệu DVC-ONLINE kỳ Quý III/2024: 412/760 → 430/760")

        let filtered = try LogQuery(.init(item: "DVC-ONLINE", unit: "ea-nuol", since: CivilDate("2024-10-10"), until: CivilDate("2024-12-31"))).run(in: f.open("daklak"))
        #expect(filtered.map(\.change.summary) == ["DVC-ONLINE 2024-Q3 figure 412/760 → 430/760"])
        let until = try LogQuery(.init(unit: "ea-nuol", until: CivilDate("2024-10-06"))).run(in: f.open("daklak"))
        #expect(until.contains { $0.change.summary == "DVC-ONLINE 2024-Q3 figure 412/760 reported" })
        #expect(!until.contains { $0.commit.date > CivilDate("2024-10-06")! })
    }

    @Test func diffComparesCommitsAndTheWorkTree() throws {
        let f = try hierarchy()
        let district = try f.open("buon-don")
        let raise = try LogQuery(.init(item: "DVC-ONLINE", unit: "buon-don")).run(in: district).first { $0.change.field == "value" }
        let commit = try #require(raise?.commit.commit)
        let result = try DiffQuery().run(in: district, from: commit + "~1", to: commit)
        #expect(result.changes.map(\.summary).contains { $0.hasPrefix("DVC-ONLINE 2024 target 55 → 60") })
        #expect(result.changes.allSatisfy { $0.unit == "buon-don" })
        // The whole collect: both communes' documents, each under its own unit.
        let all = try DiffQuery().run(in: district, from: "\(commit)", to: "main")
        #expect(all.changes.contains { $0.unit == "krong-na" && $0.summary == "DVC-ONLINE 2024-Q3 figure 95/310 reported" })
        #expect(all.changes.contains { $0.unit == "buon-don" && $0.subject == .rollup && $0.new == "507/1070 (2 units)" })
        // An uncommitted edit in the work tree.
        let file = f.work("buon-don") + "/plans/2024/targets/DVC-ONLINE.json"
        let text = try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(of: "\"value\": 60", with: "\"value\": 65")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let work = try DiffQuery().run(in: district)
        #expect(work.to == nil)
        #expect(work.changes.count == 1)
        #expect(work.changes.first?.old == "60")
        #expect(work.changes.first?.new == "65")
        #expect(throws: PlanStoreError.self) { try DiffQuery().run(in: district, from: "no-such-revision") }
    }

    @Test func blameNamesTheCommitThatSetEachField() throws {
        let f = try hierarchy()
        let district = try f.open("buon-don")
        let blame = try BlameQuery().run(item: "DVC-ONLINE", in: district)
        let lines = Dictionary(blame.lines.map { ("\($0.part) \($0.field)", $0) }) { first, _ in first }
        let raise = try LogQuery(.init(item: "DVC-ONLINE", unit: "buon-don")).run(in: district)
        let setCommit = try #require(raise.first { $0.change.field == "value" }).commit.commit
        let pullCommit = try #require(raise.first { $0.change.field == nil }).commit.commit
        #expect(lines["target value"]?.value == "60")
        #expect(lines["target value"]?.commit.commit == setCommit)
        #expect(lines["target provenance"]?.commit.commit == pullCommit)
        #expect(lines["target deadline"]?.commit.commit == pullCommit)
        // The district reports nothing itself: its latest figure is its subtree's rollup.
        #expect(lines["rollup numerator"]?.value == "507")
        #expect(blame.period == "2024-Q3")

        // From the province, a commune's figure is followed into the commune's own commit.
        let corrected = try #require(try report(f, "ea-nuol", "2024-Q3", "DVC-ONLINE=430/760", on: "2024-10-20"))
        try collectUp(f)
        let commune = try BlameQuery(unit: "ea-nuol").run(item: "DVC-ONLINE", in: f.open("daklak"))
        let numerator = try #require(commune.lines.first { $0.part == "figure" && $0.field == "numerator" })
        #expect(numerator.value == "430")
        #expect(numerator.commit.commit == corrected.hex)
        #expect(numerator.committedIn == "ea-nuol")
        #expect(numerator.file == "children/buon-don/children/ea-nuol/progress/2024/2024-Q3.json")
        // The denominator did not change: the first report set it.
        let denominator = try #require(commune.lines.first { $0.part == "figure" && $0.field == "denominator" })
        #expect(denominator.commit.commit != corrected.hex)
        #expect(denominator.commit.date == CivilDate("2024-10-05"))
        #expect(throws: PlanStoreError.self) { try BlameQuery(unit: "nowhere").run(item: "DVC-ONLINE", in: f.open("daklak")) }
        #expect(throws: PlanStoreError.self) { try BlameQuery().run(item: "NOPE", in: f.open("daklak")) }
    }

    @Test func traceRecomputesEveryLevelDownToTheCommunesBlobs() throws {
        let f = try hierarchy()
        let trace = try TraceQuery().run(indicator: "DVC-ONLINE", period: nil, in: f.open("daklak"))
        #expect(trace.period == "2024-Q3")
        #expect(trace.rows.map { "\($0.depth) \($0.unit) \($0.source) \($0.figure)" } == [
            "0 daklak rollup 507/1070", "1 buon-don rollup 507/1070", "2 ea-nuol report 412/760", "2 krong-na report 95/310",
        ])
        #expect(trace.consistent)
        // The commune's blob at the province is the one the commune committed.
        let commune = try f.open("ea-nuol")
        let communeHead = try #require(try commune.head())
        let own = try #require(try commune.git.entry(at: "progress/2024/2024-Q3.json", in: commune.git.commit(communeHead).tree))
        #expect(trace.rows[2].blob == own.oid.hex)
        #expect(trace.rows[2].commit == (try commune.head())?.hex)

        try handEdit(f, "buon-don", "rollup/2024/2024-Q3.json", as: Rollup.self, message: "fix totals") { $0.figures["DVC-ONLINE"]?.numerator = Exact(600) }
        let edited = try TraceQuery().run(indicator: "DVC-ONLINE", period: Period("2024-Q3"), in: f.open("buon-don"))
        #expect(!edited.consistent)
        #expect(edited.rows.first?.figure == "600/1070")
        #expect(edited.rows.first?.recomputed == "507/1070")
        #expect(edited.rows.first?.matches == false)
        #expect(throws: PlanStoreError.self) { try TraceQuery().run(indicator: "NOPE", period: nil, in: f.open("daklak")) }
    }

    enum Edit: String, CaseIterable {
        case none, lateChange, correctionBeforeDeadline, forgedParentCommit, handEditedProvenance, rollupEdited, rewrittenChild, acceptedRewrite
    }

    @Test(arguments: Edit.allCases)
    func verifyFindsEachKnownEditAndNothingElse(_ edit: Edit) throws {
        let f = try hierarchy()
        var place = "buon-don"
        var expected: Set<String> = []
        var author: String?  // who the first expected finding must name
        switch edit {
        case .none:
            break
        case .lateChange:
            try report(f, "ea-nuol", "2024-Q3", "DVC-ONLINE=430/760", on: "2024-10-20")
            try collectUp(f)
            expected = ["late-change ea-nuol"]
            author = "Văn phòng ea-nuol"
        case .correctionBeforeDeadline:
            try report(f, "ea-nuol", "2024-Q4", "DVC-ONLINE=500/800", on: "2024-12-20")
            try report(f, "ea-nuol", "2024-Q4", "DVC-ONLINE=510/800", on: "2024-12-30")
            try collectUp(f)
        case .forgedParentCommit:
            try handEdit(f, "krong-na", "plans/2024/targets/DVC-ONLINE.json", as: Target.self, message: "chỉ tiêu mới") {
                $0.provenance?.parentCommit = String(repeating: "ab", count: 20)
            }
            try collectUp(f)
            expected = ["forged-provenance krong-na"]
            author = "Văn thư"
        case .handEditedProvenance:
            try handEdit(f, "krong-na", "plans/2024/targets/DVC-ONLINE.json", as: Target.self, message: "điều chỉnh") {
                $0.value = Exact(45)
                $0.provenance?.base = Exact(40)
                $0.provenance?.derived = Exact(45)
            }
            try collectUp(f)
            expected = ["provenance-mismatch krong-na"]
        case .rollupEdited:
            try handEdit(f, "buon-don", "rollup/2024/2024-Q3.json", as: Rollup.self, message: "cập nhật tổng hợp") {
                $0.figures["DVC-ONLINE"]?.numerator = Exact(600)
            }
            expected = ["rollup-mismatch buon-don"]
        case .rewrittenChild, .acceptedRewrite:
            let commune = try f.open("ea-nuol")
            let head = try #require(try commune.head())
            let rewritten = try commune.git.createCommit(
                tree: try commune.git.commit(head).tree, parents: [], author: IsolatedGit.author, committer: IsolatedGit.author, message: "rewritten")
            try commune.git.updateReference("refs/heads/rewritten", to: rewritten, expected: nil, message: "rewrite")
            #expect(try commune.git.push(to: .url(f.hub("buon-don")), refspecs: ["+refs/heads/rewritten:refs/children/ea-nuol/main"]).allAccepted)
            if edit == .acceptedRewrite {
                try f.collect("buon-don", acceptRewrite: true)
                expected = ["accepted-rewrite ea-nuol"]
            } else {
                expected = ["rewritten-history ea-nuol"]
            }
        }
        let report = try VerifyQuery().run(in: f.open(place))
        let found = Set(report.findings.filter { $0.severity != .info }.map { "\($0.kind.rawValue) \($0.unit ?? "")" })
        #expect(found == expected, "\(report.findings.map { "\($0.kind.rawValue) \($0.unit ?? ""): \($0.message)" })")
        #expect(report.errors == expected.filter { !$0.hasPrefix("late-change") && !$0.hasPrefix("accepted-rewrite") }.count)
        #expect(report.provenances >= 3)
        if let author { #expect(report.findings.first { $0.severity != .info }?.author == author) }
        expectTranslated(report.findings, "\(edit)")
        if edit == .none {
            // The province verifies the same history; the communes' provenances name buon-don's
            // published commits, which only buon-don has: said, not failed.
            place = "daklak"
            let top = try VerifyQuery().run(in: f.open(place))
            #expect(top.errors == 0 && top.warnings == 0)
            #expect(top.findings.filter { $0.kind == .notVerified }.compactMap(\.unit).sorted() == ["ea-nuol", "krong-na"])
            expectTranslated(top.findings, "daklak")
        }
    }

    @Test func exportRendersStatusChartsFindingsAndHistory() throws {
        let f = try hierarchy()
        try report(f, "ea-nuol", "2024-Q3", "DVC-ONLINE=430/760", on: "2024-10-20")
        try collectUp(f)
        let report = try ExportReport.gather(unit: "buon-don", asOf: CivilDate("2024-10-30")!, in: f.open("daklak"))
        #expect(report.status.map { "\($0.unit) \($0.state)" } == ["buon-don at-risk", "ea-nuol on-track", "krong-na at-risk"])
        #expect(report.series.map(\.indicator) == ["DVC-ONLINE"])
        #expect(report.series.first?.points.map(\.period) == ["2024-Q3"])
        #expect(report.findings.contains { $0.source == "verify" && $0.kind == "late-change" && $0.unit == "ea-nuol" })
        #expect(report.history.allSatisfy { ["buon-don", "ea-nuol", "krong-na"].contains($0.change.unit) })
        let html = ExportRenderer.render(report, as: .html, in: .english)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        // One figure (2024-Q3) makes no chart; the summary table and the findings are there.
        #expect(!html.contains("<svg class=\"chart\""))
        #expect(html.contains("<table class=\"data\" id=\"summary\">"))
        #expect(html.contains("<section id=\"findings\">"))
        // Self-contained: no script, no stylesheet or image to fetch (the SVG namespace is a name, not a request).
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src=") && !html.contains("https://"))
        let csv = ExportRenderer.render(report, as: .csv, in: .english)
        #expect(csv.hasPrefix("Targets and figures\nunit,name,indicator,target,actual,period,deadline,state\nbuon-don,"))
        let md = ExportRenderer.render(report, as: .md, in: .english)
        #expect(md.contains("| ea-nuol | UBND") == false)  // the fixture's names are "Đơn vị …"
        #expect(md.contains("| ea-nuol | Đơn vị ea-nuol | DVC-ONLINE | >= 55 | 56.58% (430/760) | 2024-Q3 | 2024-12-31 | on-track |"))
        #expect(throws: PlanStoreError.self) { try ExportReport.gather(unit: "nowhere", asOf: CivilDate("2024-10-30")!, in: f.open("daklak")) }
    }
}
