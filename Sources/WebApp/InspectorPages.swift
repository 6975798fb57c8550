import Foundation
import PlanModel
import PlanStore

/// The inspector's pages, read only: the findings of `check` (``CheckQuery``), the history
/// of a target or a figure with who and when (``BlameQuery`` and ``LogQuery``), and the
/// trace of a total down to each commune's commit (``TraceQuery``), and the reorganisations in
/// force (``ReorgWorkflow``).
enum InspectorPages {
    static let routes: [WebApplication.Route] = [
        .init(method: .get, path: "/inspect/check", role: nil) { app, request, visitor in try await check(app, request, visitor) },
        // Fetching changes no document: every visitor who reads may ask for fresh findings.
        .init(method: .post, path: "/inspect/check", role: nil) { app, request, visitor in
            await JobPages.start(.check, app, visitor, options: try checkOptions(app, request))
        },
        .init(method: .get, path: "/jobs/check", role: nil) { app, request, visitor in try await JobPages.show(.check, app, visitor) },
        .init(method: .get, path: "/inspect/history", role: nil) { app, request, visitor in try await history(app, request, visitor) },
        .init(method: .get, path: "/inspect/trace", role: nil) { app, request, visitor in try await trace(app, request, visitor) },
        .init(method: .get, path: "/inspect/reorg", role: nil) { app, request, visitor in try await reorganisations(app, request, visitor) },
    ]

    /// The check's options as the request gives them: the day, the cadence, the start.
    static func checkOptions(_ app: WebApplication, _ request: WebRequest) throws -> CheckQuery.Options {
        let asOf = try app.asOf(request)
        // Without a choice, the plan's own reporting (plan.json), else quarterly, as `check` does.
        var cadence: CheckQuery.Cadence?
        if let cadenceText = request.value("cadence"), !cadenceText.isEmpty {
            guard let chosen = CheckQuery.Cadence(rawValue: cadenceText) else {
                throw WebApplication.Refusal(Message("web.error.bad-cadence", ["text": .text(cadenceText), "cadences": .text(CheckQuery.Cadence.allCases.map { $0.rawValue }.joined(separator: ", "))]))
            }
            cadence = chosen
        }
        var from: CivilDate?
        if let text = request.value("from") {
            guard let day = CivilDate(text) else { throw WebApplication.Refusal(Message("web.error.bad-date", ["text": .text(text)])) }
            from = day
        }
        return CheckQuery.Options(asOf: asOf, cadence: cadence, from: from, fetch: false)
    }

    /// What a check's findings are a function of: `main`, every child's pushed head and the
    /// parent's published targets as last fetched, and the options.
    static func checkKey(_ options: CheckQuery.Options, _ repository: UnitRepository) throws -> String {
        let git = repository.git
        var key = "\(try repository.head()?.hex ?? "")|\(options.asOf)|\(options.cadence?.rawValue ?? "")|\(options.from?.description ?? "")|\(options.fetch)"
        key += "|" + (try git.referenceTarget(Layout.parentTrackingTargets)?.hex ?? "")
        for (name, head) in try git.references(matching: "refs/children/*/main").sorted(by: { $0.0 < $1.0 }) { key += "|\(name)=\(head.hex)" }
        return key
    }

    /// The findings of `check` over the repository as last fetched: a page view asks no hub
    /// (that is the POST's job, "fetch from the hubs and check again"), and the findings are
    /// kept by the commits and refs they judged, so they are worked out once per change.
    static func check(_ app: WebApplication, _ request: WebRequest, _ visitor: Visitor) async throws -> WebResponse {
        let options = try checkOptions(app, request)
        let asOf = options.asOf, chosenCadence = options.cadence, start = options.from
        let checks = app.checks
        return try await app.gate.run(reading: true) { repository in
            let unit = try repository.unit()
            let report = try checks.value(for: try checkKey(options, repository)) { try CheckQuery(options).run(in: repository) }
            var html = Page.section(Templates.render("query-form", [
                "action": "/inspect/check", "submit": visitor.t("web.show"),
                "fields": [
                    ["name": "as-of", "label": visitor.t("web.check.as-of"), "value": asOf.description],
                    ["name": "cadence", "label": visitor.t("web.check.cadence"),
                     "options": ["choices": CheckQuery.Cadence.allCases.map { ["value": $0.rawValue, "label": visitor.t("term.cadence.\($0.rawValue)"), "selected": $0 == chosenCadence] }]],
                    ["name": "from", "label": visitor.t("web.check.from"), "value": start?.description ?? ""],
                ] as [[String: Any]],
            ]))
            html += Page.paragraphs([(visitor.t("web.check.summary", ["errors": .count(report.errors), "warnings": .count(report.warnings), "date": .date(asOf)]),
                                      report.errors > 0 ? "bad" : report.warnings > 0 ? "warn" : "ok"),
                                     (visitor.t("web.check.cached", ["commit": .text(try repository.head()?.short ?? "")]), "muted small")])
            var fields = ["as-of": asOf.description]
            if let chosenCadence { fields["cadence"] = chosenCadence.rawValue }
            if let start { fields["from"] = start.description }
            html += Page.button(visitor.t("web.check.refetch"), action: "/inspect/check", fields: fields, second: true, id: "refetch", visitor: visitor)
            let rows = report.findings.map { finding in
                Page.row([
                    Page.cell(visitor.shown(finding.severity.term), class: finding.severity == .error ? "bad" : finding.severity == .warning ? "warn" : "muted"),
                    Page.cell(finding.unit ?? "", small: finding.indicator ?? finding.task ?? finding.item),
                    Page.cell(visitor.shown(finding.kind.term)), Page.cell(visitor.say(finding.message), small: finding.commit.map { String($0.prefix(7)) }),
                ])
            }
            html += Page.section(Page.table(id: "findings", columns: ["severity", "unit", "kind", "message"].map { visitor.t("web.check.column.\($0)") },
                                            rows: rows, empty: visitor.t("web.check.none")))
            return Page.render(title: visitor.t("web.nav.check"), content: html, unit: unit, visitor: visitor)
        }
    }

    static func history(_ app: WebApplication, _ request: WebRequest, _ visitor: Visitor) async throws -> WebResponse {
        let item = request.value("item")
        let unitID = request.value("unit")
        return try await app.gate.run(reading: true) { repository in
            let unit = try repository.unit()
            var html = Page.section(Templates.render("query-form", [
                "action": "/inspect/history", "submit": visitor.t("web.show"),
                "fields": [["name": "item", "label": visitor.t("web.history.item"), "value": item ?? ""],
                           ["name": "unit", "label": visitor.t("web.history.unit"), "value": unitID ?? ""]],
            ]))
            guard let item else {
                html += Page.paragraphs([(visitor.t("web.history.ask"), "muted")])
                return Page.render(title: visitor.t("web.nav.history"), content: html, unit: unit, visitor: visitor)
            }
            if Identifier.problem(item) != nil { throw WebApplication.Refusal(Message("web.error.bad-item", ["text": .text(item)])) }
            if let unitID, Identifier.problem(unitID) != nil {
                throw WebApplication.Refusal(Message("web.error.bad-item", ["text": .text(unitID)]))
            }
            // Blame and log are functions of `main`'s commit: made once per commit and question.
            let key = "\(try repository.head()?.hex ?? "")|\(item)|\(unitID ?? "")"
            let made = try app.histories.value(for: key) { () throws -> HistoryResult in
                let blame: Result<BlameQuery.Result, PlanStoreError>
                do {
                    blame = .success(try BlameQuery(unit: unitID).run(item: item, in: repository))
                } catch let error as PlanStoreError where error.isDataProblem {
                    blame = .failure(error)
                }
                return HistoryResult(blame: blame, log: Array(try LogQuery(.init(item: item, unit: unitID)).run(in: repository).prefix(200)))
            }
            switch made.blame {
            case .success(let blame):
                let rows = blame.lines.map { line in
                    Page.row([Page.cell(line.field, small: line.file), Page.cell(line.value), Page.cell(line.commit.author, small: line.committedIn),
                              Page.cell(visitor.shown(.date(line.commit.date)), small: line.commit.short)])
                }
                html += Page.section(Page.table(heading: visitor.t("web.history.blame", ["item": .text(item), "unit": .text(blame.unit)]), id: "blame",
                                                columns: ["field", "value", "who", "when"].map { visitor.t("web.history.column.\($0)") },
                                                rows: rows, empty: visitor.t("web.history.none")))
            case .failure(let error):
                html += Page.paragraphs([(visitor.say(error.message), "warn")])
            }
            let rows = made.log.map { entry in
                Page.row([Page.cell(visitor.shown(.date(entry.commit.date))), Page.cell(entry.change.unit),
                          Page.cell(entry.commit.author), Page.cell(visitor.say(entry.change.message), small: entry.commit.short)])
            }
            html += Page.section(Page.table(heading: visitor.t("web.history.log", ["item": .text(item)]), id: "log",
                                            columns: ["when", "unit", "who", "change"].map { visitor.t("web.history.column.\($0)") },
                                            rows: Array(rows), empty: visitor.t("web.history.none")))
            return Page.render(title: visitor.t("web.nav.history"), content: html, unit: unit, visitor: visitor)
        }
    }

    static func trace(_ app: WebApplication, _ request: WebRequest, _ visitor: Visitor) async throws -> WebResponse {
        let indicator = request.value("indicator")
        let period = try ParentPages.period(request)
        return try await app.gate.run(reading: true) { repository in
            let unit = try repository.unit()
            var html = Page.section(Templates.render("query-form", [
                "action": "/inspect/trace", "submit": visitor.t("web.show"),
                "fields": [["name": "indicator", "label": visitor.t("web.trace.indicator"), "value": indicator ?? ""],
                           ["name": "period", "label": visitor.t("web.trace.period"), "value": period?.description ?? ""]],
            ]))
            guard let indicator else {
                html += Page.paragraphs([(visitor.t("web.trace.ask"), "muted")])
                return Page.render(title: visitor.t("web.nav.trace"), content: html, unit: unit, visitor: visitor)
            }
            if Identifier.problem(indicator) != nil {
                throw WebApplication.Refusal(Message("web.error.bad-item", ["text": .text(indicator)]))
            }
            do {
                let result = try TraceQuery().run(indicator: indicator, period: period, in: repository)
                let rows = result.rows.map { row in
                    Page.row([
                        Page.cell(String(repeating: "· ", count: row.depth) + row.unit),
                        Page.cell(visitor.t("web.trace.source.\(row.source)")),
                        Page.cell(shownFigure(row.figure, visitor), class: "num",
                                  small: row.recomputed.map { visitor.t(row.matches == false ? "web.trace.differs" : "web.trace.matches", ["figure": .text(shownFigure($0, visitor))]) }),
                        Page.cell(row.commit.map { String($0.prefix(7)) } ?? "—", small: row.file),
                    ], id: "trace-\(row.unit)-\(row.source)")
                }
                html += Page.paragraphs([(visitor.t(result.consistent ? "web.trace.consistent" : "web.trace.inconsistent",
                                                    ["indicator": .text(result.indicator), "period": .period(result.period)]), result.consistent ? "ok" : "bad")])
                html += Page.section(Page.table(id: "trace", columns: ["unit", "source", "figure", "commit"].map { visitor.t("web.trace.column.\($0)") },
                                                rows: rows, empty: visitor.t("web.history.none")))
            } catch let error as PlanStoreError where error.isDataProblem {
                html += Page.paragraphs([(visitor.say(error.message), "warn")])
            }
            return Page.render(title: visitor.t("web.nav.trace"), content: html, unit: unit, visitor: visitor)
        }
    }

    /// The reorganisations in force on a day (``ReorgWorkflow/list(in:asOf:)``, as `reorg list`):
    /// each decision with its legal basis, its effective day and what it changed.
    static func reorganisations(_ app: WebApplication, _ request: WebRequest, _ visitor: Visitor) async throws -> WebResponse {
        let asOf = try app.asOf(request)
        return try await app.gate.run(reading: true) { repository in
            let unit = try repository.unit()
            var html = Page.section(Templates.render("query-form", [
                "action": "/inspect/reorg", "submit": visitor.t("web.show"),
                "fields": [["name": "as-of", "label": visitor.t("web.check.as-of"), "value": asOf.description]],
            ]))
            let decisions = try ReorgWorkflow().list(in: repository, asOf: asOf)
            let rows = decisions.map { decision in
                Page.row([
                    Page.cell(visitor.t("reorg.kind.\(decision.kind.rawValue)"), small: decision.id),
                    Page.cell(visitor.say(Message("reorg.date", ["date": .date(decision.effective)]))),
                    Page.cell(decision.changes.map { visitor.say(Message("reorg.change.\($0.action.rawValue)", [
                        "unit": .text($0.unit), "from": .text($0.from ?? ""), "to": .text($0.to ?? ""), "name": .text($0.name ?? "")])) }
                        .joined(separator: "; ")),
                    Page.cell(decision.basis),
                ], id: "reorg-\(decision.id)")
            }
            html += Page.section(Page.table(
                heading: visitor.t("reorg.cli.list-title", ["date": .date(asOf), "count": .count(decisions.count)]), id: "reorganisations",
                columns: ["kind", "effective", "units", "basis"].map { visitor.t("reorg.column.\($0)") },
                rows: rows, empty: visitor.t("reorg.cli.none", ["date": .date(asOf)])))
            return Page.render(title: visitor.t("web.nav.reorg"), content: html, unit: unit, visitor: visitor)
        }
    }

    /// A stored figure (`430/760` or `62.4`) as the visitor's language writes numbers.
    static func shownFigure(_ text: String, _ visitor: Visitor) -> String {
        let parts = text.split(separator: "/").map(String.init)
        let numbers = parts.compactMap(Exact.init)
        guard numbers.count == parts.count, !numbers.isEmpty else { return text }
        if numbers.count == 2 {
            return Page.figure(Figure(numerator: numbers[0], denominator: numbers[1]), visitor)
        }
        return visitor.shown(.number(numbers[0]))
    }
}

/// What the history page shows for one question at one commit of `main`.
struct HistoryResult: Sendable {
    let blame: Result<BlameQuery.Result, PlanStoreError>
    let log: [LogQuery.Entry]
}
