import PlanModel

/// The one answer to "has unit X reported period P" for `check`, `status`, `approve`,
/// `collect`, the hooks and `export`: X reported P when it has a report (or a rollup) of P
/// or of a period lying within P — a month is reported by its 10-day reports, a quarter by
/// its months. A report of a longer period (the quarter) does not answer for a month in it.
public enum ReportedPeriod {
    /// Whether a report of `reported` answers for the days `start`…`end` (both inclusive).
    public static func lies(_ reported: Period, within start: CivilDate, _ end: CivilDate) -> Bool {
        start <= reported.start && reported.end <= end
    }

    /// Whether a report of `reported` answers for `period`.
    public static func answers(_ reported: Period, for period: Period) -> Bool {
        lies(reported, within: period.start, period.end)
    }

    /// Whether any of `reported` (the periods a unit has reports or rollups of) answers for `period`.
    public static func hasReported(_ reported: some Sequence<Period>, _ period: Period) -> Bool {
        reported.contains { answers($0, for: period) }
    }

    /// Whether any of `reported` answers for the days of `window`.
    public static func hasReported(_ reported: some Sequence<Period>, within window: DateWindow) -> Bool {
        reported.contains { lies($0, within: window.start, window.end) }
    }

    /// The latest of `reported` that answers for `period` (what `status --period` shows).
    public static func latest(_ reported: some Sequence<Period>, for period: Period) -> Period? {
        reported.filter { answers($0, for: period) }.max()
    }
}
