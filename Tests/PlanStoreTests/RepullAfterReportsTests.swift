import Foundation
import Git
import PlanModel
import PlanStore
import Testing
import TestSupport

/// A unit with no published baseline derives from its own latest figure of the year; the
/// figures it reports after a pull must not turn that pull's targets into "edited" ones at
/// the next (issue 18 part 4: after the reorganisation the province's departments, which it
/// does not touch, re-pulled and were told "local target 55 is weaker than 81.09" for targets
/// nobody edited).
@Suite struct RepullAfterReportsTests {
    /// The province's department so-tt (no baseline published for it) and so-nv, which lowers
    /// its target by hand with `--force`; both report 2025-Q1 and Q2, then the province records
    /// the dissolution of buon-don and publishes.
    @Test func reportsSinceThePullDoNotFlagAnUneditedTarget() throws {
        let f = try ReorgTests.hierarchy()
        for department in ["so-tt", "so-nv"] { try f.addChild("daklak", department, level: "department") }
        try f.publish("daklak")
        for department in ["so-tt", "so-nv"] {
            try f.unit(department, level: "department", parent: "daklak")
            let first = try f.pull(department)
            #expect(first.flags.isEmpty)
            #expect(try f.target(department, "DVC-ONLINE", year: 2025)?.value == Exact(55))  // no baseline: 50 + 5
        }
        // A weaker target set by hand is an edit: it must still be flagged at the next pull.
        let forced = try TargetSetWorkflow(environment: f.environment).run(.init(indicator: "DVC-ONLINE", value: "52", year: 2025, force: true), in: f.open("so-nv"))
        #expect(forced.commit != nil && forced.forcedBelow == Exact(55))
        for department in ["so-tt", "so-nv"] {
            try f.report(department, "2025-Q1", ["DVC-ONLINE=70/100"])
            try f.report(department, "2025-Q2", ["DVC-ONLINE=76/100"])
        }
        try ReorgTests.firstHalf(f)
        try ReorgTests.decide(f, .dissolve(unit: "buon-don", to: nil))
        try f.publish("daklak")

        // so-tt: unedited, so the new derivation (its own latest figure 76% + 5) replaces it.
        let repulled = try f.pull("so-tt")
        #expect(repulled.flags.isEmpty, "\(repulled.flags.map { "\($0.item): \($0.message)" })")
        let target = try #require(try f.target("so-tt", "DVC-ONLINE", year: 2025))
        #expect(target.value == Exact(81))
        #expect(target.provenance?.baseline == Exact(76))
        #expect(target.provenance?.derived == Exact(81))
        #expect(repulled.changes.contains { $0.kind == .updated && $0.item == "DVC-ONLINE" && $0.year == 2025 })
        let log = try f.open("so-tt").git.commit(try #require(repulled.commit)).message
        #expect(!log.contains("weaker"), "\(log)")

        // so-nv: its own 52 is kept and flagged against the new 81.
        let edited = try f.pull("so-nv")
        let flag = try #require(edited.flags.first { $0.item == "DVC-ONLINE" && $0.year == 2025 })
        #expect(flag.message == Message("workflow.pull.kept-weaker", [
            "ours": .number(Exact(52)), "derived": .number(Exact(81)), "parent": .text("daklak"), "code": .text("DVC-ONLINE"), "typed": .text("81")]))
        #expect(try f.target("so-nv", "DVC-ONLINE", year: 2025)?.value == Exact(52))
    }
}
