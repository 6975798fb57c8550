import Foundation
import PlanModel
import PlanStore

/// Makes the slow pages' results ahead of their first view: the children's table of the
/// newest period (``ParentPages/overview(_:period:asOf:memo:_:)``) and the findings of
/// `check` with the page's default options (``InspectorPages/checkKey(_:_:)``). Every half
/// second it reads `main`, the children's pushed refs and the parent's targets; when any
/// moved (a page's POST, a job, or a `plancascade` command in a terminal), it makes both
/// again, once, on a queue of its own, and keeps them by the commits they read. A view
/// then finds them made; one that comes while they are being made waits for them
/// (``CommitMemo``) rather than making them a second time beside the warm-up.
enum PageWarmer {
    static func start(_ app: WebApplication) -> Task<Void, Never> {
        // A queue of its own (each piece of work opens its own repository handle): a page's
        // view never waits behind a warm-up; one that needs what is being made makes it too.
        let gate = RepositoryGate(path: app.options.repository)
        return Task.detached(priority: .background) {
            var last = ""
            while !Task.isCancelled {
                let state = try? await gate.run(reading: true) { repository in try InspectorPages.checkKey(defaultCheck(app), repository) }
                if let state, state != last {
                    last = state
                    _ = try? await gate.run(reading: true) { repository in try warm(app, repository) }
                }
                try? await Task.sleep(nanoseconds: 500_000_000)
            }
        }
    }

    /// The check page's options without a query: the server's day, the plan's cadence, no fetch.
    static func defaultCheck(_ app: WebApplication) -> CheckQuery.Options {
        CheckQuery.Options(asOf: app.options.asOf ?? WebServer.today(), fetch: false)
    }

    static func warm(_ app: WebApplication, _ repository: UnitRepository) throws {
        let unit = try repository.unit()
        if !unit.children.isEmpty {
            _ = try ParentPages.overview(unit, period: nil, asOf: app.options.asOf ?? WebServer.today(), memo: app.overviews, repository)
        }
        let options = defaultCheck(app)
        _ = try app.checks.value(for: try InspectorPages.checkKey(options, repository)) { try CheckQuery(options).run(in: repository) }
    }
}
