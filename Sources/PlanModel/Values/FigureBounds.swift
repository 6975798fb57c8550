/// How large and how fine a figure may be, so that no figure is silently rounded and no sum
/// up the hierarchy comes near the range of ``Exact`` (about 10^165).
///
/// - A reported figure (`progress/…`: value, numerator, denominator) has at most 15 integer
///   digits and 6 decimals: 999 999 999 999 999 dossiers or đồng is more than a province
///   counts, and scores (4 places) and percentages (2 places) need fewer decimals.
/// - A rollup figure (`rollup/…`) has at most 24 integer digits (a billion units' figures of
///   15 digits each) and 20 decimals (the digits a mean keeps, ``Exact/divisionScale``).
public enum FigureBounds {
    public static let integerDigits = 15
    public static let fractionDigits = 6
    public static let rollupIntegerDigits = 24
    public static let rollupFractionDigits = Exact.divisionScale

    /// Digits before and after the decimal point of `value` (leading and trailing zeros not
    /// counted): `41940` → (5, 0), `0.0025` → (0, 4), `1e127` → (128, 0).
    public static func digits(of value: Exact) -> (integer: Int, fraction: Int) {
        if value == .zero { return (0, 0) }
        let magnitude = value.decimal.magnitude
        var significand = Array(magnitude.significand.description.utf8)
        var exponent = magnitude.exponent
        while significand.count > 1, significand.last == UInt8(ascii: "0") {
            significand.removeLast()
            exponent += 1
        }
        let integer = max(0, significand.count + exponent)
        return (integer, max(0, -exponent))
    }

    private static let reportLimit = Exact(999_999_999_999_999)

    /// Whether `value` is within the bounds of a reported figure.
    public static func fitsReport(_ value: Exact) -> Bool {
        // Most figures: few decimals and well below the limit, decided without printing digits.
        let exponent = value.decimal.exponent
        if exponent >= -fractionDigits, exponent <= 0, value <= reportLimit, value >= -reportLimit { return true }
        let d = digits(of: value)
        return d.integer <= integerDigits && d.fraction <= fractionDigits
    }

    /// Whether `value` is within the bounds of a rollup figure.
    public static func fitsRollup(_ value: Exact) -> Bool {
        let d = digits(of: value)
        return d.integer <= rollupIntegerDigits && d.fraction <= rollupFractionDigits
    }
}
