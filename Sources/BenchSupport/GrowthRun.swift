import Foundation
import Git
import PlanStore

/// What `plancascade-bench growth` runs: for a district of N communes under one province, for
/// each N, one full round set up in process (`DomainRun`), then one commune's change carried
/// to the top — each command as its own `plancascade` process of the given binary.
public struct GrowthOptions: Sendable {
    public var sizes: [Int]
    /// Propagations per way of running (each one a new report), and runs of `verify` and `check`.
    public var repeats: Int
    /// Seconds one command may take in total at one size before it is not repeated again
    /// (it always runs once): `verify` grows fast.
    public var budget: Double
    public var seed: UInt64
    /// An empty (or absent) folder; each size runs in `n<N>` below it, removed afterwards unless `keep`.
    public var directory: String
    public var criteria: String
    /// The `plancascade` binary whose commands are timed.
    public var cli: String
    public var git: String
    public var keep: Bool

    public init(sizes: [Int] = [10, 100, 400, 1000], repeats: Int = 3, budget: Double = 60, seed: UInt64 = 2024, directory: String,
                criteria: String, cli: String, git: String = "/usr/bin/git", keep: Bool = false) {
        self.sizes = sizes
        self.repeats = repeats
        self.budget = budget
        self.seed = seed
        self.directory = directory
        self.criteria = criteria
        self.cli = cli
        self.git = git
        self.keep = keep
    }
}

/// One timed process (or, for the git script and the totals, the sum of several).
public struct GrowthSample: Codable, Sendable {
    /// User + system CPU seconds (`wait4`), including what the git daemon ran for it.
    public var cpu: Double
    public var wall: Double
    /// The highest peak resident set of the processes summed, MiB.
    public var peakMiB: Double
    /// The git daemon's share of `cpu` (its upload-pack and receive-pack), when over git daemon.
    public var serverCPU: Double?
    /// How many processes.
    public var processes: Int

    public static func + (lhs: GrowthSample, rhs: GrowthSample) -> GrowthSample {
        GrowthSample(cpu: lhs.cpu + rhs.cpu, wall: lhs.wall + rhs.wall, peakMiB: max(lhs.peakMiB, rhs.peakMiB),
                     serverCPU: lhs.serverCPU.map { $0 + (rhs.serverCPU ?? 0) } ?? rhs.serverCPU, processes: lhs.processes + rhs.processes)
    }

    static let zero = GrowthSample(cpu: 0, wall: 0, peakMiB: 0, serverCPU: nil, processes: 0)
}

/// Where and how the propagation ran.
public enum GrowthMode: String, Codable, Sendable, CaseIterable {
    /// Working clones, hubs on local paths (as `init` makes them).
    case local
    /// Working clones, every hub reached over `git daemon` on 127.0.0.1.
    case daemon
    /// The district and the province collect (and the district pushes) in their bare hubs.
    case hub
    /// The plain git command line, one process per operation, in copies of the same repositories.
    case git

    public var title: String {
        switch self {
        case .local: "plancascade, working clones, hubs on local paths"
        case .daemon: "plancascade, working clones, hubs over `git daemon` (client + server CPU)"
        case .hub: "plancascade, hub-side: collect and push in the bare hubs, local paths"
        case .git: "git CLI script, local paths"
        }
    }
}

/// The steps of one commune's change reaching the top, in order.
public enum GrowthStep: String, Codable, Sendable, CaseIterable {
    case communeReport = "commune report"
    case communePush = "commune push"
    case districtCollect = "district collect"
    case districtPush = "district push"
    case provinceCollect = "province collect"
    /// The five above, summed per propagation.
    case propagation = "propagation"
    case districtVerify = "district verify"
    case districtCheck = "district check"

    /// The five steps and their sum, in every way of running.
    public static let propagated: [GrowthStep] = [.communeReport, .communePush, .districtCollect, .districtPush, .provinceCollect, .propagation]
}

/// Every sample of one size.
public struct GrowthSize: Codable, Sendable {
    public var communes: Int
    public var setupSeconds: Double
    /// `mode/step` → its samples.
    public var samples: [String: [GrowthSample]] = [:]

    public static func key(_ mode: GrowthMode, _ step: GrowthStep) -> String { mode.rawValue + "/" + step.rawValue }

    public func samples(_ mode: GrowthMode, _ step: GrowthStep) -> [GrowthSample] { samples[Self.key(mode, step)] ?? [] }

    /// The median of the samples' CPU (or another figure), nil without one.
    public func median(_ mode: GrowthMode, _ step: GrowthStep, _ figure: (GrowthSample) -> Double = \.cpu) -> Double? {
        let values = samples(mode, step).map(figure).sorted()
        guard !values.isEmpty else { return nil }
        return values.count % 2 == 1 ? values[values.count / 2] : (values[values.count / 2 - 1] + values[values.count / 2]) / 2
    }

    mutating func add(_ mode: GrowthMode, _ step: GrowthStep, _ sample: GrowthSample) {
        samples[Self.key(mode, step), default: []].append(sample)
    }
}

/// Runs the growth measurement: `run()` returns one `GrowthSize` per size.
public final class GrowthRun {
    public let options: GrowthOptions
    public var log: (String) -> Void = { _ in }

    public init(_ options: GrowthOptions) { self.options = options }

    public func run() throws -> [GrowthSize] {
        try options.sizes.map { try measure(communes: $0) }
    }

    /// One size: set-up in process, then the timed propagations of every mode.
    public func measure(communes: Int) throws -> GrowthSize {
        let directory = options.directory + "/n\(communes)"
        let run = DomainRun(BenchOptions(shape: .district, seed: options.seed, directory: directory, criteria: options.criteria,
                                         sample: 1, baselines: false, cli: nil, communes: communes))
        let clock = ContinuousClock(), start = clock.now
        log("growth: N=\(communes): setting up \(run.hierarchy.nodes.count) units in \(directory)")
        try run.runFullRound()
        var size = GrowthSize(communes: communes, setupSeconds: (clock.now - start).seconds)
        log(String(format: "growth: N=%d: set up in %.1f s", communes, size.setupSeconds))
        let scene = Scene(run: run)
        try copyForGitScript(scene)
        var reports: [[UInt8]] = []
        var round = 1
        for _ in 0..<options.repeats {
            try propagate(.local, scene, round: round, into: &size)
            reports.append(try scene.reportBytes())
            round += 1
        }
        try repeated(.districtVerify, into: &size) { try process(["verify"], in: run.work(scene.district), accepting: 0...1) }
        try repeated(.districtCheck, into: &size) {
            try process(["check", "--as-of", "\(DomainRun.asOf)"], in: run.work(scene.district), accepting: 0...1)
        }
        try gitScript(scene, reports: reports, into: &size)
        let daemon = try GitDaemonServer(basePath: directory + "/hubs", git: options.git)
        defer { daemon.stop() }
        try scene.pointRemotes { daemon.url(($0 as NSString).lastPathComponent) }
        for _ in 0..<options.repeats {
            try propagate(.daemon, scene, round: round, daemon: daemon, into: &size)
            round += 1
        }
        try scene.pointRemotes { $0 }
        daemon.stop()
        // The province's hub holds what its clone collected, for the hub-side collects.
        _ = try PushWorkflow().run(in: try UnitRepository.open(at: run.work(scene.province)))
        for _ in 0..<options.repeats {
            try propagate(.hub, scene, round: round, into: &size)
            round += 1
        }
        if !options.keep { try? FileManager.default.removeItem(atPath: directory) }
        return size
    }

    /// The repositories of one size's propagation: the last commune, its district, the province.
    struct Scene {
        let run: DomainRun
        let province = 0
        let district: Int
        let commune: Int

        init(run: DomainRun) {
            self.run = run
            district = run.hierarchy.nodes[0].children[0]
            commune = run.hierarchy.nodes[district].children.last!
        }

        var reportPath: String { "progress/\(PlanGenerator.year)/\(PlanGenerator.period).json" }

        /// The commune's report file as its last commit holds it.
        func reportBytes() throws -> [UInt8] {
            let git = try Repository.open(at: run.work(commune))
            let tree = try git.commit(try git.referenceTarget("refs/heads/main")!).tree
            guard let entry = try git.entry(at: reportPath, in: tree) else { throw BenchError("no \(reportPath) at \(run.hierarchy.nodes[commune].id)") }
            return try git.blob(entry.oid)
        }

        /// Sets the clones' `origin` and `parent` to `url(hub path)`.
        func pointRemotes(_ url: (String) -> String) throws {
            let remotes: [(Int, String, Int)] = [(commune, "origin", commune), (commune, "parent", district),
                                                 (district, "origin", district), (district, "parent", province), (province, "origin", province)]
            for (unit, name, hub) in remotes {
                try Repository.open(at: run.work(unit)).setRemoteURL(name, url: url(run.hub(hub)))
            }
        }
    }

    /// One commune's new report carried to the top by `mode`, each step its own process.
    func propagate(_ mode: GrowthMode, _ scene: Scene, round: Int, daemon: GitDaemonServer? = nil, into size: inout GrowthSize) throws {
        let run = scene.run
        let (figures, tasks) = run.generator.report(unit: run.hierarchy.nodes[scene.commune].id, round: round)
        let report = ["report", PlanGenerator.period] + figures + tasks.flatMap { ["--task", "\($0.id)=\($0.status)"] }
        let date = String(format: "2024-12-30T%02d:%02d:00+07:00", 8 + round / 60, round % 60)
        let collectAt: (Int) -> String = { mode == .hub ? run.hub($0) : run.work($0) }
        let steps: [(GrowthStep, [String], String, Int)] = [
            (.communeReport, report, run.work(scene.commune), scene.commune),
            (.communePush, ["push"], run.work(scene.commune), scene.commune),
            (.districtCollect, ["collect"], collectAt(scene.district), scene.district),
            (.districtPush, ["push"], collectAt(scene.district), scene.district),
            (.provinceCollect, ["collect"], collectAt(scene.province), scene.province),
        ]
        var total = GrowthSample.zero
        for (step, arguments, directory, unit) in steps {
            let before = daemon?.serverCPUSeconds()
            var sample = try process(arguments, in: directory, environment: run.environment(unit, date: date))
            if let daemon, let before {
                let server = daemon.serverCPUSeconds() - before
                sample.cpu += server
                sample.serverCPU = server
            }
            size.add(mode, step, sample)
            total = total + sample
        }
        size.add(mode, .propagation, total)
        log(String(format: "growth: N=%d %@ propagation: CPU %.0f ms, wall %.0f ms", size.communes, mode.rawValue, total.cpu * 1000, total.wall * 1000))
    }

    /// Runs `body` `repeats` times, or fewer once the runs took `budget` seconds (at least once).
    func repeated(_ step: GrowthStep, into size: inout GrowthSize, _ body: () throws -> GrowthSample) throws {
        var spent = 0.0
        for _ in 0..<options.repeats where spent < options.budget {
            let sample = try body()
            spent += sample.wall
            size.add(.local, step, sample)
        }
        log(String(format: "growth: N=%d %@: %d runs, median CPU %.0f ms", size.communes, step.rawValue,
                   size.samples(.local, step).count, (size.median(.local, step) ?? 0) * 1000))
    }

    /// `plancascade arguments…` in `directory`, as its own process; fails on another exit code.
    func process(_ arguments: [String], in directory: String, environment: [String: String] = [:], accepting codes: ClosedRange<Int32> = 0...0) throws -> GrowthSample {
        try timed(options.cli, arguments, in: directory, environment: environment, accepting: codes)
    }

    func timed(_ executable: String, _ arguments: [String], in directory: String, environment: [String: String], accepting codes: ClosedRange<Int32> = 0...0) throws -> GrowthSample {
        let result = try CommandProcess(executable: executable).run(arguments, in: directory, environment: environment)
        guard codes.contains(result.status) else {
            throw BenchError("\((executable as NSString).lastPathComponent) \(arguments.prefix(3).joined(separator: " ")) in \(directory) exited \(result.status): \(result.output.suffix(2000))")
        }
        return GrowthSample(cpu: result.cpuSeconds, wall: result.seconds, peakMiB: result.peakMiB, serverCPU: nil, processes: 1)
    }

    func gitScriptRoot(_ run: DomainRun) -> String { run.options.directory + "/git-script" }

    static func copy(_ path: String, under root: String) -> String {
        root + "/" + (path as NSString).lastPathComponent + ((path as NSString).pathExtension.isEmpty ? "-work" : "")
    }

    /// Copies the six repositories of the propagation as the full round left them, for the
    /// git script, with their remotes pointed at the copied hubs.
    func copyForGitScript(_ scene: Scene) throws {
        let run = scene.run
        let root = gitScriptRoot(run)
        let copy = { (path: String) in Self.copy(path, under: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for unit in [scene.commune, scene.district, scene.province] {
            for path in [run.work(unit), run.hub(unit)] {
                let result = try CommandProcess(executable: "/bin/cp").run(["-a", path, copy(path)], in: root, environment: [:])
                guard result.status == 0 else { throw BenchError("cp -a \(path): \(result.output)") }
            }
        }
        let remotes: [(Int, String, Int)] = [(scene.commune, "origin", scene.commune), (scene.commune, "parent", scene.district),
                                             (scene.district, "origin", scene.district), (scene.district, "parent", scene.province),
                                             (scene.province, "origin", scene.province)]
        for (unit, name, hub) in remotes {
            try Repository.open(at: copy(run.work(unit))).setRemoteURL(name, url: copy(run.hub(hub)))
        }
    }

    /// The same propagation by a plain git script, in the copies of `copyForGitScript` (their
    /// remotes pointed at the copied hubs), writing the reports plancascade wrote: per step one
    /// git process per operation, as `GitCLIBaseline` does them.
    func gitScript(_ scene: Scene, reports: [[UInt8]], into size: inout GrowthSize) throws {
        let run = scene.run
        let root = gitScriptRoot(run)
        let copy = { (path: String) in Self.copy(path, under: root) }
        let commune = copy(run.work(scene.commune)), district = copy(run.work(scene.district)), province = copy(run.work(scene.province))
        let communeID = run.hierarchy.nodes[scene.commune].id, districtID = run.hierarchy.nodes[scene.district].id
        for (number, report) in reports.enumerated() {
            let environment = run.environment(scene.commune, date: "2024-12-30T10:\(String(format: "%02d", number)):00+07:00")
            func git(_ arguments: [String], in clone: String, environment: [String: String] = environment) throws -> GrowthSample {
                try timed(options.git, arguments, in: clone, environment: environment)
            }
            func collect(_ child: String, in clone: String) throws -> GrowthSample {
                // One fetch of every child's ref, then the subtree merge of the child that moved.
                try git(["fetch", "-q", "origin", "+refs/children/*:refs/children/*"], in: clone)
                    + git(["merge", "-q", "-s", "ours", "--no-commit", "--allow-unrelated-histories", "refs/children/\(child)/main"], in: clone)
                    + git(["rm", "-r", "-q", "--cached", "--sparse", "--ignore-unmatch", "children/\(child)"], in: clone)
                    + git(["read-tree", "--prefix=children/\(child)/", "-u", "refs/children/\(child)/main"], in: clone)
                    + git(["commit", "-q", "-m", "Collect \(child)"], in: clone)
            }
            let file = commune + "/" + scene.reportPath
            let clock = ContinuousClock(), start = clock.now
            try Data(report).write(to: URL(fileURLWithPath: file))
            let write = GrowthSample(cpu: 0, wall: (clock.now - start).seconds, peakMiB: 0, serverCPU: nil, processes: 0)
            let steps: [(GrowthStep, () throws -> GrowthSample)] = [
                (.communeReport, { try write + git(["add", "-A"], in: commune) + git(["commit", "-q", "-m", "Report \(PlanGenerator.period) of \(communeID)"], in: commune) }),
                (.communePush, { try git(["push", "-q", "origin", "main"], in: commune) + git(["push", "-q", "parent", "main:refs/children/\(communeID)/main"], in: commune) }),
                (.districtCollect, { try collect(communeID, in: district) }),
                (.districtPush, { try git(["push", "-q", "origin", "main"], in: district) + git(["push", "-q", "parent", "main:refs/children/\(districtID)/main"], in: district) }),
                (.provinceCollect, { try collect(districtID, in: province) }),
            ]
            var total = GrowthSample.zero
            for (step, body) in steps {
                let sample = try body()
                size.add(.git, step, sample)
                total = total + sample
            }
            size.add(.git, .propagation, total)
            log(String(format: "growth: N=%d git propagation: CPU %.0f ms, wall %.0f ms (%d processes)", size.communes, total.cpu * 1000, total.wall * 1000, total.processes))
        }
        try? FileManager.default.removeItem(atPath: root)
    }
}
