import Foundation
import PlanModel
import PlanStore
import Testing
import TestSupport
@testable import WebApp

/// The check page judges the repository as last fetched (a view asks no hub), and its
/// "fetch from the hubs and check again" is a job; long jobs tell their page the stage they are in.
@Suite(.serialized) struct WebJobTests {
    @Test func theCheckPageFetchesNothingUntilAskedAndThenShowsWhatTheFetchBrought() throws {
        let f = try WebFixture()
        try f.reportAndPush("xa-a", "41940/58818")
        try f.collect(WebFixture.district)
        let web = HTTPClient(try f.serve(WebFixture.district), folder: f.dir.path)
        let ref = Layout.childReference("xa-b")
        let first = try web.get("/inspect/check?as-of=2024-12-01")
        #expect(first.status == 200 && first.body.contains("id=\"refetch\""), "\(first.body)")
        #expect(first.body.contains("không hỏi lại các kho trung tâm"))
        // xa-b pushes now: the page, viewed again, has not fetched it.
        try f.reportAndPush("xa-b", "300/1000")
        let again = try web.get("/inspect/check?as-of=2024-12-01")
        #expect(try f.open(WebFixture.district).git.referenceTarget(ref) == nil, "a page view fetched from the hub")
        #expect(!again.body.contains("chưa được thu nhận"))
        // Asked for: the job fetches, checks, and the page shows its findings.
        let started = try web.post("/inspect/check", ["as-of": "2024-12-01"])
        #expect(started.status == 303 && started.header("location") == "/jobs/check")
        let done = try web.finishedJob("/jobs/check")
        #expect(done.body.contains("Đã xong") && done.body.contains("lỗi") && done.body.contains("href=\"/inspect/check\""), "\(done.body)")
        #expect(try f.open(WebFixture.district).git.referenceTarget(ref) != nil, "the job fetched xa-b's push")
        let fresh = try web.get("/inspect/check?as-of=2024-12-01")
        #expect(fresh.body.contains("UBND xã Krông Na") || fresh.body.contains("xa-b đã gửi"), "\(fresh.body)")
        #expect(fresh.body.contains("chưa được thu nhận"), "\(fresh.body)")
        // Without a CSRF token, no job.
        #expect(try web.post("/inspect/check", ["as-of": "2024-12-01"], csrf: .some(nil)).status == 403)
    }

    @Test func collectTellsEachChildsStageWithItsNameAndCount() throws {
        let f = try WebFixture()
        try f.reportAndPush("xa-a", "41940/58818")
        try f.reportAndPush("xa-b", "300/1000")
        var collect = CollectWorkflow(environment: f.environment)
        let seen = Seen()
        collect.progress = { stage in seen.add(stage.rendered(in: .vietnamese)) }
        _ = try collect.run(in: f.open(WebFixture.district))
        #expect(seen.lines == [
            "đang lấy báo cáo các đơn vị cấp dưới đã gửi lên kho trung tâm",
            "đang kiểm tra và thu nhận báo cáo của UBND xã Ea Nuôl (1/2)",
            "đang kiểm tra và thu nhận báo cáo của UBND xã Krông Na (2/2)",
        ], "\(seen.lines)")
    }

    /// A running job's page shows its stage above the time it has run, and reloads itself.
    @Test func aRunningJobsPageShowsItsStage() async throws {
        let f = try WebFixture()
        let app = WebApplication(options: .init(repository: f.work(WebFixture.district), gitDirectory: f.work(WebFixture.district) + "/.git", asOf: CivilDate("2024-12-01"), environment: f.environment))
        let gate = Gate()
        #expect(await app.jobs.start(.collect, by: nil) { await gate.wait(); return (false, []) })
        app.jobs.stages.reporter(for: .collect)(Message("job.stage.collecting-child", ["child": .text("UBND xã Ea Nuôl"), "index": .count(3), "count": .count(12)]))
        let visitor = Visitor(language: .vietnamese, csrf: "x", account: nil, target: "/jobs/collect", path: "/jobs/collect", roles: [])
        let page = String(decoding: try await JobPages.show(.collect, app, visitor).body, as: UTF8.self)
        #expect(page.contains("Đang làm: đang kiểm tra và thu nhận báo cáo của UBND xã Ea Nuôl (3/12)"), "\(page)")
        #expect(page.contains("http-equiv=\"refresh\"") && page.contains("Đang chạy"))
        await gate.open()
    }
}

/// Lines told by a workflow, in order.
final class Seen: @unchecked Sendable {
    private let lock = NSLock()
    private var all: [String] = []
    func add(_ line: String) { lock.withLock { all.append(line) } }
    var lines: [String] { lock.withLock { all } }
}

/// Holds a job until the test lets it finish.
actor Gate {
    private var opened = false
    private var waiting: [CheckedContinuation<Void, Never>] = []
    func wait() async {
        if opened { return }
        await withCheckedContinuation { waiting.append($0) }
    }
    func open() {
        opened = true
        for continuation in waiting { continuation.resume() }
        waiting = []
    }
}

extension HTTPClient {
    /// A job's page once it no longer reloads itself (the job has finished), within a minute.
    func finishedJob(_ path: String) throws -> Answer {
        var page = try get(path)
        let deadline = Date().addingTimeInterval(60)
        while page.body.contains("http-equiv=\"refresh\""), Date() < deadline {
            usleep(200_000)
            page = try get(path)
        }
        return page
    }
}
