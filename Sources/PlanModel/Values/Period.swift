/// A reporting period: a year (`2024`), half (`2024-H1`), quarter (`2024-Q3`),
/// month (`2024-10`) or day (`2024-11-18`).
///
/// Ordered by end date, then by length (shorter first), so `2024-12` < `2024-Q4` <
/// `2024-H2` < `2024`.
public enum Period: Hashable, Comparable, Sendable, TextCodable {
    case year(Int)
    case half(Int, Int)
    case quarter(Int, Int)
    case month(Int, Int)
    case day(CivilDate)

    /// Parses the canonical spellings above; nil for anything else (`2024-Q5`, `2024-1`).
    public init?(_ text: String) {
        let b = Array(text.utf8)
        guard b.count >= 4, let year = parseDigits(b[0..<4]), year >= 1 else { return nil }
        if b.count == 4 {
            self = .year(year)
            return
        }
        guard b.count >= 7, b[4] == UInt8(ascii: "-") else { return nil }
        if b.count == 7, b[5] == UInt8(ascii: "H"), let n = parseDigits(b[6..<7]), (1...2).contains(n) {
            self = .half(year, n)
        } else if b.count == 7, b[5] == UInt8(ascii: "Q"), let n = parseDigits(b[6..<7]),
            (1...4).contains(n)
        {
            self = .quarter(year, n)
        } else if b.count == 7, let m = parseDigits(b[5..<7]), (1...12).contains(m) {
            self = .month(year, m)
        } else if b.count == 10, let date = CivilDate(text) {
            self = .day(date)
        } else {
            return nil
        }
    }

    /// The calendar year the period lies in.
    public var year: Int {
        switch self {
        case .year(let y), .half(let y, _), .quarter(let y, _), .month(let y, _): return y
        case .day(let d): return d.year
        }
    }

    /// The first day of the period.
    public var start: CivilDate {
        switch self {
        case .year(let y): return CivilDate(year: y, month: 1, day: 1)!
        case .half(let y, let h): return CivilDate(year: y, month: h == 1 ? 1 : 7, day: 1)!
        case .quarter(let y, let q): return CivilDate(year: y, month: (q - 1) * 3 + 1, day: 1)!
        case .month(let y, let m): return CivilDate(year: y, month: m, day: 1)!
        case .day(let d): return d
        }
    }

    /// The last day of the period (inclusive).
    public var end: CivilDate {
        func last(_ y: Int, _ m: Int) -> CivilDate {
            CivilDate(year: y, month: m, day: CivilDate.daysIn(month: m, year: y))!
        }
        switch self {
        case .year(let y): return last(y, 12)
        case .half(let y, let h): return last(y, h * 6)
        case .quarter(let y, let q): return last(y, q * 3)
        case .month(let y, let m): return last(y, m)
        case .day(let d): return d
        }
    }

    /// Number of days in the period.
    public var dayCount: Int { end.daysSinceEpoch - start.daysSinceEpoch + 1 }

    /// Whether `date` lies within the period.
    public func contains(_ date: CivilDate) -> Bool { start <= date && date <= end }

    /// Whether the period has begun by `day` (its first day is `day` or earlier): figures for
    /// a period that has not begun are refused.
    public func hasBegun(by day: CivilDate) -> Bool { start <= day }

    /// Whether the period is still running on `day` (begun, last day not past): its figures
    /// so far are provisional (tạm tính).
    public func isRunning(on day: CivilDate) -> Bool { contains(day) }

    /// The canonical spelling.
    public var description: String {
        switch self {
        case .year(let y): return pad(y, 4)
        case .half(let y, let h): return pad(y, 4) + "-H\(h)"
        case .quarter(let y, let q): return pad(y, 4) + "-Q\(q)"
        case .month(let y, let m): return pad(y, 4) + "-" + pad(m, 2)
        case .day(let d): return d.description
        }
    }

    public static func < (lhs: Period, rhs: Period) -> Bool {
        if lhs.end != rhs.end { return lhs.end < rhs.end }
        return lhs.dayCount < rhs.dayCount
    }

    public static let expectation = "a period such as 2024, 2024-H1, 2024-Q3, 2024-10 or 2024-11-18"
}
