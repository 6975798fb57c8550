import PlanModel

/// Renders an ``ExportReport`` as a self-contained HTML document an official signs (inline
/// CSS and SVG charts, no script, no network; see `ExportDocument.swift`), as CSV (one block per table, separated by a blank line) or as
/// Markdown tables an office pastes into its report.
public enum ExportRenderer {
    public enum Format: String, CaseIterable, Sendable {
        case html, csv, md
    }

    /// A titled table: the same content in every format, in the reader's language.
    struct Table {
        let id: String
        let title: String
        let header: [String]
        let rows: [[String]]
        /// The severity code of each row, for the page's colours (findings only).
        var classes: [String] = []
    }

    /// `report` as `format`, every heading, label, state and value in `language` (the
    /// caller's choice: this module never picks one).
    public static func render(_ report: ExportReport, as format: Format, in language: Language, signing: ExportSigning = ExportSigning()) -> String {
        let words = Words(language)
        switch format {
        case .html: return document(report, words, signing: signing)
        case .csv: return tables(report, words).map(csv).joined(separator: "\n")
        case .md: return markdown(report, words)
        }
    }

    /// The catalogue and the formats of one language.
    struct Words {
        let language: Language

        init(_ language: Language) { self.language = language }

        func callAsFunction(_ code: String, _ arguments: [String: Message.Value] = [:]) -> String {
            Message(code, arguments).rendered(in: language)
        }

        func callAsFunction(_ value: Message.Value) -> String { Catalogue.format(value, in: language) }

        /// A change's summary, whether the audit layer gives it as text or as a message.
        func summary(_ text: String) -> String { text }
        func summary(_ message: Message) -> String { message.rendered(in: language) }

        /// `<html lang>`: the language's tag.
        var tag: String { language == .vietnamese ? "vi" : "en" }
    }

    static func tables(_ report: ExportReport, _ words: Words) -> [Table] {
        let status = ["unit", "name", "indicator", "target", "actual", "period", "deadline", "state"]
        let findings = ["source", "severity", "kind", "unit", "item", "commit", "message"]
        let history = ["date", "unit", "author", "change", "commit", "authority"]
        return [
            Table(id: "status", title: words("export.table.status"), header: status.map { words("export.column.\($0)") },
                  rows: report.status.map { line in
                      [line.unit, line.name, line.indicator,
                       words("export.target", ["comparator": .text(line.comparator), "value": .number(line.target)]),
                       actual(line, words), line.period.map { words(.period($0)) } ?? "—", line.deadline.map { words(.date($0)) } ?? "",
                       words("term.state.\(line.state)")]
                  }),
            Table(id: "findings", title: words("export.table.findings"), header: findings.map { words("export.column.\($0)") },
                  rows: report.findings.map { line in
                      [line.source, words(line.severity.term), words(.term("term.kind.\(line.kind)")), line.unit,
                       [line.subject, line.period.map { words(.period($0)) }].compactMap { $0 }.joined(separator: " "),
                       String(line.commit.prefix(7)), line.message.rendered(in: words.language)]
                  },
                  classes: report.findings.map(\.severity.rawValue)),
            Table(id: "history", title: words("export.table.history"), header: history.map { words("export.column.\($0)") },
                  rows: report.history.map {
                      [words(.date($0.commit.date)), $0.change.unit, $0.commit.author, words.summary($0.change.message), $0.commit.short, $0.commit.authorityMessage.map(words.summary) ?? ""]
                  }),
        ]
    }

    /// The latest figure: `56.58% (430/760)` for a ratio, the value otherwise, `—` when none.
    static func actual(_ line: ExportReport.StatusLine, _ words: Words) -> String {
        guard let value = line.actual else { return "—" }
        guard let fraction = line.fraction else { return words(line.isRatio ? .percent(value) : .number(value)) }
        return words("export.actual.ratio", ["rate": .percent(value), "numerator": .number(fraction.numerator), "denominator": .number(fraction.denominator)])
    }

    static func title(_ report: ExportReport, _ words: Words) -> String {
        words("export.title", ["name": .text(report.name), "unit": .text(report.unit)])
    }

    static func subtitle(_ report: ExportReport, _ words: Words) -> String {
        words("export.subtitle", ["asOf": .date(report.asOf), "commit": .text(report.head)])
    }

    static func csv(_ table: Table) -> String {
        ([[table.title]] + [table.header] + table.rows).map { $0.map(csvCell).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// A CSV cell: quoted (quotes doubled) when it holds a comma, a quote or a line break.
    static func csvCell(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    static func markdown(_ report: ExportReport, _ words: Words) -> String {
        var text = "# \(title(report, words))\n\n\(subtitle(report, words))\n"
        for table in tables(report, words) {
            func row(_ cells: [String]) -> String {
                "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }.joined(separator: " | ") + " |"
            }
            text += "\n## \(table.title)\n\n"
            if table.rows.isEmpty { text += words("export.none") + "\n"; continue }
            text += ([row(table.header), row(table.header.map { _ in "---" })] + table.rows.map(row)).joined(separator: "\n") + "\n"
        }
        return text
    }

    /// `text` safe inside HTML text and double-quoted attributes (also the web pages' one escaping).
    public static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
