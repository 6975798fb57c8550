import BenchSupport
import Foundation
import Git
import PlanModel
import PlanStore
import Testing
import TestSupport

/// The benchmark's reorganisation (issue 18 part 6) on the tiny hierarchy, end to end: the
/// 2024 cycle, 2025-Q1 and Q2 in three tiers, the decisions of 1/7/2025 through the tool's own
/// workflows, a 2025-Q3 cycle in two tiers. Every total is recomputed here from the generated
/// reports, never taken from the bench's own check.
@Suite struct ReorgBenchTests {
    init() { IsolatedGit.setUp() }

    /// Σnumerator and Σdenominator per indicator of the generated figures of `units`.
    static func sums(_ units: [String], period: String, seed: UInt64) -> [String: (Exact, Exact)] {
        var sums: [String: (Exact, Exact)] = [:]
        for unit in units {
            for text in PlanGenerator(seed: seed).figures(unit: unit, period: period) {
                let parts = text.split(separator: "=").map(String.init)
                let fraction = parts[1].split(separator: "/").map { Int($0)! }
                let sum = sums[parts[0]] ?? (.zero, .zero)
                sums[parts[0]] = (sum.0 + Exact(fraction[0]), sum.1 + Exact(fraction[1]))
            }
        }
        return sums
    }

    /// The PAR/SIPAS table's first field only (its 10 criteria), to keep the runs short.
    static func firstField(in dir: TemporaryDirectory) throws -> String {
        let lines = try String(contentsOfFile: BenchTests.criteria, encoding: .utf8).split(separator: "\n")
        let criteria = dir.appending("criteria.csv")
        try Data((lines.filter { $0.hasPrefix("code,") || $0.hasPrefix("1,") || $0.hasPrefix("1.") }.joined(separator: "\n") + "\n").utf8)
            .write(to: URL(fileURLWithPath: criteria))
        return criteria
    }

    @Test func tinyReorganisationCountsEveryFigureOnce() throws {
        let seed: UInt64 = 11
        let dir = try TemporaryDirectory("bench-reorg")
        let criteria = try Self.firstField(in: dir)
        let run = DomainRun(BenchOptions(shape: .tinyReorg, seed: seed, directory: dir.appending("run"), criteria: criteria,
                                         sample: 2, baselines: false, cli: Tool.path))
        try run.run()
        let before = Hierarchy(.tiny, seed: seed).nodes
        let plan = try #require(run.reorganised).plan
        let merged = Set(plan.merged.map { before[$0].id })

        // The shape after, from the decisions: no district, the communes about 3 into 1.
        let oldCommunes = before.filter { $0.level == "commune" }
        let newCommunes = plan.provinces.flatMap(\.merges).map(\.into)
        let survivors = oldCommunes.map(\.id).filter { !merged.contains($0) }
        #expect(newCommunes.count + survivors.count == (oldCommunes.count + 1) / 3)
        #expect(plan.provinces.flatMap(\.dissolved).count == before.filter { $0.level == "district" }.count)
        let q3 = before.filter { $0.level != "district" && $0.level != "commune" }.map(\.id) + survivors + newCommunes
        #expect(Set(try #require(run.reorganised).living.map(\.id)) == Set(q3))
        for commune in survivors + newCommunes {
            let unit = try #require(try UnitRepository.open(at: run.work(id: commune)).document(PlanModel.Unit.self, at: Layout.unitFile))
            #expect(unit.parent == before[0].id, "\(commune)")
        }
        for merge in plan.provinces.flatMap(\.merges) {
            // The merged commune's history reaches each predecessor's last report.
            let git = try Repository.open(at: run.work(id: merge.into))
            let history = Set(try git.history(from: [try #require(try git.referenceTarget("refs/heads/main"))]))
            for predecessor in merge.units {
                #expect(history.contains(try #require(run.reported[predecessor])), "\(merge.into) reaches \(before[predecessor].id)'s 2024 report")
            }
        }

        // Every figure counted once at the top: Q1 and Q2 under the old structure, Q3 under the new.
        let top = try UnitRepository.open(at: run.work(0))
        for (period, units) in [("2025-Q1", before.map(\.id)), ("2025-Q2", before.map(\.id)), ("2025-Q3", q3)] {
            let rollup = try #require(try top.document(Rollup.self, at: Layout.rollupFile(year: 2025, period: period)))
            let sums = Self.sums(units, period: period, seed: seed)
            #expect(sums.count == PlanGenerator.serviceIndicators.count)
            for (code, sum) in sums {
                let figure = try #require(rollup.figures[code], "\(period) \(code)")
                #expect(figure.numerator == sum.0 && figure.denominator == sum.1, "\(period) \(code)")
                #expect(figure.units == units.count && Set(figure.contributors) == Set(units), "\(period) \(code)")
            }
        }
        let districts = Set(before.filter { $0.level == "district" }.map(\.id))
        let q3Figure = try #require(try top.document(Rollup.self, at: Layout.rollupFile(year: 2025, period: "2025-Q3"))?.figures["DVC-ONLINE"])
        #expect(!q3Figure.contributors.contains { merged.contains($0) || districts.contains($0) })
        let verify = try VerifyQuery().run(in: top)
        #expect(!verify.findings.contains { $0.kind == "double-count" })
        #expect(run.facts["reorg-verify"]?.contains(" 0 double counts") == true)
        // The reorganisation's costs are in the report.
        for phase in ["reorg dissolve", "reorg merge", "reorg start", "reorg pull"] {
            #expect(run.recorder.phases.contains { $0.name == phase && $0.units > 0 }, "\(phase)")
        }
        #expect(run.recorder.phase("first collect after reorg (own process)", level: "province")?.units == 1)
        // No "weaker than" or other flag anywhere in the 2025 pulls after it: every living unit's
        // targets re-derive for the new structure — the communes it moved or made, and the
        // departments it does not touch (whose own 2025-Q1 and Q2 figures, reported since their
        // last pull, are their baselines now).
        #expect(run.facts["reorg-2025-pull-flags"] == "0", "\(run.facts["reorg-2025-pull-flagged"] ?? "")")
        #expect(run.facts["reorg-2025-pull-flagged"] == nil)
        #expect(run.facts["reorg-merge-process-peak-MiB"] != nil)
    }

    /// The ministry merges its two provinces into one, dissolves their four districts and
    /// merges their 12 communes into 4: every figure counted once before and after.
    @Test func twoProvincesMergedCountEveryFigureOnce() throws {
        let seed: UInt64 = 11
        let dir = try TemporaryDirectory("bench-reorg-nation")
        let criteria = try Self.firstField(in: dir)
        let run = DomainRun(BenchOptions(shape: .tinyNationReorg, seed: seed, directory: dir.appending("run"), criteria: criteria, sample: 2, baselines: false))
        try run.run()
        let before = Hierarchy(.tinyNation, seed: seed).nodes
        let record = try #require(run.reorganised)
        let plan = record.plan
        let merge = try #require(plan.provinceMerges.first)
        #expect(plan.provinceMerges.count == 1 && merge.units.map { before[$0].id } == ["t01", "t02"])
        let province = merge.into

        // After: the ministry, one province, 4 communes under it; no district, no old province.
        let newCommunes = plan.provinces.flatMap(\.merges).map(\.into)
        let kept = plan.provinces.flatMap(\.kept).map { before[$0].id }
        #expect(newCommunes.count + kept.count == 4)
        #expect(Set(record.living.map(\.id)) == Set(["bo-noi-vu", province] + kept + newCommunes))
        let unit = try #require(try UnitRepository.open(at: run.work(id: province)).document(PlanModel.Unit.self, at: Layout.unitFile))
        #expect(unit.parent == "bo-noi-vu")
        for commune in kept + newCommunes {
            let unit = try #require(try UnitRepository.open(at: run.work(id: commune)).document(PlanModel.Unit.self, at: Layout.unitFile))
            #expect(unit.parent == province && unit.parentHub == run.hub(id: province), "\(commune)")
        }
        // The merged province's history reaches both old provinces' reports.
        let git = try Repository.open(at: run.work(id: province))
        let history = Set(try git.history(from: [try #require(try git.referenceTarget("refs/heads/main"))]))
        for old in merge.units { #expect(history.contains(try #require(run.reported[old])), "\(province) reaches \(before[old].id)'s 2024 report") }

        // Every figure counted once at the ministry: Q1 and Q2 over the 19 old units, Q3 over the new ones.
        let top = try UnitRepository.open(at: run.work(0))
        for (period, units) in [("2025-Q1", before.map(\.id)), ("2025-Q2", before.map(\.id)), ("2025-Q3", record.living.map(\.id))] {
            let rollup = try #require(try top.document(Rollup.self, at: Layout.rollupFile(year: 2025, period: period)))
            for (code, sum) in Self.sums(units, period: period, seed: seed) {
                let figure = try #require(rollup.figures[code], "\(period) \(code)")
                #expect(figure.numerator == sum.0 && figure.denominator == sum.1, "\(period) \(code)")
                #expect(figure.units == units.count && Set(figure.contributors) == Set(units), "\(period) \(code)")
            }
        }
        // The new province's own totals of 2025-Q3: its communes' and its own.
        let q3 = try #require(try UnitRepository.open(at: run.work(id: province)).document(Rollup.self, at: Layout.rollupFile(year: 2025, period: "2025-Q3")))
        let sums = Self.sums([province] + kept + newCommunes, period: "2025-Q3", seed: seed)
        #expect(q3.figures["DVC-ONLINE"]?.numerator == sums["DVC-ONLINE"]?.0 && q3.figures["DVC-ONLINE"]?.denominator == sums["DVC-ONLINE"]?.1)
        let verify = try VerifyQuery().run(in: top)
        #expect(verify.errors == 0, "\(verify.findings.filter { $0.severity == .error }.map(\.message))")
        #expect(!verify.findings.contains { $0.kind == "double-count" })
        #expect(run.facts["reorg-2025-pull-flags"] == "0", "\(run.facts["reorg-2025-pull-flagged"] ?? "")")
        #expect(run.recorder.phase("reorg merge provinces", level: "nation")?.units == 1)
    }
}
