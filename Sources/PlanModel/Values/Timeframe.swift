import Foundation

/// Reads Vietnamese timeframe texts (thời gian thực hiện, thời hạn) such as "Quý III/2024",
/// "trước ngày 20/6/2024" or "Hoàn thành trong tháng 5/2024".
public enum Timeframe {
    /// The latest date `text` allows, or nil when it names no date: recurring or vague
    /// texts ("Hàng tháng", "Thường xuyên", "Theo quy định", "Ngày 30 tháng cuối cùng của
    /// quý"), open-ended starts ("Bắt đầu từ quý IV 2024"), or a date without a year when
    /// `defaultYear` is nil.
    ///
    /// Understood, case-insensitively and in any Unicode normal form:
    /// - a day: `ngày 20/6/2024`, `20/06/2024`, `ngày 20-6-2024`, `ngày 20 tháng 6 năm 2024`,
    ///   `2024-06-20`, and `ngày 20/11` in `defaultYear`; "trước ngày 20/6" is that day;
    /// - a month: `tháng 6/2024`, `tháng 6 năm 2024`, `06/2024`, `tháng 5` in `defaultYear`
    ///   → its last day; "trước tháng 12/2024" → the last day of the month before;
    /// - a quarter: `Quý III/2024`, `quý 3 năm 2024`, `Quý IV 2024`, `Quý III-IV` (the
    ///   later one), `Quý IV` in `defaultYear` → its last day; "trước quý IV" → the day
    ///   before it starts;
    /// - a half: `6 tháng đầu năm 2024` → 30 June, `6 tháng cuối năm` → 31 December;
    /// - a year: `năm 2024`, and `trong năm` / `cuối năm` / `cả năm` / `hết năm` in
    ///   `defaultYear` → 31 December; "trước năm 2025" → 31 December 2024 ("hàng năm"
    ///   is recurring and names no date).
    ///
    /// A date right after "từ" ("bắt đầu từ", "kể từ") is a start and is not counted, so
    /// "từ ngày 08/11/2024 đến ngày 06/01/2025" gives 2025-01-06. When several dates are
    /// named ("Tháng 6/2024 | Tháng 8/2024"), the latest wins.
    public static func latestDate(in text: String, defaultYear: Int?) -> CivilDate? {
        Scanner(text: text, defaultYear: defaultYear).mentions().max()
    }

    /// A named period, first and last day.
    private struct Span {
        var first: CivilDate
        var last: CivilDate

        static func day(_ date: CivilDate) -> Span { Span(first: date, last: date) }

        static func month(_ year: Int, _ month: Int) -> Span? {
            guard let first = CivilDate(year: year, month: month, day: 1),
                let last = CivilDate(year: year, month: month, day: CivilDate.daysIn(month: month, year: year))
            else { return nil }
            return Span(first: first, last: last)
        }

        static func months(_ year: Int, _ from: Int, _ to: Int) -> Span? {
            guard let a = month(year, from), let b = month(year, to) else { return nil }
            return Span(first: a.first, last: b.last)
        }
    }

    private enum Token: Equatable {
        case word(String)
        case number(String)
        case symbol(Character)
    }

    private struct Scanner {
        let tokens: [Token]
        let defaultYear: Int?

        init(text: String, defaultYear: Int?) {
            self.defaultYear = defaultYear
            var tokens: [Token] = []
            var current = ""
            var currentIsNumber = false
            func flush() {
                if !current.isEmpty { tokens.append(currentIsNumber ? .number(current) : .word(current)) }
                current = ""
            }
            for character in text.precomposedStringWithCanonicalMapping.lowercased().precomposedStringWithCanonicalMapping {
                let isDigit = character.isASCII && character.isNumber
                if isDigit || character.isLetter {
                    if !current.isEmpty, currentIsNumber != isDigit { flush() }
                    currentIsNumber = isDigit
                    current.append(character)
                } else {
                    flush()
                    if !character.isWhitespace { tokens.append(.symbol(character)) }
                }
            }
            flush()
            self.tokens = tokens
        }

        func word(_ i: Int) -> String? {
            guard i >= 0, i < tokens.count, case .word(let w) = tokens[i] else { return nil }
            return w
        }

        func isWord(_ i: Int, _ candidates: String...) -> Bool {
            guard let w = word(i) else { return false }
            return candidates.contains(w)
        }

        /// A number of 1…`maxDigits` digits (or exactly 4 when `year`).
        func number(_ i: Int, maxDigits: Int = 2) -> Int? {
            guard i >= 0, i < tokens.count, case .number(let n) = tokens[i], n.count <= maxDigits else { return nil }
            return Int(n)
        }

        func year(_ i: Int) -> Int? {
            guard i >= 0, i < tokens.count, case .number(let n) = tokens[i], n.count == 4 else { return nil }
            return Int(n)
        }

        func isSymbol(_ i: Int, _ candidates: Character...) -> Bool {
            guard i >= 0, i < tokens.count, case .symbol(let c) = tokens[i] else { return false }
            return candidates.contains(c)
        }

        /// A quarter numeral: I–IV or 1–4.
        func quarter(_ i: Int) -> Int? {
            if let n = number(i, maxDigits: 1), (1...4).contains(n) { return n }
            switch word(i) {
            case "i": return 1
            case "ii": return 2
            case "iii": return 3
            case "iv": return 4
            default: return nil
            }
        }

        /// An optional year after a period: `/2024`, `-2024`, `năm 2024` or `2024`.
        /// Returns the year (or the default) and the index after it.
        func trailingYear(_ i: Int) -> (year: Int?, next: Int) {
            if isSymbol(i, "/", "-", "."), let y = year(i + 1) { return (y, i + 2) }
            if isWord(i, "năm"), let y = year(i + 1) { return (y, i + 2) }
            if let y = year(i) { return (y, i + 1) }
            return (defaultYear, i)
        }

        /// Tries every pattern at `i`: the span named (nil when the text has the form of a
        /// date but is not one, e.g. "31/02/2024", or lacks a year) and the index after it.
        func match(at i: Int) -> (span: Span?, next: Int)? {
            // 2024-06-20
            if let y = year(i), isSymbol(i + 1, "-"), let m = number(i + 2), isSymbol(i + 3, "-"),
                let d = number(i + 4)
            {
                return (CivilDate(year: y, month: m, day: d).map(Span.day), i + 5)
            }
            // ngày 20/6/2024, ngày 20-6, ngày 20.6.2024
            if isWord(i, "ngày"), let d = number(i + 1), isSymbol(i + 2, "/", "-", "."), let m = number(i + 3) {
                var next = i + 4
                var y = defaultYear
                if isSymbol(next, "/", "-", "."), let explicit = year(next + 1) {
                    y = explicit
                    next += 2
                }
                return (y.flatMap { CivilDate(year: $0, month: m, day: d) }.map(Span.day), next)
            }
            // ngày 20 tháng 6 năm 2024
            if isWord(i, "ngày"), let d = number(i + 1), isWord(i + 2, "tháng"), let m = number(i + 3) {
                var next = i + 4
                var y = defaultYear
                if isWord(next, "năm"), let explicit = year(next + 1) {
                    y = explicit
                    next += 2
                }
                return (y.flatMap { CivilDate(year: $0, month: m, day: d) }.map(Span.day), next)
            }
            // 20/6/2024 (a day and month without the year need "ngày")
            if let d = number(i), isSymbol(i + 1, "/"), let m = number(i + 2), isSymbol(i + 3, "/"),
                let y = year(i + 4)
            {
                return (CivilDate(year: y, month: m, day: d).map(Span.day), i + 5)
            }
            // 6 tháng đầu năm 2024, 06 tháng cuối năm
            if let n = number(i), n == 6, isWord(i + 1, "tháng"), isWord(i + 2, "đầu", "cuối"), isWord(i + 3, "năm") {
                var y = defaultYear
                var next = i + 4
                if let explicit = year(i + 4) {
                    y = explicit
                    next = i + 5
                }
                let firstHalf = isWord(i + 2, "đầu")
                return (y.flatMap { firstHalf ? Span.months($0, 1, 6) : Span.months($0, 7, 12) }, next)
            }
            // tháng 6/2024, tháng 6 năm 2024, tháng 5
            if isWord(i, "tháng"), let m = number(i + 1) {
                let (y, next) = trailingYear(i + 2)
                return (y.flatMap { Span.month($0, m) }, next)
            }
            // 06/2024
            if let m = number(i), isSymbol(i + 1, "/"), let y = year(i + 2) {
                return (Span.month(y, m), i + 3)
            }
            // Quý III/2024, Quý IV năm 2024, Quý III-IV, quý 3 và 4
            if isWord(i, "quý", "quí"), let q = quarter(i + 1) {
                var first = q, last = q
                var next = i + 2
                while isSymbol(next, "-", "–", "—", ",", "&") || isWord(next, "và", "đến"), let more = quarter(next + 1) {
                    first = min(first, more)
                    last = max(last, more)
                    next += 2
                }
                let (y, after) = trailingYear(next)
                return (y.flatMap { Span.months($0, first * 3 - 2, last * 3) }, after)
            }
            // năm 2024 (not "hàng năm")
            if isWord(i, "năm"), !isWord(i - 1, "hàng", "hằng"), let y = year(i + 1) {
                return (Span.months(y, 1, 12), i + 2)
            }
            // trong năm, cuối năm, cả năm, hết năm (the default year)
            if isWord(i, "trong", "cuối", "cả", "hết"), isWord(i + 1, "năm"), year(i + 2) == nil {
                return (defaultYear.flatMap { Span.months($0, 1, 12) }, i + 2)
            }
            return nil
        }

        /// The latest day of every mention that is not a start.
        func mentions() -> [CivilDate] {
            var result: [CivilDate] = []
            var i = 0
            while i < tokens.count {
                guard let (named, next) = match(at: i) else {
                    i += 1
                    continue
                }
                let start = i
                i = next
                guard let span = named else { continue }
                let isDay = span.first == span.last
                if isWord(start - 1, "từ") {
                    // A start ("bắt đầu từ", "kể từ", "từ … đến …") bounds nothing.
                } else if isWord(start - 1, "trước"), !isDay {
                    // Before a month, quarter or year: the day before it starts.
                    if let before = Self.dayBefore(span.first) { result.append(before) }
                } else {
                    result.append(span.last)
                }
            }
            return result
        }

        static func dayBefore(_ date: CivilDate) -> CivilDate? {
            if date.day > 1 { return CivilDate(year: date.year, month: date.month, day: date.day - 1) }
            if date.month > 1 {
                let m = date.month - 1
                return CivilDate(year: date.year, month: m, day: CivilDate.daysIn(month: m, year: date.year))
            }
            return CivilDate(year: date.year - 1, month: 12, day: 31)
        }
    }
}
