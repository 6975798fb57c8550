import Cascade
import PlanModel
import Testing

@Suite("Derivation: one rule, one level")
struct DerivationRuleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let rule: String?
        let parentValue: String
        let measure: Measure
        var maxScore: String? = nil
        var direction: Direction? = nil
        let baseline: String?
        let expected: String
        let note: String
        var testDescription: String {
            "\(rule ?? "(none)") from \(parentValue), baseline \(baseline ?? "none") → \(expected): \(note)"
        }
    }

    static let cases: [Case] = [
        // 004 III.2.a, central 50% online dossiers.
        .init(rule: "uplift:5", parentValue: "50", measure: .percent, baseline: "6.6", expected: "55", note: "below base"),
        .init(rule: "uplift:5", parentValue: "50", measure: .percent, baseline: "49.99", expected: "55", note: "just below base"),
        .init(rule: "uplift:5", parentValue: "50", measure: .percent, baseline: "50", expected: "55", note: "at base"),
        .init(rule: "uplift:5", parentValue: "50", measure: .percent, baseline: "62.4", expected: "67.4", note: "above base"),
        .init(rule: "uplift:5", parentValue: "50", measure: .percent, baseline: "97", expected: "100", note: "capped at 100"),
        .init(rule: "uplift:5", parentValue: "50", measure: .percent, baseline: nil, expected: "55", note: "no baseline"),
        // 004 III.2.a, central 45% online payment.
        .init(rule: "uplift:5", parentValue: "45", measure: .percent, baseline: "2.42", expected: "50", note: "payment"),
        .init(rule: "uplift:0.1", parentValue: "0.2", measure: .percent, baseline: nil, expected: "0.3", note: "exact decimals"),
        .init(rule: "uplift:1", parentValue: "9", measure: .score, maxScore: "9.5", baseline: "9.2", expected: "9.5",
              note: "capped at maxScore"),
        .init(rule: "uplift:5", parentValue: "10", measure: .percent, direction: .lower, baseline: "8", expected: "3",
              note: "lower is better: below base is stricter"),
        .init(rule: "uplift:5", parentValue: "10", measure: .percent, direction: .lower, baseline: "20", expected: "5",
              note: "lower is better: weaker baseline starts from base"),
        .init(rule: "uplift:5", parentValue: "10", measure: .percent, direction: .lower, baseline: "2", expected: "0",
              note: "lower is better: percent not below 0"),
        // 004 III.2.b.
        .init(rule: "fixed:100", parentValue: "100", measure: .percent, baseline: "37", expected: "100", note: "fixed"),
        .init(rule: "fixed:100", parentValue: "50", measure: .percent, baseline: nil, expected: "100", note: "fixed, no baseline"),
        .init(rule: "fixed:40", parentValue: "50", measure: .percent, baseline: nil, expected: "50",
              note: "fixed value weaker than the base is raised to it"),
        // 000 I.1: rank, lower is better.
        .init(rule: "rank:-5", parentValue: "46", measure: .rank, baseline: "46", expected: "41", note: "rank −5"),
        .init(rule: "rank:-5", parentValue: "46", measure: .rank, baseline: "3", expected: "1", note: "rank never below 1"),
        .init(rule: "rank:-5", parentValue: "46", measure: .rank, baseline: nil, expected: "46", note: "rank, no baseline"),
        .init(rule: "rank:-5", parentValue: "46", measure: .rank, baseline: "60", expected: "46",
              note: "rank weaker than the base is raised to it"),
        // 002 II.3–II.4.
        .init(rule: "improve:0.1", parentValue: "42.7705", measure: .score, baseline: "42.7705", expected: "42.8705",
              note: "PAPI +0.1"),
        .init(rule: "improve:0.1", parentValue: "42.8705", measure: .score, baseline: nil, expected: "42.9705",
              note: "no baseline: base + N"),
        .init(rule: "improve:10", parentValue: "85", measure: .percent, baseline: "80", expected: "90", note: "SIPAS +10"),
        .init(rule: "improve:10", parentValue: "85", measure: .percent, baseline: "95", expected: "100", note: "SIPAS capped"),
        .init(rule: "improve:10", parentValue: "85", measure: .percent, baseline: "60", expected: "85",
              note: "improvement weaker than the base is raised to it"),
        // 002 II.1.
        .init(rule: "maintain", parentValue: "1.5", measure: .score, maxScore: "1.5", baseline: "1.2", expected: "1.5",
              note: "maintain at maxScore"),
        .init(rule: "maintain", parentValue: "1.4", measure: .score, maxScore: "1.5", baseline: nil, expected: "1.5",
              note: "maintain uses maxScore, not the parent's value"),
        .init(rule: "maintain", parentValue: "90", measure: .percent, baseline: "70", expected: "90",
              note: "maintain without maxScore keeps the parent's value"),
        // 004 III.2: never below.
        .init(rule: "floor", parentValue: "50", measure: .percent, baseline: "70", expected: "50", note: "floor"),
        .init(rule: nil, parentValue: "50", measure: .percent, baseline: "20", expected: "50", note: "no rule means floor"),
        .init(rule: "uplift:5;exempt:BDT|TTR", parentValue: "50", measure: .percent, baseline: "62.4", expected: "67.4",
              note: "combined cell, child not exempt"),
    ]

    @Test("computes the exact figure", arguments: cases)
    func figure(_ c: Case) throws {
        let ind = indicator("X", c.measure, maxScore: c.maxScore, direction: c.direction)
        let parent = parentTarget(c.parentValue, rule: c.rule, code: "X")
        let outcome = Derivation.derive(parent: parent, indicator: ind, child: "KBK", baseline: c.baseline.map(x))
        let target = try #require(outcome.target, "outcome: \(outcome)")
        #expect(target.value == x(c.expected))
        #expect(target.value.description == c.expected)
        #expect(target.provenance?.derived == x(c.expected))
        #expect(target.provenance?.baseline == c.baseline.map(x))
    }

    @Test("fills provenance and keeps the parent's fields")
    func provenance() throws {
        let parent = parentTarget("50", rule: "uplift:5;exempt:BDT|TTR")
        let target = try #require(
            Derivation.derive(parent: parent, indicator: indicator(), child: "KBK", baseline: x("62.4")).target)
        #expect(target.indicator == "DVC-ONLINE")
        #expect(target.comparator == .atLeast)
        #expect(target.deadline == CivilDate("2025-01-06"))
        #expect(target.lead == "Sở Thông tin và Truyền thông")
        #expect(target.cooperating == ["Sở Nội vụ"])
        #expect(target.rule == "uplift:5", "exemptions name the parent's children; they do not travel")
        #expect(
            target.provenance
                == Provenance(
                    parentUnit: "DLK", parentCommit: commitA, rule: "uplift:5;exempt:BDT|TTR", base: 50,
                    baseline: x("62.4"), derived: x("67.4"), inheritedFrom: "DLK"))
    }

    @Test("a target without rule travels without rule; provenance says floor")
    func noRule() throws {
        let target = try #require(
            Derivation.derive(parent: parentTarget("50", rule: nil), indicator: indicator(), child: "KBK", baseline: nil)
                .target)
        #expect(target.rule == nil)
        #expect(target.provenance?.rule == "floor")
    }

    @Test("exempt children get no target", arguments: ["BDT", "TTR"])
    func exempt(_ child: String) {
        let parent = parentTarget("50", rule: "uplift:5;exempt:BDT|TTR")
        let outcome = Derivation.derive(parent: parent, indicator: indicator(), child: child, baseline: x("10"))
        #expect(outcome == .exempt(reason: "\(child) is exempt from 'DVC-ONLINE' by rule 'uplift:5;exempt:BDT|TTR' of DLK"))
    }

    @Test("an exemption-only cell derives floor for the others")
    func exemptOnly() throws {
        let parent = parentTarget("50", rule: "exempt:BDT")
        let outcome = Derivation.derive(parent: parent, indicator: indicator(), child: "SNV", baseline: x("70"))
        let target = try #require(outcome.target)
        #expect(target.value == 50)
        #expect(target.rule == nil)
        #expect(target.provenance?.rule == "exempt:BDT")
    }

    struct Invalid: Sendable, CustomTestStringConvertible {
        let parent: ParentTarget
        let indicator: Indicator
        let message: String
        var testDescription: String { message }
    }

    static let invalid: [Invalid] = [
        .init(
            parent: parentTarget("50", rule: "uplft:5"), indicator: indicator(),
            message: "target 'DVC-ONLINE' of DLK: unknown rule 'uplft:5'; expected floor, uplift:N, fixed:V, "
                + "improve:N, maintain, rank:-N, exempt:A|B or for:A|B"),
        .init(
            parent: parentTarget("50", rule: "rank:-5"), indicator: indicator(),
            message: "target 'DVC-ONLINE' of DLK: rule 'rank:-5' needs a lower-is-better indicator; "
                + "'DVC-ONLINE' is higher-is-better"),
        .init(
            parent: parentTarget("50", rule: "floor", commit: "abc"), indicator: indicator(),
            message: "target 'DVC-ONLINE' of DLK: parent commit 'abc' is not a 40-digit commit id"),
        .init(
            parent: parentTarget("50", rule: "floor"), indicator: indicator("TT-ONLINE"),
            message: "target 'DVC-ONLINE' of DLK was paired with indicator 'TT-ONLINE'"),
    ]

    @Test("reports what cannot be applied", arguments: invalid)
    func invalidRule(_ c: Invalid) {
        let outcome = Derivation.derive(parent: c.parent, indicator: c.indicator, child: "KBK", baseline: nil)
        #expect(outcome == .invalid(message: c.message))
    }

    struct Weaker: Sendable, CustomTestStringConvertible {
        let value: String
        let reference: String
        let direction: Direction
        let weaker: Bool
        var testDescription: String { "\(value) vs \(reference) (\(direction))" }
    }

    @Test(
        "weaker depends on the direction",
        arguments: [
            Weaker(value: "49.99", reference: "50", direction: .higher, weaker: true),
            Weaker(value: "50", reference: "50", direction: .higher, weaker: false),
            Weaker(value: "50.01", reference: "50", direction: .higher, weaker: false),
            Weaker(value: "42", reference: "41", direction: .lower, weaker: true),
            Weaker(value: "41", reference: "41", direction: .lower, weaker: false),
            Weaker(value: "40", reference: "41", direction: .lower, weaker: false),
        ])
    func weaker(_ c: Weaker) {
        #expect(Derivation.isWeaker(x(c.value), than: x(c.reference), direction: c.direction) == c.weaker)
    }
}
