import Testing
@testable import WebApp

/// The header names the unit once: its level follows the name only when the name does not
/// already say it.
@Suite struct HeaderLevelTests {
    @Test func theLevelIsShownOnlyWhenTheNameDoesNotSayIt() {
        #expect(Page.headerLevel(name: "UBND xã Ea Nuôl", level: "xã") == "")
        #expect(Page.headerLevel(name: "UBND huyện Buôn Đôn", level: "huyện") == "")
        #expect(Page.headerLevel(name: "Ea Nuôl", level: "xã") == "xã")
        // Only whole words count: "xã" is not said by "Phường Thanh Xuân".
        #expect(Page.headerLevel(name: "Phường Thanh Xuân", level: "xã") == "xã")
        #expect(Page.headerLevel(name: "Ea Nuol commune", level: "commune") == "")
        #expect(Page.headerLevel(name: "Sở Nội vụ", level: "department of the province") == "department of the province")
    }
}
