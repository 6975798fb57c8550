import Foundation
import Git
import PlanModel

/// Where a demo happens: a folder with one working clone per unit (`<out>/<unit-id>`) and
/// one bare hub per unit (`<out>/hubs/<unit-id>.git`). Every action runs the real workflow
/// in-process as a named clerk at a stated time (`GIT_AUTHOR_DATE`), so the history reads
/// like the campaign it replays and the same run gives the same commit ids.
final class DemoStage {
    /// Who acts: the name and e-mail on the commits.
    struct Clerk: Sendable {
        let name: String
        let email: String
    }

    let out: String
    let repos: String
    /// What happened, step by step, for the summary.
    private(set) var steps: [DemoWorkflow.Step] = []
    private var clerks: [String: Clerk] = [:]
    /// Told each step as it ends (the command line prints it in the user's language).
    private let narrate: (DemoWorkflow.Step) -> Void

    init(out: String, repos: String, narrate: @escaping (DemoWorkflow.Step) -> Void = { _ in }) {
        self.out = out
        self.repos = repos
        self.narrate = narrate
    }

    func work(_ id: String) -> String { (out as NSString).appendingPathComponent(id) }
    func hub(_ id: String) -> String { (out as NSString).appendingPathComponent("hubs/\(id).git") }
    func data(_ file: String) -> String { (repos as NSString).appendingPathComponent(file) }

    func open(_ id: String) throws -> UnitRepository { try UnitRepository.open(at: work(id)) }

    /// Records who keeps `unit`'s repository (the default clerk of its clones).
    func assign(_ unit: String, _ clerk: Clerk) { clerks[unit] = clerk }

    /// The environment of `unit`'s clerk (or `clerk`) acting at `time` (ISO 8601 with offset).
    func environment(_ unit: String, at time: String, as clerk: Clerk? = nil) -> [String: String] {
        let who = clerk ?? clerks[unit] ?? Clerk(name: "Văn thư \(unit)", email: "\(unit)@example.invalid")
        return ["GIT_AUTHOR_NAME": who.name, "GIT_AUTHOR_EMAIL": who.email, "GIT_AUTHOR_DATE": time,
                "GIT_COMMITTER_NAME": who.name, "GIT_COMMITTER_EMAIL": who.email, "GIT_COMMITTER_DATE": time]
    }

    /// Ends a step of the story: what was done (`title`) and what came of it, as messages
    /// (`demo.*` codes) that the caller renders in its reader's language.
    func step(_ title: Message, _ lines: [Message] = []) {
        let step = DemoWorkflow.Step(title: title, lines: lines)
        steps.append(step)
        narrate(step)
    }

    /// `a`, `a and b`, `a, b and c` in the reader's language (`demo.and`).
    static func and(_ values: [Message.Value]) -> Message.Value {
        guard values.count > 1 else { return values.first ?? .text("") }
        return .message(Message("demo.and", ["first": .list(Array(values.dropLast())), "last": values.last!]))
    }

    /// A unit's name as the narration says it: `UBND huyện Buôn Đôn` → `Buôn Đôn`.
    static func shortName(_ name: String) -> String {
        var rest = name
        if rest.hasPrefix("UBND ") { rest.removeFirst("UBND ".count) }
        for level in ["tỉnh ", "thành phố ", "thị xã ", "huyện ", "thị trấn ", "phường ", "xã "] where rest.hasPrefix(level) {
            rest.removeFirst(level.count)
            break
        }
        return rest
    }

    // MARK: The commands, as a clerk runs them

    /// `plancascade init <id> … --hub <out>/hubs/<id>.git [--parent <parent hub>]`.
    func initUnit(_ id: String, name: String, level: String, parent: String?, at time: String) throws {
        _ = try InitWorkflow(environment: environment(id, at: time)).run(.init(
            path: work(id), unitID: id, name: name, level: level, parentID: parent,
            parentURL: parent.map(hub), hubURL: hub(id)))
    }

    func addChild(_ unit: String, _ child: DemoSheets.UnitRow, at time: String) throws {
        try ChildWorkflow(environment: environment(unit, at: time)).add(id: child.id, name: child.name, level: child.level, aliases: child.aliases, in: open(unit))
    }

    @discardableResult
    func importFile(_ unit: String, _ kind: ImportWorkflow.Kind, _ file: String, year: Int? = nil,
                    defaults: [String: String] = [:], at time: String) throws -> ImportWorkflow.Outcome {
        try ImportWorkflow(environment: environment(unit, at: time), defaults: defaults)
            .run(kind, path: data(file), shownAs: "Repos/\(file)", year: year, in: open(unit))
    }

    @discardableResult
    func publish(_ unit: String, at time: String) throws -> PublishWorkflow.Outcome {
        try PublishWorkflow(environment: environment(unit, at: time)).run(in: open(unit))
    }

    @discardableResult
    func pull(_ unit: String, at time: String) throws -> PullWorkflow.Outcome {
        try PullWorkflow(environment: environment(unit, at: time)).run(in: open(unit))
    }

    @discardableResult
    func report(_ unit: String, _ row: DemoSheets.ReportRow, at time: String, in path: String? = nil,
                as clerk: Clerk? = nil) throws -> ReportWorkflow.Outcome {
        try ReportWorkflow(environment: environment(unit, at: time, as: clerk)).run(
            period: row.period, figures: try row.figures.map(ReportWorkflow.parseFigure), tasks: row.tasks,
            in: UnitRepository.open(at: path ?? work(unit)))
    }

    @discardableResult
    func push(_ unit: String) throws -> PushWorkflow.Outcome {
        try PushWorkflow().run(in: open(unit))
    }

    @discardableResult
    func collect(_ unit: String, at time: String) throws -> CollectWorkflow.Outcome {
        try CollectWorkflow(environment: environment(unit, at: time)).run(in: open(unit))
    }

    @discardableResult
    func setTarget(_ unit: String, _ indicator: String, _ value: String, force: Bool, at time: String) throws -> TargetSetWorkflow.Outcome {
        try TargetSetWorkflow(environment: environment(unit, at: time))
            .run(.init(indicator: indicator, value: value, force: force), in: open(unit))
    }

    /// A second clerk's clone of `unit`'s hub (`git clone <hub> <out>/<name>`).
    func cloneHub(_ unit: String, as name: String) throws -> String {
        let path = work(name)
        let git = try Repository.clone(from: hub(unit), to: path)
        try git.setConfig("branch.main.remote", Layout.originRemote)
        try git.setConfig("branch.main.merge", Layout.mainBranch)
        return path
    }

    @discardableResult
    func sync(_ path: String, unit: String, as clerk: Clerk? = nil, at time: String) throws -> SyncWorkflow.Outcome {
        try SyncWorkflow(environment: environment(unit, at: time, as: clerk)).run(in: UnitRepository.open(at: path))
    }

    /// What a clerk does with `git reset --hard HEAD~1`: moves `main` (and the work tree)
    /// back to the first parent of its head. Returns the commit dropped.
    func resetLastCommit(_ unit: String) throws -> Oid {
        let repository = try open(unit)
        guard let head = try repository.head(), let parent = try repository.git.commit(head).parents.first else {
            throw PlanStoreError.io(path: work(unit), reason: "main has no commit to reset")
        }
        try repository.git.updateReference(Layout.mainBranch, to: parent, expected: head, message: "reset: moving to HEAD~1")
        try repository.refreshWorkTree(to: parent, from: head)
        return head
    }

    /// `git push --force` of `main` to the unit's hub and the parent's hub, as a clerk who
    /// rewrote history would (the demo's hubs have no pre-receive hook to refuse it).
    func forcePush(_ unit: String) throws {
        let repository = try open(unit)
        let id = try repository.unit().id
        try repository.push(to: .named(Layout.originRemote), refspecs: ["+\(Layout.mainBranch):\(Layout.mainBranch)"],
                            describedAs: hub(id), hint: "")
        try repository.push(to: .named(Layout.parentRemote), refspecs: ["+\(Layout.mainBranch):\(Layout.childReference(id))"],
                            describedAs: "parent", hint: "")
    }
}
