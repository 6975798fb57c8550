import Cascade
import PlanModel
import Testing

@Suite("Status: progress against targets")
struct StatusTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let target: String?
        var comparator: Comparator = .atLeast
        var deadline: String? = nil
        let actual: String?
        var period: String = "2024-Q4"
        let asOf: String
        let expected: StatusState
        let note: String
        var testDescription: String { "\(note) → \(expected.rawValue)" }
    }

    static let cases: [Case] = [
        .init(target: "55", actual: nil, asOf: "2024-11-01", expected: .noData, note: "no figure"),
        .init(target: nil, actual: "60", asOf: "2024-11-01", expected: .noData, note: "no target"),
        .init(target: nil, actual: nil, asOf: "2024-11-01", expected: .noData, note: "neither"),
        .init(target: "55", actual: "55", asOf: "2024-11-01", expected: .onTrack, note: ">= met exactly"),
        .init(target: "55", actual: "71.3", asOf: "2025-03-01", expected: .onTrack, note: "met, even after the deadline"),
        .init(target: "55", actual: "54.99", asOf: "2024-11-01", expected: .atRisk, note: "below, period running"),
        .init(target: "55", actual: "54.99", asOf: "2024-12-31", expected: .atRisk, note: "below, on the period's last day"),
        .init(target: "55", actual: "54.99", asOf: "2025-01-01", expected: .missed, note: "below, the day after the period"),
        .init(target: "55", deadline: "2025-01-06", actual: "40", asOf: "2025-01-06", expected: .atRisk,
              note: "on the campaign deadline 06/01/2025 (004 III.3)"),
        .init(target: "55", deadline: "2025-01-06", actual: "40", asOf: "2025-01-07", expected: .missed,
              note: "the day after the deadline"),
        .init(target: "55", deadline: "2024-06-20", actual: "40", asOf: "2024-11-01", expected: .missed,
              note: "the target's deadline wins over the period's end"),
        .init(target: "41", comparator: .atMost, actual: "46", period: "2024", asOf: "2024-06-30", expected: .atRisk,
              note: "rank 46, target ≤ 41 (000 I.1)"),
        .init(target: "41", comparator: .atMost, actual: "46", period: "2024", asOf: "2025-01-01", expected: .missed,
              note: "rank not reached by year end"),
        .init(target: "41", comparator: .atMost, actual: "40", period: "2024", asOf: "2025-01-01", expected: .onTrack,
              note: "rank better than target"),
        .init(target: "100", comparator: .equal, actual: "99.99", asOf: "2025-02-01", expected: .missed, note: "= not met"),
        .init(target: "100", comparator: .equal, actual: "100", asOf: "2025-02-01", expected: .onTrack, note: "= met"),
        .init(target: "0.3", actual: "0.30", period: "2024-10", asOf: "2024-12-01", expected: .onTrack, note: "exact decimals"),
    ]

    @Test(arguments: cases)
    func evaluate(_ c: Case) {
        let target = c.target.map {
            Target(indicator: "DVC-ONLINE", value: x($0), comparator: c.comparator, deadline: c.deadline.flatMap(CivilDate.init))
        }
        let state = Status.evaluate(
            target: target, actual: c.actual.map(x), period: Period(c.period)!, asOf: CivilDate(c.asOf)!)
        #expect(state == c.expected)
    }

    @Test func stateSpellings() {
        #expect(StatusState.allCases.map(\.rawValue) == ["on-track", "at-risk", "missed", "no-data", "incomplete", "invalid"])
    }

    @Test func ratiosCompareTheExactPercentage() {
        let indicator = Indicator(code: "DVC-ONLINE", name: "DVC", measure: .percent, aggregation: .ratio)
        // 109 / 200 = 54.5%, displayed 54.5, below 55; 1099 / 1998 = 55.0050…%.
        #expect(Status.actual(of: Figure(numerator: 109, denominator: 200), indicator: indicator) == x("54.5"))
        let barely = Figure(numerator: 1099, denominator: 1998)
        #expect(Status.actual(of: barely, indicator: indicator)! > 55)
        // 5499 / 9998.19 is 54.99995…% and displays as 55: it is not met.
        let rounded = RollupFigure(numerator: 5499, denominator: x("9998.19"), value: x("55"), units: 1, contributors: ["a"])
        let actual = Status.actual(of: rounded, indicator: indicator)!
        #expect(actual < 55 && actual.rounded(scale: 2) == 55)
        let target = Target(indicator: "DVC-ONLINE", value: 55, deadline: CivilDate("2025-01-06"))
        let period = Period("2024-Q4")!
        #expect(Status.evaluate(target: target, figure: rounded, indicator: indicator, period: period, asOf: CivilDate("2025-01-07")!) == .missed)
        #expect(Status.evaluate(target: target, figure: nil, indicator: indicator, period: period, asOf: CivilDate("2025-01-07")!) == .noData)
        let zero = RollupFigure(numerator: 0, denominator: 0, units: 1, contributors: ["a"])
        #expect(Status.actual(of: zero, indicator: indicator) == nil)
    }

    @Test func scoreRatiosCompareTheScore() {
        let indicator = Indicator(code: "7.3.6", name: "7.3.6", measure: .score, aggregation: .ratio, maxScore: x("1.5"))
        let figure = RollupFigure(numerator: 41940, denominator: 58818, value: x("1.0696"), units: 1, contributors: ["qt"])
        #expect(Status.actual(of: figure, indicator: indicator) == x("1.0696"))
        let sum = Indicator(code: "7", name: "7", measure: .score, aggregation: .sum, maxScore: x("13.5"))
        #expect(Status.actual(of: RollupFigure(value: x("10.3956"), units: 1, contributors: ["qt"]), indicator: sum) == x("10.3956"))
    }
}
