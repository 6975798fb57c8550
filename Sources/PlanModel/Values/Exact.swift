import Foundation

/// An exact decimal number: at most 38 significant digits, never a binary float.
///
/// `Exact` wraps Foundation's `Decimal` but owns parsing and printing, so the text form is
/// canonical and identical on every platform: no exponent, no trailing fractional zeros,
/// no `-0` (`Exact("13.50")!.description == "13.5"`).
///
/// Addition, subtraction and multiplication are exact while the result has at most 38
/// significant digits (beyond that they round half away from zero to 38 digits). Division is
/// rounded half-up to ``divisionScale`` (20) fractional digits.
///
/// Arithmetic never traps on values a document can hold (Foundation's `Decimal` does: its
/// `*` traps on overflow and underflow, and its `/` of `1e-100` by 1 is NaN). The checked
/// forms (``adding(_:)``, ``subtracting(_:)``, ``multiplied(by:)``, ``divided(by:)``) return
/// nil when the result's magnitude is beyond ``greatestMagnitude`` (about 3.4 × 10^165);
/// the operators then saturate at ±``greatestMagnitude``. A result smaller than 10^-128 is
/// 0. Validation keeps figures far inside this range (``FigureBounds``), so a validated
/// tree never comes near it: the saturation is a guard against hostile files, not a rule.
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
    /// `scale` is outside −127…128. Where the products that check the rounding cannot be
    /// exact (operands of about 38 significant digits together, far beyond what validation
    /// lets a figure hold), the quotient is `Decimal`'s 38 digits rounded to `scale`: close,
    /// and never a trap or an endless loop.
    public static func quotient(_ dividend: Exact, _ divisor: Exact, scale: Int) -> Exact? {
        guard divisor != 0 else { return nil }
        let negative = dividend.isNegative != divisor.isNegative && dividend != 0
        let n = dividend.isNegative ? -dividend : dividend
        let d = divisor.isNegative ? -divisor : divisor
        guard let unit = Exact("1e\(-scale)"), let first = n.divided(by: d) else { return nil }
        let approximate = first.rounded(scale: scale)
        func signed(_ value: Exact) -> Exact { negative ? -value : value }
        // The largest multiple of `unit` not above n / d, checked with exact products and sums
        // (a step that is not exact gives up on exactness, not on the answer).
        var low = approximate
        var steps = 0
        while true {
            guard let p = exactProduct(low, d) else { return signed(approximate) }
            if p <= n { break }
            guard steps < 4, let lower = exactSum(low, -unit) else { return signed(approximate) }
            low = lower
            steps += 1
        }
        while true {
            guard let next = exactSum(low, unit), let p = exactProduct(next, d) else { return signed(approximate) }
            if p > n { break }
            guard steps < 4 else { return signed(approximate) }
            low = next
            steps += 1
        }
        // Round half away from zero: compare 2 × (low + unit / 2) × d with 2n.
        guard let high = exactSum(low, unit), let twiceMid = exactSum(low, high), let twice = exactProduct(twiceMid, d),
              let nn = exactSum(n, n) else { return signed(approximate) }
        return signed(nn >= twice ? high : low)
    }

    /// `a × b` when `Decimal` computes it without rounding and within range, else nil.
    static func exactProduct(_ a: Exact, _ b: Exact) -> Exact? {
        if a.decimal.isZero || b.decimal.isZero { return .zero }
        let sum = a.decimal.exponent + b.decimal.exponent
        guard sum >= -128, sum <= 88 else { return nil }
        var x = a.decimal, y = b.decimal, result = Decimal()
        guard NSDecimalMultiply(&result, &x, &y, .plain) == .noError, !result.isNaN else { return nil }
        return Exact(unchecked: result)
    }

    /// `a + b` when `Decimal` computes it without rounding, else nil.
    static func exactSum(_ a: Exact, _ b: Exact) -> Exact? {
        var x = a.decimal, y = b.decimal, result = Decimal()
        guard NSDecimalAdd(&result, &x, &y, .plain) == .noError, !result.isNaN else { return nil }
        return Exact(unchecked: result)
    }

    public static func + (lhs: Exact, rhs: Exact) -> Exact {
        lhs.adding(rhs) ?? saturated(negative: lhs.isNegative)
    }

    public static func - (lhs: Exact, rhs: Exact) -> Exact {
        lhs.subtracting(rhs) ?? saturated(negative: lhs.isNegative)
    }

    public static func * (lhs: Exact, rhs: Exact) -> Exact {
        lhs.multiplied(by: rhs) ?? saturated(negative: lhs.isNegative != rhs.isNegative)
    }

    /// Division rounded half-up to 20 fractional digits. Division by zero traps (callers
    /// check the divisor: a 0/0 figure has no ratio); anything else never does.
    public static func / (lhs: Exact, rhs: Exact) -> Exact {
        precondition(!rhs.decimal.isZero, "Exact division by zero")
        return lhs.divided(by: rhs) ?? saturated(negative: lhs.isNegative != rhs.isNegative)
    }

    public static prefix func - (value: Exact) -> Exact {
        Exact(unchecked: -value.decimal)
    }

    // MARK: - Checked arithmetic

    /// The largest magnitude an `Exact` holds: 38 nines × 10^127 is below it, and so is
    /// every value Foundation's `Decimal` can hold (mantissa below 2^128, exponent ≤ 127).
    public static let greatestMagnitude = Exact(unchecked: Decimal.greatestFiniteMagnitude)

    private static func saturated(negative: Bool) -> Exact { negative ? -greatestMagnitude : greatestMagnitude }

    /// `self + other`, nil when the sum's magnitude is beyond ``greatestMagnitude``.
    public func adding(_ other: Exact) -> Exact? {
        var a = decimal, b = other.decimal, result = Decimal()
        // Addition cannot underflow; it overflows to NaN (or reports it) without trapping.
        let status = NSDecimalAdd(&result, &a, &b, .plain)
        guard status != .overflow, !result.isNaN else { return nil }
        return Exact(unchecked: result)
    }

    /// `self - other`, nil when the difference's magnitude is beyond ``greatestMagnitude``.
    public func subtracting(_ other: Exact) -> Exact? { adding(-other) }

    /// `self × other` rounded to 38 significant digits; nil when its magnitude is beyond
    /// ``greatestMagnitude``; 0 when it is below 10^-128.
    ///
    /// The significands are multiplied with exponent 0 (where `Decimal` is safe), and the
    /// exponents added here: `Decimal`'s own `*` traps when the product underflows.
    public func multiplied(by other: Exact) -> Exact? {
        if decimal.isZero || other.decimal.isZero { return .zero }
        let sum = decimal.exponent + other.decimal.exponent
        if sum >= -128, sum <= 88 {
            // The product's exponent lies in sum…sum + 39, within range: `Decimal` rounds to 38
            // digits there and does not trap.
            var a = decimal, b = other.decimal, result = Decimal()
            NSDecimalMultiply(&result, &a, &b, .plain)
            if !result.isNaN { return Exact(unchecked: result) }
        }
        let a = decimal.magnitude, b = other.decimal.magnitude
        var x = a.significand, y = b.significand, product = Decimal()
        guard NSDecimalMultiply(&product, &x, &y, .plain) != .overflow, !product.isNaN else { return nil }
        return Exact.scaled(product, by: a.exponent + b.exponent, negative: isNegative != other.isNegative)
    }

    /// `self / other` rounded half-up to ``divisionScale`` fractional digits; nil when
    /// `other` is zero or the quotient's magnitude is beyond ``greatestMagnitude``.
    public func divided(by other: Exact) -> Exact? {
        guard !other.decimal.isZero else { return nil }
        if decimal.isZero { return .zero }
        let difference = decimal.exponent - other.decimal.exponent
        if difference >= -50, difference <= 50 {
            // The quotient's 38 digits have an exponent within range.
            var a = decimal, b = other.decimal, result = Decimal()
            NSDecimalDivide(&result, &a, &b, .plain)
            if !result.isNaN { return Exact(unchecked: result).rounded(scale: Exact.divisionScale) }
        }
        let a = decimal.magnitude, b = other.decimal.magnitude
        // Two significands below 2^128 with exponent 0: their quotient is within range.
        var x = a.significand, y = b.significand, quotient = Decimal()
        NSDecimalDivide(&quotient, &x, &y, .plain)
        guard !quotient.isNaN else { return nil }
        guard let scaled = Exact.scaled(quotient, by: a.exponent - b.exponent, negative: isNegative != other.isNegative) else {
            return nil
        }
        return scaled.rounded(scale: Exact.divisionScale)
    }

    /// `value × 10^shift` with the sign given, for a non-negative `value`: nil beyond the
    /// range, rounded half away from zero at 10^-128 (so 0 below it).
    private static func scaled(_ value: Decimal, by shift: Int, negative: Bool) -> Exact? {
        if value.isZero { return .zero }
        var digits = Array(value.significand.description.utf8)
        var exponent = value.exponent + shift
        func stripZeros() {
            while digits.count > 1, digits.last == UInt8(ascii: "0") {
                digits.removeLast()
                exponent += 1
            }
        }
        stripZeros()
        if exponent < -128 {
            let drop = -128 - exponent
            guard drop <= digits.count else { return .zero }
            let up = digits[digits.count - drop] >= UInt8(ascii: "5")
            digits.removeLast(drop)
            exponent = -128
            if up {
                // Add one at the last kept digit.
                var i = digits.count - 1
                while i >= 0, digits[i] == UInt8(ascii: "9") {
                    digits[i] = UInt8(ascii: "0")
                    i -= 1
                }
                if i >= 0 { digits[i] += 1 } else { digits.insert(UInt8(ascii: "1"), at: 0) }
            }
            if digits.isEmpty { return .zero }
            stripZeros()
        }
        if exponent > 127 {
            // A significand with room takes the excess exponent as zeros.
            let pad = exponent - 127
            guard digits.count + pad <= maxDigits else { return nil }
            digits += Array(repeating: UInt8(ascii: "0"), count: pad)
            exponent = 127
        }
        guard digits.count <= maxDigits + 1, let mantissa = Decimal(string: String(decoding: digits, as: UTF8.self)) else { return nil }
        let result = Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: mantissa)
        return result.isNaN ? nil : Exact(unchecked: result)
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
