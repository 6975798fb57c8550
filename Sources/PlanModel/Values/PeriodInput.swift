import Foundation

/// Reporting periods as people type them, in English or as Vietnamese offices write them.
///
/// Files keep the canonical spelling (``Period/init(_:)``); this reads the others:
///
/// | period | typed as |
/// |---|---|
/// | year | `2024`, `Năm 2024` |
/// | half | `2024-H1`, `H1/2024`, `6 tháng đầu năm 2024`, `6 tháng cuối năm 2024` |
/// | quarter | `2024-Q3`, `Q3/2024`, `Q3 2024`, `Quý III/2024`, `Quý 3/2024`, `quý III năm 2024` |
/// | month | `2024-11`, `11/2024`, `T11/2024`, `Tháng 11/2024`, `tháng 11 năm 2024` |
/// | day | `2024-11-18`, `18/11/2024`, `ngày 18/11/2024`, `18-11-2024` |
/// | 10-day window | `2024-11-18..2024-11-27`, `18/11/2024-27/11/2024`, `18/11–27/11/2024`, `18-27/11/2024`, `từ ngày 18/11/2024 đến ngày 27/11/2024` |
///
/// A day is written day first (`18/11/2024`). Where the day and the month could be swapped
/// (`01/02/2024`: 1 February, or 2 January as American English writes it), Vietnamese reads
/// day first and English refuses, showing both readings. A window of 004's campaign is ten
/// days, both ends included (``windowDays``), as `check --cadence 10-days` counts them.
public enum PeriodInput {
    /// The days in one window of the campaign's 10-day reporting (004 IV.2.a).
    public static let windowDays = 10

    /// What was typed: a period, or a window (first and last day) of 10-day reporting.
    public enum Parsed: Hashable, Sendable {
        case period(Period)
        case window(CivilDate, CivilDate)

        /// The first day.
        public var start: CivilDate {
            switch self {
            case .period(let p): return p.start
            case .window(let a, _): return a
            }
        }

        /// The last day.
        public var end: CivilDate {
            switch self {
            case .period(let p): return p.end
            case .window(_, let b): return b
            }
        }

        /// The canonical spelling: `2024-11`, or `2024-11-18..2024-11-27` (``Message/Value/period(_:)``).
        public var description: String {
            switch self {
            case .period(let p): return p.description
            case .window(let a, let b): return "\(a)..\(b)"
            }
        }
    }

    /// `text` read as a period, or the problem (an `input.period.*` message).
    public static func parse(_ text: String, language: Language) -> Result<Parsed, InputProblem> {
        let shown = text.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespaces)
        if let period = Period(shown) { return .success(.period(period)) }
        var t = shown.lowercased()
        t = t.replacingOccurrences(of: "\u{00A0}", with: " ")
        while t.contains("  ") { t = t.replacingOccurrences(of: "  ", with: " ") }
        let unknown = InputProblem(Message("input.period.unknown", ["input": .text(shown)]))

        // A window: two days joined by "..", a dash, or "từ (ngày) … đến (ngày) …".
        if let (left, right) = splitWindow(t) {
            let last: CivilDate
            switch day(right, language: language, shown: shown, fullYear: true) {
            case .success(let d): last = d
            case .failure(let problem): return .failure(problem)
            }
            let first: CivilDate
            switch partialDay(left, before: last, language: language, shown: shown) {
            case .success(let d): first = d
            case .failure(let problem): return .failure(problem)
            }
            let days = last.daysSinceEpoch - first.daysSinceEpoch + 1
            guard days == windowDays else {
                return .failure(InputProblem(Message("input.period.window-length", [
                    "input": .text(shown), "days": .count(days), "window": .count(windowDays),
                ])))
            }
            return .success(.window(first, last))
        }

        var words = t
        for prefix in ["kỳ ", "ky "] where words.hasPrefix(prefix) { words.removeFirst(prefix.count) }
        // Year: "năm 2024".
        if let y = match(words, ["năm "], suffixYearOnly: true) { return .success(.period(.year(y))) }
        // Halves: "6 tháng đầu năm 2024", "h1/2024".
        for (prefix, h) in [("6 tháng đầu năm ", 1), ("6 tháng cuối năm ", 2), ("sáu tháng đầu năm ", 1), ("sáu tháng cuối năm ", 2)] {
            if let y = match(words, [prefix], suffixYearOnly: true) { return .success(.period(.half(y, h))) }
        }
        if let (n, y) = numbered(words, prefixes: ["h"]), (1...2).contains(n) { return .success(.period(.half(y, n))) }
        // Quarters: "q3/2024", "quý iii/2024", "quý 3 năm 2024".
        if let (n, y) = numbered(words, prefixes: ["quý ", "quý", "quy ", "q"]) {
            guard (1...4).contains(n) else { return .failure(unknown) }
            return .success(.period(.quarter(y, n)))
        }
        // Months: "11/2024", "t11/2024", "tháng 11/2024", "tháng 11 năm 2024".
        if let (m, y) = numbered(words, prefixes: ["tháng ", "tháng", "thang ", "th", "t", ""]), !words.contains(where: { $0 == "." }) {
            let slashes = words.filter { $0 == "/" || $0 == "-" }.count
            if slashes <= 1 {
                guard (1...12).contains(m) else { return .failure(unknown) }
                return .success(.period(.month(y, m)))
            }
        }
        // Days: "18/11/2024", "ngày 18/11/2024", "18-11-2024".
        switch day(words, language: language, shown: shown, fullYear: true) {
        case .success(let d): return .success(.period(.day(d)))
        case .failure(let problem): return .failure(problem.message.code == "input.period.unknown" ? unknown : problem)
        }
    }

    // MARK: - Pieces

    private static func splitWindow(_ t: String) -> (String, String)? {
        var s = t
        for prefix in ["từ ngày ", "từ ", "tu ngay "] where s.hasPrefix(prefix) {
            s.removeFirst(prefix.count)
            break
        }
        for joiner in ["..", " đến ngày ", " đến ", "–", "—", " - "] {
            if let r = s.range(of: joiner) {
                let a = s[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
                let b = s[r.upperBound...].trimmingCharacters(in: .whitespaces)
                if !a.isEmpty, !b.isEmpty { return (a, b) }
            }
        }
        // "18/11/2024-27/11/2024", "18/11-27/11/2024", "18-27/11/2024": a dash between slashed days.
        guard s.contains("/"), let dash = s.firstIndex(of: "-") else { return nil }
        let a = String(s[..<dash]), b = String(s[s.index(after: dash)...])
        guard !a.isEmpty, b.contains("/") else { return nil }
        return (a, b)
    }

    /// `18/11/2024`, `ngày 18/11/2024`, `18-11-2024`, `2024-11-18` (day first when slashed).
    private static func day(_ text: String, language: Language, shown: String, fullYear: Bool) -> Result<CivilDate, InputProblem> {
        var s = text.trimmingCharacters(in: .whitespaces)
        for prefix in ["ngày ", "ngay "] where s.hasPrefix(prefix) { s.removeFirst(prefix.count) }
        if let date = CivilDate(s) { return .success(date) }
        let unknown = InputProblem(Message("input.period.unknown", ["input": .text(shown)]))
        let parts = s.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." })
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              parts[2].count == 4, parts[0].count <= 2, parts[1].count <= 2,
              let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]) else { return .failure(unknown) }
        return chooseDay(d, m, y, language: language, shown: shown)
    }

    /// Day first; where the parts could be swapped and English is read, both are shown.
    private static func chooseDay(_ d: Int, _ m: Int, _ y: Int, language: Language, shown: String) -> Result<CivilDate, InputProblem> {
        let dayFirst = CivilDate(year: y, month: m, day: d)
        let monthFirst = CivilDate(year: y, month: d, day: m)
        guard let dayFirst else { return .failure(InputProblem(Message("input.period.unknown", ["input": .text(shown)]))) }
        if language != .vietnamese, let monthFirst, monthFirst != dayFirst {
            return .failure(InputProblem(Message("input.period.ambiguous-day", [
                "input": .text(shown), "day-first": .date(dayFirst), "month-first": .date(monthFirst),
            ])))
        }
        return .success(dayFirst)
    }

    /// The left end of a window: a full day, `18/11` (the year of the right end, or the year
    /// before when that would put it after), or `18` (the right end's month).
    private static func partialDay(_ text: String, before last: CivilDate, language: Language, shown: String) -> Result<CivilDate, InputProblem> {
        var s = text.trimmingCharacters(in: .whitespaces)
        for prefix in ["ngày ", "ngay "] where s.hasPrefix(prefix) { s.removeFirst(prefix.count) }
        let parts = s.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "/" || $0 == "-" })
        if parts.count == 3 || CivilDate(s) != nil { return day(s, language: language, shown: shown, fullYear: true) }
        let unknown = InputProblem(Message("input.period.unknown", ["input": .text(shown)]))
        guard parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return .failure(unknown) }
        if parts.count == 1, let d = Int(parts[0]) {
            guard let date = CivilDate(year: last.year, month: last.month, day: d) else { return .failure(unknown) }
            return .success(date)
        }
        guard parts.count == 2, let d = Int(parts[0]), let m = Int(parts[1]) else { return .failure(unknown) }
        let year = m > last.month ? last.year - 1 : last.year
        return chooseDay(d, m, year, language: language, shown: shown)
    }

    /// `<prefix><number>/<year>`, `<prefix><number> năm <year>`, `<prefix><number> <year>`,
    /// `<prefix><number>-<year>` where the number may be a Roman numeral (I–IV).
    private static func numbered(_ text: String, prefixes: [String]) -> (Int, Int)? {
        for prefix in prefixes where text.hasPrefix(prefix) {
            let rest = text.dropFirst(prefix.count)
            for joiner in [" năm ", "/", " ", "-"] {
                guard let r = rest.range(of: joiner) else { continue }
                let n = rest[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
                let y = rest[r.upperBound...].trimmingCharacters(in: .whitespaces)
                guard y.count == 4, let year = Int(y), year >= 1 else { continue }
                let roman = ["i": 1, "ii": 2, "iii": 3, "iv": 4]
                if let value = roman[n] { return (value, year) }
                guard !n.isEmpty, n.count <= 2, n.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(n) else { continue }
                return (value, year)
            }
        }
        return nil
    }

    /// `<prefix><year>`.
    private static func match(_ text: String, _ prefixes: [String], suffixYearOnly: Bool) -> Int? {
        for prefix in prefixes where text.hasPrefix(prefix) {
            let y = text.dropFirst(prefix.count)
            if y.count == 4, y.allSatisfy({ $0.isASCII && $0.isNumber }), let year = Int(y), year >= 1 { return year }
        }
        return nil
    }
}
