import Foundation
import PlanModel
import PlanStore
import TestSupport

/// A province → district → two communes hierarchy over bare hubs, made with the same
/// workflows the commands run, and `plancascade serve` started in any unit's clone.
final class WebFixture: @unchecked Sendable {
    let dir: TemporaryDirectory
    let environment: [String: String]
    private var servers: [ServerProcess] = []

    static let province = "tinh", district = "huyen", communes = ["xa-a", "xa-b"]

    init() throws {
        IsolatedGit.setUp()
        dir = try TemporaryDirectory("web")
        environment = IsolatedGit.environment([
            "GIT_AUTHOR_NAME": "Văn thư", "GIT_AUTHOR_EMAIL": "vt@example.test",
            "GIT_COMMITTER_NAME": "Văn thư", "GIT_COMMITTER_EMAIL": "vt@example.test",
        ])
        try build()
    }

    deinit { for server in servers { server.stop() } }

    func hub(_ id: String) -> String { dir.appending("hubs/\(id).git") }
    func work(_ id: String) -> String { dir.appending(id) }
    func open(_ id: String) throws -> UnitRepository { try UnitRepository.open(at: work(id)) }

    private func unit(_ id: String, level: String, parent: String?) throws {
        _ = try InitWorkflow(environment: environment).run(.init(
            path: work(id), unitID: id, name: Self.names[id]!, level: level, parentID: parent, parentURL: parent.map(hub), hubURL: hub(id)))
    }

    static let names = ["tinh": "UBND tỉnh Thử", "huyen": "UBND huyện Thử", "xa-a": "UBND xã Ea Nuôl", "xa-b": "UBND xã Krông Na"]

    private func build() throws {
        try unit(Self.province, level: "province", parent: nil)
        let documents: [String: any Encodable] = [
            "plans/2024/indicators/DVC-ONLINE.json": Indicator(code: "DVC-ONLINE", name: "Tỷ lệ hồ sơ trực tuyến", measure: .percent, aggregation: .ratio),
            "plans/2024/targets/DVC-ONLINE.json": Target(indicator: "DVC-ONLINE", value: Exact(60), comparator: .atLeast,
                                                        deadline: CivilDate("2024-12-31"), lead: "Sở Thông tin và Truyền thông", rule: nil),
        ]
        var changes: [String: [UInt8]?] = [:]
        for (path, document) in documents { changes[path] = try CanonicalJSON.encode(document) }
        let top = try open(Self.province)
        try top.commitValidated(changes, message: "plan", identity: try Identity.resolve(for: top.git, environment: environment))
        try ChildWorkflow(environment: environment).add(id: Self.district, name: Self.names[Self.district]!, level: "district", in: open(Self.province))
        _ = try PublishWorkflow(environment: environment).run(in: open(Self.province))
        try unit(Self.district, level: "district", parent: Self.province)
        _ = try PullWorkflow(environment: environment).run(in: open(Self.district))
        for commune in Self.communes {
            try ChildWorkflow(environment: environment).add(id: commune, name: Self.names[commune]!, level: "commune", in: open(Self.district))
        }
        _ = try PublishWorkflow(environment: environment).run(in: open(Self.district))
        for commune in Self.communes {
            try unit(commune, level: "commune", parent: Self.district)
            _ = try PullWorkflow(environment: environment).run(in: open(commune))
            // A task of the commune's own plan.
            let task = PlanTask(id: "1.1", content: "Niêm yết công khai thủ tục hành chính", deadline: CivilDate("2024-12-15"), kind: .maintain)
            let repository = try open(commune)
            try repository.commitValidated(["plans/2024/tasks/1.1.json": try CanonicalJSON.encode(task)], message: "task",
                                           identity: try Identity.resolve(for: repository.git, environment: environment))
        }
    }

    /// A commune's report, pushed (as its clerk would from the command line).
    func reportAndPush(_ commune: String, _ figure: String, period: String = "2024-11") throws {
        _ = try ReportWorkflow(environment: environment).run(
            period: period, figures: [try ReportWorkflow.parseFigure("DVC-ONLINE=\(figure)")], tasks: [:], in: open(commune))
        _ = try PushWorkflow().run(in: open(commune))
    }

    func collect(_ id: String) throws { _ = try CollectWorkflow(environment: environment).run(in: open(id)) }

    /// Starts `plancascade serve --port 0` in `id`'s clone; returns its URL once it listens.
    func serve(_ id: String, _ extra: [String] = [], environment more: [String: String] = [:]) throws -> String {
        let folder = dir.appending("servers/\(id)-\(servers.count)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var env = environment
        env["GIT_AUTHOR_DATE"] = "2024-11-30T10:00:00+07:00"
        for (key, value) in more { env[key] = value }
        let server = try ServerProcess([Tool.path, "-C", work(id), "serve", "--port", "0", "--as-of", "2024-12-01"] + extra,
                                       environment: env, directory: folder, log: folder + "/server.log", lifetime: 600)
        servers.append(server)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let range = server.output.range(of: #"http://127\.0\.0\.1:[0-9]+/"#, options: .regularExpression) {
                return String(server.output[range].dropLast())
            }
            guard server.isRunning else { break }
            usleep(50_000)
        }
        throw WebTestFailure("plancascade serve in \(id) did not start:\n\(server.output)")
    }

    /// The last server's output.
    var serverOutput: String { servers.last?.output ?? "" }

    /// Adds an account with `plancascade serve account add`, the password on standard input.
    func addAccount(_ id: String, user: String, role: String, password: String) throws -> CommandResult {
        try Command.run(Tool.path, ["-C", work(id), "serve", "account", "add", user, "--role", role], environment: environment, input: password + "\n")
    }
}
