import Foundation
import PlanModel
import PlanStore
import Testing
import TestSupport

/// The whole cycle in a real browser (headless Chromium through its DevTools protocol): a
/// commune's clerk fills the report form and sends it up, the district collects, approves and
/// sends up, publishes, the commune's clerk receives the district's decision with the pull
/// button, the province collects, and the province's figure changes on its page.
@Suite(.serialized) struct BrowserTests {
    /// A job's page that has finished: loaded whole (between two of its reloads the document is
    /// briefly empty, with no refresh in it either) and no longer reloading itself.
    static let jobFinished = "document.readyState === 'complete' && document.querySelector('main') && !document.querySelector('meta[http-equiv=refresh]')"

    @Test(.enabled(if: DevTools.available, "needs Debian's chromium (scripts/ensure-deps installs it)"))
    func aCommuneReportReachesTheProvinceThroughThePages() throws {
        let f = try WebFixture()
        // Before: the other commune's report has gone all the way up.
        try f.reportAndPush("xa-b", "30/40")
        try f.collect("huyen")
        _ = try PushWorkflow().run(in: f.open("huyen"))
        try f.collect("tinh")
        let commune = try f.serve("xa-a"), district = try f.serve("huyen"), province = try f.serve("tinh")
        let browser = try DevTools(folder: f.dir.path)
        let shots = ProcessInfo.processInfo.environment["PLANCASCADE_WEB_SHOTS"]
        func shoot(_ name: String) throws {
            guard let shots else { return }
            try browser.screenshot(shots + "/\(name)-desktop.png", width: 1280, mobile: false)
            try browser.screenshot(shots + "/\(name)-phone.png", width: 390, mobile: true)
        }

        try browser.navigate(province + "/?period=2024-11")
        let before = try browser.text("#figure-DVC-ONLINE")
        #expect(before.contains("30/40 (75%)"), "\(before)")

        // The commune's clerk: the form, typed as Vietnamese offices write numbers.
        try browser.navigate(commune + "/")
        try shoot("commune-home")
        try browser.navigate(commune + "/report")
        try browser.type("Tháng 11/2024", into: "period")
        try browser.type("41.940", into: "n-DVC-ONLINE")
        try browser.type("58.818", into: "d-DVC-ONLINE")
        _ = try browser.evaluate("document.getElementById('t-1.1').value = 'in-progress'")
        try shoot("commune-report")
        try browser.click("report-submit")
        #expect(browser.location == "/?reported=2024-11")
        let recorded = try browser.text(".flash")
        #expect(recorded.contains("Đã ghi") || recorded.contains("41.940/58.818"), "\(recorded)")
        #expect(recorded.contains("41.940/58.818"))
        try browser.click("push")
        try browser.waitFor(Self.jobFinished)
        let pushed = try browser.text("main")
        #expect(pushed.contains("Đã xong"), "\(pushed)")
        try shoot("commune-push")

        // The district: collect, then approve the commune's report, then send up.
        try browser.navigate(district + "/")
        try browser.click("collect")
        try browser.waitFor(Self.jobFinished)
        #expect(try browser.text("main").contains("xa-a"))
        try browser.navigate(district + "/?period=2024-11")
        #expect(try browser.text("#child-xa-a").contains("ngày"))
        try browser.click("approve-xa-a")
        #expect(try browser.text(".flash").contains("xa-a"))
        #expect(try browser.text("#child-xa-a").contains("phê duyệt"))
        try shoot("district-home")
        try browser.click("push")
        try browser.waitFor(Self.jobFinished)
        #expect(try browser.text("main").contains("Đã xong"))

        // The district publishes; the commune's clerk receives its decision with the pull button.
        try browser.navigate(district + "/")
        try browser.click("publish")
        try browser.waitFor(Self.jobFinished)
        let published = try browser.text("main")
        #expect(published.contains("Đã xong") && published.contains("xa-a"), "\(published)")
        try browser.navigate(commune + "/")
        #expect(try browser.text("#approvals").contains("Chưa nhận được quyết định nào của UBND huyện Thử"))
        try browser.click("pull")
        try browser.waitFor(Self.jobFinished)
        let received = try browser.text("main")
        #expect(received.contains("Đã xong") && received.contains("đã phê duyệt báo cáo kỳ"), "\(received)")
        try browser.navigate(commune + "/")
        let decisions = try browser.text("#approvals")
        #expect(decisions.contains("UBND huyện Thử đã phê duyệt báo cáo kỳ Tháng 11/2024"), "\(decisions)")
        #expect(!decisions.contains("Chưa nhận được quyết định nào"))
        try shoot("commune-decisions")

        // The province collects, and its figure is now both communes' sum.
        try browser.navigate(province + "/")
        try browser.click("collect")
        try browser.waitFor(Self.jobFinished)
        try browser.navigate(province + "/?period=2024-11")
        let after = try browser.text("#figure-DVC-ONLINE")
        #expect(after.contains("41.970/58.858"), "\(after)")
        #expect(after != before)
        try shoot("province-home")
        let approval = try #require(try f.open("huyen").document(Approval.self, at: "approvals/xa-a/2024-11.json"))
        #expect(approval.state == .approved)

        // The inspector's pages, for the screenshots and a last look.
        try browser.navigate(province + "/inspect/trace?indicator=DVC-ONLINE&period=2024-11")
        #expect(try browser.text("#trace").contains("xa-a"))
        try shoot("inspector-trace")
        try browser.navigate(province + "/inspect/check?as-of=2024-12-01")
        try shoot("inspector-check")
        try browser.navigate(province + "/inspect/history?item=DVC-ONLINE")
        try shoot("inspector-history")
        try browser.navigate(district + "/downloads")
        try shoot("district-downloads")
    }
}
