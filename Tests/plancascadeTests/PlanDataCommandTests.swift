import Foundation
import Testing
import TestSupport

/// End-to-end, the binary on real repositories: 004's campaign as plan data (`plan set`,
/// `plan report add`), read by `check`, `status` and `export`, copied down by `pull`; and
/// a rollup missing units `incomplete` everywhere (issue 17 parts 6–7).
@Suite struct PlanDataCommandTests {
    init() { IsolatedGit.setUp() }

    @discardableResult
    func run(_ arguments: [String], in directory: String, _ expected: Int32 = 0, _ note: String = "") throws -> CommandResult {
        let result = try Tool.run(arguments, in: directory)
        #expect(result.status == expected, "\(note) \(arguments): \(result.stdout)\(result.stderr)")
        return result
    }

    /// daklak (province) → buon-don (district) → ea-nuol, krong-na (communes), over hubs.
    /// The province's plan: 10-day reports over the campaign, an interim and a final report.
    func campaign(_ dir: TemporaryDirectory) throws -> (daklak: String, buonDon: String, eaNuol: String, krongNa: String) {
        let root = dir.path
        let daklak = dir.appending("daklak"), buonDon = dir.appending("buon-don")
        let eaNuol = dir.appending("ea-nuol"), krongNa = dir.appending("krong-na")
        try run(["init", "daklak", "--unit", "daklak", "--name", "UBND tỉnh Đắk Lắk", "--level", "province", "--hub", "hubs/daklak.git"], in: root)
        try "indicator,name,measure,target,deadline,rule\nDVC-ONLINE,Tỷ lệ hồ sơ trực tuyến,percent,50,2025-01-06,uplift:5\n".write(
            toFile: dir.appending("t.csv"), atomically: true, encoding: .utf8)
        try run(["import", "targets", "../t.csv", "--year", "2024"], in: daklak)
        try run(["child", "add", "buon-don", "--name", "UBND huyện Buôn Đôn", "--level", "district"], in: daklak)
        // 004 III.3 and IV.2.a: from 08/11/2024 to 06/01/2025, every 10 days; V.1: the reports.
        try run(["plan", "set", "--cadence", "10-days", "--window", "2024-11-08..2025-01-06", "--number", "", "--title", "Kế hoạch Chiến dịch"], in: daklak)
        try run(["plan", "report", "add", "interim", "--name", "Báo cáo sơ kết 30 ngày", "--deadline", "2024-12-10", "--covers", "2024-11-08..2024-12-07"], in: daklak)
        try run(["plan", "report", "add", "final", "--name", "Báo cáo kết quả Chiến dịch", "--deadline", "2025-01-10"], in: daklak)
        try run(["publish"], in: daklak)
        try run(["init", "buon-don", "--unit", "buon-don", "--name", "UBND huyện Buôn Đôn", "--level", "district", "--parent", "hubs/daklak.git", "--hub", "hubs/buon-don.git"], in: root)
        try run(["pull"], in: buonDon)
        for commune in ["ea-nuol", "krong-na"] {
            try run(["child", "add", commune, "--name", "UBND xã \(commune)", "--level", "commune"], in: buonDon)
        }
        try run(["publish"], in: buonDon)
        for commune in ["ea-nuol", "krong-na"] {
            try run(["init", commune, "--unit", commune, "--name", "UBND xã \(commune)", "--level", "commune", "--parent", "hubs/buon-don.git", "--hub", "hubs/\(commune).git"], in: root)
            try run(["pull"], in: dir.appending(commune))
        }
        return (daklak, buonDon, eaNuol, krongNa)
    }

    func collectUp(_ units: (daklak: String, buonDon: String, eaNuol: String, krongNa: String)) throws {
        try run(["push"], in: units.eaNuol)
        try run(["push"], in: units.krongNa)
        try run(["collect"], in: units.buonDon)
        try run(["push"], in: units.buonDon)
        try run(["collect"], in: units.daklak)
    }

    @Test func theCampaignIsPlanDataThatCheckStatusAndExportReadAndPullCopiesDown() throws {
        let dir = try TemporaryDirectory()
        let units = try campaign(dir)
        // The plan as written, and as the district received it on pull.
        let shown = try run(["plan", "show"], in: units.daklak)
        #expect(shown.stdout.contains("reporting: 10-days"), "\(shown.stdout)")
        #expect(shown.stdout.contains("reports required from 2024-11-08 to 2025-01-06"))
        #expect(shown.stdout.contains("required report interim Báo cáo sơ kết 30 ngày: before 2024-12-10, a report of a period from 2024-11-08 to 2024-12-07"))
        #expect(shown.stdout.contains("required report final Báo cáo kết quả Chiến dịch: before 2025-01-10, a report of a period from 2024-11-08 to 2025-01-10"))
        let json = try run(["plan", "show", "--json"], in: units.daklak)
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let reporting = try #require(plan["reporting"] as? [String: Any])
        #expect(reporting["cadence"] as? String == "10-days")
        #expect((reporting["reports"] as? [[String: Any]])?.map { $0["id"] as? String } == ["interim", "final"])
        #expect(reporting["setBy"] == nil)
        let district = try run(["plan", "show", "--json"], in: units.buonDon)
        let districtPlan = try #require(try JSONSerialization.jsonObject(with: Data(district.stdout.utf8)) as? [String: Any])
        #expect((districtPlan["reporting"] as? [String: Any])?["setBy"] as? String == "daklak", "\(district.stdout)")
        #expect((districtPlan["reporting"] as? [String: Any])?["cadence"] as? String == "10-days")

        // ea-nuol reports the first two 10-day periods, krong-na nothing; all collected.
        try run(["report", "2024-11-15", "DVC-ONLINE=40/100"], in: units.eaNuol)
        try run(["report", "2024-11-25", "DVC-ONLINE=60/100"], in: units.eaNuol)
        try collectUp(units)

        // check reads the plan: 10-day windows from 08/11, none of the quarters before.
        let check = try run(["check", "--as-of", "2024-12-12"], in: units.daklak)
        #expect(!check.stdout.contains("2024-Q1"), "\(check.stdout)")
        #expect(check.stdout.contains("missing-report"))
        #expect(check.stdout.contains("2024-11-28..2024-12-07"), "\(check.stdout)")  // buon-don's third window
        // The district's plan (copied from the province) makes krong-na owe the interim report.
        let findings = try checkFindings(units.daklak, ["--as-of", "2024-12-12"])
        #expect(findings.contains { $0.kind == "missing-required-report" && $0.unit == "krong-na" && $0.item == "interim" }, "\(findings)")
        #expect(!findings.contains { $0.kind == "missing-required-report" && $0.unit == "ea-nuol" })
        #expect(!findings.contains { $0.kind == "missing-required-report" && $0.item == "final" })  // not due yet
        #expect(findings.contains { $0.kind == "incomplete-rollup" && $0.unit == "daklak" && $0.period == "2024-11-25" })
        #expect(findings.contains { $0.kind == "incomplete-rollup" && $0.unit == "buon-don" })
        // The options only override: quarterly from 1/1 asks for the quarters again.
        let overridden = try run(["check", "--as-of", "2024-12-12", "--cadence", "quarterly", "--from", "2024-01-01"], in: units.daklak)
        #expect(overridden.stdout.contains("2024-Q1"), "\(overridden.stdout)")

        // status: the province's figure is made of one of two communes — incomplete, never on-track.
        let status = try run(["status", "--as-of", "2024-12-12"], in: units.daklak)
        let daklakLine = try #require(status.stdout.split(separator: "\n").first { $0.contains("daklak") && $0.contains("DVC-ONLINE") })
        #expect(daklakLine.contains("incomplete") && daklakLine.contains("1/2"), "\(status.stdout)")
        #expect(!daklakLine.contains("on-track"))
        #expect(status.stdout.contains("Incomplete: daklak's DVC-ONLINE 2024-11-25 sums 1 of 2 expected units; missing: krong-na"), "\(status.stdout)")
        #expect(status.stdout.contains("Reporting (plans/2024/plan.json): 10-days from 2024-11-08 to 2025-01-06; 2 required reports: interim before 2024-12-10, final before 2025-01-10"), "\(status.stdout)")
        #expect(status.stdout.contains("interim (before 2024-12-10): sent by 1 of 1, none missing"), "\(status.stdout)")
        #expect(status.stdout.contains("final (before 2025-01-10, still open): sent by 1 of 1"))
        let statusJSON = try run(["status", "--as-of", "2024-12-12", "--json"], in: units.daklak)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(statusJSON.stdout.utf8)) as? [[String: Any]])
        let row = try #require(rows.first { $0["unit"] as? String == "daklak" })
        #expect(row["state"] as? String == "incomplete")
        #expect(row["reported"] as? Int == 1 && row["expected"] as? Int == 2)
        #expect(row["missing"] as? [String] == ["krong-na"])
        // trace: the stored total equals its recomputation but is not "ok".
        let trace = try run(["trace", "DVC-ONLINE"], in: units.daklak)
        #expect(trace.stdout.contains("incomplete 1/2"), "\(trace.stdout)")
        #expect(trace.stdout.contains("daklak's total sums 1 of 2 expected units; missing: krong-na"))
        let traceJSON = try run(["trace", "DVC-ONLINE", "--json"], in: units.daklak)
        #expect(traceJSON.stdout.contains("\"complete\": false"))
        // export reads the plan too (no quarterly warnings before the campaign) and says incomplete.
        let export = try run(["export", "--format", "md", "--as-of", "2024-12-12"], in: units.daklak)
        #expect(!export.stdout.contains("2024-Q1"), "\(export.stdout)")
        #expect(export.stdout.contains("incomplete"))
        #expect(export.stdout.contains("missing-required-report"))
        let html = try run(["export", "--format", "html", "--as-of", "2024-12-12"], in: units.daklak)
        #expect(html.stdout.contains("<tr class=\"state-incomplete\">"), "\(html.stdout.prefix(3000))")
        #expect(!html.stdout.contains("Every unit below is on track."))
        #expect(try run(["export", "--format", "md", "--as-of", "2024-12-12", "--cadence", "quarterly", "--from", "2024-01-01"], in: units.daklak).stdout.contains("2024-Q1"))

        // krong-na reports the same days; the figure is whole: no longer incomplete anywhere.
        try run(["report", "2024-11-15", "DVC-ONLINE=50/100"], in: units.krongNa)
        try run(["report", "2024-11-25", "DVC-ONLINE=70/100"], in: units.krongNa)
        try collectUp(units)
        let whole = try run(["status", "--as-of", "2024-12-12", "--json"], in: units.daklak)
        let wholeRows = try #require(try JSONSerialization.jsonObject(with: Data(whole.stdout.utf8)) as? [[String: Any]])
        let wholeRow = try #require(wholeRows.first { $0["unit"] as? String == "daklak" })
        #expect(wholeRow["state"] as? String == "on-track", "\(whole.stdout)")
        #expect(wholeRow["reported"] as? Int == 2 && wholeRow["expected"] as? Int == 2 && wholeRow["missing"] == nil)
        #expect(try run(["trace", "DVC-ONLINE"], in: units.daklak).stdout.contains("incomplete") == false)
        let after = try checkFindings(units.daklak, ["--as-of", "2024-12-12"])
        #expect(!after.contains { $0.kind == "incomplete-rollup" || $0.kind == "missing-required-report" }, "\(after)")

        // In Vietnamese, the documents' words.
        let vi = try run(["status", "--as-of", "2024-12-12", "--lang", "vi"], in: units.daklak)
        #expect(vi.stdout.contains("Chế độ báo cáo (plans/2024/plan.json): 10 ngày một lần từ 08/11/2024 đến 06/01/2025"), "\(vi.stdout)")
    }

    /// "Did krong-na report November?" — the same answer from check, status and approve.
    @Test func oneAnswerToHasAUnitReportedAPeriod() throws {
        let dir = try TemporaryDirectory()
        let units = try campaign(dir)
        try run(["report", "2024-11-15", "DVC-ONLINE=40/100"], in: units.eaNuol)
        try collectUp(units)
        let findings = try checkFindings(units.buonDon, ["--as-of", "2024-12-05", "--cadence", "monthly", "--from", "2024-11-01"])
        #expect(findings.contains { $0.kind == "missing-report" && $0.unit == "krong-na" && $0.period == "2024-11" }, "\(findings)")
        #expect(!findings.contains { $0.kind == "missing-report" && $0.unit == "ea-nuol" && $0.period == "2024-11" })
        // status --period 2024-11: ea-nuol's 10-day report answers for November, krong-na has nothing.
        let status = try run(["status", "--period", "2024-11", "--as-of", "2024-12-05", "--json"], in: units.buonDon)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [[String: Any]])
        #expect(rows.first { $0["unit"] as? String == "ea-nuol" }?["period"] as? String == "2024-11-15", "\(status.stdout)")
        #expect(rows.first { $0["unit"] as? String == "krong-na" }?["state"] as? String == "no-data")
        #expect(rows.first { $0["unit"] as? String == "buon-don" }?["state"] as? String == "incomplete")
        // approve: November of ea-nuol is its 10-day report; krong-na's November is nothing to approve.
        let approved = try run(["approve", "ea-nuol", "2024-11"], in: units.buonDon)
        #expect(approved.stdout.contains("2024-11-15"), "\(approved.stdout)")
        let refused = try Tool.run(["approve", "krong-na", "2024-11"], in: units.buonDon)
        #expect(refused.status != 0, "\(refused.stdout)")
    }

    /// `plan set` and `plan report add` refuse what a plan may not say, naming the file and
    /// the field, and write nothing; a child's pushed plan.json is held to the same rules.
    @Test func badPlanDataIsRefusedAndNothingIsWritten() throws {
        let dir = try TemporaryDirectory()
        let units = try campaign(dir)
        let before = try Command.git(["rev-parse", "main"], in: units.daklak).stdout
        let reversed = try run(["plan", "set", "--window", "2024-12-01..2024-11-01"], in: units.daklak, 2)
        #expect((reversed.stdout + reversed.stderr).contains("plans/2024/plan.json"), "\(reversed.stderr)")
        #expect(reversed.stderr.contains("the window ends on 2024-11-01, before it starts on 2024-12-01"), "\(reversed.stderr)")
        let early = try run(["plan", "report", "add", "early", "--deadline", "2024-10-01"], in: units.daklak, 2)
        #expect(early.stderr.contains("$.reporting.reports[0].deadline") || early.stderr.contains("reports"), "\(early.stderr)")
        #expect(early.stderr.contains("before the reporting window 2024-11-08..2025-01-06 begins"), "\(early.stderr)")
        #expect(try run(["plan", "set", "--cadence", "weekly"], in: units.daklak, 64).stderr.contains("weekly"))
        #expect(try run(["plan", "report", "add", "Sơ kết", "--deadline", "2024-12-10"], in: units.daklak, 2).stderr.contains("reports"))
        #expect(try Command.git(["rev-parse", "main"], in: units.daklak).stdout == before)
        // Unchanged: no commit.
        #expect(try run(["plan", "set", "--cadence", "10-days"], in: units.daklak).stdout.contains("already says so"))

        // A commune pushes a plan.json whose cadence is not one the tool knows (written with git).
        try #"{"number": "", "reporting": {"cadence": "weekly", "reports": []}, "schema": 1, "title": "", "year": 2024}"#.appending("\n")
            .write(toFile: units.eaNuol + "/plans/2024/plan.json", atomically: true, encoding: .utf8)
        #expect(try Command.git(["add", "plans/2024/plan.json"], in: units.eaNuol).succeeded)
        #expect(try Command.git(["commit", "-qm", "hand-written plan"], in: units.eaNuol).succeeded)
        _ = try Tool.run(["push"], in: units.eaNuol)
        let collect = try Tool.run(["collect"], in: units.buonDon)
        #expect((collect.stdout + collect.stderr).contains("plans/2024/plan.json"), "\(collect.stdout)\(collect.stderr)")
        #expect(!FileManager.default.fileExists(atPath: units.buonDon + "/children/ea-nuol/plans/2024/plan.json"))
    }

    struct Found: Decodable, CustomStringConvertible {
        let kind: String
        let unit: String?
        let item: String?
        let period: String?
        var description: String { "\(kind) \(unit ?? "") \(item ?? "") \(period ?? "")" }
    }

    func checkFindings(_ directory: String, _ options: [String]) throws -> [Found] {
        let result = try Tool.run(["check", "--json"] + options, in: directory)
        struct Envelope: Decodable { let findings: [Found] }
        return try JSONDecoder().decode(Envelope.self, from: Data(result.stdout.utf8)).findings
    }
}
