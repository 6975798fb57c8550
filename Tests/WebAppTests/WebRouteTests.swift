import Foundation
import PlanModel
import PlanStore
import Testing
import TestSupport

/// Every route of `plancascade serve` over HTTP, against the real server (the built binary,
/// on 127.0.0.1:0) in real unit repositories: status codes, what each page shows, refusals,
/// CSRF, roles, and requests that try to reach the file system.
@Suite(.serialized) struct WebRouteTests {
    func head(_ f: WebFixture, _ id: String) throws -> String? { try f.open(id).head()?.hex }

    @Test func aCommuneSeesItsTargetsAndTasksInVietnameseAndSwitchesToEnglish() throws {
        let f = try WebFixture()
        let url = try f.serve("xa-a")
        #expect(f.serverOutput.contains("UBND xã Ea Nuôl") && !url.hasSuffix(":0"), "\(f.serverOutput)")
        let web = HTTPClient(url, folder: f.dir.path)
        let home = try web.get("/")
        #expect(home.status == 200)
        #expect(home.header("content-type") == "text/html; charset=utf-8")
        #expect(home.header("content-security-policy")?.contains("default-src 'none'") == true)
        #expect(home.body.contains("<html lang=\"vi\">") && home.body.contains("Báo cáo của đơn vị"), "\(home.body)")
        #expect(home.body.contains("Tỷ lệ hồ sơ trực tuyến") && home.body.contains("&gt;= 60"))
        #expect(home.body.contains("Niêm yết công khai thủ tục hành chính") && home.body.contains("15/12/2024"))
        #expect(home.body.contains("Gửi lên UBND huyện Thử"), "the parent by the name its published targets give")
        #expect(!home.body.contains("<script"))
        let english = try web.get("/?lang=en")
        #expect(english.body.contains("<html lang=\"en\">") && english.body.contains("Reports of the unit") && english.body.contains("2024-12-15"))
        // The choice is kept in a cookie for the next pages.
        #expect(try web.get("/report").body.contains("Enter a report"))
        #expect(try web.get("/?lang=vi").body.contains("Nhập báo cáo") == false)
        #expect(try web.get("/report").body.contains("Nhập báo cáo"))
    }

    @Test func theReportFormRecordsFiguresAndRefusesThemAsReportDoes() throws {
        let f = try WebFixture()
        let web = HTTPClient(try f.serve("xa-a"), folder: f.dir.path)
        let form = try web.get("/report?period=2024-11")
        #expect(form.status == 200)
        #expect(form.body.contains("name=\"n.DVC-ONLINE\"") && form.body.contains("name=\"d.DVC-ONLINE\"") && form.body.contains("name=\"t.1.1\""))
        let before = try head(f, "xa-a")

        // Refused, with nothing committed: a figure `report` refuses, with the very message `report` prints.
        let bad = try web.post("/report", ["period": "Tháng 11/2024", "n.DVC-ONLINE": "41.940", "d.DVC-ONLINE": "abc"])
        #expect(bad.status == 422)
        let cli = try Tool.run(["-C", f.work("xa-a"), "--lang", "vi", "report", "2024-11", "DVC-ONLINE=41.940/abc"], environment: f.environment)
        #expect(cli.status == 1)
        let cliMessage = cli.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!cliMessage.isEmpty && bad.body.contains(esc(cliMessage)), "page: \(bad.body)\ncli: \(cliMessage)")
        #expect(bad.body.contains("value=\"41.940\""), "what was typed stays in the form")
        let unknown = try web.post("/report", ["period": "2024-11", "n.KHONG-CO": "1", "d.KHONG-CO": "2"])
        #expect(unknown.status == 422 && unknown.body.contains("KHONG-CO"))
        let early = try web.post("/report", ["period": "2025-01", "n.DVC-ONLINE": "1", "d.DVC-ONLINE": "2"])
        #expect(early.status == 422)
        let state = try web.post("/report", ["period": "2024-11", "t.1.1": "finished"])
        #expect(state.status == 422 && state.body.contains("finished"))
        #expect(try head(f, "xa-a") == before)

        // Recorded: Vietnamese numbers, a task state; the next page says what was recorded.
        let done = try web.post("/report", ["period": "Tháng 11/2024", "n.DVC-ONLINE": "41.940", "d.DVC-ONLINE": "58.818", "t.1.1": "done"])
        #expect(done.status == 303 && done.header("location") == "/?reported=2024-11", "\(done.status) \(done.body)")
        let report = try #require(try f.open("xa-a").document(ProgressReport.self, at: "progress/2024/2024-11.json"))
        #expect(report.figures["DVC-ONLINE"] == Figure(numerator: 41940, denominator: 58818))
        #expect(report.tasks["1.1"] == .done)
        let next = try web.get("/?reported=2024-11")
        #expect(next.body.contains("41.940/58.818 (71,3%)") || next.body.contains("41.940/58.818 (71,30%)"), "\(next.body)")
        #expect(try web.get("/").body.contains("class=\"flash") == false, "a result is shown once")
        // The form shows what was reported for the period.
        #expect(try web.get("/report?period=2024-11").body.contains("value=\"58.818\""))
    }

    @Test func aFilledTemplateIsUploadedAndAWrongFileIsRefused() throws {
        let f = try WebFixture()
        let district = HTTPClient(try f.serve("huyen"), folder: f.dir.path)
        let template = try district.get("/download/template?child=xa-b&period=2024-11")
        #expect(template.status == 200 && template.bytes.starts(with: [0x50, 0x4B]), "\(template.status) \(template.body.prefix(300))")
        #expect(template.header("content-disposition") == "attachment; filename=\"xa-b-2024-11.xlsx\"")
        try template.bytes.write(to: URL(fileURLWithPath: f.dir.appending("mau.xlsx")))
        let filled = try Openpyxl.workbook("""
            wb = openpyxl.load_workbook(\(Openpyxl.literal(f.dir.appending("mau.xlsx"))))
            ws = wb["Báo cáo"]
            ws["F5"] = 30
            ws["G5"] = 40
            wb.save(out)
            """, in: f.dir, name: "da-dien.xlsx")
        let commune = HTTPClient(try f.serve("xa-b"), folder: f.dir.path)
        _ = try commune.get("/")
        let uploaded = try commune.upload("/import", file: filled, name: "../../da-dien.xlsx")
        #expect(uploaded.status == 303)
        let report = try #require(try f.open("xa-b").document(ProgressReport.self, at: "progress/2024/2024-11.json"))
        #expect(report.figures["DVC-ONLINE"] == Figure(numerator: 30, denominator: 40))
        #expect(try commune.get("/").body.contains("30/40"))
        // Not a template: refused, said on the next page, nothing committed.
        let before = try head(f, "xa-b")
        try Data("không phải tệp Excel".utf8).write(to: URL(fileURLWithPath: f.dir.appending("sai.txt")))
        #expect(try commune.upload("/import", file: f.dir.appending("sai.txt"), name: "sai.xlsx").status == 303)
        let refused = try commune.get("/")
        #expect(refused.body.contains("flash refused") && refused.body.contains("sai.xlsx"), "\(refused.body)")
        #expect(try head(f, "xa-b") == before)
        #expect(try commune.post("/import", [:]).status == 303)
    }

    @Test func collectIsALongOperationThatCannotRunTwiceAndWaitsForTheRepositoryLock() throws {
        let f = try WebFixture()
        try f.reportAndPush("xa-a", "41940/58818")
        let web = HTTPClient(try f.serve("huyen"), folder: f.dir.path)
        _ = try web.get("/")
        var first: HTTPClient.Answer
        do {
            // A `plancascade` command holds the repository: the page's collect waits for it.
            let held = try f.open("huyen")
            first = try web.post("/collect")
            #expect(first.status == 303 && first.header("location") == "/jobs/collect")
            let again = try web.post("/collect")
            #expect(again.status == 303 && again.header("location") == "/jobs/collect")
            let running = try web.get("/jobs/collect")
            #expect(running.body.contains("http-equiv=\"refresh\"") && running.body.contains("Đang chạy"), "\(running.body)")
            #expect(running.body.contains("Thu nhận báo cáo đang chạy"), "the second request was refused, not queued")
            _ = held
        }
        var page = try web.get("/jobs/collect")
        let deadline = Date().addingTimeInterval(60)
        while page.body.contains("http-equiv=\"refresh\""), Date() < deadline {
            usleep(200_000)
            page = try web.get("/jobs/collect")
        }
        #expect(page.body.contains("Đã xong") && page.body.contains("xa-a"), "\(page.body)")
        #expect(try f.open("huyen").git.entry(at: "children/xa-a/progress/2024/2024-11.json", in: try f.open("huyen").git.commit(try f.open("huyen").head()!).tree) != nil)
        let home = try web.get("/?period=2024-11")
        #expect(home.body.contains("1/2 đơn vị cấp dưới đã báo cáo kỳ Tháng 11/2024"), "\(home.body)")
        #expect(home.body.contains("Chưa báo cáo (1): UBND xã Krông Na"))
        #expect(home.body.contains("id=\"approve-xa-a\"") && !home.body.contains("id=\"approve-xa-b\""))
    }

    @Test func approveAndReopenWithAReasonAndRefuseUnknownChildrenAndPeriods() throws {
        let f = try WebFixture()
        try f.reportAndPush("xa-a", "41940/58818")
        try f.collect("huyen")
        let web = HTTPClient(try f.serve("huyen"), folder: f.dir.path)
        _ = try web.get("/?period=2024-11")
        let approved = try web.post("/approve", ["child": "xa-a", "period": "2024-11"])
        #expect(approved.status == 303 && approved.header("location") == "/?period=2024-11")
        let approval = try #require(try f.open("huyen").document(Approval.self, at: "approvals/xa-a/2024-11.json"))
        #expect(approval.state == .approved)
        let page = try web.get("/?period=2024-11")
        #expect(page.body.contains("phê duyệt") && page.body.contains("id=\"reopen-xa-a\""), "\(page.body)")
        let noReason = try web.post("/reopen", ["child": "xa-a", "period": "2024-11"])
        #expect(noReason.status == 303)
        #expect(try web.get("/?period=2024-11").body.contains("Mở lại báo cáo cần có lý do"))
        #expect(try f.open("huyen").document(Approval.self, at: "approvals/xa-a/2024-11.json")?.state == .approved)
        #expect(try web.post("/reopen", ["child": "xa-a", "period": "2024-11", "reason": "Sai mẫu số"]).status == 303)
        let reopened = try #require(try f.open("huyen").document(Approval.self, at: "approvals/xa-a/2024-11.json"))
        #expect(reopened.state == .reopened && reopened.reason == "Sai mẫu số")
        let before = try head(f, "huyen")
        #expect(try web.post("/approve", ["child": "../../xa-a", "period": "2024-11"]).status == 404)
        #expect(try web.post("/approve", ["child": "xa-b", "period": "2024-11"]).status == 303)
        #expect(try web.get("/").body.contains("flash refused"), "xa-b has no report to approve")
        #expect(try web.post("/approve", ["child": "xa-a", "period": "../../etc"]).status == 400)
        #expect(try web.post("/approve", ["child": "xa-a"]).status == 400)
        #expect(try head(f, "huyen") == before)
    }

    @Test func noRequestPathOrParameterReachesTheFileSystem() throws {
        let f = try WebFixture()
        let web = HTTPClient(try f.serve("huyen"), folder: f.dir.path)
        for path in ["/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/unit.json", "/.git/config", "/plans/2024/targets/DVC-ONLINE.json",
                     "/children/xa-a/unit.json", "/inspect/../unit.json", "/download/../../unit.json", "//etc/passwd"] {
            let answer = try web.get(path, headers: [])
            #expect(answer.status == 404, "\(path): \(answer.status)")
            #expect(!answer.body.contains("root:x:") && !answer.body.contains("\"schema\""), "\(path)")
        }
        for query in ["child=../../../etc/passwd&period=2024-11", "child=xa-a/../../..&period=2024-11", "child=xa-a&period=../../etc/passwd",
                      "child=%2Fetc%2Fpasswd&period=2024-11"] {
            let answer = try web.get("/download/template?" + query)
            #expect(answer.status == 404 || answer.status == 400, "\(query): \(answer.status)")
            #expect(!answer.body.contains("root:x:"))
        }
        #expect(try web.get("/download/report?format=../../etc/passwd").status == 400)
        #expect(try web.get("/inspect/history?item=../../etc/passwd").status == 400)
        #expect(try web.get("/inspect/trace?indicator=..%2F..%2Funit").status == 400)
        #expect(try web.get("/inspect/check?as-of=yesterday").status == 400)
        #expect(try web.get("/inspect/check?cadence=hourly").status == 400)
        // Only GET reads and POST changes: other methods, or the wrong one, are refused.
        #expect(try web.post("/", [:]).status == 405)
        #expect(try web.get("/approve").status == 405)
        #expect(try web.get("/push").status == 405)
    }

    @Test func everyChangeNeedsTheSessionsTokenFromThisServer() throws {
        let f = try WebFixture()
        let web = HTTPClient(try f.serve("xa-a"), folder: f.dir.path)
        let page = try web.get("/report")
        let token = try #require(page.csrf)
        let before = try head(f, "xa-a")
        let figures = ["period": "2024-11", "n.DVC-ONLINE": "1", "d.DVC-ONLINE": "2"]
        #expect(try web.post("/report", figures, csrf: .some(nil)).status == 403)
        #expect(try web.post("/report", figures, csrf: .some(String(repeating: "0", count: 64))).status == 403)
        #expect(try web.post("/report", figures, headers: ["Origin: http://evil.example"]).status == 403)
        #expect(try web.post("/push", [:], csrf: .some(nil)).status == 403)
        // Another browser (no session cookie) with a token it copied: refused.
        let other = HTTPClient(web.base, folder: f.dir.path)
        #expect(try other.post("/report", figures, csrf: .some(token)).status == 403)
        #expect(try head(f, "xa-a") == before)
        #expect(try web.post("/report", figures, headers: ["Origin: \(web.base)"]).status == 303)
        #expect(try head(f, "xa-a") != before)
        let cookies = try String(contentsOfFile: web.jar, encoding: .utf8)
        #expect(cookies.contains("#HttpOnly_127.0.0.1") && cookies.contains("pc_session"), "\(cookies)")
    }

    @Test func beyondLocalhostEveryoneLogsInAndRolesAreEnforced() throws {
        let f = try WebFixture()
        try f.reportAndPush("xa-a", "41940/58818")
        try f.collect("huyen")
        // Without accounts a server that needs a login does not start.
        let refused = try Tool.run(["-C", f.work("huyen"), "serve", "--port", "0", "--require-login"], environment: f.environment)
        #expect(refused.status == 1 && refused.stderr.contains("web-accounts.json"), "\(refused.stderr)")
        let unsafe = try Tool.run(["-C", f.work("huyen"), "serve", "--port", "0", "--bind", "0.0.0.0"], environment: f.environment)
        #expect(unsafe.status == 1, "binding beyond localhost without accounts is refused")
        for (user, role) in [("vanthu", "clerk"), ("lanhdao", "approver"), ("thanhtra", "viewer"), ("vanthu-xem", "viewer")] {
            let added = try f.addAccount("huyen", user: user, role: role, password: "mat-khau-\(user)")
            #expect(added.status == 0, "\(added.stderr)")
        }
        #expect(try f.addAccount("huyen", user: "ngan", role: "clerk", password: "ngan").status == 1)
        #expect(try f.addAccount("huyen", user: "../x", role: "clerk", password: "mat-khau-dai").status == 1)
        let file = f.work("huyen") + "/.git/plancascade/web-accounts.json"
        let accounts = try String(contentsOfFile: file, encoding: .utf8)
        #expect(accounts.contains("\"vanthu\"") && accounts.contains("$2b$") && !accounts.contains("mat-khau"), "\(accounts)")
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try Command.git(["status", "--porcelain"], in: f.work("huyen")).stdout.isEmpty, "the accounts are not in the work tree")

        let url = try f.serve("huyen", ["--require-login"])
        func login(_ user: String, _ password: String) throws -> HTTPClient {
            let web = HTTPClient(url, folder: f.dir.path)
            let gate = try web.get("/?period=2024-11")
            #expect(gate.status == 303 && gate.header("location")?.hasPrefix("/login?next=") == true)
            #expect(try web.get("/login").status == 200)
            let before = try String(contentsOfFile: web.jar, encoding: .utf8)
            let answer = try web.post("/login", ["user": user, "password": password, "next": "/?period=2024-11"])
            if answer.status == 303 {
                #expect(answer.header("location") == "/?period=2024-11")
                #expect(try String(contentsOfFile: web.jar, encoding: .utf8) != before, "a new session id at login")
            }
            return web
        }
        let stranger = HTTPClient(url, folder: f.dir.path)
        _ = try stranger.get("/login")
        #expect(try stranger.post("/login", ["user": "vanthu", "password": "sai"]).status == 401)
        #expect(try stranger.post("/login", ["user": "khongco", "password": "sai-mat-khau"]).status == 401)
        #expect(try stranger.post("/collect").status == 401)
        #expect(try stranger.post("/login", ["user": "vanthu", "password": "mat-khau-vanthu", "next": "//evil.example/"]).header("location") == "/")
        // Guessing: after 5 wrong passwords a user name waits, even with the right one.
        let guesser = HTTPClient(url, folder: f.dir.path)
        _ = try guesser.get("/login")
        for _ in 0..<5 { #expect(try guesser.post("/login", ["user": "thanhtra", "password": "doan-mo"]).status == 401) }
        let paused = try guesser.post("/login", ["user": "thanhtra", "password": "mat-khau-thanhtra"])
        #expect(paused.status == 429 && paused.body.contains("giây"), "\(paused.body)")

        let viewer = try login("vanthu-xem", "mat-khau-vanthu-xem")
        #expect(try viewer.get("/?period=2024-11").status == 200)
        #expect(try viewer.get("/inspect/check").status == 200)
        #expect(try viewer.post("/collect").status == 403)
        #expect(try viewer.post("/approve", ["child": "xa-a", "period": "2024-11"]).status == 403)
        let clerk = try login("vanthu", "mat-khau-vanthu")
        #expect(try clerk.get("/?period=2024-11").body.contains("id=\"collect\""))
        #expect(try clerk.post("/approve", ["child": "xa-a", "period": "2024-11"]).status == 403)
        #expect(try clerk.post("/collect").status == 303)
        let approver = try login("lanhdao", "mat-khau-lanhdao")
        let page = try approver.get("/?period=2024-11")
        #expect(page.body.contains("lanhdao") && page.body.contains("id=\"approve-xa-a\"") && !page.body.contains("id=\"collect\""))
        #expect(try approver.post("/collect").status == 403)
        #expect(try approver.post("/approve", ["child": "xa-a", "period": "2024-11"]).status == 303)
        let approval = try #require(try f.open("huyen").document(Approval.self, at: "approvals/xa-a/2024-11.json"))
        #expect(approval.state == .approved)
        let author = try Command.git(["log", "-1", "--format=%an", "main"], in: f.work("huyen")).stdout
        #expect(author.trimmingCharacters(in: .whitespacesAndNewlines) == "lanhdao", "the account is the decision's author")
        #expect(try approver.post("/logout").status == 303)
        #expect(try approver.get("/").status == 303)
    }

    @Test func theInspectorReadsFindingsHistoryAndTheTraceDownToEachCommunesCommit() throws {
        let f = try WebFixture()
        try f.reportAndPush("xa-a", "41940/58818")
        try f.reportAndPush("xa-b", "30/40")
        let communeCommit = try #require(try f.open("xa-a").head()).short
        try f.collect("huyen")
        _ = try PushWorkflow().run(in: f.open("huyen"))
        try f.collect("tinh")
        // The province decides the 2025 reorganisation: the district dissolved, its communes under the province.
        let decided = try Tool.run(["-C", f.work("tinh"), "reorg", "dissolve", "huyen", "--effective", "2025-07-01",
                                    "--basis", "Nghị quyết số 1660/NQ-UBTVQH15 ngày 16/6/2025"], environment: f.environment)
        #expect(decided.status == 0, "\(decided.stdout)\(decided.stderr)")
        let web = HTTPClient(try f.serve("tinh"), folder: f.dir.path)
        let inForce = try web.get("/inspect/reorg?as-of=2025-08-01")
        #expect(inForce.status == 200 && inForce.body.contains("id=\"reorganisations\"") && inForce.body.contains("Nghị quyết số 1660/NQ-UBTVQH15"), "\(inForce.body)")
        #expect(inForce.body.contains("xa-a") && inForce.body.contains("01/07/2025"), "\(inForce.body)")
        let before = try web.get("/inspect/reorg?as-of=2025-01-01")
        #expect(before.status == 200 && !before.body.contains("Nghị quyết số 1660"), "\(before.body)")
        #expect(try web.get("/inspect/reorg?as-of=not-a-day").status == 400)
        let check = try web.get("/inspect/check?as-of=2024-12-01&cadence=monthly&from=2024-11-01")
        #expect(check.status == 200 && check.body.contains("id=\"findings\"") || check.body.contains("Không có phát hiện nào"), "\(check.body)")
        let history = try web.get("/inspect/history?item=DVC-ONLINE")
        #expect(history.status == 200 && history.body.contains("id=\"blame\"") && history.body.contains("Văn thư"), "\(history.body)")
        let trace = try web.get("/inspect/trace?indicator=DVC-ONLINE&period=2024-11")
        #expect(trace.status == 200 && trace.body.contains("id=\"trace-xa-a-report\"") && trace.body.contains(communeCommit), "\(trace.body)")
        #expect(trace.body.contains("41.940/58.818"))
        #expect(try web.get("/inspect/trace").status == 200)
        #expect(try web.get("/inspect/history").status == 200)
        let home = try web.get("/?period=2024-11")
        #expect(home.body.contains("id=\"figure-DVC-ONLINE\"") && home.body.contains("41.970/58.858"), "\(home.body)")
        #expect(home.body.contains("(tổng cộng 2/2 đơn vị báo cáo)"), "\(home.body)")
    }

    @Test func theReportsDownloadAsWorkbookHTMLAndPDF() throws {
        let f = try WebFixture()
        let web = HTTPClient(try f.serve("tinh"), folder: f.dir.path)
        let downloads = try web.get("/downloads")
        #expect(downloads.status == 200 && downloads.body.contains("/download/report?format=pdf"))
        let xlsx = try web.get("/download/report?format=xlsx&as-of=2024-12-01")
        #expect(xlsx.status == 200 && xlsx.bytes.starts(with: [0x50, 0x4B]) && xlsx.header("content-disposition")?.contains("tinh-2024-12-01.xlsx") == true)
        let html = try web.get("/download/report?format=html")
        #expect(html.status == 200 && html.body.contains("<html") && html.body.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "\(html.body.prefix(400))")
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") {
            let pdf = try web.get("/download/report?format=pdf")
            #expect(pdf.status == 200 && pdf.bytes.starts(with: Array("%PDF".utf8)), "\(pdf.status) \(pdf.body.prefix(300))")
        }
    }

    /// In the pseudo-language every text of ours comes out in ⟦…⟧: English that escaped the
    /// catalogue would show as ⚠…, an unknown code as «…», a missing argument as ‹…?›.
    @Test func everyPageSpeaksThroughTheCatalogue() throws {
        let f = try WebFixture()
        try f.reportAndPush("xa-a", "41940/58818")
        try f.collect("huyen")
        let district = HTTPClient(try f.serve("huyen", [], environment: ["PLANCASCADE_LANG": "qps"]), folder: f.dir.path)
        let commune = HTTPClient(try f.serve("xa-b", [], environment: ["PLANCASCADE_LANG": "qps"]), folder: f.dir.path)
        _ = try district.get("/?lang=qps")
        _ = try district.post("/approve", ["child": "xa-a", "period": "2024-11"])
        _ = try district.post("/collect")
        _ = try commune.get("/?lang=qps")
        _ = try commune.post("/report", ["period": "2024-11", "n.DVC-ONLINE": "x"])
        for (web, path) in [(district, "/?period=2024-11"), (district, "/downloads"), (district, "/jobs/collect"), (district, "/inspect/check"),
                            (district, "/inspect/history?item=DVC-ONLINE"), (district, "/inspect/trace?indicator=DVC-ONLINE"), (district, "/inspect/reorg"),
                            (district, "/no-such-page"), (commune, "/"), (commune, "/report?period=2024-11"), (commune, "/jobs/push")] {
            let page = try web.get(path)
            #expect(page.body.contains("⟦"), "\(path) is not in the pseudo-language")
            for mark in ["⚠", "«", "‹"] {
                #expect(!page.body.contains(mark), "\(path) has \(mark): \(page.body)")
            }
        }
        // Without the switch the pseudo-language is not offered to visitors.
        let plain = HTTPClient(try f.serve("xa-a"), folder: f.dir.path)
        #expect(try plain.get("/?lang=qps").body.contains("<html lang=\"vi\">"))
    }

    @Test func aKilledServerLosesNothingAndItsOldFormsAreRefusedAfterARestart() throws {
        let f = try WebFixture()
        let web = HTTPClient(try f.serve("xa-a"), folder: f.dir.path)
        _ = try web.get("/report")
        #expect(try web.post("/report", ["period": "2024-11", "n.DVC-ONLINE": "5", "d.DVC-ONLINE": "10"]).status == 303)
        let recorded = try head(f, "xa-a")
        // SIGKILL: no chance to clean up.
        let pid = try Command.run("/bin/sh", ["-c", "ps -eo pid,args | grep '[p]lancascade -C \(f.work("xa-a")) serve' | awk '{print $1}'"]).stdout
        for line in pid.split(separator: "\n") { kill(Int32(line.trimmingCharacters(in: .whitespaces))!, SIGKILL) }
        usleep(300_000)
        #expect(try Command.git(["fsck", "--strict"], in: f.work("xa-a")).succeeded)
        #expect(try head(f, "xa-a") == recorded)
        #expect(try f.open("xa-a").document(ProgressReport.self, at: "progress/2024/2024-11.json")?.figures["DVC-ONLINE"] == Figure(numerator: 5, denominator: 10))
        let again = HTTPClient(try f.serve("xa-a"), folder: f.dir.path)
        // The old page's token belongs to a session the new server never had.
        #expect(try again.post("/report", ["period": "2024-11", "n.DVC-ONLINE": "6", "d.DVC-ONLINE": "10"], csrf: .some(web.csrf)).status == 403)
        #expect(try again.get("/report?period=2024-11").body.contains("value=\"10\""))
    }
}

/// HTML-escaped as the pages escape text.
func esc(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        .replacingOccurrences(of: "\"", with: "&quot;")
}
