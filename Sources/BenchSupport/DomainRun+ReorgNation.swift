import Foundation
import Git
import PlanModel
import PlanStore

extension DomainRun {
    /// The basis of the merges of provinces.
    static let provinceMergeBasis = "Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội về việc sắp xếp đơn vị hành chính cấp tỉnh"

    /// Under a ministry (``ReorgPlan/decider``): the ministry records every decision, in the
    /// order they apply on the effective day (ids `…-1-merge-<province>`, `…-2-dissolve-<district>`,
    /// `…-3-merge-<commune>`: a district is dissolved into the province it was merged into), and
    /// publishes them; each old province pulls them (a merged one ends), publishes and pushes;
    /// each new province is started by `reorg start` at the ministry (its first commit's parents
    /// are its predecessors' heads), pulls (its children registered) and publishes; each district
    /// pulls (moved to the new province, then ended), publishes and pushes; each commune pulls (a
    /// commune that is not merged must come out moved to its province); the merged communes are
    /// started at the ministry.
    func decideAtTop(_ plan: ReorgPlan, top: Int) throws {
        let effective = CivilDate(ReorgPlan.effective)!
        let decided = environment(top, date: "2025-06-27T08:00:00+07:00")
        var decisions = 0
        func decide(_ request: ReorgWorkflow.Request, id: String, hubs: [String: String], basis: String, _ phase: String) throws {
            try recorder.time(phase, level: level(top)) {
                _ = try ReorgWorkflow(environment: decided).run(
                    .init(request: request, effective: effective, basis: basis, id: "\(ReorgPlan.effective)-\(id)", hubs: hubs), in: open(top))
            }
            decisions += 1
        }
        let ids = { (units: [Int]) in units.map { self.hierarchy.nodes[$0].id } }
        for merge in plan.provinceMerges {
            try decide(.merge(units: ids(merge.units), into: merge.into, name: merge.name, to: nil), id: "1-merge-\(merge.into)",
                       hubs: [merge.into: hub(id: merge.into)], basis: Self.provinceMergeBasis, "reorg merge provinces")
        }
        for province in plan.provinces {
            let hubs = [province.id: hub(id: province.id)]
            let basis = Self.reorgBasis(of: province.name.replacingOccurrences(of: "UBND ", with: ""))
            for district in province.dissolved {
                try decide(.dissolve(unit: hierarchy.nodes[district].id, to: nil), id: "2-dissolve-\(hierarchy.nodes[district].id)", hubs: hubs, basis: basis, "reorg dissolve")
            }
            for merge in province.merges {
                try decide(.merge(units: ids(merge.units), into: merge.into, name: merge.name, to: nil), id: "3-merge-\(merge.into)", hubs: hubs, basis: basis, "reorg merge")
            }
        }
        try recorder.time("reorg publish", level: level(top)) {
            _ = try PublishWorkflow(environment: environment(top, date: "2025-06-27T09:00:00+07:00")).run(in: open(top))
        }
        let date = "2025-06-28T08:00:00+07:00"
        // The old provinces take the decisions (a merged one ends) and pass them down.
        for old in plan.provinces.flatMap(\.predecessors) {
            try recorder.time("reorg pull", level: level(old)) { _ = try PullWorkflow(environment: environment(old, date: date)).run(in: open(old)) }
            try recorder.time("reorg publish", level: level(old)) { _ = try PublishWorkflow(environment: environment(old, date: date)).run(in: open(old)) }
            try recorder.time("reorg push", level: level(old)) { _ = try PushWorkflow().run(in: open(old)) }
        }
        // The new provinces, their histories continuing their predecessors'.
        for province in plan.provinces where province.isMerged {
            let environment = environment(id: province.id, name: province.name, date: "2025-06-29T08:00:00+07:00")
            let started = try recorder.time("reorg start", level: "province") {
                try ReorgStart(environment: environment).run(unit: province.id, path: work(id: province.id), hub: hub(id: province.id), from: open(top))
            }
            let parents = try Repository.open(at: work(id: province.id)).commit(started.commit).parents
            guard parents.count == province.predecessors.count else {
                throw BenchError("reorg start \(province.id): its first commit has \(parents.count) parents for \(province.predecessors.count) predecessors")
            }
            let repository = { try UnitRepository.open(at: self.work(id: province.id)) }
            try recorder.time("reorg pull", level: "province") { _ = try PullWorkflow(environment: environment).run(in: repository()) }
            try recorder.time("reorg publish", level: "province") { _ = try PublishWorkflow(environment: environment).run(in: repository()) }
        }
        // The districts follow (moved to the new province, then ended), then the communes.
        for province in plan.provinces { try follow(province, startedAt: top) }
        let affected = plan.provinceMerges.reduce(0) { $0 + $1.units.count + 1 }
            + plan.provinces.reduce(0) { $0 + $1.dissolved.count + $1.kept.count + $1.merges.reduce(0) { $0 + $1.units.count + 1 } }
        facts["reorg-decisions"] = "\(decisions) decisions at \(hierarchy.nodes[top].id) (\(plan.provinceMerges.count) merges of provinces, "
            + "\(plan.provinces.reduce(0) { $0 + $1.dissolved.count }) dissolve, \(plan.provinces.reduce(0) { $0 + $1.merges.count }) merges of communes); "
            + "\(plan.provinces.count) provinces after; \(affected) units affected"
        facts["reorg-units-affected"] = "\(affected)"
    }
}
