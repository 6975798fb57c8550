import Foundation
import Git
import PlanModel
import PlanStore
import TestSupport

/// Builds unit repositories with bare hubs in one temporary folder, for workflow tests.
final class HierarchyFixture {
    let dir: TemporaryDirectory
    let environment = ["GIT_AUTHOR_NAME": "Văn thư", "GIT_AUTHOR_EMAIL": "vt@example.test",
                       "GIT_COMMITTER_NAME": "Văn thư", "GIT_COMMITTER_EMAIL": "vt@example.test"]

    init() throws {
        IsolatedGit.setUp()
        dir = try TemporaryDirectory("hierarchy")
    }

    func hub(_ id: String) -> String { dir.appending("hubs/\(id).git") }
    func work(_ id: String) -> String { dir.appending(id) }

    /// `init`s unit `id` with its own hub, under `parent`'s hub when given.
    @discardableResult
    func unit(_ id: String, level: String, parent: String? = nil, parentURL: String? = nil) throws -> UnitRepository {
        _ = try InitWorkflow(environment: environment).run(.init(
            path: work(id), unitID: id, name: "Đơn vị \(id)", level: level, parentID: parent,
            parentURL: parentURL ?? parent.map(hub), hubURL: hub(id)))
        return try UnitRepository.open(at: work(id))
    }

    func open(_ id: String) throws -> UnitRepository { try UnitRepository.open(at: work(id)) }

    /// Commits documents to `id`'s main (as a clerk editing files would).
    func commit(_ id: String, _ documents: [String: any Encodable], removing: [String] = [], message: String = "edit plan") throws {
        var changes: [String: [UInt8]?] = [:]
        for (path, document) in documents { changes[path] = try CanonicalJSON.encode(document) }
        for path in removing { changes[path] = .some(nil) }
        let repository = try open(id)
        let identity = try Identity.resolve(for: repository.git, environment: environment)
        try repository.commitValidated(changes, message: message, identity: identity)
    }

    /// A percent indicator and its target with `rule`.
    func percentTarget(_ code: String, _ value: String, rule: String?, year: Int = 2024) -> [String: any Encodable] {
        [
            "plans/\(year)/indicators/\(code).json": Indicator(code: code, name: "Tỷ lệ \(code)", measure: .percent, aggregation: .ratio),
            "plans/\(year)/targets/\(code).json": Target(indicator: code, value: Exact(value)!, comparator: .atLeast,
                                                        deadline: CivilDate("2024-12-31"), lead: "Sở Thông tin và Truyền thông", rule: rule),
        ]
    }

    @discardableResult
    func publish(_ id: String) throws -> PublishWorkflow.Outcome {
        try PublishWorkflow(environment: environment).run(in: open(id))
    }

    @discardableResult
    func pull(_ id: String, dryRun: Bool = false) throws -> PullWorkflow.Outcome {
        try PullWorkflow(environment: environment, dryRun: dryRun).run(in: open(id))
    }

    @discardableResult
    func report(_ id: String, _ period: String, _ figures: [String], tasks: [String: TaskStatus] = [:]) throws -> ReportWorkflow.Outcome {
        try ReportWorkflow(environment: environment).run(
            period: period, figures: try figures.map(ReportWorkflow.parseFigure), tasks: tasks, in: open(id))
    }

    @discardableResult
    func push(_ id: String) throws -> PushWorkflow.Outcome {
        try PushWorkflow().run(in: open(id))
    }

    @discardableResult
    func collect(_ id: String, acceptRewrite: Bool = false) throws -> CollectWorkflow.Outcome {
        try CollectWorkflow(environment: environment, acceptRewrite: acceptRewrite).run(in: open(id))
    }

    func addChild(_ parent: String, _ child: String, level: String) throws {
        try ChildWorkflow(environment: environment).add(id: child, name: "Đơn vị \(child)", level: level, in: open(parent))
    }

    func target(_ id: String, _ code: String, year: Int = 2024) throws -> Target? {
        try open(id).document(Target.self, at: "plans/\(year)/targets/\(code).json")
    }

    func setTarget(_ id: String, _ code: String, _ value: String, force: Bool = false) throws -> TargetSetWorkflow.Outcome {
        try TargetSetWorkflow(environment: environment).run(.init(indicator: code, value: value, force: force), in: open(id))
    }

    /// Runs `plancascade check` in `id`'s clone (or in `path` when given).
    func check(_ id: String, asOf: String, from: String? = nil, cadence: CheckQuery.Cadence = .quarterly, at path: String? = nil) throws -> CheckQuery.Report {
        try CheckQuery(.init(asOf: CivilDate(asOf)!, cadence: cadence, from: from.flatMap(CivilDate.init)))
            .run(in: UnitRepository.open(at: path ?? work(id)))
    }
}
