import PlanModel

/// Renders an ``ExportReport`` as a self-contained HTML page (inline CSS and SVG charts, no
/// script, no network), as CSV (one block per table, separated by a blank line) or as
/// Markdown tables an office pastes into its report.
public enum ExportRenderer {
    public enum Format: String, CaseIterable, Sendable {
        case html, csv, md
    }

    /// A titled table: the same content in every format.
    struct Table {
        let id: String
        let title: String
        let header: [String]
        let rows: [[String]]
    }

    public static func render(_ report: ExportReport, as format: Format) -> String {
        switch format {
        case .html: return html(report)
        case .csv: return tables(report).map(csv).joined(separator: "\n")
        case .md: return markdown(report)
        }
    }

    static func tables(_ report: ExportReport) -> [Table] {
        [
            Table(id: "status", title: "Targets and figures", header: ["unit", "name", "indicator", "target", "actual", "period", "deadline", "state"],
                  rows: report.status.map { [$0.unit, $0.name, $0.indicator, $0.target, $0.actual, $0.period, $0.deadline, $0.state] }),
            Table(id: "findings", title: "Findings", header: ["source", "severity", "kind", "unit", "item", "commit", "message"],
                  rows: report.findings.map { [$0.source, $0.severity, $0.kind, $0.unit, $0.item, String($0.commit.prefix(7)), $0.message] }),
            Table(id: "history", title: "Change history", header: ["date", "unit", "author", "change", "commit", "authority"],
                  rows: report.history.map {
                      ["\($0.commit.date)", $0.change.unit, $0.commit.author, $0.change.summary, $0.commit.short, $0.commit.authority ?? ""]
                  }),
        ]
    }

    static func title(_ report: ExportReport) -> String {
        "Audit report: \(report.name) (\(report.unit))"
    }

    static func subtitle(_ report: ExportReport) -> String {
        "as of \(report.asOf), from commit \(report.head)"
    }

    static func csv(_ table: Table) -> String {
        func cell(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        return ([[table.title]] + [table.header] + table.rows).map { $0.map(cell).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    static func markdown(_ report: ExportReport) -> String {
        var text = "# \(title(report))\n\n\(subtitle(report))\n"
        for table in tables(report) {
            func row(_ cells: [String]) -> String {
                "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }.joined(separator: " | ") + " |"
            }
            text += "\n## \(table.title)\n\n"
            if table.rows.isEmpty { text += "None.\n"; continue }
            text += ([row(table.header), row(table.header.map { _ in "---" })] + table.rows.map(row)).joined(separator: "\n") + "\n"
        }
        return text
    }

    static func html(_ report: ExportReport) -> String {
        var body = "<h1>\(escape(title(report)))</h1>\n<p class=\"meta\">\(escape(subtitle(report)))</p>\n"
        body += "<section id=\"charts\"><h2>Figures against targets</h2>\n"
        body += report.series.isEmpty ? "<p>No targets.</p>\n" : report.series.map(ExportChart.svg).joined(separator: "\n")
        body += "</section>\n"
        for table in tables(report) {
            body += "<section><h2>\(escape(table.title))</h2>\n"
            if table.rows.isEmpty { body += "<p>None.</p></section>\n"; continue }
            body += "<table id=\"\(table.id)\"><thead><tr>" + table.header.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead><tbody>\n"
            for row in table.rows {
                let severity = table.id == "findings" ? " class=\"\(escape(row[1]))\"" : ""
                body += "<tr\(severity)>" + row.map { "<td>\(escape($0))</td>" }.joined() + "</tr>\n"
            }
            body += "</tbody></table></section>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="vi">
            <head>
            <meta charset="utf-8">
            <title>\(escape(title(report)))</title>
            <style>
            body { font-family: "Times New Roman", serif; margin: 2em; color: #111; }
            table { border-collapse: collapse; margin-bottom: 1.5em; font-size: 0.9em; }
            th, td { border: 1px solid #999; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
            th { background: #eee; }
            tr.error td { background: #fde2e2; }
            tr.warning td { background: #fff4d6; }
            .meta { color: #555; }
            svg.chart { margin: 0 1em 1em 0; border: 1px solid #ccc; }
            @media print { section { break-inside: avoid; } }
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    static func escape(_ text: String) -> String {
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
