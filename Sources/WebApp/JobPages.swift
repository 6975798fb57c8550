import Foundation
import PlanModel
import PlanStore

/// The long operations' pages: starting one (refused while the same one runs), and its page,
/// which reloads itself each second while it runs, then shows what came of it.
enum JobPages {
    static func start(_ kind: JobBoard.Kind, _ app: WebApplication, _ visitor: Visitor) async -> WebResponse {
        let environment = app.environment(for: visitor)
        let gate = app.gate
        let repository = app.options.repository
        let started = await app.jobs.start(kind, by: visitor.account?.user) {
            do {
                let lines: [Message] = try await gate.run { unit in
                    switch kind {
                    case .push:
                        let outcome = try PushWorkflow().run(in: unit)
                        return [Message("cli.push.done", ["commit": .text(outcome.head.short)])]
                            + outcome.destinations.map { Message("web.push.destination", ["where": .text(RemoteURL.maskingURLs(in: $0))]) }
                    case .collect:
                        return try CollectWorkflow(environment: environment).run(in: unit).messages
                    case .publish:
                        return try PublishWorkflow(environment: environment).run(in: unit).messages
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
            let content = Page.paragraphs([(visitor.t("web.job.running", ["time": .text(startedAt), "seconds": .count(seconds)]), "warn")])
            return Page.render(title: title, content: content, unit: unit, visitor: visitor, refresh: 1)
        }
        let took = Exact(String(format: "%.1f", finished.timeIntervalSince(job.started))) ?? Exact(0)
        var lines: [(String, String?)] = [(visitor.t(job.failed ? "web.job.failed" : "web.job.done", ["time": .text(startedAt), "seconds": .number(took)]),
                                          job.failed ? "bad" : "ok")]
        lines += job.result.map { (visitor.say($0), nil) }
        return Page.render(title: title, content: Page.paragraphs(lines, after: "<p><a href=\"/\">\(esc(visitor.t("web.back-home")))</a></p>"),
                           unit: unit, visitor: visitor)
    }
}
