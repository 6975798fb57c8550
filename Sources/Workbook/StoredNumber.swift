/// Numbers as a workbook stores them (`<v>0.825</v>`, `<v>8.2500000000000004E-2</v>`), turned
/// into plain decimal text without going through a binary floating-point value.
enum StoredNumber {
    /// Excel keeps 15 significant digits; the rest of a stored double is noise
    /// (`0.30000000000000004` is Excel's 0.3).
    static let significantDigits = 15

    /// `text` as a plain decimal (`-?digits(.digits)?`), its point moved `shift` places to
    /// the right (2 for a percentage), rounded half up to 15 significant digits; nil when
    /// `text` is not a number.
    static func plain(_ text: String, shift: Int = 0) -> String? {
        var scalars = Substring(text.trimmingCharacters(in: .whitespaces)).unicodeScalars[...]
        var negative = false
        if let first = scalars.first, first == "-" || first == "+" {
            negative = first == "-"
            scalars = scalars.dropFirst()
        }
        var digits: [UInt8] = []
        var pointAt: Int?
        var exponent = 0
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if let digit = digit(scalar) {
                digits.append(digit)
            } else if scalar == ".", pointAt == nil {
                pointAt = digits.count
            } else if scalar == "e" || scalar == "E" {
                let rest = String(scalars[scalars.index(after: index)...])
                guard let value = Int(rest), abs(value) < 400 else { return nil }
                exponent = value
                break
            } else {
                return nil
            }
            index = scalars.index(after: index)
        }
        guard !digits.isEmpty else { return nil }
        // value = 0.d1d2d3… × 10^(point), point = digits before the point + exponent + shift
        var point = (pointAt ?? digits.count) + exponent + shift
        while let first = digits.first, first == 0, digits.count > 1 {
            digits.removeFirst()
            point -= 1
        }
        if digits == [0] { return "0" }
        if digits.count > significantDigits {
            let roundUp = digits[significantDigits] >= 5
            digits.removeLast(digits.count - significantDigits)
            if roundUp {
                var k = digits.count - 1
                while k >= 0 {
                    if digits[k] == 9 { digits[k] = 0; k -= 1 } else { digits[k] += 1; break }
                }
                if k < 0 { digits.insert(1, at: 0); point += 1 }
            }
        }
        while let last = digits.last, last == 0, digits.count > 1 { digits.removeLast() }
        var integer = "", fraction = ""
        for (offset, digit) in digits.enumerated() {
            let character = Character(Unicode.Scalar(48 + digit))
            if offset < point { integer.append(character) } else { fraction.append(character) }
        }
        if point > digits.count { integer += String(repeating: "0", count: point - digits.count) }
        if point < 0 { fraction = String(repeating: "0", count: -point) + fraction }
        if integer.isEmpty { integer = "0" }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let body = fraction.isEmpty ? integer : integer + "." + fraction
        return negative && body != "0" ? "-" + body : body
    }

    private static func digit(_ scalar: Unicode.Scalar) -> UInt8? {
        (48...57).contains(scalar.value) ? UInt8(scalar.value - 48) : nil
    }

    /// A date serial (days since the workbook's epoch) as `YYYY-MM-DD`; nil for serials
    /// that name no date (negative, or 1900-02-29, which Excel's 1900 system invents).
    static func date(serial text: String, date1904: Bool) -> String? {
        guard let plain = plain(text), let days = Int(plain.prefix { $0 != "." }), days >= 0, days < 2_958_466 else { return nil }
        let fromEpoch: Int
        if date1904 {
            fromEpoch = daysFromCivil(1904, 1, 1) + days
        } else {
            guard days != 60 else { return nil }
            fromEpoch = daysFromCivil(1899, 12, days < 60 ? 31 : 30) + days
        }
        let (y, m, d) = civilFromDays(fromEpoch)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(y)-\(two(m))-\(two(d))"
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// What a cell's number format says about how to read its stored number.
enum NumberFormatKind: Equatable {
    case plain, percent, date

    /// Excel's built-in formats: 9 and 10 are percentages; 14–22, 27–36, 45–47 and 50–58
    /// are dates and times.
    static func builtIn(_ id: Int) -> NumberFormatKind {
        switch id {
        case 9, 10: return .percent
        case 14...17, 22, 27...36, 50...58: return .date
        default: return .plain
        }
    }

    /// A custom format code: literal text ("…", \x), colours and locales ([…]) are not
    /// read; a `%` makes a percentage, a day or year part a date.
    static func custom(_ code: String) -> NumberFormatKind {
        var cleaned = ""
        var inQuote = false, inBracket = false, escaped = false
        for character in code {
            if escaped { escaped = false; continue }
            if inQuote { if character == "\"" { inQuote = false }; continue }
            if inBracket { if character == "]" { inBracket = false }; continue }
            switch character {
            case "\\": escaped = true
            case "\"": inQuote = true
            case "[": inBracket = true
            case "_", "*": escaped = true  // padding: the next character is not a format
            default: cleaned.append(character)
            }
        }
        // Only the first section (positive numbers) decides.
        let first = cleaned.split(separator: ";", omittingEmptySubsequences: false).first.map(String.init) ?? cleaned
        if first.contains("%") { return .percent }
        let lower = first.lowercased()
        if lower.contains("d") || lower.contains("y") { return .date }
        return .plain
    }
}
