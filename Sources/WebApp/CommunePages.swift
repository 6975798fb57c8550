import Foundation
import PlanModel
import PlanStore

/// A reporting unit's pages (a commune, or any unit without children): its targets with
/// names and its tasks with deadlines, the report form for a period (``ReportWorkflow``, the
/// same validation and messages as `plancascade report`), the upload of a filled reporting
/// template (``ProgressImportWorkflow``, as `import progress`), and "send to the district"
/// (``PushWorkflow``) with its result.
enum CommunePages {
    static let routes: [WebApplication.Route] = [
        .init(method: .get, path: "/", role: nil) { app, request, visitor in try await home(app, request, visitor) },
        .init(method: .get, path: "/report", role: nil) { app, request, visitor in try await reportForm(app, request, visitor) },
        .init(method: .post, path: "/report", role: .clerk) { app, request, visitor in try await report(app, request, visitor) },
        .init(method: .post, path: "/import", role: .clerk) { app, request, visitor in try await upload(app, request, visitor) },
        .init(method: .post, path: "/push", role: .clerk) { app, request, visitor in await JobPages.start(.push, app, visitor) },
        .init(method: .get, path: "/jobs/push", role: nil) { app, request, visitor in try await JobPages.show(.push, app, visitor) },
        .init(method: .get, path: "/jobs/collect", role: nil) { app, request, visitor in try await JobPages.show(.collect, app, visitor) },
        .init(method: .get, path: "/jobs/publish", role: nil) { app, request, visitor in try await JobPages.show(.publish, app, visitor) },
        .init(method: .post, path: "/pull", role: .clerk) { app, request, visitor in await JobPages.start(.pull, app, visitor) },
        .init(method: .get, path: "/jobs/pull", role: nil) { app, request, visitor in try await JobPages.show(.pull, app, visitor) },
    ]

    /// The home page by the unit's level: a unit with children follows them, any other reports.
    static func home(_ app: WebApplication, _ request: WebRequest, _ visitor: Visitor) async throws -> WebResponse {
        let asOf = try app.asOf(request)
        let period = try ParentPages.period(request)
        let memo = app.knownUnit, overviews = app.overviews
        return try await app.gate.run(reading: true) { repository in
            let unit = try repository.unit()
            memo.value = unit
            if !unit.children.isEmpty { return try ParentPages.home(unit, period: period, asOf: asOf, memo: overviews, repository, visitor) }
            return try communeHome(unit, asOf: asOf, repository, visitor)
        }
    }

    /// The parent as its published targets name it ("UBND huyện Buôn Đôn"), else its id.
    static func parentName(_ unit: PlanModel.Unit, _ repository: UnitRepository) -> String {
        guard let parent = unit.parent else { return "—" }
        guard let targets = try? repository.git.referenceTarget(Layout.parentTrackingTargets),
              let published = try? repository.document(PlanModel.Unit.self, at: Layout.unitFile, in: targets), published.id == parent else { return parent }
        return published.name
    }

    static func communeHome(_ unit: PlanModel.Unit, asOf: CivilDate, _ repository: UnitRepository, _ visitor: Visitor) throws -> WebResponse {
        let parent = parentName(unit, repository)
        let targets = try TargetsQuery().run(in: repository)
        let year = targets.map(\.year).max()
        let tasks = try TasksQuery().run(in: repository, year: year, asOf: asOf)
        var html = ""
        // What to do, in the order a clerk does it.
        html += Page.section(
            "<h2>\(esc(visitor.t("web.commune.steps.title")))</h2><ol>"
                + "<li><a href=\"/report\">\(esc(visitor.t("web.commune.steps.report")))</a></li>"
                + "<li>\(esc(visitor.t("web.commune.steps.upload")))</li>"
                + "<li>\(esc(visitor.t("web.commune.steps.push", ["parent": .text(parent)])))</li></ol>"
                + Page.button(visitor.t("web.commune.push", ["parent": .text(parent)]), action: "/push", id: "push", visitor: visitor))
        // Then what the parent made of the reports sent: the answer a clerk looks for first.
        html += try approvals(unit, parent: parent, repository, visitor)
        html += Page.section(Templates.render("upload-form", [
            "csrf": visitor.csrf, "fileLabel": visitor.t("web.upload.label"), "fileHint": visitor.t("web.upload.hint"),
            "submit": visitor.t("web.upload.submit"),
        ]))
        let targetRows = targets.filter { $0.year == year }.map { row in
            Page.row([
                Page.cell(row.indicator), Page.cell(row.name ?? ""),
                Page.cell("\(row.comparator) \(visitor.shown(.number(row.value)))", class: "num"),
                Page.cell(row.deadline.map { visitor.shown(.date($0)) } ?? ""), Page.cell(row.lead ?? ""),
            ], id: "target-\(row.indicator)")
        }
        html += Page.section(Page.table(
            heading: visitor.t("web.commune.targets", ["year": .year(year ?? 0)]), id: "targets",
            columns: ["indicator", "name", "target", "deadline", "lead"].map { visitor.t("cli.targets.column.\($0)") },
            rows: targetRows, empty: visitor.t("web.commune.no-targets")))
        let taskRows = tasks.map { row in
            Page.row([
                Page.cell(row.id), Page.cell(row.content, small: row.lead),
                Page.cell(row.deadline.map { visitor.shown(.date($0)) } ?? (row.timeframe ?? "")),
                Page.cell(row.status.map { visitor.t("cli.tasks.status.\($0.rawValue)") } ?? visitor.t("cli.tasks.not-reported"),
                          class: row.overdue ? "bad" : row.status == .done ? "ok" : nil,
                          small: row.overdue ? visitor.t("web.commune.overdue") : row.reportedIn.map { visitor.shown(.period($0.description)) }),
            ], id: "task-\(row.id)")
        }
        html += Page.section(Page.table(
            heading: visitor.t("web.commune.tasks"), id: "tasks",
            columns: ["task", "content", "deadline", "status"].map { visitor.t("cli.tasks.column.\($0)") },
            rows: taskRows, empty: visitor.t("web.commune.no-tasks")))
        return Page.render(title: visitor.t("web.commune.title"), content: html, unit: unit, visitor: visitor)
    }

    /// What the parent decided on the unit's reports, as last pulled (``ParentApprovalsQuery``),
    /// and the button that receives its newest targets and decisions.
    static func approvals(_ unit: PlanModel.Unit, parent: String, _ repository: UnitRepository, _ visitor: Visitor) throws -> String {
        let rows = try ParentApprovalsQuery().run(in: repository)
        var html = "<h2>\(esc(visitor.t("web.commune.approvals-title", ["parent": .text(parent)])))</h2>"
        if rows.isEmpty {
            html += Page.paragraphs([(visitor.t("web.commune.approvals-none", ["parent": .text(parent)]), "muted")])
        } else {
            let lines = zip(rows, ParentApprovalsQuery.messages(rows)).map { row, line -> (String, String?) in
                (visitor.say(line), row.approval.state == .reopened || row.changedSince ? "warn" : "ok")
            }
            html += Page.paragraphs(lines)
        }
        if unit.parent != nil, visitor.may(.clerk) {
            html += Page.button(visitor.t("web.commune.pull", ["parent": .text(parent)]), action: "/pull", second: true, id: "pull", visitor: visitor)
        }
        return Page.section("<div id=\"approvals\">" + html + "</div>")
    }

    // MARK: - The report form

    /// One indicator's fields on the form.
    struct FormFigure: Sendable {
        let code: String
        let name: String
        let ratio: Bool
        let target: String
        let previous: String?
        var numerator = "", denominator = "", value = ""
    }

    static func reportForm(_ app: WebApplication, _ request: WebRequest, _ visitor: Visitor) async throws -> WebResponse {
        let periodText = request.value("period") ?? ""
        return try await app.gate.run(reading: true) { repository in
            try formPage(periodText: periodText, typed: [:], problem: nil, repository, visitor)
        }
    }

    /// The form for `periodText`, filled with what the unit reported for it (or with what was
    /// typed, when `problem` says why it was refused).
    static func formPage(periodText: String, typed: [String: String], problem: Message?, _ repository: UnitRepository, _ visitor: Visitor) throws -> WebResponse {
        let unit = try repository.unit()
        let targets = try TargetsQuery().run(in: repository)
        let year: Int? = {
            if case .success(let parsed)? = periodText.isEmpty ? nil : PeriodInput.parse(periodText, language: visitor.language) {
                return parsed.start.year
            }
            return targets.map(\.year).max()
        }()
        var reported: ProgressReport?
        if case .success(.period(let period))? = periodText.isEmpty ? nil : PeriodInput.parse(periodText, language: visitor.language) {
            reported = try repository.document(ProgressReport.self, at: Layout.progressFile(year: period.year, period: period.description))
        }
        var figures: [[String: Any]] = []
        for row in targets where row.year == year {
            let indicator = try repository.document(Indicator.self, at: Layout.indicatorFile(year: row.year, code: row.indicator))
            let ratio = indicator?.aggregation == .ratio
            let old = reported?.figures[row.indicator]
            var item: [String: Any] = [
                "code": row.indicator, "name": row.name ?? indicator?.name ?? "", "ratio": ratio,
                "target": visitor.t("web.report.target", ["comparator": .text(row.comparator), "value": .number(row.value)]),
                "numerator": typed["n.\(row.indicator)"] ?? old?.numerator.map { visitor.shown(.number($0)) } ?? "",
                "denominator": typed["d.\(row.indicator)"] ?? old?.denominator.map { visitor.shown(.number($0)) } ?? "",
                "value": typed["v.\(row.indicator)"] ?? (ratio ? nil : old?.value).map { visitor.shown(.number($0)) } ?? "",
            ]
            if let old { item["previous"] = visitor.t("web.report.reported", ["figure": .text(Page.figure(old, visitor))]) }
            figures.append(item)
        }
        let tasks = try TasksQuery().run(in: repository, year: year, asOf: WebServer.today())
        let taskItems: [[String: Any]] = tasks.map { task in
            let chosen = typed["t.\(task.id)"] ?? reported?.tasks[task.id]?.rawValue ?? ""
            return [
                "id": task.id, "content": task.content,
                "deadline": task.deadline.map { visitor.t("web.report.deadline", ["date": .date($0)]) } ?? (task.timeframe ?? ""),
                "unchanged": task.status.map { visitor.t("web.report.task-unchanged", ["state": .term("cli.tasks.status.\($0.rawValue)")]) }
                    ?? visitor.t("web.report.task-none"),
                "states": TaskStatus.allCases.map { ["value": $0.rawValue, "label": visitor.t("cli.tasks.status.\($0.rawValue)"), "selected": $0.rawValue == chosen] },
            ]
        }
        var html = ""
        if let problem { html += "<div class=\"flash refused\" role=\"alert\" id=\"problem\">\(esc(visitor.say(problem)))</div>" }
        html += Page.section(Templates.render("report-form", [
            "csrf": visitor.csrf, "period": typed["period"] ?? periodText, "periodLabel": visitor.t("web.report.period"),
            "periodHint": visitor.t("web.report.period-hint"), "figures": figures, "tasks": taskItems, "hasTasks": !taskItems.isEmpty,
            "tasksHeading": visitor.t("web.report.tasks"), "numeratorLabel": visitor.t("web.report.numerator"),
            "denominatorLabel": visitor.t("web.report.denominator"), "valueLabel": visitor.t("web.report.value"),
            "submit": visitor.t("web.report.submit"),
        ]))
        return Page.render(title: visitor.t("web.report.title"), content: html, unit: unit, visitor: visitor, status: problem == nil ? 200 : 422)
    }

    /// Records the form: each indicator's fields as `report` reads `indicator=n/d` or
    /// `indicator=value` typed in the visitor's language, and the task states.
    static func report(_ app: WebApplication, _ request: WebRequest, _ visitor: Visitor) async throws -> WebResponse {
        let period = request.form["period"] ?? ""
        var texts: [String] = []
        var tasks: [String: TaskStatus] = [:]
        var problems: [Message] = []
        let codes = Set(request.form.keys.compactMap { key -> String? in
            ["n.", "d.", "v."].contains(String(key.prefix(2))) ? String(key.dropFirst(2)) : nil
        }).sorted()
        for code in codes {
            let n = request.form["n.\(code)"]?.trimmingCharacters(in: .whitespaces) ?? ""
            let d = request.form["d.\(code)"]?.trimmingCharacters(in: .whitespaces) ?? ""
            let v = request.form["v.\(code)"]?.trimmingCharacters(in: .whitespaces) ?? ""
            if !n.isEmpty || !d.isEmpty { texts.append("\(code)=\(n)/\(d)") } else if !v.isEmpty { texts.append("\(code)=\(v)") }
        }
        for (key, value) in request.form where key.hasPrefix("t.") && !value.isEmpty {
            guard let status = TaskStatus(rawValue: value) else {
                problems.append(Message("web.report.bad-state", ["task": .text(String(key.dropFirst(2))), "text": .text(value)]))
                continue
            }
            tasks[String(key.dropFirst(2))] = status
        }
        let environment = app.environment(for: visitor)
        let language = visitor.language
        let typed = request.form
        let figureTexts = texts, states = tasks
        let refusal = problems.isEmpty ? nil : ReportWorkflowRefusal(problems)
        return try await app.gate.run { repository -> FlashedResponse in
            do {
                if let refusal { throw refusal.problem }
                let outcome = try ReportWorkflow(environment: environment).run(
                    period: period, figureTexts: figureTexts, tasks: states, language: language, in: repository)
                return WebResponse.redirect("/?reported=" + outcome.report.period.description)
                    .withFlash(reportLines(outcome, visitor))
            } catch let problem as InputProblem {
                return try formPage(periodText: period, typed: typed, problem: problem.message, repository, visitor).plain
            } catch let error as PlanStoreError where error.isDataProblem {
                return try formPage(periodText: period, typed: typed, problem: error.message, repository, visitor).plain
            }
        }.flashed(app, visitor)
    }

    /// The problems found before the workflow ran, said as `report` says them.
    struct ReportWorkflowRefusal: Sendable {
        let problem: InputProblem
        init(_ problems: [Message]) {
            problem = InputProblem(Message("input.report.refused", ["problems": .list(problems.map { .message($0) }, separator: "\n")]))
        }
    }

    /// What was recorded, as `report` prints it: the report file, each figure and what it replaces.
    static func reportLines(_ outcome: ReportWorkflow.Outcome, _ visitor: Visitor) -> [Message] {
        var lines = outcome.notices
        guard let commit = outcome.commit else { return lines + [Message("cli.report.unchanged", ["path": .text(outcome.path)])] }
        lines.append(Message("cli.report.reported", [
            "period": .period(outcome.report.period.description), "commit": .text(commit.short), "path": .text(outcome.path)]))
        for (code, figure) in outcome.figures {
            var arguments: [String: Message.Value] = ["indicator": .text(code), "figure": .text(Page.figure(figure, visitor))]
            if let old = outcome.replaced[code] { arguments["old"] = .text(Page.figure(old, visitor)) }
            lines.append(Message(outcome.replaced[code] == nil ? "web.report.figure" : "web.report.figure-replaces", arguments))
        }
        for (id, status) in outcome.report.tasks.sorted(by: { $0.key < $1.key }) {
            lines.append(Message("web.report.task", ["task": .text(id), "state": .term("cli.tasks.status.\(status.rawValue)")]))
        }
        lines.append(Message("web.report.next-push"))
        return lines
    }

    // MARK: - Upload of a filled template

    static func upload(_ app: WebApplication, _ request: WebRequest, _ visitor: Visitor) async throws -> WebResponse {
        guard let file = request.upload else {
            return await app.done(visitor, [Message("web.upload.none")], refused: true, to: "/")
        }
        // The browser's file name is only shown: the bytes are read from the request.
        let shown = String(file.filename.split(separator: "/").last ?? "").split(separator: "\\").last.map(String.init) ?? "upload.xlsx"
        let environment = app.environment(for: visitor)
        let language = visitor.language
        return try await app.gate.run { repository -> FlashedResponse in
            do {
                let outcome = try ProgressImportWorkflow(environment: environment).run(file.bytes, file: shown, language: language, in: repository)
                return WebResponse.redirect("/").withFlash(reportLines(outcome, visitor))
            } catch let problem as InputProblem {
                return WebResponse.redirect("/").withFlash([problem.message], refused: true)
            } catch let error as PlanStoreError where error.isDataProblem {
                return WebResponse.redirect("/").withFlash([error.message], refused: true)
            }
        }.flashed(app, visitor)
    }
}

extension PlanStoreError {
    /// Refusals caused by the user's data: shown on the form, not as a failure.
    var isDataProblem: Bool {
        switch self {
        case .invalidInput, .belowInherited, .approvalRefused, .invalidArgument: return true
        default: return false
        }
    }
}

/// HTML-escapes text placed outside the templates (as the exported report does).
func esc(_ text: String) -> String { ExportRenderer.escape(text) }

extension WebResponse {
    func withFlash(_ lines: [Message], refused: Bool = false) -> FlashedResponse {
        FlashedResponse(response: self, lines: lines, refused: refused)
    }
}

/// A response and the messages to show on the next page.
struct FlashedResponse: Sendable {
    let response: WebResponse
    let lines: [Message]
    let refused: Bool
}

extension WebResponse {
    /// As a ``FlashedResponse`` with nothing to keep.
    var plain: FlashedResponse { FlashedResponse(response: self, lines: [], refused: false) }
}

extension FlashedResponse {
    /// Keeps the messages in the visitor's session and answers the response.
    func flashed(_ app: WebApplication, _ visitor: Visitor) async -> WebResponse {
        if !lines.isEmpty {
            await app.sessions.add(.init(kind: refused ? .refused : .done, lines: lines.map(visitor.say)), to: visitor.session)
        }
        return response
    }
}
