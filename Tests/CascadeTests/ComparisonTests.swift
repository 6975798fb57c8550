import Cascade
import PlanModel
import Testing

/// Comparators and bands (issue 17 part 4) and a unit's own year-on-year rules (part 5),
/// table-driven.
@Suite("Comparison: comparators, bands, own year-on-year rules")
struct ComparisonTests {
    /// The documents' words and the symbols, one comparator each.
    @Test(arguments: [
        (">=", Comparator.atLeast), ("≥", .atLeast), ("tối thiểu", .atLeast), ("Không thấp hơn", .atLeast),
        (">", .above), ("cao hơn", .above), ("trên", .above), ("CAO HƠN", .above),
        ("<=", .atMost), ("không quá", .atMost), ("<", .below), ("dưới", .below), ("thấp hơn", .below),
        ("=", .equal), ("bằng", .equal), ("between", .between), ("từ … đến", .between), ("trong khoảng", .between),
    ])
    func words(_ text: String, _ expected: Comparator) {
        #expect(Comparator(text: text) == expected)
        #expect(Comparator(text: text.decomposedStringWithCanonicalMapping) == expected)
    }

    @Test func unknownWords() {
        for text in ["", "roughly", "đạt", "hơn"] { #expect(Comparator(text: text) == nil, "\(text)") }
    }

    struct Met: Sendable {
        let comparator: Comparator, value: String, bound: String?, actual: String, met: Bool
    }

    /// "cao hơn năm 2023" at the figure itself is not met; a band includes both ends.
    @Test(arguments: [
        Met(comparator: .above, value: "81.54", bound: nil, actual: "81.54", met: false),
        Met(comparator: .above, value: "81.54", bound: nil, actual: "81.55", met: true),
        Met(comparator: .atLeast, value: "81.54", bound: nil, actual: "81.54", met: true),
        Met(comparator: .below, value: "41", bound: nil, actual: "41", met: false),
        Met(comparator: .below, value: "41", bound: nil, actual: "40", met: true),
        Met(comparator: .between, value: "50", bound: "31", actual: "31", met: true),
        Met(comparator: .between, value: "50", bound: "31", actual: "50", met: true),
        Met(comparator: .between, value: "50", bound: "31", actual: "30", met: false),
        Met(comparator: .between, value: "50", bound: "31", actual: "51", met: false),
    ])
    func met(_ c: Met) {
        let target = Target(indicator: "X", value: x(c.value), comparator: c.comparator, bound: c.bound.map(x))
        #expect(target.isMet(actual: x(c.actual)) == c.met)
    }

    @Test func bandIsShownLowerEndFirst() {
        let rank = Target(indicator: "R", value: 50, comparator: .between, bound: 31)
        #expect(rank.condition == "31–50")
        #expect(rank.shownComparator == "31–" && rank.shownValue == 50)
        #expect(Target(indicator: "S", value: x("81.54"), comparator: .above).condition == "> 81.54")
    }

    struct Weaker: Sendable {
        let value: String, comparator: Comparator, floor: String, floorComparator: Comparator?, direction: Direction, weaker: Bool
    }

    /// A floor reached under `>` is not met by the same value under `>=`.
    @Test(arguments: [
        Weaker(value: "81.54", comparator: .atLeast, floor: "81.54", floorComparator: .above, direction: .higher, weaker: true),
        Weaker(value: "81.54", comparator: .above, floor: "81.54", floorComparator: .above, direction: .higher, weaker: false),
        Weaker(value: "81.6", comparator: .atLeast, floor: "81.54", floorComparator: .above, direction: .higher, weaker: false),
        Weaker(value: "81.54", comparator: .above, floor: "81.54", floorComparator: nil, direction: .higher, weaker: false),
        Weaker(value: "81.5", comparator: .above, floor: "81.54", floorComparator: nil, direction: .higher, weaker: true),
        Weaker(value: "90", comparator: .atMost, floor: "81.54", floorComparator: nil, direction: .higher, weaker: true),
        Weaker(value: "41", comparator: .atMost, floor: "41", floorComparator: .below, direction: .lower, weaker: true),
        Weaker(value: "40", comparator: .atMost, floor: "41", floorComparator: .below, direction: .lower, weaker: false),
    ])
    func weaker(_ c: Weaker) {
        #expect(Derivation.isWeaker(x(c.value), comparator: c.comparator, than: x(c.floor), floorComparator: c.floorComparator,
                                    direction: c.direction) == c.weaker)
    }

    /// A derived target keeps a strict comparator and records it; a `>=` one records none.
    @Test func derivationRecordsAStrictComparator() throws {
        let indicator = Indicator(code: "SIPAS-2.4", name: "SIPAS 2.4", measure: .percent, aggregation: .ratio)
        for (comparator, recorded) in [(Comparator.above, Comparator.above), (.atLeast, nil)] {
            let parent = ParentTarget(
                target: Target(indicator: "SIPAS-2.4", value: x("81.54"), comparator: comparator),
                unit: "daklak", commit: String(repeating: "a", count: 40))
            guard case .target(let derived) = Derivation.derive(parent: parent, indicator: indicator, child: "lak", baseline: nil) else {
                Issue.record("no target"); return
            }
            #expect(derived.comparator == comparator && derived.provenance?.comparator == recorded)
        }
    }

    struct Own: Sendable {
        let rule: String, figure: String, measure: Measure, max: String?, value: String, comparator: Comparator
    }

    /// 002 II.1–II.4 and 000 I.1 over the unit's own previous-year figure.
    @Test(arguments: [
        Own(rule: "improve:0.1", figure: "42.7705", measure: .score, max: nil, value: "42.8705", comparator: .atLeast),
        Own(rule: "improve:10", figure: "79.46", measure: .percent, max: nil, value: "89.46", comparator: .atLeast),
        Own(rule: "improve:10", figure: "95", measure: .percent, max: nil, value: "100", comparator: .atLeast),
        Own(rule: "rank:-5", figure: "41", measure: .rank, max: nil, value: "36", comparator: .atMost),
        Own(rule: "higher", figure: "79.46", measure: .percent, max: nil, value: "79.46", comparator: .above),
        Own(rule: "higher", figure: "41", measure: .rank, max: nil, value: "41", comparator: .below),
        Own(rule: "maintain", figure: "1.5", measure: .score, max: "1.5", value: "1.5", comparator: .atLeast),
    ])
    func ownRule(_ c: Own) throws {
        let rule = try #require(YearOnYearRule.parse(c.rule))
        #expect(rule.description == c.rule)
        let indicator = Indicator(code: "I", name: "I", measure: c.measure, aggregation: .none, maxScore: c.max.map(x))
        let made = try #require(rule.target(from: x(c.figure), indicator: indicator))
        #expect(made.value == x(c.value) && made.comparator == c.comparator)
    }

    @Test func ownRankRuleNeedsLowerIsBetter() {
        let score = Indicator(code: "I", name: "I", measure: .score, aggregation: .none)
        #expect(YearOnYearRule.rank(5).target(from: 40, indicator: score) == nil)
        for bad in ["improve:0", "rank:-0", "uplift:5", "floor", ""] { #expect(YearOnYearRule.parse(bad) == nil, "\(bad)") }
    }

    /// The ways a band is written in a target cell; a negative number is not a band.
    @Test(arguments: [
        ("31–50", "31", "50"), ("31-50", "31", "50"), ("31 - 50", "31", "50"), ("31..50", "31", "50"),
        ("31 đến 50", "31", "50"), ("từ 31 đến 50", "31", "50"), ("từ vị trí thứ 31 đến 50", "31", "50"), ("Từ Vị Trí Thứ 31 Đến 50", "31", "50"),
    ])
    func bands(_ text: String, _ low: String, _ high: String) throws {
        let parts = try #require(TargetImport.bandParts(text))
        #expect(parts.low == low && parts.high == high)
    }

    @Test func notBands() {
        for text in ["-5", "50", "1e-5", "", "đến 50"] { #expect(TargetImport.bandParts(text) == nil, "\(text)") }
    }

    /// The root is the sum of the top-level criteria only when each has one; a parent
    /// without its own figure is its children's sum, marked summed; deductions need a maximum.
    @Test func tableRootAndSums() throws {
        func score(_ code: String, _ max: String?) -> Indicator {
            Indicator(code: code, name: code, measure: .score, aggregation: .none, maxScore: max.map(x))
        }
        let indicators = ["1": score("1", "9.5"), "1.1": score("1.1", "1.5"), "1.2": score("1.2", nil), "2": score("2", nil),
                          "2.1": score("2.1", "3"), "2.2": score("2.2", "7")]
        let targets = ["1.1": Target(indicator: "1.1", value: x("1.5")), "1.2": Target(indicator: "1.2", value: 8),
                       "2": Target(indicator: "2", value: x("9.2")), "1-rank": Target(indicator: "1-rank", value: 10, comparator: .atMost)]
        let figures = ["1.1": Figure(value: x("1.4741")), "1.2": Figure(value: 8), "2.1": Figure(numerator: 101835, denominator: 102337)]
        let rows = CriteriaTree.table(indicators: indicators, targets: targets, figures: figures)
        #expect(rows.map { $0.code ?? "TOTAL" } == ["TOTAL", "1", "1.1", "1.2", "2", "2.1", "2.2"])
        let byCode = Dictionary(uniqueKeysWithValues: rows.map { ($0.code ?? "TOTAL", $0) })
        let one = try #require(byCode["1"]), two = try #require(byCode["2"]), total = try #require(byCode["TOTAL"])
        #expect(one.maxScore == x("9.5") && !one.maxScoreSummed && one.target == x("9.5") && one.targetSummed && one.targetRank == 10)
        #expect(one.score == x("9.4741") && one.scoreSummed && one.deduction == x("-0.0259"))
        #expect(two.maxScore == 10 && two.maxScoreSummed && two.target == x("9.2") && !two.targetSummed)
        #expect(byCode["2.1"]?.score == x("2.9853") && byCode["2.1"]?.exactScore?.description.hasPrefix("2.98528") == true)
        #expect(total.maxScore == x("19.5") && total.target == x("18.7") && total.score == x("12.4594"))
        // Without a figure for every field, no total score.
        let partial = CriteriaTree.table(indicators: indicators, targets: targets, figures: ["1.1": Figure(value: 1)])
        #expect(partial.first?.score == nil && partial.first?.maxScore == x("19.5"))
        #expect(CriteriaTree.table(indicators: [:], targets: [:], figures: [:]).isEmpty)
    }
}
