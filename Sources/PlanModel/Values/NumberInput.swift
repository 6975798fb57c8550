import Foundation

/// Numbers as people type them: `41940`, `41.940` or `41,940`, `86,2482` or `86.2482`.
///
/// English writes a decimal point and may group thousands with commas (`41,940.5`);
/// Vietnamese offices write a decimal comma and group thousands with dots (`41.940,5`).
/// Spaces may group thousands in both (`41 940`). The reader's ``Language`` decides between
/// the two only where a spelling means something in both:
///
/// - a spelling only one convention can read is read so, whatever the language: `41,5` is
///   41.5, `62.4` is 62.4, `1.120.500` is 1120500, `41,940.5` is 41940.5;
/// - a spelling both read the same way is that number (`1120`, `0,5` against `0.5` aside);
/// - a spelling both read differently (`1.120`: 1.12 with a decimal point, 1120 with a dot
///   between thousands) is read in the reader's convention — **except** that a count
///   (numerators, denominators, figures of count and rank indicators) is a whole number: where
///   the reader's reading is not whole, the spelling is refused with both readings shown, never
///   taken silently as 1.12 or as 1120;
/// - exponents (`1e-100`), signs other than a leading `-`, and more than
///   ``FigureBounds/integerDigits`` integer or ``FigureBounds/fractionDigits`` decimal digits
///   are refused. A trailing `%` is allowed on a value (not on a count).
public enum NumberInput {
    /// Whether the number is a count (whole) or any value.
    public enum Kind: Sendable {
        case count, value
    }

    /// The two ways of writing decimals.
    public enum Convention: Sendable, CaseIterable {
        /// Decimal point, commas (or spaces) between thousands.
        case point
        /// Decimal comma, dots (or spaces) between thousands.
        case comma

        /// The convention `language` writes.
        public init(_ language: Language) {
            self = language == .vietnamese ? .comma : .point
        }
    }

    /// `text` read as a number, or the problem (a ``Message`` of the `input.number.*` codes,
    /// with both readings where it is ambiguous).
    public static func parse(_ text: String, as kind: Kind, language: Language) -> Result<Exact, InputProblem> {
        var input = text.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespaces)
        let shown = input
        if kind == .value, input.hasSuffix("%") { input = String(input.dropLast()).trimmingCharacters(in: .whitespaces) }
        guard !input.isEmpty else { return .failure(InputProblem(Message("input.number.empty"))) }
        let mine = Convention(language)
        let other: Convention = mine == .point ? .comma : .point
        let first = reading(input, mine), second = reading(input, other)
        func whole(_ r: Reading) -> Bool { kind == .value || r.value.isInteger }
        let chosen: Reading
        switch (first, second) {
        case (nil, nil):
            if let problem = tooLong(input) { return .failure(problem) }
            return .failure(InputProblem(Message("input.number.not-a-number", ["input": .text(shown)])))
        case (let a?, nil):
            chosen = a
        case (nil, let b?):
            chosen = b
        case (let a?, let b?):
            if a.value == b.value || whole(a) {
                chosen = a
            } else if whole(b) {
                // `1.120` as a count in English: 1.12 is no count, and 1120 is only how
                // Vietnamese writes it; say both and let the clerk type which.
                let (point, comma) = mine == .point ? (a, b) : (b, a)
                return .failure(InputProblem(Message("input.number.ambiguous-count", [
                    "input": .text(shown), "point-reading": .number(point.value), "comma-reading": .number(comma.value),
                    "whole": .text(b.value.description),
                ])))
            } else {
                chosen = a
            }
        }
        if !chosen.fits { return .failure(tooLong(input) ?? InputProblem(Message("input.number.too-long", bounds(shown)))) }
        if !whole(chosen) {
            return .failure(InputProblem(Message("input.number.not-whole", ["input": .text(shown), "value": .number(chosen.value)])))
        }
        return .success(chosen.value)
    }

    /// The number `text` spells in `convention`, nil when it does not spell one there.
    public static func value(_ text: String, in convention: Convention) -> Exact? {
        reading(text.trimmingCharacters(in: .whitespaces), convention)?.value
    }

    struct Reading {
        var value: Exact
        var fits: Bool
    }

    private static func bounds(_ input: String) -> [String: Message.Value] {
        ["input": .text(input), "integer-digits": .count(FigureBounds.integerDigits), "fraction-digits": .count(FigureBounds.fractionDigits)]
    }

    /// A spelling of digits too long for a figure (or for `Exact`) gets the bounds' message.
    private static func tooLong(_ input: String) -> InputProblem? {
        let digits = input.filter(\.isASCII).filter(\.isNumber).count
        let allowed = Set("0123456789.,- \u{00A0}\u{202F}")
        guard digits > FigureBounds.integerDigits, input.allSatisfy({ allowed.contains($0) }) else { return nil }
        return InputProblem(Message("input.number.too-long", bounds(input)))
    }

    /// Grammar in a convention: `-? int (decimal digits+)?` where `int` is plain digits or
    /// groups of three after a first group of 1–3 (not starting with 0) joined by one
    /// separator: the convention's grouping mark or a space.
    static func reading(_ text: String, _ convention: Convention) -> Reading? {
        let groupMark: Character = convention == .point ? "," : "."
        let decimalMark: Character = convention == .point ? "." : ","
        var chars = Array(text)
        var negative = false
        if chars.first == "-" {
            negative = true
            chars.removeFirst()
        }
        guard !chars.isEmpty else { return nil }
        var integerPart = chars[...], fraction: ArraySlice<Character> = []
        if let dot = chars.firstIndex(of: decimalMark) {
            integerPart = chars[..<dot]
            fraction = chars[(dot + 1)...]
            guard !fraction.isEmpty, fraction.allSatisfy(isDigit) else { return nil }
        }
        guard !integerPart.isEmpty else { return nil }
        let separators = Set(integerPart.filter { !isDigit($0) })
        var digits = ""
        if separators.isEmpty {
            digits = String(integerPart)
        } else {
            guard separators.count == 1, let mark = separators.first,
                  mark == groupMark || mark == " " || mark == "\u{00A0}" || mark == "\u{202F}" else { return nil }
            let groups = integerPart.split(separator: mark, omittingEmptySubsequences: false)
            guard let head = groups.first, (1...3).contains(head.count), head.first != "0",
                  groups.dropFirst().allSatisfy({ $0.count == 3 && $0.allSatisfy(isDigit) }), head.allSatisfy(isDigit)
            else { return nil }
            digits = groups.map { String($0) }.joined()
        }
        let significantInteger = digits.drop { $0 == "0" }.count
        var fractionText = String(fraction)
        while fractionText.hasSuffix("0") { fractionText.removeLast() }
        let fits = significantInteger <= FigureBounds.integerDigits && fractionText.count <= FigureBounds.fractionDigits
        // Beyond the bounds the number still reads (to say what it is), if `Exact` holds it.
        let canonical = (negative ? "-" : "") + digits + (fraction.isEmpty ? "" : "." + String(fraction))
        guard let value = Exact(canonical) else { return nil }
        return Reading(value: value, fits: fits)
    }

    private static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
}

/// Why a text a person typed cannot be taken: a ``Message`` saying what was read and what to
/// type instead.
public struct InputProblem: Error, Hashable, Sendable, CustomStringConvertible, MessageConvertible {
    public let message: Message

    public init(_ message: Message) {
        self.message = message
    }

    public var description: String { message.description }
}
