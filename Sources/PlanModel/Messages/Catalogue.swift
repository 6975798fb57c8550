/// The words of the tool: one catalogue per language, each a table from a message code to a
/// template (data in `Catalogue/<language>/…`, one section per area of the tool).
///
/// A template places arguments by name: `{unit}`; `{count|error|errors}` picks the first
/// form when `count` is 1 and the second otherwise. A `{` not followed by a name and `}` or
/// `|` is an ordinary character, so `{"schema": 1}` needs no escaping.
public enum Catalogue {
    /// Every English template, by code.
    public static let english: [String: String] = merged(englishSections)
    /// Every Vietnamese template, by code.
    public static let vietnamese: [String: String] = merged(vietnameseSections)

    /// The codes whose template appears in two sections of one language (a mistake the
    /// catalogue tests report).
    public static var duplicates: [String] {
        var twice: [String] = []
        for (language, sections) in [("en", englishSections), ("vi", vietnameseSections)] {
            var seen = Set<String>()
            for section in sections {
                for code in section.keys where !seen.insert(code).inserted { twice.append("\(language):\(code)") }
            }
        }
        return twice.sorted()
    }

    /// Each language's sections, in one order: a new section is added to both lists.
    private static var englishSections: [[String: String]] {
        [
            englishCore, englishInput, englishValidation, englishCheck, englishAudit, englishWorkflows, englishChild,
            englishCommands, englishHelp, englishDemo, englishExport,
            englishHub,
            englishWorkbook,
            englishIntegrity,
            englishScope,
            englishAccess,
            englishSigning,
            englishMaintain,
            englishScale,
            englishBundle,
            englishPlanData,
            englishReorg,
            englishComparison,
            englishWeb,
            englishHardening,
            englishWeb21,
        ]
    }

    private static var vietnameseSections: [[String: String]] {
        [
            vietnameseCore, vietnameseInput, vietnameseValidation, vietnameseCheck, vietnameseAudit, vietnameseWorkflows,
            vietnameseChild, vietnameseCommands, vietnameseHelp, vietnameseDemo, vietnameseExport,
            vietnameseHub,
            vietnameseWorkbook,
            vietnameseIntegrity,
            vietnameseScope,
            vietnameseAccess,
            vietnameseSigning,
            vietnameseMaintain,
            vietnameseScale,
            vietnameseBundle,
            vietnamesePlanData,
            vietnameseReorg,
            vietnameseComparison,
            vietnameseWeb,
            vietnameseHardening,
            vietnameseWeb21,
        ]
    }

    private static func merged(_ sections: [[String: String]]) -> [String: String] {
        sections.reduce(into: [:]) { all, section in all.merge(section) { first, _ in first } }
    }

    /// The template of `code` in `language`: the English one where a language lacks it (the
    /// catalogue tests make sure none does), nil for a code no catalogue knows.
    public static func template(_ code: String, in language: Language) -> String? {
        switch language {
        case .english: return english[code]
        case .vietnamese: return vietnamese[code] ?? english[code]
        case .pseudo:
            if code == "untranslated" { return "⚠{text}" }
            return code == "verbatim" ? english[code] : english[code].map(pseudo)
        }
    }

    /// `message` in `language`. An unknown code shows as `«code»`, an argument the template
    /// names but the message lacks as `‹name?›`: both are bugs the tests look for.
    public static func render(_ message: Message, in language: Language) -> String {
        guard let template = template(message.code, in: language) else { return "«\(message.code)»" }
        return fill(template, with: message.arguments, in: language)
    }

    /// The names a template places (`{unit}`, `{count|…|…}`), in order of first use.
    public static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        scan(template) { piece in
            if case .placeholder(let name, _) = piece, !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// One argument as `language` writes it.
    public static func format(_ value: Message.Value, in language: Language) -> String {
        switch value {
        case .text(let text): return text
        case .year(let year): return String(year)
        case .count(let count): return language == .vietnamese ? NumberStyle.vietnamese(Exact(count).description) : String(count)
        case .number(let number): return language == .vietnamese ? NumberStyle.vietnamese(number.description) : number.description
        case .percent(let number): return format(.number(number), in: language) + "%"
        case .date(let date): return language == .vietnamese ? PeriodStyle.vietnamese(date) : date.description
        case .period(let text): return language == .vietnamese ? PeriodStyle.vietnamese(text) : text
        case .term(let code): return render(Message(code), in: language)
        case .message(let message): return render(message, in: language)
        case .list(let values, let separator): return values.map { format($0, in: language) }.joined(separator: separator)
        }
    }

    // MARK: - Templates

    private enum Piece {
        case literal(Substring)
        case placeholder(String, forms: [Substring])
    }

    private static func isNameCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "_" || c == ".")
    }

    /// Splits a template into literal text and placeholders.
    private static func scan(_ template: String, _ visit: (Piece) -> Void) {
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            let afterOpen = rest.index(after: open)
            var end = afterOpen
            while end < rest.endIndex, isNameCharacter(rest[end]) { end = rest.index(after: end) }
            guard end > afterOpen, end < rest.endIndex, rest[end] == "}" || rest[end] == "|",
                  let close = rest[end...].firstIndex(of: "}") else {
                visit(.literal(rest[...open]))
                rest = rest[afterOpen...]
                continue
            }
            if open > rest.startIndex { visit(.literal(rest[..<open])) }
            let name = String(rest[afterOpen..<end])
            let forms = rest[end] == "|" ? rest[rest.index(after: end)..<close].split(separator: "|", omittingEmptySubsequences: false) : []
            visit(.placeholder(name, forms: forms))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { visit(.literal(rest)) }
    }

    private static func fill(_ template: String, with arguments: [String: Message.Value], in language: Language) -> String {
        var text = ""
        scan(template) { piece in
            switch piece {
            case .literal(let literal):
                text += literal
            case .placeholder(let name, let forms):
                guard let value = arguments[name] else {
                    text += "‹\(name)?›"
                    return
                }
                if forms.isEmpty {
                    text += format(value, in: language)
                } else {
                    let one: Bool
                    switch value {
                    case .count(let n): one = n == 1
                    case .number(let n): one = n == Exact(1)
                    default: one = false
                    }
                    text += String(one ? forms[0] : forms[min(1, forms.count - 1)])
                }
            }
        }
        return text
    }

    /// The pseudo-language form of an English template: in ⟦…⟧, vowels accented outside
    /// placeholders and `commands`.
    private static func pseudo(_ template: String) -> String {
        var result = "⟦"
        scan(template) { piece in
            switch piece {
            case .literal(let literal):
                var inCode = false
                for character in literal {
                    if character == "`" { inCode.toggle() }
                    result.append(inCode ? character : (accents[character] ?? character))
                }
            case .placeholder(let name, let forms):
                result += "{" + name + (forms.isEmpty ? "" : "|" + forms.map { String($0.map { accents[$0] ?? $0 }) }.joined(separator: "|")) + "}"
            }
        }
        return result + "⟧"
    }

    private static let accents: [Character: Character] = [
        "a": "à", "e": "é", "i": "ï", "o": "ö", "u": "ü", "y": "ý", "A": "Å", "E": "É", "I": "Î", "O": "Ö", "U": "Ü",
    ]
}

/// Numbers as Vietnamese offices write them: thousands dot, decimal comma (41.940; 86,2482).
enum NumberStyle {
    static func vietnamese(_ canonical: String) -> String {
        var text = canonical[...]
        var sign = ""
        if text.hasPrefix("-") {
            sign = "-"
            text = text.dropFirst()
        }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = Array(parts[0])
        var grouped = ""
        for (index, digit) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { grouped.append(".") }
            grouped.append(digit)
        }
        return sign + grouped + (parts.count > 1 ? "," + parts[1] : "")
    }
}

/// Dates and periods as Vietnamese documents write them: 20/06/2024, Tháng 11/2024,
/// Quý III/2024, 6 tháng đầu năm 2024, Năm 2024.
enum PeriodStyle {
    static func vietnamese(_ date: CivilDate) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(date.day))/\(two(date.month))/\(date.year)"
    }

    static func vietnamese(_ text: String) -> String {
        if let range = text.range(of: "..") {
            let from = String(text[..<range.lowerBound]), to = String(text[range.upperBound...])
            if let a = CivilDate(from), let b = CivilDate(to) { return vietnamese(a) + "–" + vietnamese(b) }
        }
        guard let period = Period(text) else { return text }
        switch period {
        case .year(let y): return "Năm \(y)"
        case .half(let y, let h): return h == 1 ? "6 tháng đầu năm \(y)" : "6 tháng cuối năm \(y)"
        case .quarter(let y, let q): return "Quý \(["I", "II", "III", "IV"][q - 1])/\(y)"
        case .month(let y, let m): return "Tháng \(m)/\(y)"
        case .day(let d): return vietnamese(d)
        }
    }
}
