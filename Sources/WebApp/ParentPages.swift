import Foundation
import PlanModel
import PlanStore

/// A district's or a province's pages: the children's table for a period
/// (``PeriodOverviewQuery``), approve and reopen (``ApprovalWorkflow``), collect and publish
/// (long operations, ``JobPages``), and the downloads: a child's reporting template
/// (``TemplateQuery``) and the reports (``ExportReport`` as xlsx, html, pdf).
enum ParentPages {
    static let routes: [WebApplication.Route] = [
        .init(method: .post, path: "/approve", role: .approver) { app, request, visitor in try await decide(app, request, visitor, reopen: false) },
        .init(method: .post, path: "/reopen", role: .approver) { app, request, visitor in try await decide(app, request, visitor, reopen: true) },
        .init(method: .post, path: "/collect", role: .clerk) { app, request, visitor in await JobPages.start(.collect, app, visitor) },
        .init(method: .post, path: "/publish", role: .clerk) { app, request, visitor in await JobPages.start(.publish, app, visitor) },
        .init(method: .get, path: "/downloads", role: nil) { app, request, visitor in try await downloads(app, request, visitor) },
        .init(method: .get, path: "/download/template", role: nil) { app, request, visitor in try await template(app, request, visitor) },
        .init(method: .get, path: "/download/report", role: nil) { app, request, visitor in try await exportReport(app, request, visitor) },
    ]

    /// The `period` parameter, read by the model's parser (canonical, or as a person writes
    /// it in either language); nil when not given.
    static func period(_ request: WebRequest) throws -> Period? {
        guard let text = request.value("period") else { return nil }
        if let period = Period(text) { return period }
        for language in [Language.vietnamese, .english] {
            if case .success(.period(let period)) = PeriodInput.parse(text, language: language) { return period }
        }
        throw WebApplication.Refusal(Message("web.error.bad-period", ["text": .text(text)]))
    }

    /// `id` if it is one of the unit's registered children; refused otherwise (a request's id
    /// is looked up, never used as a path).
    static func child(_ id: String?, of unit: PlanModel.Unit) throws -> UnitRef {
        guard let id, let child = unit.children.first(where: { $0.id == id }) else {
            throw WebApplication.Refusal(Message("web.error.unknown-child", ["child": .text(id ?? ""), "children": .list(unit.children.map { .text($0.id) })]), status: 404)
        }
        return child
    }

    /// The periods the table can show, and the table for `wanted` (else the newest period),
    /// kept in `memo`: the table is a function of the commits it reads, so it is made once per
    /// `main` and child refs (``PageWarmer`` makes it ahead of the first view after a change).
    static func overview(_ unit: PlanModel.Unit, period wanted: Period?, asOf: CivilDate, memo: OverviewMemo, _ repository: UnitRepository)
        throws -> (periods: [Period], overview: PeriodOverviewQuery.Result?)
    {
        let query = PeriodOverviewQuery()
        let periods = try query.periods(in: repository)
        guard let period = wanted ?? periods.first else { return (periods, nil) }
        var key = "\(try repository.head()?.hex ?? "")|\(period)|\(asOf)"
        for child in unit.children { key += "|" + (try repository.git.referenceTarget(Layout.childReference(child.id))?.hex ?? "") }
        return (periods, try memo.value(for: key) { try query.run(period: period, asOf: asOf, in: repository) })
    }

    static func home(_ unit: PlanModel.Unit, period wanted: Period?, asOf: CivilDate, memo: OverviewMemo, _ repository: UnitRepository, _ visitor: Visitor) throws -> WebResponse {
        let (periods, made) = try overview(unit, period: wanted, asOf: asOf, memo: memo, repository)
        var html = ""
        guard let overview = made else {
            html += Page.paragraphs([(visitor.t("web.parent.no-reports"), "muted")])
            html += actions(unit, repository, visitor)
            return Page.render(title: visitor.t("web.parent.title"), content: html, unit: unit, visitor: visitor)
        }
        let period = overview.period
        var choices = periods
        if !choices.contains(period) { choices.insert(period, at: 0) }
        html += Page.section(Templates.render("query-form", [
            "action": "/", "submit": visitor.t("web.show"),
            "fields": [[
                "name": "period", "label": visitor.t("web.parent.period"),
                "options": ["choices": choices.map { ["value": $0.description, "label": visitor.shown(.period($0.description)), "selected": $0 == period] }],
            ]],
        ]))
        let reportedUnits = overview.rows.reduce(0) { $0 + $1.unitsReported }, expectedUnits = overview.rows.reduce(0) { $0 + $1.unitsExpected }
        var summary: [(String, String?)] = [(visitor.t("web.parent.summary", [
            "reported": .count(overview.reported), "expected": .count(overview.expected), "period": .period(period.description),
            "units": .count(reportedUnits), "all": .count(expectedUnits),
        ]), nil)]
        let late = overview.rows.filter(\.late).map { Message.Value.text($0.child.name) }
        let missing = overview.rows.filter { !$0.reported }.map { Message.Value.text($0.child.name) }
        let below = overview.rows.filter { !$0.belowTarget.isEmpty }.map { Message.Value.text($0.child.name) }
        if !missing.isEmpty { summary.append((visitor.t("web.parent.missing", ["count": .count(missing.count), "units": .list(missing)]), "bad")) }
        if !late.isEmpty { summary.append((visitor.t("web.parent.late", ["count": .count(late.count), "units": .list(late)]), "warn")) }
        if !below.isEmpty { summary.append((visitor.t("web.parent.below", ["count": .count(below.count), "units": .list(below)]), "warn")) }
        summary.append((visitor.t("web.parent.as-of", ["date": .date(asOf)]), "muted small"))
        html += Page.paragraphs(summary)
        // The unit's own totals for the period: its subtree's figures against its targets.
        // Only the indicators with a figure for the period: a plan has a hundred targets, a campaign reports a few.
        let own = overview.status.filter { $0.unit == unit.id && $0.actual != nil }
        html += Page.section(Page.table(
            heading: visitor.t("web.parent.figures", ["period": .period(period.description)]), id: "figures",
            columns: ["indicator", "target", "actual", "state"].map { visitor.t("status.column.\($0)") },
            rows: own.map { row in
                var actual = "—"
                if let n = row.numerator, let d = row.denominator {
                    actual = Page.figure(Figure(numerator: n, denominator: d), visitor)
                } else if let value = row.actual {
                    actual = visitor.shown(.number(value))
                }
                return Page.row([
                    Page.cell(row.indicator), Page.cell(row.target.map { "\(row.comparator ?? "") \(visitor.shown(.number($0)))" } ?? "—"),
                    Page.cell(actual, class: "num", small: row.units.map { visitor.t("web.parent.figure-units", ["count": .count($0)]) }),
                    Page.cell(visitor.shown(row.stateTerm), class: row.state == "on-track" ? "ok" : row.state == "missed" ? "bad" : "warn"),
                ], id: "figure-\(row.indicator)")
            }, empty: visitor.t("web.parent.no-figures")))
        let rows = overview.rows.map { row in childRow(row, period: period, visitor) }
        html += Page.section(Page.table(
            heading: visitor.t("web.parent.children", ["period": .period(period.description)]), id: "children",
            columns: ["unit", "reported", "units", "below", "decision", "actions"].map { visitor.t("web.parent.column.\($0)") },
            rows: rows, empty: visitor.t("web.parent.no-children")))
        html += actions(unit, repository, visitor)
        return Page.render(title: visitor.t("web.parent.title"), content: html, unit: unit, visitor: visitor)
    }

    static func childRow(_ row: PeriodOverviewQuery.Row, period: Period, _ visitor: Visitor) -> [String: Any] {
        let reported: [String: Any]
        if let invalid = row.invalid {
            // A collected file that does not decode: said with the file and the reason, never a failed page.
            reported = Page.cell(visitor.t("term.state.invalid"), class: "bad", small: visitor.t("hardening.invalid-unit.short", [
                "problem": .message(invalid.problems.first ?? invalid.message)]))
        } else if let report = row.report {
            reported = Page.cell(visitor.t(row.late ? "web.parent.reported-late" : "web.parent.reported-on", ["date": .date(report.reportedAt.date)]),
                                 class: row.late ? "warn" : "ok", small: report.reportedBy)
        } else if row.reported {
            reported = Page.cell(visitor.t("web.parent.reported-below"), class: "ok")
        } else {
            reported = Page.cell(visitor.t("web.parent.not-reported"), class: "bad",
                                 small: row.waiting ? visitor.t("web.parent.waiting") : nil)
        }
        let below = row.belowTarget.map { status -> String in
            let actual = status.actual.map { status.numerator != nil ? visitor.shown(.percent($0.rounded(scale: 2))) : visitor.shown(.number($0)) } ?? "—"
            return visitor.t("web.parent.below-item", [
                "indicator": .text(status.indicator), "actual": .text(actual), "comparator": .text(status.comparator ?? ""),
                "target": status.target.map { .number($0) } ?? .text("—"), "state": status.stateTerm])
        }.joined(separator: "; ")
        var decision = Page.cell(visitor.t("web.parent.undecided"), class: "muted")
        if let approval = row.approval {
            decision = Page.cell(visitor.t("cli.approve.state.\(approval.state.rawValue)"),
                                 class: approval.state == .approved ? "ok" : approval.state == .reopened ? "warn" : nil,
                                 small: visitor.t("web.parent.decided", ["by": .text(approval.by), "date": .date(approval.at.date), "reason": .text(approval.reason ?? "")]))
        }
        var buttons = ""
        let fields = ["child": row.child.id, "period": period.description]
        if visitor.may(.approver) {
            if row.reported && row.approval?.state != .approved {
                buttons += Page.button(visitor.t("web.parent.approve"), action: "/approve", fields: fields, id: "approve-\(row.child.id)", visitor: visitor)
            }
            if let state = row.approval?.state, state != .reopened {
                buttons += Page.button(visitor.t("web.parent.reopen"), action: "/reopen", fields: fields, reason: visitor.t("web.parent.reason"),
                                       second: true, id: "reopen-\(row.child.id)", visitor: visitor)
            }
        }
        let template = "/download/template?child=\(row.child.id)&period=\(period.description)"
        buttons += "<div class=\"small\"><a href=\"\(esc(template))\">\(esc(visitor.t("web.parent.template")))</a></div>"
        return Page.row([
            Page.cell(row.child.name, small: row.child.id), reported,
            Page.cell(visitor.t("web.parent.units", ["reported": .count(row.unitsReported), "expected": .count(row.unitsExpected)]), class: "num"),
            Page.cell(below.isEmpty ? "—" : below, class: below.isEmpty ? nil : "warn"), decision, Page.cell("", html: buttons),
        ], id: "child-\(row.child.id)")
    }

    /// Collect, publish and the downloads.
    static func actions(_ unit: PlanModel.Unit, _ repository: UnitRepository, _ visitor: Visitor) -> String {
        var html = "<h2>\(esc(visitor.t("web.parent.actions")))</h2>"
        if visitor.may(.clerk) {
            html += Page.button(visitor.t("web.parent.collect"), action: "/collect", id: "collect", visitor: visitor)
            if unit.parent != nil {
                let parent = CommunePages.parentName(unit, repository)
                html += Page.button(visitor.t("web.commune.push", ["parent": .text(parent)]), action: "/push", id: "push", visitor: visitor)
            }
            html += Page.button(visitor.t("web.parent.publish"), action: "/publish", second: true, id: "publish", visitor: visitor)
        }
        html += "<p><a href=\"/downloads\">\(esc(visitor.t("web.nav.downloads")))</a> · <a href=\"/jobs/collect\">\(esc(visitor.t("web.job.collect")))</a></p>"
        return Page.section(html)
    }

    static func decide(_ app: WebApplication, _ request: WebRequest, _ visitor: Visitor, reopen: Bool) async throws -> WebResponse {
        guard let period = try period(request) else { throw WebApplication.Refusal(Message("web.error.bad-period", ["text": .text("")])) }
        let reason = request.value("reason")
        if reopen && reason == nil {
            return await app.done(visitor, [Message("web.parent.reason-needed")], refused: true, to: "/?period=\(period.description)")
        }
        let childID = request.value("child")
        let environment = app.environment(for: visitor)
        return try await app.gate.run { repository -> FlashedResponse in
            let child = try child(childID, of: try repository.unit())
            do {
                let outcome = try ApprovalWorkflow(environment: environment).run(
                    reopen ? .reopen(reason: reason ?? "") : .approve, child: child.id, period: period, in: repository)
                return WebResponse.redirect("/?period=\(period.description)").withFlash(outcome.messages)
            } catch let error as PlanStoreError where error.isDataProblem {
                return WebResponse.redirect("/?period=\(period.description)").withFlash([error.message], refused: true)
            }
        }.flashed(app, visitor)
    }

    // MARK: - Downloads

    static func downloads(_ app: WebApplication, _ request: WebRequest, _ visitor: Visitor) async throws -> WebResponse {
        let wanted = try period(request)
        let asOf = try app.asOf(request)
        return try await app.gate.run(reading: true) { repository in
            let unit = try repository.unit()
            let period = try wanted ?? PeriodOverviewQuery().periods(in: repository).first
            var html = "<h2>\(esc(visitor.t("web.downloads.reports", ["date": .date(asOf)])))</h2><ul>"
            for format in ["xlsx", "html", "pdf"] {
                html += "<li><a href=\"/download/report?format=\(format)&amp;as-of=\(asOf)\">\(esc(visitor.t("web.downloads.format.\(format)")))</a></li>"
            }
            html += "</ul>"
            if let period, !unit.children.isEmpty {
                html += "<h2>\(esc(visitor.t("web.downloads.templates", ["period": .period(period.description)])))</h2><ul>"
                for child in unit.children {
                    html += "<li><a href=\"/download/template?child=\(esc(child.id))&amp;period=\(period.description)\">\(esc(child.name))</a></li>"
                }
                html += "</ul>"
            }
            return Page.render(title: visitor.t("web.nav.downloads"), content: Page.section(html), unit: unit, visitor: visitor)
        }
    }

    static func template(_ app: WebApplication, _ request: WebRequest, _ visitor: Visitor) async throws -> WebResponse {
        guard let period = try period(request) else { throw WebApplication.Refusal(Message("web.error.bad-period", ["text": .text("")])) }
        let childID = request.value("child")
        let language = visitor.language
        return try await app.gate.run(reading: true) { repository in
            let child = try child(childID, of: try repository.unit())
            let template = try TemplateQuery().run(child: child.id, period: period, in: repository)
            return .download(Array(try template.workbook(in: language).xlsx()), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                             name: "\(child.id)-\(period.description).xlsx")
        }
    }

    static func exportReport(_ app: WebApplication, _ request: WebRequest, _ visitor: Visitor) async throws -> WebResponse {
        let format = request.value("format") ?? "html"
        guard ["xlsx", "html", "pdf"].contains(format) else {
            throw WebApplication.Refusal(Message("cli.export.bad-format", ["format": .text(format), "formats": .text("xlsx, html, pdf")]))
        }
        let asOf = try app.asOf(request)
        let language = visitor.language
        let report = try await app.gate.run(reading: true) { repository in try ExportReport.gather(unit: nil, asOf: asOf, in: repository) }
        let name = "\(report.unit)-\(asOf)"
        switch format {
        case "xlsx":
            return .download(Array(try ExportRenderer.workbook(report, in: language).xlsx()),
                             type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name: name + ".xlsx")
        case "pdf":
            let html = ExportRenderer.render(report, as: .html, in: language)
            // Chromium prints into a folder of our own, removed afterwards; no request text is in its path.
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plancascade-serve-\(SessionStore.token().prefix(16))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let out = folder.appendingPathComponent("report.pdf").path
            let environment = app.options.environment
            try await Task.detached { try ExportPDF.write(html, to: out, environment: environment) }.value
            guard let bytes = FileManager.default.contents(atPath: out) else {
                throw WebApplication.Refusal(Message("web.error.pdf"), status: 500)
            }
            return .download(Array(bytes), type: "application/pdf", name: name + ".pdf")
        default:
            return WebResponse(status: 200, headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(ExportRenderer.render(report, as: .html, in: language).utf8))
        }
    }
}

/// Pages' results already made, by the commits and refs they were made from (at most 32):
/// a result is a function of those, so it is made once per change of them. One that is
/// being made (by the warm-up, or by another view) is waited for, not made a second time
/// beside it: on two cores, two walks of the same history take each twice as long.
final class CommitMemo<Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var entries: [(key: String, value: Value)] = []
    private var making: Set<String> = []

    func value(for key: String, _ make: () throws -> Value) rethrows -> Value {
        condition.lock()
        let deadline = Date().addingTimeInterval(30)
        while true {
            if let hit = entries.first(where: { $0.key == key })?.value {
                condition.unlock()
                return hit
            }
            guard making.contains(key) else { break }
            // A maker that failed leaves no value: this one makes it then; after 30 s of
            // waiting, it makes it too.
            if !condition.wait(until: deadline) { break }
        }
        making.insert(key)
        condition.unlock()
        defer {
            condition.lock()
            making.remove(key)
            condition.broadcast()
            condition.unlock()
        }
        let value = try make()
        store(value, for: key)
        return value
    }

    func store(_ value: Value, for key: String) {
        condition.lock()
        defer { condition.unlock() }
        entries.removeAll { $0.key == key }
        entries.insert((key, value), at: 0)
        if entries.count > 32 { entries.removeLast() }
    }
}

/// The children's tables by the commits they were made from.
typealias OverviewMemo = CommitMemo<PeriodOverviewQuery.Result>
