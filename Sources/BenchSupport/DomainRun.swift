import Foundation
import Git
import PlanModel
import PlanStore

/// What to run: which hierarchy, from which seed, where, and how large the baselines' sample.
public struct BenchOptions: Sendable {
    public var shape: Hierarchy.Shape
    public var seed: UInt64
    /// An empty (or absent) folder that will hold every repository of the run.
    public var directory: String
    /// The PAR/SIPAS criteria spreadsheet (Repos/daklak-2024/source/daklak-2024-par-sipas-targets.csv:
    /// the verbatim table, so every unit derives all 133 criteria, as before scopes).
    public var criteria: String
    /// How many communes the two baselines replay (the git CLI is slow; costs are per unit).
    public var sample: Int
    public var baselines: Bool
    /// The `plancascade` binary: when given, the top's collect, `check` and `trace` also run
    /// as their own processes, which measures each command's own peak memory.
    public var cli: String?
    /// How many communes the `district` shape has.
    public var communes: Int

    public init(shape: Hierarchy.Shape, seed: UInt64 = 2024, directory: String, criteria: String, sample: Int = 20, baselines: Bool = true, cli: String? = nil,
                communes: Int = 10) {
        self.shape = shape
        self.communes = communes
        self.seed = seed
        self.directory = directory
        self.criteria = criteria
        self.sample = sample
        self.baselines = baselines
        self.cli = cli
    }
}

public struct BenchError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Drives the real workflows, in process, over a generated hierarchy: every unit is a
/// working clone with its own bare hub on a local path, as `plancascade init` makes them.
/// Each workflow opens its repository as the command line does (`UnitRepository.open`).
public final class DomainRun {
    public let options: BenchOptions
    public let hierarchy: Hierarchy
    public let generator: PlanGenerator
    public let recorder = Recorder()
    /// Facts for the report: counts of findings, rows, entries, sizes.
    public internal(set) var facts: [String: String] = [:]
    /// Each unit's first commit (`init`).
    public private(set) var initial: [Int: Oid] = [:]
    /// Each unit's `main` after its plan was derived, before it reported.
    public private(set) var planned: [Int: Oid] = [:]
    /// Each unit's `main` after its first report.
    public private(set) var reported: [Int: Oid] = [:]
    /// The communes that report again in the incremental round.
    public private(set) var incremental: [Int] = []
    /// The reorganisation's run (shapes that reorganise), once it ran.
    public internal(set) var reorganised: ReorgRecord?

    public static let asOf = CivilDate("2025-01-10")!

    public init(_ options: BenchOptions) {
        self.options = options
        hierarchy = Hierarchy(options.shape, seed: options.seed, communes: options.communes)
        generator = PlanGenerator(seed: options.seed)
    }

    public func work(_ index: Int) -> String { work(id: hierarchy.nodes[index].id) }
    public func hub(_ index: Int) -> String { hub(id: hierarchy.nodes[index].id) }
    public func work(id: String) -> String { options.directory + "/units/" + id }
    public func hub(id: String) -> String { options.directory + "/hubs/" + id + ".git" }
    func input(_ name: String) -> String { options.directory + "/input/" + name }

    /// The clerk of unit `index`, on `date` (fixed dates: the same seed gives the same commits).
    public func environment(_ index: Int, date: String) -> [String: String] {
        environment(id: hierarchy.nodes[index].id, name: hierarchy.nodes[index].name, date: date)
    }

    public func environment(id: String, name: String, date: String) -> [String: String] {
        ["GIT_AUTHOR_NAME": "Văn thư \(name)", "GIT_AUTHOR_EMAIL": "\(id)@bench.example",
         "GIT_COMMITTER_NAME": "Văn thư \(name)", "GIT_COMMITTER_EMAIL": "\(id)@bench.example",
         "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date]
    }

    func open(_ index: Int) throws -> UnitRepository { try UnitRepository.open(at: work(index)) }
    func level(_ index: Int) -> String { hierarchy.nodes[index].level }
    func hasChildren(_ index: Int) -> Bool { !hierarchy.nodes[index].children.isEmpty }

    public func run() throws {
        try runFullRound()
        try queryTop()
        try incrementalRound()
        if options.shape.reorganises { try reorganise() }
        facts["units"] = "\(hierarchy.nodes.count)"
        facts["disk-units-MiB"] = Self.diskMiB(options.directory + "/units")
        facts["disk-hubs-MiB"] = Self.diskMiB(options.directory + "/hubs")
    }

    /// Everything up to one full round: set-up, the top's plan, derivation down, one report
    /// of every unit collected up to the top.
    public func runFullRound() throws {
        try FileManager.default.createDirectory(atPath: input(""), withIntermediateDirectories: true)
        try setUp()
        try importTopPlan()
        try deriveDown()
        try reportAndCollect(round: 0)
    }

    /// `init` of every unit with its hub, then `child add` of every child at its parent.
    func setUp() throws {
        for (index, node) in hierarchy.nodes.enumerated() {
            let parent = node.parent
            initial[index] = try recorder.time("init", level: node.level) {
                try InitWorkflow(environment: environment(index, date: "2024-06-01T08:00:00+07:00")).run(.init(
                    path: work(index), unitID: node.id, name: node.name, level: node.level,
                    parentID: parent.map { hierarchy.nodes[$0].id }, parentURL: parent.map(hub), hubURL: hub(index))).commit
            }
        }
        for (index, node) in hierarchy.nodes.enumerated() where hasChildren(index) {
            let workflow = ChildWorkflow(environment: environment(index, date: "2024-06-01T09:00:00+07:00"))
            for child in hierarchy.children(of: index) {
                try recorder.time("child add", level: node.level) {
                    _ = try workflow.add(id: child.id, name: child.name, level: child.level, in: open(index))
                }
            }
        }
    }

    func importTopPlan() throws {
        let environment = environment(0, date: "2024-06-10T08:00:00+07:00")
        let criteria = input("par-sipas-targets.csv")
        try? FileManager.default.removeItem(atPath: criteria)
        try FileManager.default.copyItem(atPath: options.criteria, toPath: criteria)
        let service = input("service-targets.csv")
        try Data(generator.serviceTargetsCSV()).write(to: URL(fileURLWithPath: service))
        try recorder.time("import", level: level(0)) {
            _ = try ImportWorkflow(environment: environment, defaults: ["measure": "score"]).run(.targets, path: criteria, year: PlanGenerator.year, in: open(0))
            _ = try ImportWorkflow(environment: environment).run(.targets, path: service, year: PlanGenerator.year, in: open(0))
            if options.shape.reorganises {
                // The 2025 plan the reorganisation's run reports against: the service indicators.
                let service2025 = input("service-targets-2025.csv")
                try Data(generator.serviceTargetsCSV(deadline: "31/12/2025")).write(to: URL(fileURLWithPath: service2025))
                _ = try ImportWorkflow(environment: environment).run(.targets, path: service2025, year: Self.reorgYear, in: open(0))
            }
        }
        try concretise(0, date: "2024-06-10T09:00:00+07:00")
    }

    /// A parent's own tasks (concretising what it inherited) and its children's baselines.
    func concretise(_ index: Int, date: String) throws {
        let node = hierarchy.nodes[index]
        let children = hierarchy.children(of: index)
        let tasks = input("tasks-\(node.id).csv"), baselines = input("baselines-\(node.id).csv")
        try Data(generator.tasksCSV(unit: node, childLevels: Array(Set(children.map(\.level))).sorted())).write(to: URL(fileURLWithPath: tasks))
        try Data(generator.baselinesCSV(children: children)).write(to: URL(fileURLWithPath: baselines))
        let environment = environment(index, date: date)
        try recorder.time("import", level: node.level) {
            _ = try ImportWorkflow(environment: environment).run(.tasks, path: tasks, year: PlanGenerator.year, in: open(index))
            _ = try ImportWorkflow(environment: environment).run(.baselines, path: baselines, year: PlanGenerator.year, in: open(index))
            if options.shape.reorganises {
                let baselines2025 = input("baselines-2025-\(node.id).csv")
                try Data(generator.baselinesCSV(children: children, asOf: "2024-12-31")).write(to: URL(fileURLWithPath: baselines2025))
                _ = try ImportWorkflow(environment: environment).run(.baselines, path: baselines2025, year: Self.reorgYear, in: open(index))
            }
        }
    }

    /// Level by level: each parent publishes, each child pulls and derives; a child with
    /// children of its own then imports its tasks and its children's baselines.
    func deriveDown() throws {
        for depth in 0..<(hierarchy.levels.count - 1) {
            for index in hierarchy.levels[depth] where hasChildren(index) {
                try recorder.time("publish", level: level(index)) {
                    _ = try PublishWorkflow(environment: environment(index, date: "2024-06-15T08:00:00+07:00")).run(in: open(index))
                }
            }
            for index in hierarchy.levels[depth + 1] {
                let outcome = try recorder.time("pull", level: level(index)) {
                    try PullWorkflow(environment: environment(index, date: "2024-06-17T08:00:00+07:00")).run(in: open(index))
                }
                guard outcome.commit != nil, outcome.flags.isEmpty else {
                    throw BenchError("pull at \(hierarchy.nodes[index].id) derived nothing or flagged \(outcome.flags.map(\.message))")
                }
                if hasChildren(index) { try concretise(index, date: "2024-06-18T08:00:00+07:00") }
            }
        }
        for index in hierarchy.nodes.indices { planned[index] = try open(index).head() }
        let leaf = hierarchy.leaves.last!
        facts["files-per-leaf"] = "\(try open(leaf).git.files(in: try open(leaf).git.commit(planned[leaf]!).tree).count)"
    }

    /// One report per unit, then bottom-up: each parent collects its children, every unit
    /// pushes to its hub and its parent's hub, the top collects last.
    func reportAndCollect(round: Int) throws {
        for index in hierarchy.nodes.indices {
            try report(index, round: round, phase: "report")
            reported[index] = try open(index).head()
        }
        try collectUp(Set(hierarchy.nodes.indices), phase: "")
    }

    func report(_ index: Int, round: Int, phase: String) throws {
        let (figures, tasks) = generator.report(unit: hierarchy.nodes[index].id, round: round)
        let parsed = try figures.map(ReportWorkflow.parseFigure)
        let statuses = Dictionary(uniqueKeysWithValues: tasks.map { ($0.id, TaskStatus(rawValue: $0.status)!) })
        let date = round == 0 ? "2024-12-26T08:00:00+07:00" : "2024-12-30T08:00:00+07:00"
        try recorder.time(phase, level: level(index)) {
            _ = try ReportWorkflow(environment: environment(index, date: date)).run(
                period: PlanGenerator.period, figures: parsed, tasks: statuses, in: open(index))
        }
    }

    /// Collects and pushes the units in `units` from the deepest level up.
    func collectUp(_ units: Set<Int>, phase prefix: String, date: String? = nil) throws {
        let date = date ?? (prefix.isEmpty ? "2024-12-28T08:00:00+07:00" : "2024-12-31T08:00:00+07:00")
        for depth in stride(from: hierarchy.levels.count - 1, through: 0, by: -1) {
            for index in hierarchy.levels[depth] where units.contains(index) {
                if hasChildren(index) && index == 0 && prefix.isEmpty, let cli = options.cli {
                    // The top's collect, the largest command of the run, in its own process.
                    let result = try CommandProcess(executable: cli).run(["collect"], in: work(0), environment: environment(0, date: date))
                    guard result.status == 0 else { throw BenchError("plancascade collect at the top exited \(result.status): \(result.output)") }
                    recorder.add("collect", level: level(0), seconds: result.seconds, cpuSeconds: result.cpuSeconds)
                    facts["top-collect-process-peak-MiB"] = String(format: "%.0f", result.peakMiB)
                } else if hasChildren(index) {
                    let outcome = try recorder.time(prefix + "collect", level: level(index)) {
                        try CollectWorkflow(environment: environment(index, date: date)).run(in: open(index))
                    }
                    guard outcome.refused.isEmpty, outcome.rewritten.isEmpty, !outcome.collected.isEmpty else {
                        throw BenchError("collect at \(hierarchy.nodes[index].id): \(outcome.collected.count) collected, refused \(outcome.refused.map(\.reason))")
                    }
                }
                if depth > 0 {
                    try recorder.time(prefix + "push", level: level(index)) { _ = try PushWorkflow().run(in: open(index)) }
                }
            }
        }
    }

    /// `check`, `trace` and `log` at the top, as an inspector of the ministry would run them.
    func queryTop() throws {
        let check = try recorder.time("check", level: level(0)) {
            try CheckQuery(.init(asOf: Self.asOf)).run(in: open(0))
        }
        facts["check"] = "\(check.errors) errors, \(check.warnings) warnings, \(check.findings.count) findings"
        let trace = try recorder.time("trace", level: level(0)) {
            try TraceQuery().run(indicator: "DVC-ONLINE", period: Period(PlanGenerator.period), in: open(0))
        }
        guard trace.consistent, trace.rows.count >= hierarchy.nodes.count else {
            throw BenchError("trace at the top: \(trace.rows.count) rows for \(hierarchy.nodes.count) units, consistent \(trace.consistent)")
        }
        facts["trace"] = "\(trace.rows.count) rows, every total equals its recomputation"
        let log = try recorder.time("log", level: level(0)) {
            try LogQuery(.init(item: "DVC-ONLINE")).run(in: open(0))
        }
        facts["log"] = "\(log.count) changes of DVC-ONLINE"
        if let cli = options.cli {
            // The same queries as their own processes, as an inspector runs them.
            for (name, arguments) in [("check", ["check", "--as-of", "\(Self.asOf)"]), ("trace", ["trace", "DVC-ONLINE", "--period", PlanGenerator.period])] {
                let result = try CommandProcess(executable: cli).run(arguments, in: work(0), environment: [:])
                guard result.status <= 1 else { throw BenchError("plancascade \(name) at the top exited \(result.status): \(result.output)") }
                recorder.add(name + " (own process)", level: level(0), seconds: result.seconds, cpuSeconds: result.cpuSeconds)
                facts["\(name)-process-peak-MiB"] = String(format: "%.0f", result.peakMiB)
            }
        }
        let repository = try open(0)
        let history = try repository.git.history(from: [try repository.head()!]).count
        facts["top-history-commits"] = "\(history)"
    }

    /// 1% of the communes report again; only their ancestors collect again.
    func incrementalRound() throws {
        let communes = hierarchy.communes.isEmpty ? hierarchy.leaves : hierarchy.communes
        var random = SplitMix64(seed: options.seed).fork("incremental")
        var chosen = Set<Int>()
        let count = max(1, communes.count / 100)
        while chosen.count < count { chosen.insert(communes[random.int(in: 0...(communes.count - 1))]) }
        incremental = chosen.sorted()
        var affected = chosen
        for commune in chosen {
            var current = hierarchy.nodes[commune].parent
            while let parent = current { affected.insert(parent); current = hierarchy.nodes[parent].parent }
        }
        for commune in incremental { try report(commune, round: 1, phase: "incremental report") }
        try collectUp(affected, phase: "incremental ")
        facts["incremental"] = "\(incremental.count) of \(communes.count) communes reported again; \(affected.count - incremental.count) ancestors collected again"
    }

    /// The communes (else leaves) both baselines replay: `options.sample` of them, spread
    /// evenly over the hierarchy, by parent.
    public func sample() -> [(parent: Int, children: [Int])] {
        let communes = hierarchy.communes.isEmpty ? hierarchy.leaves : hierarchy.communes
        let count = min(options.sample, communes.count)
        let picked = (0..<count).map { communes[$0 * communes.count / count] }
        var byParent: [Int: [Int]] = [:]
        for commune in picked { byParent[hierarchy.nodes[commune].parent!, default: []].append(commune) }
        return byParent.keys.sorted().map { ($0, byParent[$0]!) }
    }

    /// The domain's cost per sampled unit of each step, comparable with the baselines:
    /// a commune's pull, report and push, and its parent's collect per child collected.
    public func perUnitSteps() -> [String: Double] {
        let communeLevel = level(sample()[0].children[0])
        let parentLevel = level(sample()[0].parent)
        var steps: [String: Double] = [:]
        for name in ["pull", "report", "push"] { steps[name] = recorder.phase(name, level: communeLevel)?.perUnit ?? 0 }
        let parents = hierarchy.nodes.indices.filter { level($0) == parentLevel && hasChildren($0) }
        let children = parents.reduce(0) { $0 + hierarchy.nodes[$1].children.count }
        steps["collect"] = (recorder.phase("collect", level: parentLevel)?.seconds ?? 0) / Double(max(children, 1))
        return steps
    }

    static func diskMiB(_ path: String) -> String {
        guard let outcome = try? ChildProcess.run("/usr/bin/du", ["-sk", path], stderr: .discard) else { return "?" }
        let text = String(decoding: outcome.stdout, as: UTF8.self)
        return text.split(separator: "\t").first.flatMap { Double($0) }.map { String(format: "%.0f", $0 / 1024) } ?? "?"
    }
}
