import Foundation
import Git
import PlanModel
import PlanStore

/// A unit of the structure in force from 1/7/2025.
public struct LivingUnit: Sendable, Equatable {
    public let id: String
    public let name: String
    public let level: String
    /// Nil for the top.
    public let parent: String?
}

/// What the reorganisation's run leaves for the report and the tests.
public struct ReorgRecord: Sendable {
    public let plan: ReorgPlan
    /// The units alive from the effective day, parents first.
    public let living: [LivingUnit]
    /// Each 2025 period → the units whose reports the top must count, once each.
    public let reporters: [String: [String]]
}

extension DomainRun {
    public static let reorgYear = 2025
    public static let reorgPeriods = ["2025-Q1", "2025-Q2", "2025-Q3"]
    static let reorgAsOf = CivilDate("2025-10-20")!

    static func reorgBasis(of province: String) -> String {
        // The Standing Committee's resolutions of 16/6/2025, one per province; the number is
        // not generated (the bench's provinces are not real ones).
        "Nghị quyết của Ủy ban Thường vụ Quốc hội ngày 16/6/2025 về việc sắp xếp các đơn vị hành chính cấp xã của \(province) năm 2025"
    }

    /// After the 2024 cycle: 2025-Q1 and Q2 reported and collected in the old structure; the
    /// decisions of 1/7/2025 at every province (``ReorgPlan``) through `ReorgWorkflow`, followed
    /// below by `pull`, the merged communes' repositories started by `ReorgStart`; a 2025-Q3
    /// cycle in the new structure; then the top's figures checked against the generated
    /// reports, `verify`, `trace` and `check` at the top.
    func reorganise() throws {
        let plan = ReorgPlan(hierarchy, seed: options.seed)
        let all = Set(hierarchy.nodes.indices)
        for (period, reportDay, collectDay) in [("2025-Q1", "2025-04-05", "2025-04-08"), ("2025-Q2", "2025-06-24", "2025-06-25")] {
            for index in hierarchy.nodes.indices {
                let node = hierarchy.nodes[index]
                try report2025(LivingUnit(id: node.id, name: node.name, level: node.level, parent: nil), period: period, date: "\(reportDay)T08:00:00+07:00")
            }
            try collectUp(all, phase: "2025 ", date: "\(collectDay)T08:00:00+07:00")
        }
        facts["reorg-disk-before-MiB"] = "units \(Self.diskMiB(options.directory + "/units")), hubs \(Self.diskMiB(options.directory + "/hubs"))"

        if let top = plan.decider { try decideAtTop(plan, top: top) } else { try decideAndFollow(plan) }
        let living = livingUnits(plan)
        try cycleAfter(living)

        var reporters: [String: [String]] = [:]
        for period in Self.reorgPeriods {
            reporters[period] = period == "2025-Q3" ? living.map(\.id) : hierarchy.nodes.map(\.id)
        }
        reorganised = ReorgRecord(plan: plan, living: living, reporters: reporters)
        try checkAfter(plan: plan, living: living, reporters: reporters)
        facts["reorg-disk-after-MiB"] = "units \(Self.diskMiB(options.directory + "/units")), hubs \(Self.diskMiB(options.directory + "/hubs"))"
    }

    /// One 2025 report of `unit` (figures only: the 2025 plan has no tasks).
    func report2025(_ unit: LivingUnit, period: String, date: String) throws {
        let parsed = try generator.figures(unit: unit.id, period: period).map(ReportWorkflow.parseFigure)
        try recorder.time("2025 report", level: unit.level) {
            _ = try ReportWorkflow(environment: environment(id: unit.id, name: unit.name, date: date)).run(
                period: period, figures: parsed, tasks: [:], in: UnitRepository.open(at: work(id: unit.id)))
        }
    }

    /// Every province's decisions, published and followed down; the merged communes started.
    func decideAndFollow(_ plan: ReorgPlan) throws {
        let effective = CivilDate(ReorgPlan.effective)!
        var decisions = 0
        for province in plan.provinces {
            let p = province.index, id = hierarchy.nodes[p].id
            let basis = Self.reorgBasis(of: hierarchy.nodes[p].name.replacingOccurrences(of: "UBND ", with: ""))
            let decided = environment(p, date: "2025-06-27T08:00:00+07:00")
            func decide(_ request: ReorgWorkflow.Request, _ phase: String) throws {
                try recorder.time(phase, level: level(p)) {
                    _ = try ReorgWorkflow(environment: decided).run(.init(request: request, effective: effective, basis: basis), in: open(p))
                }
                decisions += 1
            }
            for district in province.dissolved { try decide(.dissolve(unit: hierarchy.nodes[district].id, to: nil), "reorg dissolve") }
            for (number, merge) in province.merges.enumerated() {
                let units = merge.units.map { hierarchy.nodes[$0].id }
                if let cli = options.cli, p == plan.provinces.last?.index, number == province.merges.count - 1 {
                    // The last merge as its own process, as a clerk runs it: the command's own peak memory.
                    let result = try CommandProcess(executable: cli).run(
                        ["reorg", "merge"] + units + ["--into", merge.into, "--name", merge.name, "--effective", ReorgPlan.effective, "--basis", basis],
                        in: work(p), environment: decided)
                    guard result.status == 0 else { throw BenchError("plancascade reorg merge at \(id) exited \(result.status): \(result.output)") }
                    recorder.add("reorg merge (own process)", level: level(p), seconds: result.seconds, cpuSeconds: result.cpuSeconds)
                    facts["reorg-merge-process-peak-MiB"] = String(format: "%.0f", result.peakMiB)
                    decisions += 1
                } else {
                    try decide(.merge(units: units, into: merge.into, name: merge.name, to: nil), "reorg merge")
                }
            }
            try recorder.time("reorg publish", level: level(p)) {
                _ = try PublishWorkflow(environment: environment(p, date: "2025-06-27T09:00:00+07:00")).run(in: open(p))
            }
            try follow(province, startedAt: p)
        }
        let affected = plan.provinces.reduce(0) { $0 + $1.dissolved.count + $1.kept.count + $1.merges.reduce(0) { $0 + $1.units.count + 1 } }
        facts["reorg-decisions"] = "\(decisions) decisions (\(plan.provinces.reduce(0) { $0 + $1.dissolved.count }) dissolve, "
            + "\(plan.provinces.reduce(0) { $0 + $1.merges.count }) merge) at \(plan.provinces.count) provinces; \(affected) units affected"
        facts["reorg-units-affected"] = "\(affected)"
    }

    /// The districts of `province` take the decisions (and end), publish them to their communes
    /// and push; each commune pulls (a commune that is not merged must come out moved to the
    /// province); each merged commune is started at `decider`, the unit that recorded the merge.
    func follow(_ province: ReorgPlan.Province, startedAt decider: Int) throws {
        for district in province.dissolved {
            let date = "2025-06-30T08:00:00+07:00"
            try recorder.time("reorg pull", level: level(district)) { _ = try PullWorkflow(environment: environment(district, date: date)).run(in: open(district)) }
            try recorder.time("reorg publish", level: level(district)) { _ = try PublishWorkflow(environment: environment(district, date: date)).run(in: open(district)) }
            try recorder.time("reorg push", level: level(district)) { _ = try PushWorkflow().run(in: open(district)) }
        }
        let kept = Set(province.kept)
        for commune in province.dissolved.flatMap({ hierarchy.nodes[$0].children }) {
            let outcome = try recorder.time("reorg pull", level: level(commune)) {
                try PullWorkflow(environment: environment(commune, date: "2025-07-01T08:00:00+07:00")).run(in: open(commune))
            }
            if kept.contains(commune), outcome.movedTo != province.id {
                throw BenchError("pull at \(hierarchy.nodes[commune].id) after the reorganisation: moved to \(outcome.movedTo ?? "nowhere"), expected \(province.id)")
            }
        }
        for merge in province.merges {
            let started = try recorder.time("reorg start", level: "commune") {
                try ReorgStart(environment: environment(id: merge.into, name: merge.name, date: "2025-07-01T09:00:00+07:00"))
                    .run(unit: merge.into, path: work(id: merge.into), hub: hub(id: merge.into), from: open(decider))
            }
            let parents = try Repository.open(at: work(id: merge.into)).commit(started.commit).parents
            guard parents.count == merge.units.count else {
                throw BenchError("reorg start \(merge.into): its first commit has \(parents.count) parents for \(merge.units.count) predecessors")
            }
        }
    }

    /// The structure in force from the effective day, parents first: the districts gone, the
    /// merged provinces and communes replaced by the new ones, every commune under its province.
    func livingUnits(_ plan: ReorgPlan) -> [LivingUnit] {
        let gone = Set(plan.merged + plan.mergedProvinces)
        var after: [Int: String] = [:]
        for province in plan.provinces { for old in province.predecessors { after[old] = province.id } }
        func unit(_ index: Int) -> LivingUnit {
            let node = hierarchy.nodes[index]
            let parent = node.parent.map { hierarchy.nodes[$0].level == "district" ? hierarchy.nodes[$0].parent! : $0 }
            return LivingUnit(id: node.id, name: node.name, level: node.level, parent: parent.map { after[$0] ?? hierarchy.nodes[$0].id })
        }
        let survivors = hierarchy.nodes.indices.filter { hierarchy.nodes[$0].level != "district" && !gone.contains($0) }
        var living = survivors.filter { hierarchy.nodes[$0].level != "commune" }.map(unit)
        let top = hierarchy.nodes[0].id
        for province in plan.provinces where province.isMerged {
            living.append(LivingUnit(id: province.id, name: province.name, level: "province", parent: top))
        }
        living += survivors.filter { hierarchy.nodes[$0].level == "commune" }.map(unit)
        for province in plan.provinces {
            for merge in province.merges {
                living.append(LivingUnit(id: merge.into, name: merge.name, level: "commune", parent: province.id))
            }
        }
        return living
    }

    /// The 2025-Q3 cycle in the new structure: publish and pull top-down, every living unit
    /// reports, bottom-up push and collect (the first collect after the reorganisation).
    func cycleAfter(_ living: [LivingUnit]) throws {
        let parents = Set(living.compactMap(\.parent))
        var flagged = 0, flags: [String] = []
        for unit in living {
            let repository = { try UnitRepository.open(at: self.work(id: unit.id)) }
            if unit.parent != nil {
                let outcome = try recorder.time("2025 pull", level: unit.level) {
                    try PullWorkflow(environment: environment(id: unit.id, name: unit.name, date: "2025-07-03T08:00:00+07:00")).run(in: repository())
                }
                flagged += outcome.flags.count
                flags += outcome.flags.map { "\(unit.id) \($0.year) \($0.item)" }
            }
            if parents.contains(unit.id) {
                try recorder.time("2025 publish", level: unit.level) {
                    _ = try PublishWorkflow(environment: environment(id: unit.id, name: unit.name, date: "2025-07-02T08:00:00+07:00")).run(in: repository())
                }
            }
        }
        facts["reorg-2025-pull-flags"] = "\(flagged)"
        if !flags.isEmpty { facts["reorg-2025-pull-flagged"] = flags.joined(separator: ", ") }
        for unit in living { try report2025(unit, period: "2025-Q3", date: "2025-10-05T08:00:00+07:00") }
        var depth: [String: Int] = [:]
        for unit in living { depth[unit.id] = unit.parent.map { depth[$0]! + 1 } ?? 0 }
        let date = "2025-10-08T08:00:00+07:00"
        for level in stride(from: depth.values.max() ?? 0, through: 0, by: -1) {
            for unit in living where depth[unit.id] == level {
                let environment = environment(id: unit.id, name: unit.name, date: date)
                if parents.contains(unit.id) {
                    if unit.parent == nil, let cli = options.cli {
                        let result = try CommandProcess(executable: cli).run(["collect"], in: work(id: unit.id), environment: environment)
                        guard result.status == 0 else { throw BenchError("plancascade collect at the top after the reorganisation exited \(result.status): \(result.output)") }
                        recorder.add("first collect after reorg (own process)", level: unit.level, seconds: result.seconds, cpuSeconds: result.cpuSeconds)
                        facts["reorg-first-collect-process-peak-MiB"] = String(format: "%.0f", result.peakMiB)
                    } else {
                        let outcome = try recorder.time("first collect after reorg", level: unit.level) {
                            try CollectWorkflow(environment: environment).run(in: UnitRepository.open(at: work(id: unit.id)))
                        }
                        guard outcome.refused.isEmpty, !outcome.collected.isEmpty else {
                            throw BenchError("collect at \(unit.id) after the reorganisation: \(outcome.collected.count) collected, refused \(outcome.refused.map(\.reason))")
                        }
                    }
                }
                if unit.parent != nil {
                    try recorder.time("2025 push", level: unit.level) { _ = try PushWorkflow().run(in: UnitRepository.open(at: work(id: unit.id))) }
                }
            }
        }
    }

    /// The top's 2025 rollups against the sums of the generated reports of the units each
    /// period must count (computed here, not by the tool), the shape after, `verify`, `trace`
    /// and `check` at the top.
    func checkAfter(plan: ReorgPlan, living: [LivingUnit], reporters: [String: [String]]) throws {
        let top = try open(0)
        var counted: [String] = []
        for period in Self.reorgPeriods {
            let units = reporters[period]!
            guard let rollup = try top.document(Rollup.self, at: Layout.rollupFile(year: Self.reorgYear, period: period)) else {
                throw BenchError("the top has no rollup of \(period)")
            }
            for (code, expected) in try Self.totals(of: units, period: period, generator: generator) {
                guard let figure = rollup.figures[code], figure.numerator == expected.numerator, figure.denominator == expected.denominator,
                      figure.units == units.count, Set(figure.contributors) == Set(units) else {
                    throw BenchError("the top's \(period) \(code): \(rollup.figures[code].map { "\($0.numerator?.description ?? "-")/\($0.denominator?.description ?? "-") over \($0.units) units" } ?? "missing"), "
                        + "expected \(expected.numerator)/\(expected.denominator) over \(units.count) units")
                }
            }
            counted.append("\(period) over \(units.count) units")
        }
        facts["reorg-counted-once"] = "every indicator of " + counted.joined(separator: ", ") + " equals the sum of the generated reports"

        // The shape after: no district alive, every commune under its province, pointing at its hub.
        let communes = living.filter { $0.level == "commune" }
        guard communes.count == plan.communesAfter, !living.contains(where: { $0.level == "district" }) else {
            throw BenchError("after the reorganisation: \(communes.count) communes, expected \(plan.communesAfter)")
        }
        let provinces = living.filter { $0.level == "province" && $0.parent != nil }
        if plan.decider != nil {
            guard provinces.count == plan.provinces.count else {
                throw BenchError("after the reorganisation: \(provinces.count) provinces, expected \(plan.provinces.count)")
            }
            for province in provinces {
                guard let unit = try UnitRepository.open(at: work(id: province.id)).document(PlanModel.Unit.self, at: Layout.unitFile),
                      unit.parent == province.parent, Set(communes.filter { $0.parent == province.id }.map(\.id)).isSubset(of: Set(unit.children.map(\.id))) else {
                    throw BenchError("\(province.id)'s unit.json does not name \(province.parent!) and its communes")
                }
            }
        }
        for commune in communes {
            guard let unit = try UnitRepository.open(at: work(id: commune.id)).document(PlanModel.Unit.self, at: Layout.unitFile),
                  unit.parent == commune.parent, let parentHub = unit.parentHub,
                  URL(fileURLWithPath: parentHub).standardized.path == URL(fileURLWithPath: hub(id: commune.parent!)).standardized.path else {
                throw BenchError("\(commune.id)'s unit.json does not name \(commune.parent!) and its hub")
            }
        }
        facts["reorg-shape-after"] = "\(living.count) units: " + (plan.decider == nil ? "" : "\(provinces.count) provinces, ") + "\(communes.count) communes, no district"

        let verify = try recorder.time("verify (after reorg)", level: level(0)) { try VerifyQuery().run(in: top) }
        let doubles = verify.findings.filter { $0.kind == "double-count" }
        facts["reorg-verify"] = "\(verify.errors) errors, \(verify.warnings) warnings, \(doubles.count) double counts "
            + "(\(verify.collected) collected heads, \(verify.rollups) rollup versions checked)"
        guard doubles.isEmpty else { throw BenchError("verify at the top: \(doubles.count) double counts") }
        for period in ["2025-Q2", "2025-Q3"] {
            let trace = try recorder.time("trace (after reorg)", level: level(0)) {
                try TraceQuery().run(indicator: "DVC-ONLINE", period: Period(period), in: top)
            }
            guard trace.consistent else { throw BenchError("trace DVC-ONLINE --period \(period) at the top is not consistent") }
            facts["reorg-trace-\(period)"] = "\(trace.rows.count) rows, consistent"
        }
        let check = try recorder.time("check (after reorg)", level: level(0)) {
            try CheckQuery(.init(asOf: Self.reorgAsOf, cadence: .quarterly, from: CivilDate("2025-01-01"), year: Self.reorgYear)).run(in: top)
        }
        let kinds = Dictionary(grouping: check.findings, by: { "\($0.kind)" }).mapValues(\.count).sorted { $0.key < $1.key }
        facts["reorg-check"] = "\(check.errors) errors, \(check.warnings) warnings (" + kinds.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"
    }

    /// Σnumerator and Σdenominator of every service indicator over the generated reports of `units`.
    public static func totals(of units: [String], period: String, generator: PlanGenerator) throws -> [String: (numerator: Exact, denominator: Exact)] {
        var totals: [String: (numerator: Exact, denominator: Exact)] = [:]
        for unit in units {
            // "CODE=numerator/denominator", read here rather than by the tool's parser.
            for text in generator.figures(unit: unit, period: period) {
                let parts = text.split(separator: "=")
                let fraction = parts[1].split(separator: "/").compactMap { Int($0) }
                guard parts.count == 2, fraction.count == 2 else { throw BenchError("generated figure '\(text)' is not CODE=n/d") }
                let sum = totals[String(parts[0])] ?? (.zero, .zero)
                totals[String(parts[0])] = (sum.numerator + Exact(fraction[0]), sum.denominator + Exact(fraction[1]))
            }
        }
        return totals
    }
}
