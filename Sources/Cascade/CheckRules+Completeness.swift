import PlanModel

/// The rules of `check` that read a unit's plan data (issue 17 parts 6–7): a rollup that
/// leaves out units expected to report, and a required report (004 V.1's interim and final
/// reports) not in by its deadline.
extension Finding.Kind {
    /// A unit's latest figure of a targeted indicator leaves out units expected to report it.
    public static let incompleteRollup: Finding.Kind = "incomplete-rollup"
    /// A report the unit's plan requires of a child by a deadline is not in after it.
    public static let missingRequiredReport: Finding.Kind = "missing-required-report"
}

extension CheckRules {
    /// One indicator's latest figure of a unit, and how many expected units it sums.
    public struct LatestCompleteness: Hashable, Sendable {
        public var period: Period
        public var completeness: Completeness

        public init(period: Period, completeness: Completeness) {
            self.period = period
            self.completeness = completeness
        }
    }

    /// A warning for each indicator whose latest figure leaves out expected units: the
    /// figure is `incomplete` in `status`, `trace` and `export` too, and not judged against
    /// its target until the missing units report and are collected.
    public static func incompleteRollups(
        unit: String, year: Int, completeness: [String: LatestCompleteness], prefix: String = ""
    ) -> [Finding] {
        completeness.sorted { $0.key < $1.key }.compactMap { code, latest in
            guard !latest.completeness.isComplete else { return nil }
            let c = latest.completeness
            return Finding(
                .warning, .incompleteRollup, unit: unit, year: year, indicator: code, period: latest.period.description,
                file: prefix + "rollup/\(latest.period.year)/\(latest.period.description).json",
                expected: "\(c.expected)", actual: "\(c.reported)",
                message: Message("plandata.check.incomplete-rollup", [
                    "unit": .text(unit), "indicator": .text(code), "period": .period(latest.period.description),
                    "reported": .count(c.reported), "expected": .count(c.expected), "missing": .list(c.missing.map { .text($0) }),
                ]))
        }
    }

    /// A warning for each report of `reporting` whose deadline is before `asOf` and that
    /// `unit` has no report for: none of `reported` lies within the days it covers
    /// (``Reporting/covered(by:year:)``, ``ReportedPeriod``).
    public static func missingRequiredReports(
        unit: String, parent: String, year: Int, reported: Set<Period>, reporting: Reporting, asOf: CivilDate, file: String
    ) -> [Finding] {
        reporting.reports.compactMap { required in
            let covers = reporting.covered(by: required, year: year)
            guard required.deadline < asOf, !ReportedPeriod.hasReported(reported, within: covers) else { return nil }
            return Finding(
                .warning, .missingRequiredReport, unit: unit, year: year, item: required.id, period: covers.description,
                file: file, expected: "\(covers.start)..\(covers.end)",
                message: Message("plandata.check.missing-required-report", [
                    "unit": .text(unit), "parent": .text(parent), "report": .text(required.name ?? required.id), "id": .text(required.id),
                    "deadline": .date(required.deadline), "start": .date(covers.start), "end": .date(covers.end),
                ]))
        }
    }
}
