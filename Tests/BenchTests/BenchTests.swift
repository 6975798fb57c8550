import BenchSupport
import Foundation
import Git
import Testing
import TestSupport

/// The benchmark's generator is deterministic, and the benchmark runs a tiny hierarchy end
/// to end (never timed: BENCHMARKS.md holds the numbers).
@Suite struct BenchTests {
    init() { IsolatedGit.setUp() }

    static let criteria = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Repos/daklak-2024/source/daklak-2024-par-sipas-targets.csv").path

    @Test func sameSeedSameHierarchyAndDocuments() {
        for shape in Hierarchy.Shape.allCases {
            let a = Hierarchy(shape, seed: 7), b = Hierarchy(shape, seed: 7)
            #expect(a.nodes == b.nodes)
        }
        let one = PlanGenerator(seed: 7), other = PlanGenerator(seed: 7)
        let district = Hierarchy(.tiny, seed: 7).nodes.first { $0.level == "district" }!
        #expect(one.tasksCSV(unit: district, childLevels: ["commune"]) == other.tasksCSV(unit: district, childLevels: ["commune"]))
        #expect(one.report(unit: "x", round: 0).figures == other.report(unit: "x", round: 0).figures)
        #expect(one.report(unit: "x", round: 0).figures != PlanGenerator(seed: 8).report(unit: "x", round: 0).figures)
        #expect(Hierarchy(.province, seed: 7).nodes.map(\.name) != Hierarchy(.province, seed: 8).nodes.map(\.name))
    }

    @Test func shapesHaveTheIssuesSizes() {
        func count(_ shape: Hierarchy.Shape, _ levels: [String]) -> [Int] {
            let nodes = Hierarchy(shape, seed: 1).nodes
            return levels.map { level in nodes.filter { $0.level == level }.count }
        }
        #expect(count(.province, ["department", "district", "commune"]) == [17, 15, 200])
        #expect(count(.nation2024, ["province", "district", "commune"]) == [63, 700, 10_000])
        #expect(count(.nation2025, ["province", "district", "commune"]) == [34, 0, 3_321])
        // The reorganisation turns nation-2024's communes into nation-2025's number, a province's into a third.
        let nation = ReorgPlan(Hierarchy(.nation2024to2025, seed: 1), seed: 1)
        #expect(nation.communesAfter == 3_321 && nation.provinces.count == 34 && nation.decider == 0)
        // 63 → 34 provinces: 29 merges of two, 5 left as they were.
        #expect(nation.provinceMerges.count == 29 && nation.provinceMerges.allSatisfy { $0.units.count == 2 })
        #expect(nation.provinces.flatMap(\.predecessors).count == 63 && Set(nation.provinces.map(\.id)).count == 34)
        #expect(nation.provinces.reduce(0) { $0 + $1.dissolved.count } == 700)
        #expect(nation.merged.count + nation.provinces.reduce(0) { $0 + $1.kept.count } == 10_000)
        let sample = ReorgPlan(Hierarchy(.nationSampleReorg, seed: 1), seed: 1)
        #expect(count(.nationSample, ["province", "district", "commune"]) == [6, 12, 96])
        #expect(sample.provinces.count == 3 && sample.provinceMerges.count == 3 && sample.communesAfter == 33)
        let province = ReorgPlan(Hierarchy(.provinceReorg, seed: 1), seed: 1)
        #expect(province.decider == nil && province.provinceMerges.isEmpty)
        #expect(province.communesAfter == 67 && province.provinces.map(\.dissolved.count) == [15])
        #expect(Set(province.provinces[0].merges.map(\.into)).count == province.provinces[0].merges.count)
    }

    /// Two runs from one seed (in the same folder: unit.json names the hubs' paths) give
    /// the same plan trees and the same commits, up to the top's last collect, and every
    /// level's rollup reaches the top.
    @Test func tinyRunIsDeterministicAndComplete() throws {
        var trees: [[String]] = []
        let dir = try TemporaryDirectory("bench")
        for _ in 0..<2 {
            try? FileManager.default.removeItem(atPath: dir.appending("run"))
            let run = DomainRun(BenchOptions(shape: .tiny, seed: 11, directory: dir.appending("run"), criteria: Self.criteria, sample: 2))
            try run.run()
            var plans: [String] = []
            for index in run.hierarchy.nodes.indices {
                let git = try Repository.open(at: run.work(index))
                plans.append(try git.entry(at: "plans", in: try git.commit(run.planned[index]!).tree)!.oid.hex)
            }
            plans.append(try Repository.open(at: run.work(0)).referenceTarget("refs/heads/main")!.hex)
            trees.append(plans)
            #expect(run.facts["trace"]?.contains("every total equals") == true)
            #expect(run.recorder.phase("collect", level: "province")?.units == 1)
            #expect(run.recorder.phase("incremental collect", level: "province")?.units == 1)
            let floor = try FloorBaseline(run).measure(), cli = try GitCLIBaseline(run).measure().steps
            let steps: [String] = ["collect", "pull", "push", "report"]
            #expect(floor.keys.sorted() == steps)
            #expect(cli.keys.sorted() == steps)
            #expect(floor.values.allSatisfy { $0 > 0 } && cli.values.allSatisfy { $0 > 0 })
        }
        #expect(trees[0] == trees[1])
    }

    /// The executable runs a tiny hierarchy and prints its table.
    @Test func executableRunsTiny() throws {
        let binary = URL(fileURLWithPath: Tool.path).deletingLastPathComponent().appendingPathComponent("plancascade-bench").path
        let dir = try TemporaryDirectory("bench-exe")
        let result = try Command.run(binary, ["--hierarchy", "tiny", "--dir", dir.appending("run"), "--criteria", Self.criteria, "--sample", "2",
                                              "--json", dir.appending("out.json")], environment: IsolatedGit.environment())
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("| collect | province | 1 |"))
        // The plancascade binary next to it runs the top's collect, check and trace as their own processes.
        #expect(result.stdout.contains("| check (own process) | province | 1 |"))
        #expect(result.stdout.contains("| trace (own process) | province | 1 |"))
        #expect(result.stdout.contains("top-collect-process-peak-MiB"))
        #expect(FileManager.default.fileExists(atPath: dir.appending("out.json")))
    }
}
