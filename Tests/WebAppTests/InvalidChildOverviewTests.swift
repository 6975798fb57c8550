import Foundation
import PlanModel
import PlanStore
import Testing
import TestSupport

/// The web's children table (``PeriodOverviewQuery``) of a province one of whose collected
/// children has a file that does not decode: that child's row says so with the file and the
/// reason; the sibling's row is as usual; the page is made.
@Suite struct InvalidChildOverviewTests {
    init() { IsolatedGit.setUp() }

    @Test func theChildrenTableShowsTheInvalidChildAndTheOthers() throws {
        let f = try InvalidChildFixture()
        let file = "children/buon-don/progress/2024/2024-Q3.json"
        try f.plant(file) { $0.replacingOccurrences(of: "\"numerator\": 40", with: "\"numerator\": 40,") }
        let repository = try UnitRepository.open(at: f.province, reading: true)
        let overview = try PeriodOverviewQuery().run(period: Period("2024-Q3")!, asOf: CivilDate("2024-12-31")!, in: repository)
        let bad = try #require(overview.rows.first { $0.child.id == "buon-don" })
        #expect(bad.invalid?.file == file, "\(String(describing: bad.invalid))")
        #expect(bad.reported == false && bad.report == nil)
        let sibling = try #require(overview.rows.first { $0.child.id == "lak" })
        #expect(sibling.invalid == nil && sibling.reported && sibling.report != nil)
        #expect(overview.reported == 1 && overview.expected == 2)
        #expect(overview.status.first { $0.unit == "buon-don" }?.state == "invalid")
    }
}
