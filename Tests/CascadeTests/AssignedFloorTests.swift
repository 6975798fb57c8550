import Cascade
import PlanModel
import Testing

/// The parent's explicit assignment and the assigned target as the child's floor (issue 17
/// parts 2 and 3).
@Suite("Assigned floor")
struct AssignedFloorTests {
    struct Lowering: Sendable, CustomTestStringConvertible {
        let name: String
        let rule: String
        let parentValue: String
        let measure: Measure
        let baseline: String
        let assigned: String
        let lowered: String
        var testDescription: String { "\(name): \(rule) gives \(assigned), lowered to \(lowered)" }
    }

    /// The three lowerings issue 17 reproduced: each was accepted with exit 0 because the
    /// floor was the rule's base. 004 III.2.a: Buôn Đôn below 50% → 50 + 5 = 55; 002 II.3:
    /// SIPAS +10 over 72.5 → 82.5; 000 I.1: rank 44 − 5 → 39.
    static let lowerings: [Lowering] = [
        Lowering(name: "Buôn Đôn online dossiers", rule: "uplift:5", parentValue: "50", measure: .percent, baseline: "21.5", assigned: "55", lowered: "50"),
        Lowering(name: "SIPAS", rule: "improve:10", parentValue: "73", measure: .percent, baseline: "72.5", assigned: "82.5", lowered: "73"),
        Lowering(name: "PAR rank", rule: "rank:-5", parentValue: "62", measure: .rank, baseline: "44", assigned: "39", lowered: "62"),
    ]

    @Test("lowering an assigned target is below-assigned, not below the inherited base", arguments: lowerings)
    func lowering(_ c: Lowering) throws {
        let ind = indicator("X", c.measure)
        let parent = parentTarget(c.parentValue, rule: c.rule, code: "X", comparator: Comparator(direction: c.measure.defaultDirection))
        var target = try #require(Derivation.derive(parent: parent, indicator: ind, child: "buon-don", baseline: x(c.baseline)).target)
        #expect(target.value == x(c.assigned))
        #expect(Derivation.assigned(for: target) == x(c.assigned))
        #expect(Derivation.strictestFloor(for: target, direction: ind.direction) == x(c.assigned))
        #expect(!Derivation.isBelowAssigned(target, direction: ind.direction))

        target.value = x(c.lowered)
        #expect(!Derivation.isWeakerThanInherited(target, direction: ind.direction))  // the old floor let it pass
        #expect(Derivation.isBelowAssigned(target, direction: ind.direction))
        let findings = CheckRules.belowAssigned(unit: "buon-don", year: 2024, targets: ["X": target], indicators: ["X": ind])
        #expect(findings.map(\.kind) == [.belowAssigned])
        #expect(findings.first?.expected == "\(target.comparator.rawValue) \(c.assigned)")
        #expect(findings.first?.file == "plans/2024/targets/X.json")

        // Raising is always allowed.
        target.value = c.measure == .rank ? x(c.assigned) - 1 : x(c.assigned) + 1
        #expect(CheckRules.belowAssigned(unit: "buon-don", year: 2024, targets: ["X": target], indicators: ["X": ind]).isEmpty)
    }

    @Test("below the inherited floor stays below-inherited, reported once")
    func belowBothIsBelowInherited() throws {
        let ind = indicator()
        var target = try #require(Derivation.derive(parent: parentTarget("50", rule: "uplift:5"), indicator: ind, child: "buon-don", baseline: x("20")).target)
        target.value = x("45")
        #expect(CheckRules.belowAssigned(unit: "buon-don", year: 2024, targets: ["DVC-ONLINE": target], indicators: ["DVC-ONLINE": ind]).isEmpty)
        #expect(CheckRules.belowInherited(unit: "buon-don", year: 2024, targets: ["DVC-ONLINE": target], indicators: ["DVC-ONLINE": ind], derived: [:]).map(\.kind) == [.belowInherited])
    }

    @Test("an explicit assignment: its value, deadline and provenance 'assigned'")
    func assignment() throws {
        let ind = indicator()
        let parent = parentTarget("50", rule: "uplift:5")
        let outcome = Derivation.assign(
            Assignment(value: x("60"), deadline: CivilDate("2024-12-31")), parent: parent, indicator: ind, child: "buon-don", baseline: x("21.5"))
        let target = try #require(outcome.target, "\(outcome)")
        #expect(target.value == x("60"))
        #expect(target.deadline == CivilDate("2024-12-31"))
        #expect(target.rule == "uplift:5")  // the rule still travels to the communes
        #expect(target.assignments.isEmpty)
        #expect(target.provenance == Provenance(
            parentUnit: "DLK", parentCommit: commitA, rule: "assigned", base: x("55"), baseline: x("21.5"), derived: x("60")))
        #expect(Derivation.assigned(for: target) == x("60"))
        #expect(Derivation.floor(for: target) == x("55"))  // the rule's value for this unit

        // Weaker than what the rule gives this child: refused.
        guard case .invalid = Derivation.assign(Assignment(value: x("52")), parent: parent, indicator: ind, child: "buon-don", baseline: x("21.5")) else {
            Issue.record("an assignment below the rule's 55 was applied")
            return
        }
        // An exempt child stays exempt.
        guard case .exempt = Derivation.assign(
            Assignment(value: x("60")), parent: parentTarget("50", rule: "uplift:5;exempt:buon-don"), indicator: ind, child: "buon-don", baseline: nil)
        else {
            Issue.record("an exempt child got an assignment")
            return
        }
    }
}
