import Cascade
import PlanModel
import Testing

/// A rule travels down every level with its base (004 computes a commune's target from the
/// central 50%, exactly as a district's).
@Suite("Derivation: rules travelling down the hierarchy")
struct TravellingRuleTests {
    /// Derives `child`'s target and returns it as the parent target of the next level.
    func step(
        _ parent: ParentTarget, to child: String, baseline: String?, commit: String,
        indicator ind: Indicator = indicator()
    ) throws -> ParentTarget {
        let outcome = Derivation.derive(parent: parent, indicator: ind, child: child, baseline: baseline.map(x))
        let target = try #require(outcome.target, "\(child): \(outcome)")
        return ParentTarget(target: target, unit: child, commit: commit)
    }

    @Test("3 levels: province 50 uplift:5 → district 62.4 → 67.4 → commune 10 → 55 (from 50, not 67.4)")
    func threeLevels() throws {
        let province = parentTarget("50", rule: "uplift:5;exempt:BDT|TTR", unit: "DLK", commit: commitA)
        let district = try step(province, to: "KBK", baseline: "62.4", commit: commitB)
        #expect(district.target.value == x("67.4"))
        let commune = try step(district, to: "KBK-X1", baseline: "10", commit: commitC)
        #expect(commune.target.value == 55)
        #expect(commune.target.rule == "uplift:5")
        #expect(
            commune.target.provenance
                == Provenance(
                    parentUnit: "KBK", parentCommit: commitB, rule: "uplift:5", base: 50, baseline: 10,
                    derived: 55, inheritedFrom: "DLK"))
        let strongCommune = try step(district, to: "KBK-X2", baseline: "70", commit: commitC)
        #expect(strongCommune.target.value == 75)
    }

    struct FourLevel: Sendable, CustomTestStringConvertible {
        let baselines: [String?]
        let expected: [String]
        var testDescription: String { "\(baselines.map { $0 ?? "none" }) → \(expected)" }
    }

    @Test(
        "4 levels keep the province's base",
        arguments: [
            FourLevel(baselines: ["62.4", "10", nil], expected: ["67.4", "55", "55"]),
            FourLevel(baselines: ["62.4", "80", "81"], expected: ["67.4", "85", "86"]),
            FourLevel(baselines: [nil, nil, "97.5"], expected: ["55", "55", "100"]),
            FourLevel(baselines: ["30", "49.99", "50"], expected: ["55", "55", "55"]),
        ])
    func fourLevels(_ c: FourLevel) throws {
        var parent = parentTarget("50", rule: "uplift:5", unit: "DLK", commit: commitA)
        let units = ["KBK", "KBK-X1", "KBK-X1-T1"]
        let commits = [commitB, commitC, commitD]
        for level in 0..<3 {
            parent = try step(parent, to: units[level], baseline: c.baselines[level], commit: commits[level])
            #expect(parent.target.value == x(c.expected[level]), "level \(level + 2)")
            #expect(parent.target.provenance?.base == 50, "level \(level + 2)")
            #expect(parent.target.provenance?.inheritedFrom == "DLK", "level \(level + 2)")
            #expect(Derivation.floor(for: parent.target) == 50, "level \(level + 2)")
        }
    }

    @Test("a district's local raise does not raise the commune's base")
    func localRaise() throws {
        var district = try step(parentTarget("50", rule: "uplift:5"), to: "KBK", baseline: "62.4", commit: commitB)
        district.target.value = 80
        let commune = try step(district, to: "KBK-X1", baseline: "10", commit: commitC)
        #expect(commune.target.value == 55)
    }

    @Test("a unit that replaces the rule becomes its origin")
    func replacedRule() throws {
        var district = try step(parentTarget("50", rule: "uplift:5"), to: "KBK", baseline: "62.4", commit: commitB)
        district.target.rule = "uplift:10"
        let commune = try step(district, to: "KBK-X1", baseline: "10", commit: commitC)
        #expect(commune.target.value == x("77.4"))
        #expect(commune.target.provenance?.base == x("67.4"))
        #expect(commune.target.provenance?.inheritedFrom == "KBK")
        #expect(commune.target.rule == "uplift:10")
        let hamlet = try step(commune, to: "KBK-X1-T1", baseline: nil, commit: commitD)
        #expect(hamlet.target.value == x("77.4"))
        #expect(hamlet.target.provenance?.inheritedFrom == "KBK")
    }

    @Test("a new rule never starts below an inherited base")
    func replacedRuleOnWeakerValue() throws {
        var district = try step(parentTarget("50", rule: "uplift:5"), to: "KBK", baseline: "62.4", commit: commitB)
        district.target.rule = "floor"
        district.target.value = 40
        let commune = try step(district, to: "KBK-X1", baseline: nil, commit: commitC)
        #expect(commune.target.value == 50)
    }

    @Test("floor travels with the parent's value")
    func floorChain() throws {
        var district = try step(parentTarget("50", rule: nil), to: "KBK", baseline: "70", commit: commitB)
        #expect(district.target.value == 50)
        district.target.value = 60
        let commune = try step(district, to: "KBK-X1", baseline: "20", commit: commitC)
        #expect(commune.target.value == 60)
        #expect(Derivation.floor(for: commune.target) == 60)
    }

    @Test("rank travels: base is the province's rank")
    func rankChain() throws {
        let ind = indicator("PAR-RANK", .rank)
        let province = parentTarget("41", rule: "rank:-5", code: "PAR-RANK", comparator: .atMost)
        let district = try step(province, to: "KBK", baseline: "20", commit: commitB, indicator: ind)
        #expect(district.target.value == 15)
        let commune = try step(district, to: "KBK-X1", baseline: "50", commit: commitC, indicator: ind)
        #expect(commune.target.value == 41)
        #expect(commune.target.comparator == .atMost)
    }

    struct Check: Sendable, CustomTestStringConvertible {
        let value: String
        let weaker: Bool
        var testDescription: String { "commune sets \(value)" }
    }

    @Test(
        "detects targets weaker than the inherited base",
        arguments: [
            Check(value: "49.99", weaker: true), Check(value: "50", weaker: false), Check(value: "52", weaker: false),
            Check(value: "55", weaker: false), Check(value: "0", weaker: true),
        ])
    func weakerThanBase(_ c: Check) throws {
        let district = try step(parentTarget("50", rule: "uplift:5"), to: "KBK", baseline: "62.4", commit: commitB)
        var commune = try step(district, to: "KBK-X1", baseline: "10", commit: commitC).target
        commune.value = x(c.value)
        #expect(Derivation.isWeakerThanInherited(commune, direction: .higher) == c.weaker)
    }

    struct FloorCase: Sendable, CustomTestStringConvertible {
        let rule: String
        let parentValue: String
        let measure: Measure
        let baseline: String?
        let floor: String
        var testDescription: String { "\(rule) from \(parentValue) → floor \(floor)" }
    }

    @Test(
        "floor(for:) per rule",
        arguments: [
            FloorCase(rule: "uplift:5", parentValue: "50", measure: .percent, baseline: "62.4", floor: "50"),
            FloorCase(rule: "improve:0.1", parentValue: "42.7705", measure: .score, baseline: "43", floor: "42.7705"),
            FloorCase(rule: "floor", parentValue: "50", measure: .percent, baseline: "70", floor: "50"),
            FloorCase(rule: "fixed:100", parentValue: "50", measure: .percent, baseline: nil, floor: "100"),
            FloorCase(rule: "maintain", parentValue: "1.4", measure: .score, baseline: nil, floor: "1.5"),
            FloorCase(rule: "rank:-5", parentValue: "46", measure: .rank, baseline: "46", floor: "46"),
        ])
    func floorPerRule(_ c: FloorCase) throws {
        let ind = indicator("X", c.measure, maxScore: c.rule == "maintain" ? "1.5" : nil)
        let outcome = Derivation.derive(
            parent: parentTarget(c.parentValue, rule: c.rule, code: "X"), indicator: ind, child: "KBK",
            baseline: c.baseline.map(x))
        let target = try #require(outcome.target, "\(outcome)")
        #expect(Derivation.floor(for: target) == x(c.floor))
    }

    @Test("a unit's own target has no floor")
    func ownTarget() {
        #expect(Derivation.floor(for: Target(indicator: "X", value: 10)) == nil)
        #expect(!Derivation.isWeakerThanInherited(Target(indicator: "X", value: 10), direction: .higher))
    }
}
