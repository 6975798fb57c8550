import Foundation

/// An exact decimal number: at most 38 significant digits, never a binary float.
///
/// `Exact` wraps Foundation's `Decimal` but owns parsing and printing, so the text form is
/// canonical and identical on every platform: no exponent, no trailing fractional zeros,
/// no `-0` (`Exact("13.50")!.description == "13.5"`).
///
/// Addition, subtraction and multiplication are exact while the result has at most 38
/// significant digits (beyond that `Decimal` rounds). Division is rounded half-up to
/// ``divisionScale`` (20) fractional digits.
public struct Exact: Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByIntegerLiteral
{
    /// The most significant digits an `Exact` holds.
    public static let maxDigits = 38
    /// Fractional digits kept by `/`.
    public static let divisionScale = 20

    /// The underlying Foundation value (never NaN).
    public let decimal: Decimal

    /// Wraps a finite `Decimal`; returns nil for NaN or more than 38 significant digits.
    public init?(_ decimal: Decimal) {
        guard !decimal.isNaN, let parsed = Exact(decimal.description) else { return nil }
        self = parsed
    }

    private init(unchecked decimal: Decimal) {
        precondition(!decimal.isNaN, "Exact arithmetic overflowed")
        self.decimal = decimal.isZero ? Decimal.zero : decimal
    }

    /// Creates a value from an integer.
    public init(_ value: Int) {
        self.init(unchecked: Decimal(value))
    }

    public init(integerLiteral value: Int) {
        self.init(value)
    }

    /// Parses a plain decimal (`-?digits(.digits)?`) or a JSON number with an exponent
    /// (`1.5e2`). Returns nil for anything that is not exactly representable: empty text,
    /// NaN, more than 38 significant digits, or a decimal exponent outside −128…127.
    public init?(_ text: String) {
        guard let parts = Exact.parse(Array(text.utf8)) else { return nil }
        self.init(unchecked: parts)
    }

    /// Grammar: `-?digits(.digits)?([eE][+-]?digits)?` (a leading `+`, a lone `.` or
    /// leading `.5` are rejected).
    private static func parse(_ bytes: [UInt8]) -> Decimal? {
        var i = 0
        var negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        var digits: [UInt8] = []
        var fractionCount = 0
        let intStart = i
        while i < bytes.count, isDigit(bytes[i]) {
            digits.append(bytes[i] &- 48)
            i += 1
        }
        guard i > intStart else { return nil }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            let fracStart = i
            while i < bytes.count, isDigit(bytes[i]) {
                digits.append(bytes[i] &- 48)
                i += 1
            }
            guard i > fracStart else { return nil }
            fractionCount = i - fracStart
        }
        var exponent = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            var expNegative = false
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                expNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            let expStart = i
            while i < bytes.count, isDigit(bytes[i]) {
                // Clamp: anything this large is out of range anyway.
                if exponent < 100_000 { exponent = exponent * 10 + Int(bytes[i] &- 48) }
                i += 1
            }
            guard i > expStart else { return nil }
            if expNegative { exponent = -exponent }
        }
        guard i == bytes.count else { return nil }
        // Normalise: drop leading zeros, move trailing zeros into the exponent.
        var first = 0
        while first < digits.count, digits[first] == 0 { first += 1 }
        if first == digits.count { return Decimal.zero }
        var last = digits.count
        var scale = exponent - fractionCount
        while digits[last - 1] == 0 {
            last -= 1
            scale += 1
        }
        let significant = digits[first..<last]
        guard significant.count <= maxDigits, scale >= -128, scale <= 127 else { return nil }
        var mantissa = Decimal.zero
        for d in significant { mantissa = mantissa * 10 + Decimal(Int(d)) }
        return Decimal(sign: negative ? .minus : .plus, exponent: scale, significand: mantissa)
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    /// The canonical text: plain digits, no exponent, no trailing fractional zeros, no `-0`.
    public var description: String {
        if decimal.isZero { return "0" }
        let magnitude = decimal.magnitude
        var digits = Array(magnitude.significand.description.utf8)
        var exponent = magnitude.exponent
        while digits.count > 1, digits.last == UInt8(ascii: "0") {
            digits.removeLast()
            exponent += 1
        }
        var text: String
        if exponent >= 0 {
            text = String(decoding: digits, as: UTF8.self) + String(repeating: "0", count: exponent)
        } else {
            let fraction = -exponent
            if digits.count > fraction {
                let split = digits.count - fraction
                text = String(decoding: digits[..<split], as: UTF8.self) + "."
                    + String(decoding: digits[split...], as: UTF8.self)
            } else {
                text = "0." + String(repeating: "0", count: fraction - digits.count)
                    + String(decoding: digits, as: UTF8.self)
            }
        }
        if decimal.sign == .minus { text = "-" + text }
        return text
    }

    /// True when the value has no fractional part.
    public var isInteger: Bool { !description.contains(".") }

    /// True when the value is below zero.
    public var isNegative: Bool { decimal < 0 }

    /// The value as an `Int` when it is an integer in range.
    public var intValue: Int? {
        isInteger ? Int(description) : nil
    }

    /// Rounds to `scale` fractional digits, half away from zero (`1.00005` → `1.0001`,
    /// `-0.5` at scale 0 → `-1`).
    public func rounded(scale: Int) -> Exact {
        var source = decimal
        var result = Decimal()
        NSDecimalRound(&result, &source, scale, .plain)
        return Exact(unchecked: result)
    }

    /// `dividend / divisor` rounded half away from zero to `scale` fractional digits, decided
    /// on the exact quotient (no double rounding through the 20 digits of `/`):
    /// `quotient(41940 * 1.5, 58818, scale: 4)` is `1.0696`. Nil when `divisor` is zero or
    /// `scale` is outside −127…128.
    public static func quotient(_ dividend: Exact, _ divisor: Exact, scale: Int) -> Exact? {
        guard divisor != 0 else { return nil }
        let negative = dividend.isNegative != divisor.isNegative && dividend != 0
        let n = dividend.isNegative ? -dividend : dividend
        let d = divisor.isNegative ? -divisor : divisor
        guard let unit = Exact("1e\(-scale)") else { return nil }
        // The largest multiple of `unit` not above n / d, checked with exact products.
        var low = (n / d).rounded(scale: scale)
        while low * d > n { low -= unit }
        while (low + unit) * d <= n { low += unit }
        let twice = (low + low + unit) * d  // 2 × (low + unit / 2) × d
        let result = n + n >= twice ? low + unit : low
        return negative ? -result : result
    }

    public static func + (lhs: Exact, rhs: Exact) -> Exact {
        Exact(unchecked: lhs.decimal + rhs.decimal)
    }

    public static func - (lhs: Exact, rhs: Exact) -> Exact {
        Exact(unchecked: lhs.decimal - rhs.decimal)
    }

    public static func * (lhs: Exact, rhs: Exact) -> Exact {
        Exact(unchecked: lhs.decimal * rhs.decimal)
    }

    /// Division rounded half-up to 20 fractional digits. Division by zero traps.
    public static func / (lhs: Exact, rhs: Exact) -> Exact {
        precondition(!rhs.decimal.isZero, "Exact division by zero")
        return Exact(unchecked: lhs.decimal / rhs.decimal).rounded(scale: divisionScale)
    }

    public static prefix func - (value: Exact) -> Exact {
        Exact(unchecked: -value.decimal)
    }

    public static func += (lhs: inout Exact, rhs: Exact) { lhs = lhs + rhs }
    public static func -= (lhs: inout Exact, rhs: Exact) { lhs = lhs - rhs }

    public static func < (lhs: Exact, rhs: Exact) -> Bool { lhs.decimal < rhs.decimal }

    public static func == (lhs: Exact, rhs: Exact) -> Bool { lhs.decimal == rhs.decimal }

    public func hash(into hasher: inout Hasher) { hasher.combine(description) }

    /// Zero.
    public static let zero: Exact = 0

    /// Encodes as a `Decimal` (for Foundation coders; `CanonicalJSON` writes the literal).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(decimal)
    }

    /// Decodes from a `Decimal` (for Foundation coders; `CanonicalJSON` reads the literal).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let value = try container.decode(Decimal.self)
        guard let exact = Exact(value) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "number is not exactly representable")
        }
        self = exact
    }
}
