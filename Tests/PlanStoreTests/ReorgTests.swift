import Foundation
import Git
import PlanModel
import PlanStore
import Testing
import TestSupport

/// The 2025 reorganisation: units moved, dissolved, merged — every figure counted once.
@Suite struct ReorgTests {
    /// Province daklak → districts buon-don (ea-wer, ea-nuol) and lak (lien-son), with 2025
    /// targets, all over bare hubs.
    static func hierarchy() throws -> HierarchyFixture {
        let f = try HierarchyFixture()
        try f.unit("daklak", level: "province")
        try f.commit("daklak", f.percentTarget("DVC-ONLINE", "50", rule: "uplift:5", year: 2025))
        for district in ["buon-don", "lak"] { try f.addChild("daklak", district, level: "district") }
        try f.publish("daklak")
        for district in ["buon-don", "lak"] {
            try f.unit(district, level: "district", parent: "daklak")
            try f.pull(district)
        }
        for (commune, district) in communes { try f.addChild(district, commune, level: "commune") }
        for district in ["buon-don", "lak"] { try f.publish(district) }
        for (commune, district) in communes {
            try f.unit(commune, level: "commune", parent: district)
            try f.pull(commune)
        }
        return f
    }

    static let communes = [("ea-wer", "buon-don"), ("ea-nuol", "buon-don"), ("lien-son", "lak")]

    /// 2025-Q1 and Q2: 60/100 + 30/100 + 30/100 = 120/300 over 3 units, collected up to the province.
    static func firstHalf(_ f: HierarchyFixture) throws {
        for period in ["2025-Q1", "2025-Q2"] {
            for (commune, figure) in [("ea-wer", "60/100"), ("ea-nuol", "30/100"), ("lien-son", "30/100")] {
                try f.report(commune, period, ["DVC-ONLINE=\(figure)"])
            }
        }
        for (commune, _) in communes { try f.push(commune) }
        for district in ["buon-don", "lak"] {
            try f.collect(district)
            try f.push(district)
        }
        try f.collect("daklak")
    }

    static func figure(_ f: HierarchyFixture, _ unit: String, _ period: String) throws -> RollupFigure? {
        try f.open(unit).document(Rollup.self, at: "rollup/2025/\(period).json")?.figures["DVC-ONLINE"]
    }

    /// The issue's reproduction: ea-wer re-parented by hand (its `parent` remote set to the
    /// province's hub, pulled, pushed, collected) made the province count its 2025-Q1 and Q2
    /// reports twice, under children/buon-don/children/ea-wer/ and under children/ea-wer/.
    @Test func aUnitReparentedByHandIsNotCountedTwiceInPastPeriods() throws {
        let f = try Self.hierarchy()
        try Self.firstHalf(f)
        for period in ["2025-Q1", "2025-Q2"] {
            let before = try #require(try Self.figure(f, "daklak", period))
            #expect(before.numerator == Exact(120) && before.denominator == Exact(300) && before.units == 3)
        }
        try f.addChild("daklak", "ea-wer", level: "commune")
        try f.publish("daklak")
        #expect(try Command.git(["remote", "set-url", "parent", f.hub("daklak")], in: f.work("ea-wer")).succeeded)
        try f.pull("ea-wer")
        try f.push("ea-wer")
        try f.collect("daklak")
        let git = try f.open("daklak").git
        let tree = try git.commit(try #require(try f.open("daklak").head())).tree
        let old = try #require(try git.entry(at: "children/buon-don/children/ea-wer/progress/2025/2025-Q1.json", in: tree))
        let new = try #require(try git.entry(at: "children/ea-wer/progress/2025/2025-Q1.json", in: tree))
        #expect(old.oid == new.oid)  // the same blob in two places
        for period in ["2025-Q1", "2025-Q2"] {
            let after = try #require(try Self.figure(f, "daklak", period))
            #expect(after.numerator == Exact(120), "\(period): \(after.numerator.map { "\($0)" } ?? "-")/\(after.denominator.map { "\($0)" } ?? "-")")
            #expect(after.denominator == Exact(300))
            #expect(after.units == 3)
            #expect(after.contributors == ["ea-nuol", "ea-wer", "lien-son"])
        }
    }
}
