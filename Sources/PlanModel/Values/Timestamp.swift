/// An ISO-8601 date-time with an explicit zone, e.g. `2024-11-18T09:30:00+07:00` or
/// `2024-11-18T02:30:00Z`; fractional seconds (`09:30:00.250Z`) are allowed.
///
/// The text is kept as written (equality and hashing use it); ordering is by instant,
/// ties broken by the text so that `<` stays consistent with `==`.
public struct Timestamp: Hashable, Comparable, Sendable, TextCodable {
    /// The text as written.
    public let text: String
    /// The calendar date as written (local to the offset).
    public let date: CivilDate
    /// Seconds since 1970-01-01T00:00:00Z, without the fraction.
    public let secondsSinceEpoch: Int
    /// Fractional-second digits as written ("" when none).
    let fraction: String

    /// Validates and wraps an ISO-8601 date-time string.
    public init?(_ text: String) {
        let b = Array(text.utf8)
        guard b.count >= 20, let date = CivilDate(String(decoding: b[0..<10], as: UTF8.self)),
            b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
            let hour = parseDigits(b[11..<13]), let minute = parseDigits(b[14..<16]),
            let second = parseDigits(b[17..<19]), hour < 24, minute < 60, second < 60
        else { return nil }
        var i = 19
        var fraction = ""
        if b[i] == UInt8(ascii: ".") {
            let start = i + 1
            i = start
            while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
            guard i > start, i - start <= 9 else { return nil }
            fraction = String(decoding: b[start..<i], as: UTF8.self)
        }
        var offset = 0
        guard i < b.count else { return nil }
        if b[i] == UInt8(ascii: "Z") {
            guard i + 1 == b.count else { return nil }
        } else {
            guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), i + 6 == b.count,
                b[i + 3] == UInt8(ascii: ":"),
                let oh = parseDigits(b[(i + 1)..<(i + 3)]), let om = parseDigits(b[(i + 4)..<(i + 6)]),
                oh <= 23, om < 60
            else { return nil }
            offset = (oh * 60 + om) * 60 * (b[i] == UInt8(ascii: "-") ? -1 : 1)
        }
        self.text = text
        self.date = date
        self.fraction = fraction
        self.secondsSinceEpoch =
            date.daysSinceEpoch * 86400 + hour * 3600 + minute * 60 + second - offset
    }

    public var description: String { text }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        if lhs.secondsSinceEpoch != rhs.secondsSinceEpoch {
            return lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
        }
        let lf = lhs.fraction.padding(9), rf = rhs.fraction.padding(9)
        if lf != rf { return lf < rf }
        return lhs.text < rhs.text
    }

    public static func == (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    public static let expectation = "a date-time such as 2024-11-18T09:30:00+07:00"
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: "0", count: width - count)
    }
}
