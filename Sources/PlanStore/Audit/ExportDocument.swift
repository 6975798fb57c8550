import Foundation
import PlanModel

/// What makes a printed report an administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục
/// I): its number, place, recipients and signer. Empty fields are left blank on the page for
/// the office to write by hand, as a văn thư does before registration.
public struct ExportSigning: Sendable, Equatable {
    /// The document's number and symbol after "Số:", e.g. `125/BC-UBND`.
    public var number: String?
    /// The place before the date ("Buôn Đôn, ngày …"); default: the unit's name without its
    /// kind ("UBND huyện Buôn Đôn" → "Buôn Đôn").
    public var place: String?
    /// The signer's capacity, one line each ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH",
    /// "PHÓ CHỦ TỊCH").
    public var signerTitle: [String] = []
    public var signer: String?
    /// "Nơi nhận" lines; "Lưu: VT" is always last.
    public var recipients: [String] = []

    public init(number: String? = nil, place: String? = nil, signerTitle: [String] = [], signer: String? = nil, recipients: [String] = []) {
        self.number = number
        self.place = place
        self.signerTitle = signerTitle
        self.signer = signer
        self.recipients = recipients
    }

    /// The place a unit's name implies: its name after the kind of unit.
    static func place(from name: String) -> String {
        let kinds = ["ubnd tỉnh ", "ubnd thành phố ", "ubnd huyện ", "ubnd thị xã ", "ubnd xã ", "ubnd phường ", "ubnd thị trấn ",
                     "ủy ban nhân dân tỉnh ", "ủy ban nhân dân huyện ", "ủy ban nhân dân xã ", "tỉnh ", "huyện ", "xã ", "phường ", "thị trấn "]
        let lower = name.lowercased()
        for kind in kinds where lower.hasPrefix(kind) { return String(name.dropFirst(kind.count)) }
        return name
    }
}

extension ExportRenderer {
    /// The report as a printed document: the national header, number and date, title, a
    /// summary table first, charts only where an indicator has at least two figures, findings
    /// grouped by severity (errors first), the latest changes in words, recipients and the
    /// signature block; A4 with page numbers from the second page.
    static func document(_ report: ExportReport, _ words: Words, signing: ExportSigning) -> String {
        func e(_ text: String) -> String { escape(text) }
        var body = ""
        var sections = 0
        /// The next section's heading, numbered I, II, III… as the document has them.
        func heading(_ code: String) -> String {
            sections += 1
            return "<h2>\(["I", "II", "III", "IV", "V", "VI", "VII"][min(sections, 7) - 1]). \(e(words(code)))</h2>"
        }
        // Header: issuing body and number on the left, Quốc hiệu and Tiêu ngữ on the right.
        let place = signing.place ?? ExportSigning.place(from: report.name)
        let date = words("export.doc.date", ["place": .text(place), "day": .text(Self.two(report.asOf.day)),
                                             "month": .text(Self.two(report.asOf.month)), "year": .text("\(report.asOf.year)")])
        body += """
            <table class="masthead"><tr>
            <td class="issuer"><b>\(e(report.name.uppercased()))</b><div class="rule"></div>\
            <div>\(e(words("export.doc.number", ["number": .text(signing.number ?? "\u{2003}\u{2003}/BC")])))</div></td>
            <td class="nation"><b>\(e(words("export.doc.nation")))</b><br><b class="motto">\(e(words("export.doc.motto")))</b>\
            <div class="rule wide"></div><div class="place">\(e(date))</div></td>
            </tr></table>
            <h1>\(e(words("export.doc.kind")))</h1>
            <p class="subject">\(e(words("export.doc.subject", ["name": .text(report.name), "asOf": .date(report.asOf)])))</p>
            <p class="meta">\(e(words("export.doc.source", ["commit": .text(String(report.head.prefix(7)))])))</p>

            """
        // I. The summary: the unit's own targets, each with the units reported of expected.
        let own = report.status.filter { $0.unit == report.unit }
        body += "<section>\(heading("export.doc.section.summary"))\n"
        if own.isEmpty {
            body += "<p>\(e(words("export.no-targets")))</p>"
        } else {
            let tableStart = body.endIndex
            let columns = ["number", "indicator", "target", "actual", "period", "deadline", "state", "reported"]
            body += "<table class=\"data\" id=\"summary\"><thead><tr>" + columns.map { "<th>\(e(words("export.doc.column.\($0)")))</th>" }.joined() + "</tr></thead><tbody>\n"
            let names = Dictionary(report.series.map { ($0.indicator, $0.name) }, uniquingKeysWith: { a, _ in a })
            // Targets without any figure yet carry no result: one line names them all.
            let withFigures = own.filter { !($0.actual == nil && $0.state == "no-data") }
            for (index, line) in withFigures.enumerated() {
                let below = report.status.filter { $0.unit != report.unit && $0.indicator == line.indicator }
                // The units expected to report the figure (``Completeness``), else the children listed.
                let reported = if let count = line.reported, let expected = line.expected {
                    words("export.doc.reported", ["reported": .count(count), "expected": .count(expected)])
                } else {
                    below.isEmpty ? "—" : words("export.doc.reported", [
                        "reported": .count(below.filter { $0.period != nil && $0.period == line.period }.count), "expected": .count(below.count)])
                }
                let name = names[line.indicator].map { "\(line.indicator) — \($0)" } ?? line.indicator
                body += "<tr class=\"state-\(e(line.state))\"><td>\(index + 1)</td><td>\(e(name))</td>"
                    + "<td>\(e(words("export.target", ["comparator": .text(line.comparator), "value": .number(line.target)])))</td>"
                    + "<td>\(e(actual(line, words)))</td><td>\(e(line.period.map { words(.period($0)) } ?? "—"))</td>"
                    + "<td>\(e(line.deadline.map { words(.date($0)) } ?? ""))</td><td>\(e(words("term.state.\(line.state)")))</td><td>\(e(reported))</td></tr>\n"
            }
            body += "</tbody></table>"
            if withFigures.isEmpty { body.removeSubrange(tableStart...) }
            let empty = own.filter { $0.actual == nil && $0.state == "no-data" }
            if !empty.isEmpty {
                body += "<p class=\"no-data\">\(e(words("export.doc.no-data", ["count": .count(empty.count), "codes": .list(empty.map { .text($0.indicator) })])))</p>"
            }
        }
        body += "</section>\n"
        // II. Charts, only for indicators with two figures or more.
        let charted = report.series.filter { $0.points.count >= 2 }
        if !charted.isEmpty {
            body += "<section id=\"charts\">\(heading("export.doc.section.charts"))\n" + charted.map { ExportChart.svg($0, words) }.joined(separator: "\n") + "</section>\n"
        }
        // III. Units below target, with a figure missing units (incomplete) or without figures (the rest are on track).
        let lagging = report.status.filter { $0.unit != report.unit && ["missed", "at-risk", "incomplete"].contains($0.state) }
        var silent: [(name: String, count: Int)] = []
        for line in report.status where line.unit != report.unit && line.actual == nil && line.state == "no-data" {
            if let last = silent.last, last.name == line.name { silent[silent.count - 1].count += 1 } else { silent.append((line.name, 1)) }
        }
        if report.status.contains(where: { $0.unit != report.unit }) {
            body += "<section>\(heading("export.doc.section.units"))\n"
            if lagging.isEmpty && silent.isEmpty {
                body += "<p>\(e(words("export.doc.units-all-on-track")))</p>"
            } else if !lagging.isEmpty {
                let columns = ["unit", "name", "indicator", "target", "actual", "period", "state"]
                body += "<table class=\"data\" id=\"units\"><thead><tr>" + columns.map { "<th>\(e(words("export.column.\($0)")))</th>" }.joined() + "</tr></thead><tbody>\n"
                for line in lagging {
                    body += "<tr><td>\(e(line.unit))</td><td>\(e(line.name))</td><td>\(e(line.indicator))</td>"
                        + "<td>\(e(words("export.target", ["comparator": .text(line.comparator), "value": .number(line.target)])))</td>"
                        + "<td>\(e(actual(line, words)))</td><td>\(e(line.period.map { words(.period($0)) } ?? "—"))</td><td>\(e(words("term.state.\(line.state)")))</td></tr>\n"
                }
                body += "</tbody></table>"
            }
            if !silent.isEmpty {
                body += "<p class=\"no-data\">\(e(words("export.doc.units-no-data", ["units": .list(silent.map { .message(Message("export.doc.unit-count", ["name": .text($0.name), "count": .count($0.count)])) })])))</p>"
            }
            body += "</section>\n"
        }
        // IV. Findings by severity, errors first; information only counted past a few.
        body += "<section id=\"findings\">\(heading("export.doc.section.findings"))\n"
        if report.findings.isEmpty { body += "<p>\(e(words("export.doc.no-findings")))</p>" }
        for severity in [Finding.Severity.error, .warning, .info] {
            let group = report.findings.filter { $0.severity == severity }
            guard !group.isEmpty else { continue }
            let shown = severity == .info ? Array(group.prefix(10)) : group
            body += "<h3 class=\"\(severity.rawValue)\">\(e(words("export.doc.severity.\(severity.rawValue)", ["count": .count(group.count)])))</h3><ol class=\"findings \(severity.rawValue)\">\n"
            for line in shown {
                let subject = [line.unit, line.subject, line.period.map { words(.period($0)) }].compactMap { $0 }.joined(separator: " · ")
                let commit = line.commit.isEmpty ? "" : " (\(String(line.commit.prefix(7))))"
                body += "<li><b>\(e(subject))</b>: \(e(line.message.rendered(in: words.language)))\(e(commit))</li>\n"
            }
            body += "</ol>"
            if group.count > shown.count {
                body += "<p class=\"meta\">\(e(words("export.doc.more-info", ["count": .count(group.count - shown.count)])))</p>"
            }
        }
        body += "</section>\n"
        // V. The latest changes, in words.
        let recent = report.history.prefix(25)
        body += "<section id=\"history\">\(heading("export.doc.section.history"))\n"
        if recent.isEmpty { body += "<p>\(e(words("export.none")))</p>" } else {
            body += "<ul class=\"history\">\n"
            for entry in recent {
                let change = words("export.doc.change", [
                    "date": .date(entry.commit.date), "author": .text(entry.commit.author), "unit": .text(entry.change.unit),
                    "change": .text(words.summary(entry.change.message)), "commit": .text(entry.commit.short)])
                body += "<li>\(e(change))</li>\n"
            }
            body += "</ul>"
            if report.history.count > recent.count {
                body += "<p class=\"meta\">\(e(words("export.doc.more-history", ["count": .count(report.history.count - recent.count)])))</p>"
            }
        }
        body += "</section>\n"
        // Recipients and the signature block.
        let recipients = signing.recipients + [words("export.doc.archive")]
        let title = signing.signerTitle.isEmpty ? [words("export.doc.signer-title")] : signing.signerTitle
        body += """
            <div class="closing">
            <div class="recipients"><b>\(e(words("export.doc.recipients")))</b><br>\(recipients.map { "- " + e($0) }.joined(separator: "<br>"))</div>
            <div class="signature">\(title.map { "<b>\(e($0))</b>" }.joined(separator: "<br>"))<div class="sign-space">\(e(words("export.doc.sign-here")))</div>\
            <b>\(e(signing.signer ?? ""))</b></div>
            </div>

            """
        return """
            <!DOCTYPE html>
            <html lang="\(words.tag)">
            <head>
            <meta charset="utf-8">
            <title>\(e(words("export.doc.kind"))) — \(e(report.name))</title>
            <style>
            @page { size: A4; margin: 20mm 15mm 20mm 30mm; @top-center { content: counter(page); font: 13pt "Times New Roman", "Liberation Serif", serif; } }
            @page :first { @top-center { content: none; } }
            body { font-family: "Times New Roman", "Liberation Serif", serif; font-size: 13pt; line-height: 1.3; color: #000; margin: 0; }
            @media screen { body { max-width: 165mm; margin: 2em auto; } }
            table.masthead { width: 100%; border-collapse: collapse; }
            .masthead td { text-align: center; vertical-align: top; padding: 0; }
            .masthead .issuer { width: 38%; font-size: 12pt; } .masthead .nation { width: 62%; font-size: 12pt; white-space: nowrap; }
            #summary td:nth-child(2) { width: 40%; } .no-data { font-size: 11pt; }
            .rule { width: 30%; margin: 2pt auto 4pt; border-top: 1px solid #000; } .rule.wide { width: 55%; }
            .place { font-style: italic; }
            h1 { text-align: center; font-size: 14pt; margin: 14pt 0 0; }
            .subject { text-align: center; font-weight: bold; margin: 2pt 0 4pt; }
            .meta { text-align: center; font-size: 10.5pt; color: #333; margin: 0 0 10pt; }
            section .meta { text-align: left; }
            h2 { font-size: 13pt; margin: 12pt 0 4pt; } h3 { font-size: 12pt; margin: 8pt 0 2pt; }
            h3.error { color: #a00; } h3.warning { color: #8a5a00; }
            table.data { border-collapse: collapse; width: 100%; font-size: 11pt; }
            .data th, .data td { border: 1px solid #000; padding: 2pt 4pt; text-align: left; vertical-align: top; }
            .data th { background: #eee; } .data tr { break-inside: avoid; }
            tr.state-missed td { background: #fde2e2; } tr.state-at-risk td { background: #fff4d6; } tr.state-incomplete td { background: #eef0f4; }
            ol.findings, ul.history { font-size: 11pt; margin: 0; padding-left: 18pt; }
            ol.error li { color: #000; } svg.chart { margin: 0 8pt 8pt 0; border: 1px solid #ccc; }
            #charts { break-inside: avoid; }
            .closing { display: flex; justify-content: space-between; margin-top: 18pt; break-inside: avoid; }
            .recipients { font-size: 11pt; width: 50%; } .recipients b { font-style: italic; font-size: 12pt; }
            .signature { text-align: center; width: 45%; font-size: 13pt; }
            .sign-space { height: 28mm; font-style: italic; font-size: 10pt; color: #777; padding-top: 4pt; }
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
