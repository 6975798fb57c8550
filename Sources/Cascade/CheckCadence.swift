import PlanModel

/// How often a child must report: 004 asks every 10 days during the campaign, 001 monthly
/// and quarterly, 003 quarterly. A unit's plan holds it (`plans/<year>/plan.json`
/// `reporting`, ``Reporting``); `check --cadence` overrides it.
public typealias CheckCadence = ReportingCadence

extension ReportingCadence {
    /// The windows that need a report: those that end before `asOf`, from the window holding
    /// `from` up to the one holding `through` (the plan year's last day).
    ///
    /// Quarters and months are calendar ones; 10-day windows start at `from`.
    public func windows(from: CivilDate, through: CivilDate, asOf: CivilDate) -> [ReportingWindow] {
        var windows: [ReportingWindow] = []
        var start = from
        while start <= through {
            let window: ReportingWindow
            switch self {
            case .quarterly:
                let period = Period.quarter(start.year, (start.month - 1) / 3 + 1)
                window = ReportingWindow(start: period.start, end: period.end, label: period.description)
            case .monthly:
                let period = Period.month(start.year, start.month)
                window = ReportingWindow(start: period.start, end: period.end, label: period.description)
            case .tenDays:
                let end = start.adding(days: 9)
                window = ReportingWindow(start: start, end: end, label: "\(start)..\(end)")
            }
            guard window.end < asOf else { break }
            windows.append(window)
            start = window.end.adding(days: 1)
        }
        return windows
    }
}

/// A stretch of days a report must fall in (both ends inclusive).
public struct ReportingWindow: Hashable, Sendable {
    public var start: CivilDate
    public var end: CivilDate
    /// The period's spelling (`2024-Q3`, `2024-10`) or `start..end` for 10-day windows.
    public var label: String

    public init(start: CivilDate, end: CivilDate, label: String) {
        self.start = start
        self.end = end
        self.label = label
    }

    /// Whether `period` lies within the window: a day, a month or a quarter inside it.
    public func covers(_ period: Period) -> Bool {
        ReportedPeriod.lies(period, within: start, end)
    }
}

extension CivilDate {
    /// The date `days` days later (earlier when negative).
    func adding(days: Int) -> CivilDate {
        // Howard Hinnant's civil_from_days, the inverse of `daysSinceEpoch`.
        let z = daysSinceEpoch + days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return CivilDate(year: yoe + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)!
    }
}
