import Foundation
import PlanModel
import PlanStore

/// The long operations' pages: starting one (refused while the same one runs), and its page,
/// which reloads itself each second while it runs, then shows what came of it.
enum JobPages {
    static func start(_ kind: JobBoard.Kind, _ app: WebApplication, _ visitor: Visitor, options: CheckQuery.Options? = nil) async -> WebResponse {
        let environment = app.environment(for: visitor)
        let gate = app.gate
        let repository = app.options.repository
        let stage = app.jobs.stages.reporter(for: kind)
        let checks = app.checks
        let started = await app.jobs.start(kind, by: visitor.account?.user) {
            do {
                let lines: [Message] = try await gate.run { unit in
                    switch kind {
                    case .push:
                        var push = PushWorkflow()
                        push.progress = stage
                        let outcome = try push.run(in: unit)
                        return [Message("cli.push.done", ["commit": .text(outcome.head.short)])]
                            + outcome.destinations.map { Message("web.push.destination", ["where": .text(RemoteURL.maskingURLs(in: $0))]) }
                    case .collect:
                        var collect = CollectWorkflow(environment: environment)
                        collect.progress = stage
                        return try collect.run(in: unit).messages
                    case .publish:
                        var publish = PublishWorkflow(environment: environment)
                        publish.progress = stage
                        return try publish.run(in: unit).messages
                    case .pull:
                        stage(Message("job.stage.fetching-parent", ["parent": .text(CommunePages.parentName(try unit.unit(), unit))]))
                        let outcome = try PullWorkflow(environment: environment).run(in: unit)
                        var lines = [outcome.upToDate
                            ? Message("cli.pull.up-to-date", ["parent": .text(outcome.parentUnit), "commit": .text(outcome.parentCommit.short)])
                            : outcome.commit.map { Message("cli.pull.pulled", ["parent": .text(outcome.parentUnit), "from": .text(outcome.parentCommit.short), "commit": .text($0.short)]) }
                            ?? Message("cli.pull.nothing", ["parent": .text(outcome.parentUnit), "from": .text(outcome.parentCommit.short)])]
                        lines += ParentApprovalsQuery.messages(try ParentApprovalsQuery().run(in: unit))
                        return lines
                    case .check:
                        stage(Message("job.stage.fetching-children"))
                        var fetching = options ?? CheckQuery.Options(asOf: WebServer.today())
                        fetching.fetch = true
                        stage(Message("job.stage.checking"))
                        let report = try CheckQuery(fetching).run(in: unit)
                        // The page shows this result for the refs as fetched now, without checking again.
                        var viewing = fetching
                        viewing.fetch = false
                        checks.store(report, for: try InspectorPages.checkKey(viewing, unit))
                        return [Message("web.check.summary", ["errors": .count(report.errors), "warnings": .count(report.warnings), "date": .date(fetching.asOf)])]
                    }
                }
                return (false, lines)
            } catch {
                return (true, [PlanStoreError.message(for: error, repositoryAt: repository)])
            }
        }
        if !started {
            return await app.done(visitor, [Message("web.job.already", ["job": .term("web.job.\(kind.rawValue)")])], refused: true, to: "/jobs/\(kind.rawValue)")
        }
        return .redirect("/jobs/\(kind.rawValue)")
    }

    static func show(_ kind: JobBoard.Kind, _ app: WebApplication, _ visitor: Visitor) async throws -> WebResponse {
        let unit = app.knownUnit.value
        let job = await app.jobs.job(kind)
        let title = visitor.t("web.job.\(kind.rawValue)")
        guard let job else {
            return Page.render(title: title, content: Page.paragraphs([(visitor.t("web.job.none"), "muted")]), unit: unit, visitor: visitor)
        }
        let clock = DateFormatter()
        clock.dateFormat = "HH:mm:ss"
        let startedAt = clock.string(from: job.started)
        guard let finished = job.finished else {
            let seconds = Int(Date().timeIntervalSince(job.started))
            var lines: [(String, String?)] = [(visitor.t("web.job.running", ["time": .text(startedAt), "seconds": .count(seconds)]), "warn")]
            if let stage = app.jobs.stages[kind] { lines.insert((visitor.t("web.job.stage", ["stage": .message(stage)]), nil), at: 0) }
            let content = Page.paragraphs(lines)
            return Page.render(title: title, content: content, unit: unit, visitor: visitor, refresh: 1)
        }
        let took = Exact(String(format: "%.1f", finished.timeIntervalSince(job.started))) ?? Exact(0)
        var lines: [(String, String?)] = [(visitor.t(job.failed ? "web.job.failed" : "web.job.done", ["time": .text(startedAt), "seconds": .number(took)]),
                                          job.failed ? "bad" : "ok")]
        lines += job.result.map { (visitor.say($0), nil) }
        let back = kind == .check ? "<a href=\"/inspect/check\">\(esc(visitor.t("web.nav.check")))</a> · " : ""
        return Page.render(title: title, content: Page.paragraphs(lines, after: "<p>\(back)<a href=\"/\">\(esc(visitor.t("web.back-home")))</a></p>"),
                           unit: unit, visitor: visitor)
    }
}
