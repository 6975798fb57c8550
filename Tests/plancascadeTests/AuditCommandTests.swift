import Foundation
import Testing
import TestSupport

/// End-to-end: log, diff, blame, trace, verify and export — the binary — on a district and
/// its commune, with a late correction and a hand-edited provenance; the HTML report is
/// rendered by headless Chromium when it is installed.
@Suite struct AuditCommandTests {
    init() { IsolatedGit.setUp() }

    func run(_ arguments: [String], in directory: String, on day: String? = nil) throws -> CommandResult {
        let when = day.map { "\($0)T09:00:00+07:00" }
        return try Tool.run(arguments, in: directory, environment: when.map { ["GIT_AUTHOR_DATE": $0, "GIT_COMMITTER_DATE": $0] } ?? [:])
    }

    /// buon-don (DVC-ONLINE ≥ 55, uplift:5) and its commune ea-nuol, which reported 2024-Q3
    /// on 2024-10-05, corrected it on 2024-10-20, and was collected.
    func hierarchy(_ dir: TemporaryDirectory) throws -> (district: String, commune: String) {
        let root = dir.path
        let district = dir.appending("buon-don"), commune = dir.appending("ea-nuol")
        #expect(try run(["init", "buon-don", "--unit", "buon-don", "--name", "UBND huyện Buôn Đôn", "--level", "district", "--hub", "hubs/buon-don.git"], in: root).status == 0)
        try "indicator,name,measure,target,deadline,rule\nDVC-ONLINE,Tỷ lệ hồ sơ trực tuyến,percent,55,2024-12-31,uplift:5\n".write(
            toFile: dir.appending("t.csv"), atomically: true, encoding: .utf8)
        #expect(try run(["import", "targets", "../t.csv", "--year", "2024"], in: district, on: "2024-06-10").status == 0)
        #expect(try run(["child", "add", "ea-nuol", "--name", "UBND xã Ea Nuôl", "--level", "commune"], in: district).status == 0)
        #expect(try run(["publish"], in: district).status == 0)
        #expect(try run(["init", "ea-nuol", "--unit", "ea-nuol", "--name", "UBND xã Ea Nuôl", "--level", "commune", "--parent", "hubs/buon-don.git", "--hub", "hubs/ea-nuol.git"], in: root).status == 0)
        #expect(try run(["pull"], in: commune, on: "2024-06-20").status == 0)
        #expect(try run(["report", "2024-Q3", "DVC-ONLINE=412/760"], in: commune, on: "2024-10-05").status == 0)
        #expect(try run(["report", "2024-Q3", "DVC-ONLINE=430/760"], in: commune, on: "2024-10-20").status == 0)
        #expect(try run(["push"], in: commune).status == 0)
        #expect(try run(["collect"], in: district, on: "2024-10-22").status == 0)
        return (district, commune)
    }

    @Test func auditCommandsReadTheHistory() throws {
        let dir = try TemporaryDirectory()
        let (district, commune) = try hierarchy(dir)

        let log = try run(["log", "DVC-ONLINE", "--unit", "ea-nuol", "--since", "2024-10-01", "--until", "2024-10-31"], in: district)
        #expect(log.status == 0, "\(log.stderr)")
        let lines = log.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(log.stdout)")
        #expect(lines.first?.hasPrefix("2024-10-20 ea-nuol Test Clerk: DVC-ONLINE 2024-Q3 figure 412/760 → 430/760 ") == true, "\(log.stdout)")
        #expect(lines.last?.hasPrefix("2024-10-05 ea-nuol Test Clerk: DVC-ONLINE 2024-Q3 figure 412/760 reported ") == true)
        let logJSON = try run(["log", "--json", "--unit", "ea-nuol"], in: district)
        let envelope = try #require(try JSONSerialization.jsonObject(with: Data(logJSON.stdout.utf8)) as? [String: Any])
        #expect(envelope["schema"] as? Int == 1)
        let changes = try #require(envelope["changes"] as? [[String: Any]])
        let correction = try #require(changes.first { $0["old"] as? String == "412/760" })
        #expect(correction["new"] as? String == "430/760")
        #expect(correction["date"] as? String == "2024-10-20")
        #expect((correction["commit"] as? String)?.count == 40)
        #expect(correction["file"] as? String == "children/ea-nuol/progress/2024/2024-Q3.json")

        let diff = try run(["diff", "HEAD~1", "HEAD"], in: commune)
        #expect(diff.status == 0)
        #expect(diff.stdout.contains("DVC-ONLINE 2024-Q3 figure 412/760 → 430/760"))
        #expect(try run(["diff", "nonsense"], in: commune).status == 2)
        #expect(try run(["diff", "a", "b", "c"], in: commune).status == 64)

        let blame = try run(["blame", "DVC-ONLINE", "--unit", "ea-nuol", "--json"], in: district)
        let blamed = try #require(try JSONSerialization.jsonObject(with: Data(blame.stdout.utf8)) as? [String: Any])
        let fields = try #require(blamed["lines"] as? [[String: Any]])
        let numerator = try #require(fields.first { $0["part"] as? String == "figure" && $0["field"] as? String == "numerator" })
        #expect(numerator["value"] as? String == "430")
        #expect((numerator["commit"] as? [String: Any])?["date"] as? String == "2024-10-20")
        #expect(numerator["committedIn"] as? String == "ea-nuol")

        let trace = try run(["trace", "DVC-ONLINE"], in: district)
        #expect(trace.status == 0)
        let rows = trace.stdout.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(rows.contains { $0.hasPrefix("buon-don rollup 430/760 430/760 ok ") }, "\(trace.stdout)")
        #expect(rows.contains { $0.hasPrefix("ea-nuol report 430/760 ") })

        // verify: the late correction is listed (a warning); then a hand-edited provenance fails.
        let clean = try run(["verify"], in: district)
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout.contains("late-change"))
        #expect(clean.stdout.contains("0 errors, 1 warning"))
        let file = commune + "/plans/2024/targets/DVC-ONLINE.json"
        let forged = try String(contentsOfFile: file, encoding: .utf8)
            .replacingOccurrences(of: "\"base\": 55", with: "\"base\": 40").replacingOccurrences(of: "\"derived\": 60", with: "\"derived\": 45")
            .replacingOccurrences(of: "\"value\": 60", with: "\"value\": 45")
        try forged.write(toFile: file, atomically: true, encoding: .utf8)
        let work = try run(["diff"], in: commune)
        #expect(work.stdout.contains("DVC-ONLINE 2024 target 60 → 45"), "\(work.stdout)")
        #expect(try Command.git(["commit", "-qam", "điều chỉnh chỉ tiêu"], in: commune).succeeded)
        #expect(try run(["push"], in: commune).status == 0)
        #expect(try run(["collect"], in: district).status == 0)
        let broken = try run(["verify", "--json"], in: district)
        #expect(broken.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(broken.stdout.utf8)) as? [String: Any])
        #expect(report["errors"] as? Int == 1)
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["kind"] as? String == "provenance-mismatch" && $0["unit"] as? String == "ea-nuol" })

        // export: Markdown and CSV to stdout, HTML to a file.
        let md = try run(["export", "--format", "md", "--as-of", "2024-10-30"], in: district)
        #expect(md.status == 0)
        #expect(md.stdout.hasPrefix("# Audit report: UBND huyện Buôn Đôn (buon-don)\n"))
        #expect(md.stdout.contains("| ea-nuol | UBND xã Ea Nuôl | DVC-ONLINE | >= 45 | 56.58% (430/760) | 2024-Q3 | 2024-12-31 | on-track |"))
        #expect(try run(["export", "--format", "doc"], in: district).status == 64)
        let html = dir.appending("report.html")
        let exported = try run(["export", "--format", "html", "--out", html, "--as-of", "2024-10-30"], in: district)
        #expect(exported.status == 0, "\(exported.stderr)")
        try renderInChromium(html)
        try PDFReport.check(district: district, in: dir)
    }

    /// Renders the page in headless Chromium and checks the DOM it built: the chart and the
    /// findings table. Skipped, saying so, where Chromium is not installed.
    func renderInChromium(_ html: String) throws {
        guard let browser = ["chromium", "chromium-browser", "google-chrome"].lazy.compactMap(Self.which).first else {
            print("AuditCommandTests: skipping the headless Chromium rendering — no chromium on PATH (Debian: apt-get install chromium)")
            return
        }
        let profile = try TemporaryDirectory("chromium-profile")
        let rendered = try Command.run(browser, [
            "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)", "--dump-dom", "file://" + html,
        ])
        #expect(rendered.status == 0, "\(rendered.stderr)")
        let dom = rendered.stdout
        // One figure so far (2024-Q3): no chart, which needs two to show a course.
        #expect(!dom.contains("<svg class=\"chart\""), "\(dom.prefix(400))")
        #expect(dom.contains("<h2>I. Results against the targets</h2>"))
        #expect(dom.contains("<section id=\"findings\">"))
        #expect(dom.contains("provenance does not match"), "\(dom)")
        #expect(dom.contains("after the period"), "\(dom)")
    }

    static func which(_ name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}
