import Cascade
import PlanModel
import Testing

@Suite("Three-way refresh")
struct RefreshTests {
    /// The target KBK derives from DLK's `value` (uplift:5, baseline 62.4 unless given) at `commit`.
    static func derived(
        _ value: String, commit: String, baseline: String = "62.4", rule: String = "uplift:5"
    ) -> Target {
        Derivation.derive(
            parent: parentTarget(value, rule: rule, commit: commit), indicator: indicator(), child: "KBK",
            baseline: x(baseline)
        ).target!
    }

    static let base = derived("50", commit: commitA)  // 67.4
    static let raised = derived("70", commit: commitB)  // 75
    static let sameNewCommit = derived("50", commit: commitB)  // 67.4, new commit

    static func edited(_ target: Target, value: String? = nil, lead: String? = nil) -> Target {
        var copy = target
        if let value { copy.value = x(value) }
        if let lead { copy.lead = lead }
        return copy
    }

    static func withProvenance(of source: Target, _ target: Target) -> Target {
        var copy = target
        copy.provenance = source.provenance
        return copy
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let base: Target?
        let theirs: DerivationOutcome?
        let ours: Target?
        let expected: RefreshAction
        var testDescription: String { name }
    }

    static let exemptReason = "KBK is exempt from 'DVC-ONLINE' by rule 'uplift:5;exempt:KBK' of DLK"

    static let cases: [Case] = [
        Case(name: "unchanged parent, untouched child", base: base, theirs: .target(base), ours: base, expected: .unchanged),
        Case(name: "new indicator", base: nil, theirs: .target(raised), ours: nil, expected: .add(raised)),
        Case(name: "child deleted an inherited target: restored", base: base, theirs: .target(raised), ours: nil,
             expected: .add(raised)),
        Case(name: "untouched child, parent raised", base: base, theirs: .target(raised), ours: base,
             expected: .update(raised)),
        Case(name: "untouched child, parent lowered", base: raised, theirs: .target(base), ours: raised,
             expected: .update(base)),
        Case(name: "untouched child, same value from a new commit", base: base, theirs: .target(sameNewCommit),
             ours: base, expected: .update(sameNewCommit)),
        Case(name: "local raise above the new derivation", base: base, theirs: .target(raised),
             ours: edited(base, value: "80"),
             expected: .keepStricter(ours: withProvenance(of: raised, edited(base, value: "80")), derived: raised)),
        Case(name: "local edit equal to the new derivation", base: base, theirs: .target(raised),
             ours: edited(base, value: "75", lead: "Phòng Nội vụ"),
             expected: .keepStricter(
                ours: withProvenance(of: raised, edited(base, value: "75", lead: "Phòng Nội vụ")), derived: raised)),
        Case(name: "local raise now below the new derivation", base: base, theirs: .target(raised),
             ours: edited(base, value: "70"),
             expected: .keepWeakerFlagged(ours: edited(base, value: "70"), derived: raised)),
        Case(name: "child converged with the new derivation", base: base, theirs: .target(raised), ours: raised,
             expected: .unchanged),
        Case(name: "parent removed the indicator", base: base, theirs: nil, ours: base,
             expected: .removedByParentFlagged(base)),
        Case(name: "child's own indicator, parent never had it", base: nil, theirs: nil, ours: base, expected: .unchanged),
        Case(name: "gone everywhere", base: base, theirs: nil, ours: nil, expected: .unchanged),
        Case(name: "child newly exempt", base: base, theirs: .exempt(reason: exemptReason), ours: base,
             expected: .exempted(ours: base, reason: exemptReason)),
        Case(name: "exempt before and now, own target", base: nil, theirs: .exempt(reason: exemptReason), ours: base,
             expected: .unchanged),
        Case(name: "exempt, nothing held", base: base, theirs: .exempt(reason: exemptReason), ours: nil,
             expected: .unchanged),
        Case(name: "parent rule unparseable", base: base, theirs: .invalid(message: "bad"), ours: base,
             expected: .invalidRuleFlagged(ours: base, message: "bad")),
    ]

    @Test("one action per case", arguments: cases)
    func action(_ c: Case) {
        var theirs: [String: DerivationOutcome] = [:]
        var base: [String: Target] = [:]
        var ours: [String: Target] = [:]
        if let t = c.theirs { theirs["DVC-ONLINE"] = t }
        if let b = c.base { base["DVC-ONLINE"] = b }
        if let o = c.ours { ours["DVC-ONLINE"] = o }
        let plan = Refresh.plan(base: base, theirs: theirs, ours: ours)
        #expect(plan.actions == ["DVC-ONLINE": c.expected])
        #expect(plan.hasChanges == (c.expected != .unchanged))
    }

    @Test("lower-is-better: a better (lower) local rank is stricter")
    func rankStricter() throws {
        let ind = indicator("PAR-RANK", .rank)
        func derive(_ value: String, _ commit: String) throws -> Target {
            try #require(
                Derivation.derive(
                    parent: parentTarget(value, rule: "rank:-5", code: "PAR-RANK", commit: commit, comparator: .atMost),
                    indicator: ind, child: "KBK", baseline: 46
                ).target)
        }
        let old = try derive("46", commitA)  // 41
        let new = try derive("40", commitB)  // 40 (41 is weaker than the new base)
        #expect(new.value == 40)
        let better = Self.edited(old, value: "35")
        let worse = Self.edited(old, value: "42")
        #expect(
            Refresh.action(base: old, theirs: .target(new), ours: better)
                == .keepStricter(ours: Self.withProvenance(of: new, better), derived: new))
        #expect(Refresh.action(base: old, theirs: .target(new), ours: worse) == .keepWeakerFlagged(ours: worse, derived: new))
    }

    @Test("re-deriving from the same parent commit changes nothing")
    func unchangedParent() {
        let codes = ["DVC-ONLINE", "TT-ONLINE", "SO-HOA"]
        let rules = ["uplift:5", "uplift:5", "fixed:100"]
        let values = ["50", "45", "100"]
        func deriveAll() -> [String: DerivationOutcome] {
            var result: [String: DerivationOutcome] = [:]
            for i in codes.indices {
                result[codes[i]] = Derivation.derive(
                    parent: parentTarget(values[i], rule: rules[i], code: codes[i]), indicator: indicator(codes[i]),
                    child: "KBK", baseline: x("2.42"))
            }
            return result
        }
        let last = deriveAll().compactMapValues(\.target)
        #expect(last.count == 3)
        let plan = Refresh.plan(base: last, theirs: deriveAll(), ours: last)
        #expect(plan.indicators == codes.sorted())
        #expect(plan.actions.values.allSatisfy { $0 == .unchanged })
        #expect(!plan.hasChanges)
        #expect(plan.writes.isEmpty)
        #expect(plan.flagged.isEmpty)
    }

    @Test("writes and flags over several indicators")
    func summary() {
        let plan = Refresh.plan(
            base: ["A": Self.base, "B": Self.base, "C": Self.base],
            theirs: ["A": .target(Self.raised), "B": .target(Self.raised), "D": .target(Self.raised)],
            ours: ["A": Self.base, "B": Self.edited(Self.base, value: "70"), "C": Self.base])
        #expect(plan.hasChanges)
        #expect(plan.writes == ["A": Self.raised, "D": Self.raised])
        #expect(plan.flagged == ["B", "C"])
    }
}
