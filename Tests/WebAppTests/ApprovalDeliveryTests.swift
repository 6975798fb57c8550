import Foundation
import PlanModel
import PlanStore
import Testing
import TestSupport

/// A district's decisions on a commune's report reach that commune, and no other: approve or
/// reopen at the district → `publish` (one branch per child in the district's hub) → the
/// commune's `pull` → the commune's `status` and web page say so. Through the built binary and
/// real repositories.
@Suite(.serialized) struct ApprovalDeliveryTests {
    /// The district's approver, and the day of the decision.
    func approver(_ f: WebFixture) -> [String: String] {
        var environment = f.environment
        environment["GIT_COMMITTER_NAME"] = "Lãnh đạo huyện"
        environment["GIT_COMMITTER_EMAIL"] = "ld@example.test"
        return environment
    }

    func tool(_ arguments: [String], in id: String, _ f: WebFixture, environment: [String: String]? = nil) throws -> CommandResult {
        let result = try Tool.run(["-C", f.work(id), "--lang", "vi"] + arguments, environment: environment ?? f.environment)
        #expect(result.status == 0, "\(arguments): \(result.stdout)\(result.stderr)")
        return result
    }

    func git(_ arguments: [String], in path: String) throws -> CommandResult {
        try Command.git(arguments, in: path)
    }

    @Test func anApprovalReachesThatCommuneThroughPublishAndPullAndNoSibling() throws {
        let f = try WebFixture()
        try f.reportAndPush("xa-a", "41940/58818")
        try f.reportAndPush("xa-b", "300/1000")
        try f.collect(WebFixture.district)

        // Before anything is decided, the commune's page says where decisions come from.
        let page = HTTPClient(try f.serve("xa-a"), folder: f.dir.path)
        let before = try page.get("/")
        #expect(before.body.contains("id=\"approvals\"") && before.body.contains("Chưa nhận được quyết định nào của UBND huyện Thử"), "\(before.body)")
        #expect(before.body.contains("id=\"pull\""))

        _ = try tool(["approve", "xa-a", "2024-11"], in: WebFixture.district, f, environment: approver(f))
        let published = try tool(["publish"], in: WebFixture.district, f)
        #expect(published.stdout.contains("đã công bố quyết định về báo cáo của 1 đơn vị cấp dưới (xa-a)"), "\(published.stdout)")

        // The district's hub holds xa-a's decisions on a branch of their own, and nothing else on it.
        let hub = f.hub(WebFixture.district)
        let listed = try git(["ls-tree", "-r", "--name-only", "refs/heads/approvals/xa-a"], in: hub)
        #expect(listed.stdout == "approvals/xa-a/2024-11.json\n", "\(listed.stdout)\(listed.stderr)")
        #expect(try git(["rev-parse", "--verify", "-q", "refs/heads/approvals/xa-b"], in: hub).status != 0, "nothing decided for xa-b")
        let decision = try git(["rev-parse", "refs/heads/approvals/xa-a:approvals/xa-a/2024-11.json"], in: hub).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(decision.count == 40)

        let pulled = try tool(["pull"], in: "xa-a", f)
        #expect(pulled.stdout.contains("UBND huyện Thử đã phê duyệt báo cáo kỳ"), "\(pulled.stdout)")
        let status = try tool(["status", "--as-of", "2024-12-08"], in: "xa-a", f)
        #expect(status.stdout.contains("UBND huyện Thử đã phê duyệt báo cáo kỳ Tháng 11/2024: Lãnh đạo huyện <ld@example.test>"), "\(status.stdout)")
        // Received, never the commune's own: not on its main, so never pushed back as its claim.
        #expect(try git(["ls-tree", "main", "approvals"], in: f.work("xa-a")).stdout.isEmpty)
        #expect(try git(["cat-file", "-e", decision], in: f.work("xa-a")).status == 0)
        let shown = try page.get("/")
        #expect(shown.body.contains("UBND huyện Thử đã phê duyệt báo cáo kỳ Tháng 11/2024"), "\(shown.body)")
        #expect(!shown.body.contains("Chưa nhận được quyết định nào"))

        // The sibling pulls too: it receives no decision of xa-a's, not even the object.
        let sibling = try tool(["pull"], in: "xa-b", f)
        #expect(!sibling.stdout.contains("phê duyệt"), "\(sibling.stdout)")
        #expect(try git(["cat-file", "-e", decision], in: f.work("xa-b")).status != 0, "xa-b holds xa-a's decision")
        #expect(try git(["rev-parse", "--verify", "-q", Layout.parentTrackingApprovals], in: f.work("xa-b")).status != 0)
        #expect(!(try tool(["status", "--as-of", "2024-12-08"], in: "xa-b", f)).stdout.contains("phê duyệt"))

        // Reopened with a reason: the next publish and pull say so, with the reason.
        _ = try tool(["reopen", "xa-a", "2024-11", "--reason", "Mẫu số sai, đề nghị kiểm tra lại"], in: WebFixture.district, f, environment: approver(f))
        _ = try tool(["publish"], in: WebFixture.district, f)
        let again = try tool(["pull"], in: "xa-a", f)
        #expect(again.stdout.contains("đã mở lại báo cáo kỳ"), "\(again.stdout)")
        let reopened = try tool(["status", "--as-of", "2024-12-08"], in: "xa-a", f)
        #expect(reopened.stdout.contains("UBND huyện Thử đã mở lại báo cáo kỳ Tháng 11/2024") && reopened.stdout.contains("Mẫu số sai, đề nghị kiểm tra lại"),
                "\(reopened.stdout)")
        #expect(!reopened.stdout.contains("đã phê duyệt"))
        let english = try page.get("/?lang=en")
        #expect(english.body.contains("UBND huyện Thử reopened the report for") && english.body.contains("Mẫu số sai, đề nghị kiểm tra lại"), "\(english.body)")
    }

    /// xa-a reported November, the district collected, approved it and published.
    func approvedAndPublished() throws -> WebFixture {
        let f = try WebFixture()
        try f.reportAndPush("xa-a", "41940/58818")
        try f.collect(WebFixture.district)
        _ = try tool(["approve", "xa-a", "2024-11"], in: WebFixture.district, f, environment: approver(f))
        _ = try tool(["publish"], in: WebFixture.district, f)
        return f
    }

    @Test func anApprovedReportChangedSinceSaysItNeedsANewApproval() throws {
        let f = try approvedAndPublished()
        _ = try tool(["pull"], in: "xa-a", f)
        // The commune corrects its figure after the approval.
        _ = try tool(["report", "2024-11", "DVC-ONLINE=42000/58818"], in: "xa-a", f)
        let status = try tool(["status", "--as-of", "2024-12-08"], in: "xa-a", f)
        #expect(status.stdout.contains("nhưng báo cáo kỳ này của đơn vị đã thay đổi từ đó"), "\(status.stdout)")
    }

    /// The web page's "receive from the district" runs `pull` as a job, which brings the decisions.
    @Test func theCommunePagesPullButtonBringsTheDecisions() throws {
        let f = try approvedAndPublished()
        let web = HTTPClient(try f.serve("xa-a"), folder: f.dir.path)
        _ = try web.get("/")
        let started = try web.post("/pull")
        #expect(started.status == 303 && started.header("location") == "/jobs/pull")
        let page = try web.finishedJob("/jobs/pull")
        #expect(page.body.contains("Đã xong") && page.body.contains("đã phê duyệt báo cáo kỳ"), "\(page.body)")
        #expect(try web.get("/").body.contains("UBND huyện Thử đã phê duyệt báo cáo kỳ Tháng 11/2024"))
    }

    /// A commune's push cannot carry a decisions branch to the district's hub: the hook lets a
    /// child's push write its reported history only (over a local path, where nobody is
    /// authenticated, as on a server, where the pusher's account names the unit).
    @Test func aCommuneCannotForgeItsDecisionsBranchAtTheDistrictsHub() throws {
        let f = try WebFixture()
        let installed = try Tool.run(["hooks", "install", "--server", f.hub(WebFixture.district)], environment: f.environment)
        #expect(installed.status == 0, "\(installed.stdout)\(installed.stderr)")
        try f.reportAndPush("xa-a", "41940/58818")
        // Its next report, pushed with a decisions branch of its own making.
        _ = try tool(["report", "2024-12", "DVC-ONLINE=42000/58818"], in: "xa-a", f)
        let forged = try Command.run("git", ["push", f.hub(WebFixture.district), "main:refs/children/xa-a/main", "main:refs/heads/approvals/xa-a"],
                                     in: f.work("xa-a"), environment: IsolatedGit.environment())
        #expect(forged.status != 0 && forged.stderr.contains("refs/heads/approvals/xa-a"), "\(forged.stderr)")
        #expect(try git(["rev-parse", "--verify", "-q", "refs/heads/approvals/xa-a"], in: f.hub(WebFixture.district)).status != 0)
    }
}
