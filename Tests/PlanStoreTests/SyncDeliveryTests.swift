import Foundation
import Git
import PlanModel
import PlanStore
import Testing
import TestSupport

/// `sync` ends where a clerk thinks it ends: in a commune's clone it also delivers to the
/// district's hub; a repeated push with nothing new is no error.
@Suite struct SyncDeliveryTests {
    @Test func aCommunesSyncReachesItsDistrictsHub() throws {
        let f = try CheckTests().hierarchy()
        try f.report("ea-nuol", "2024-Q4", ["DVC-ONLINE=70/100"])
        let outcome = try SyncWorkflow(environment: f.environment).run(in: f.open("ea-nuol"))
        #expect(outcome.pushed)
        #expect(outcome.delivered?.contains("refs/children/ea-nuol/main") == true, "\(String(describing: outcome.delivered))")
        #expect(outcome.notDelivered == nil)
        let hub = try Repository.open(at: f.hub("buon-don"))
        #expect(try hub.referenceTarget("refs/children/ea-nuol/main") == f.open("ea-nuol").head())
        // The district collects it: the report reached the district.
        #expect(try f.collect("buon-don").collected.map(\.child) == ["ea-nuol"])

        // Nothing new: push and sync again change nothing and fail nowhere.
        _ = try f.push("ea-nuol")
        let again = try SyncWorkflow(environment: f.environment).run(in: f.open("ea-nuol"))
        #expect(again.action == .upToDate && again.notDelivered == nil)
    }

    @Test func anUnreachableParentHubIsSaidPlainlyAndTheSyncStillHolds() throws {
        let f = try CheckTests().hierarchy()
        try f.report("ea-nuol", "2024-Q4", ["DVC-ONLINE=70/100"])
        try Command.git(["remote", "set-url", "parent", f.dir.appending("nowhere.git")], in: f.work("ea-nuol"))
        let outcome = try SyncWorkflow(environment: f.environment).run(in: f.open("ea-nuol"))
        #expect(outcome.pushed)
        #expect(outcome.delivered == nil)
        #expect(outcome.notDelivered != nil)
        let hub = try Repository.open(at: f.hub("ea-nuol"))
        #expect(try hub.referenceTarget("refs/heads/main") == f.open("ea-nuol").head(), "the unit's own hub has the report")
    }
}
