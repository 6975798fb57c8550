/// How often a unit's children report to it: 004's campaign every 10 days ("Định kỳ 10
/// ngày/lần"), 001 monthly ("Định kỳ hàng tháng, hàng quý"), 003 quarterly ("hàng quý").
public enum ReportingCadence: String, Codable, Hashable, Sendable, CaseIterable, JSONEnumeration {
    case quarterly, monthly
    /// Consecutive 10-day windows counted from the first day required (004's campaign).
    case tenDays = "10-days"
}

/// The days reports are required in (both ends inclusive): 004's campaign
/// "Bắt đầu từ ngày 08/11/2024 và kết thúc vào ngày 06/01/2025".
public struct DateWindow: Codable, Hashable, Sendable {
    public var start: CivilDate
    public var end: CivilDate

    public init(start: CivilDate, end: CivilDate) {
        self.start = start
        self.end = end
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case start, end }

    /// `2024-11-08..2025-01-06`.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: true)
        guard text.contains(".."), parts.count == 2, let start = CivilDate(String(parts[0])), let end = CivilDate(String(parts[1])) else {
            return nil
        }
        self.init(start: start, end: end)
    }

    public var description: String { "\(start)..\(end)" }

    public func contains(_ day: CivilDate) -> Bool { start <= day && day <= end }
}

/// A named report the unit requires of its children by a deadline (004 V.1: "báo cáo sơ
/// kết 30 ngày đêm (trước ngày 10/12/2024)", "báo cáo kết quả Chiến dịch (trước ngày
/// 10/01/2025)").
public struct RequiredReport: Codable, Hashable, Sendable {
    /// `interim`, `final`… (an identifier: the finding and the command name it).
    public var id: String
    /// As the plan writes it: "Báo cáo sơ kết 30 ngày".
    public var name: String?
    /// The report must be in before this day ("trước ngày 10/12/2024": the 9th is the last
    /// day; the tool judges it missing once `asOf` is after the deadline).
    public var deadline: CivilDate
    /// The days a report must be of to count for this one (a report of a period lying
    /// within them); default: the reporting window's first day up to the deadline.
    public var covers: DateWindow?

    public init(id: String, name: String? = nil, deadline: CivilDate, covers: DateWindow? = nil) {
        self.id = id
        self.name = name
        self.deadline = deadline
        self.covers = covers
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case id, name, deadline, covers }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        deadline = try c.decode(CivilDate.self, forKey: .deadline)
        covers = try c.decodeIfPresent(DateWindow.self, forKey: .covers)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encodeIfPresent(name, forKey: .name)
        try c.encode(deadline, forKey: .deadline)
        try c.encodeIfPresent(covers, forKey: .covers)
    }
}

/// `plans/<year>/plan.json` `reporting`: what the unit requires of its children's reports —
/// the cadence, the window reports are required in, and named reports with deadlines.
/// Written by `plancascade plan set` and `plan report add`; `check`, `status` and `export`
/// read it (their options only override). Copied down by `pull` into a child whose plan
/// sets none of its own, with `setBy` naming the parent (the documents have the parent set
/// the cadence and deadlines of the reports sent to it, down the whole hierarchy in 004).
public struct Reporting: Codable, Hashable, Sendable {
    public var cadence: ReportingCadence?
    public var window: DateWindow?
    public var reports: [RequiredReport]
    /// The parent unit whose plan this was copied from by `pull`; nil when the unit set it.
    public var setBy: String?

    public init(cadence: ReportingCadence? = nil, window: DateWindow? = nil, reports: [RequiredReport] = [], setBy: String? = nil) {
        self.cadence = cadence
        self.window = window
        self.reports = reports
        self.setBy = setBy
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case cadence, window, reports, setBy }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        cadence = try c.decodeIfPresent(ReportingCadence.self, forKey: .cadence)
        window = try c.decodeIfPresent(DateWindow.self, forKey: .window)
        reports = try c.decodeIfPresent([RequiredReport].self, forKey: .reports) ?? []
        setBy = try c.decodeIfPresent(String.self, forKey: .setBy)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(cadence, forKey: .cadence)
        try c.encodeIfPresent(window, forKey: .window)
        try c.encode(reports, forKey: .reports)
        try c.encodeIfPresent(setBy, forKey: .setBy)
    }

    /// Nothing is set.
    public var isEmpty: Bool { cadence == nil && window == nil && reports.isEmpty }

    /// The days `report` must be of: its own `covers`, else the window's first day (the
    /// plan year's first day without a window) up to its deadline.
    public func covered(by report: RequiredReport, year: Int) -> DateWindow {
        report.covers ?? DateWindow(start: window?.start ?? CivilDate(year: year, month: 1, day: 1)!, end: report.deadline)
    }
}
