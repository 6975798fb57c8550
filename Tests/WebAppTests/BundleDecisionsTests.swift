import Foundation
import PlanModel
import PlanStore
import Testing
import TestSupport

/// A district's decisions on a commune's report reach a commune without a network: the
/// district's `bundle create --targets --for <commune>` carries that commune's decisions
/// branch beside the targets, and the commune's `pull --from <file>` takes it in where a
/// network pull puts it (`refs/remotes/parent/approvals`). Through the built binary.
@Suite(.serialized) struct BundleDecisionsTests {
    func tool(_ arguments: [String], in id: String, _ f: WebFixture, expect status: Int32 = 0) throws -> CommandResult {
        let result = try Tool.run(["-C", f.work(id), "--lang", "vi"] + arguments, environment: f.environment)
        #expect(result.status == status, "\(arguments): \(result.stdout)\(result.stderr)")
        return result
    }

    func git(_ arguments: [String], in path: String) throws -> CommandResult {
        try Command.git(arguments, in: path)
    }

    func reference(_ name: String, in path: String) throws -> String? {
        let found = try git(["rev-parse", "--verify", "-q", name], in: path)
        return found.status == 0 ? found.stdout.trimmingCharacters(in: .whitespacesAndNewlines) : nil
    }

    @Test func aBundleForACommuneCarriesItsDecisionsAndOnlyItsOwn() throws {
        let f = try WebFixture()
        try f.reportAndPush("xa-a", "41940/58818")
        try f.collect(WebFixture.district)
        var approver = f.environment
        approver["GIT_COMMITTER_NAME"] = "Lãnh đạo huyện"
        approver["GIT_COMMITTER_EMAIL"] = "ld@example.test"
        let approved = try Tool.run(["-C", f.work(WebFixture.district), "--lang", "vi", "approve", "xa-a", "2024-11"], environment: approver)
        #expect(approved.status == 0, "\(approved.stdout)\(approved.stderr)")
        _ = try tool(["publish"], in: WebFixture.district, f)
        let district = f.work(WebFixture.district)
        let decisions = try #require(try reference("refs/heads/approvals/xa-a", in: district), "publish wrote xa-a's decisions branch")

        // At the district: one file for xa-a, with its decisions; xa-b has none yet.
        let forA = f.dir.appending("usb-xa-a.bundle"), forB = f.dir.appending("usb-xa-b.bundle")
        let made = try tool(["bundle", "create", "--targets", "--for", "xa-a", "--out", forA], in: WebFixture.district, f)
        #expect(made.stdout.contains("quyết định về báo cáo của xa-a \(decisions.prefix(7))"), "\(made.stdout)")
        let heads = try git(["bundle", "list-heads", forA], in: district).stdout
        #expect(heads.contains("refs/heads/targets") && heads.contains("\(decisions) refs/heads/approvals/xa-a"), "\(heads)")
        let none = try tool(["bundle", "create", "--targets", "--for", "xa-b", "--out", forB], in: WebFixture.district, f)
        #expect(none.stdout.contains("chưa công bố quyết định nào về báo cáo của xa-b"), "\(none.stdout)")
        #expect(!(try git(["bundle", "list-heads", forB], in: district)).stdout.contains("approvals"))
        // Refused: a unit that is not a child, and --for without --targets.
        let stranger = try tool(["bundle", "create", "--targets", "--for", "xa-z", "--out", f.dir.appending("z.bundle")], in: WebFixture.district, f, expect: 2)
        #expect(stranger.stderr.contains("xa-z không phải đơn vị cấp dưới của huyen"), "\(stranger.stderr)")
        let report = try tool(["bundle", "create", "--for", "xa-a", "--out", f.dir.appending("r.bundle")], in: WebFixture.district, f, expect: 2)
        #expect(report.stderr.contains("--for xa-a đi cùng --targets"), "\(report.stderr)")
        #expect(!FileManager.default.fileExists(atPath: f.dir.appending("z.bundle")) && !FileManager.default.fileExists(atPath: f.dir.appending("r.bundle")))

        // The sibling is handed xa-a's file: refused, nothing of it taken in.
        let wrong = try tool(["pull", "--from", forA], in: "xa-b", f, expect: 2)
        #expect(wrong.stderr.contains("quyết định về báo cáo của xa-a") && wrong.stderr.contains("--for xa-b"), "\(wrong.stderr)")
        #expect(try reference(Layout.parentTrackingApprovals, in: f.work("xa-b")) == nil)
        #expect(try git(["cat-file", "-e", decisions], in: f.work("xa-b")).status != 0, "xa-b holds xa-a's decisions commit")

        // xa-a takes its own file in, with no network: the decision is there as after a network pull.
        let pulled = try tool(["pull", "--from", forA], in: "xa-a", f)
        #expect(pulled.stdout.contains("UBND huyện Thử đã phê duyệt báo cáo kỳ Tháng 11/2024"), "\(pulled.stdout)")
        #expect(try reference(Layout.parentTrackingApprovals, in: f.work("xa-a")) == decisions)
        let status = try tool(["status", "--as-of", "2024-12-08"], in: "xa-a", f)
        #expect(status.stdout.contains("UBND huyện Thử đã phê duyệt báo cáo kỳ Tháng 11/2024: Lãnh đạo huyện <ld@example.test>"), "\(status.stdout)")
        #expect(try git(["ls-tree", "main", "approvals"], in: f.work("xa-a")).stdout.isEmpty, "never on the commune's main")
        // The same file again changes nothing and says nothing new about decisions.
        let again = try tool(["pull", "--from", forA], in: "xa-a", f)
        #expect(!again.stdout.contains("phê duyệt"), "\(again.stdout)")

        // xa-b's own file (targets alone) is taken in.
        _ = try tool(["pull", "--from", forB], in: "xa-b", f)
        #expect(try reference(Layout.parentTrackingTargets, in: f.work("xa-b")) == (try reference("refs/heads/targets", in: district)))
    }
}
