import Cascade
import PlanModel
import Testing

/// Issue 17 parts 6–7 in Cascade: how many expected units a figure sums, the state it gives,
/// the one answer to "has X reported P", and the required reports of a plan.
@Suite struct CompletenessTests {
    @Test func aFigureMissingUnitsIsIncompleteNeverOnTrackOrMissed() {
        let half = Completeness(contributors: ["ea-nuol", "buon-don"], expected: ["ea-nuol", "krong-na"])
        #expect(half.reported == 1 && half.expected == 2 && half.missing == ["krong-na"] && !half.isComplete)
        #expect(half.fraction == "1/2")
        #expect(Completeness(contributors: [], expected: []).isComplete)  // nothing expected
        let indicator = Indicator(code: "DVC-ONLINE", name: "DVC", measure: .percent, aggregation: .ratio)
        let target = Target(indicator: "DVC-ONLINE", value: 50, deadline: CivilDate("2024-12-31"))
        let met = RollupFigure(numerator: 60, denominator: 100, value: 60, units: 1, contributors: ["ea-nuol"])
        let short = RollupFigure(numerator: 10, denominator: 100, value: 10, units: 1, contributors: ["ea-nuol"])
        let period = Period("2024-11")!
        for (figure, asOf, whole) in [(met, "2024-12-01", StatusState.onTrack), (short, "2025-01-02", .missed), (short, "2024-12-01", .atRisk)] {
            #expect(Status.evaluate(target: target, figure: figure, indicator: indicator, period: period, asOf: CivilDate(asOf)!) == whole)
            #expect(Status.evaluate(target: target, figure: figure, indicator: indicator, period: period, asOf: CivilDate(asOf)!, completeness: half) == .incomplete)
            let all = Completeness(contributors: ["ea-nuol", "krong-na"], expected: ["ea-nuol", "krong-na"])
            #expect(Status.evaluate(target: target, figure: figure, indicator: indicator, period: period, asOf: CivilDate(asOf)!, completeness: all) == whole)
        }
        #expect(Status.evaluate(target: target, figure: nil, indicator: indicator, period: period, asOf: CivilDate("2025-01-02")!, completeness: half) == .noData)
    }

    @Test(arguments: [
        ("2024-11-18", "2024-11", true), ("2024-11", "2024-11", true), ("2024-11", "2024-Q4", true), ("2024-Q4", "2024-11", false),
        ("2024", "2024-Q4", false), ("2024-12-01", "2024-11", false), ("2024-09-30", "2024-Q4", false),
    ])
    func aPeriodIsReportedByAReportOfItOrOfAPeriodWithinIt(_ reported: String, _ period: String, _ answer: Bool) {
        #expect(ReportedPeriod.hasReported([Period(reported)!], Period(period)!) == answer)
        #expect(ReportingWindow(start: Period(period)!.start, end: Period(period)!.end, label: period).covers(Period(reported)!) == answer)
    }

    @Test func aRequiredReportIsMissingOnlyAfterItsDeadline() {
        let reporting = Reporting(cadence: .tenDays, window: DateWindow("2024-11-08..2025-01-06"), reports: [
            RequiredReport(id: "interim", name: "Báo cáo sơ kết 30 ngày", deadline: CivilDate("2024-12-10")!, covers: DateWindow("2024-11-08..2024-12-07")),
            RequiredReport(id: "final", deadline: CivilDate("2025-01-10")!),
        ])
        func missing(_ reported: [String], asOf: String) -> [String] {
            CheckRules.missingRequiredReports(
                unit: "krong-na", parent: "buon-don", year: 2024, reported: Set(reported.map { Period($0)! }), reporting: reporting,
                asOf: CivilDate(asOf)!, file: "plans/2024/plan.json"
            ).map { $0.item ?? "" }
        }
        #expect(missing([], asOf: "2024-12-10") == [])  // due before the 10th: the 10th itself is not late yet
        #expect(missing([], asOf: "2024-12-11") == ["interim"])
        #expect(missing(["2024-12-08"], asOf: "2024-12-11") == ["interim"])  // after the 30 days it covers
        #expect(missing(["2024-11-25"], asOf: "2025-01-11") == [])
        #expect(missing(["2024-11"], asOf: "2025-01-11") == ["interim", "final"])  // a month from 1/11 begins before the campaign
        let finding = CheckRules.missingRequiredReports(
            unit: "krong-na", parent: "buon-don", year: 2024, reported: [], reporting: reporting, asOf: CivilDate("2024-12-11")!, file: "plans/2024/plan.json")[0]
        #expect(finding.kind == .missingRequiredReport && finding.severity == .warning && finding.expected == "2024-11-08..2024-12-07")
        #expect(finding.message.description.contains("Báo cáo sơ kết 30 ngày (interim) that buon-don's plan requires before 2024-12-10"), "\(finding.message)")
    }
}
