import Foundation
import Git
import PlanModel
import PlanStore
import Testing
import TestSupport

/// Issue 17 parts 1–3 through real repositories: who receives each target and task, per-unit
/// assignment tables, and the assigned target as the child's floor.
@Suite("Scope, assignments and the assigned floor")
struct ScopeWorkflowTests {
    /// The Repos/ folder of this source tree.
    static let repos: String = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Repos/daklak-2024/units.csv").path) {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("Repos").path
    }()

    static func write(_ f: HierarchyFixture, _ name: String, _ text: String) throws -> String {
        let path = f.dir.appending(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func importFile(_ f: HierarchyFixture, _ unit: String, _ kind: ImportWorkflow.Kind, _ path: String, shownAs: String? = nil,
                           defaults: [String: String] = [:], force: Bool = false) throws -> ImportWorkflow.Outcome {
        try ImportWorkflow(environment: f.environment, defaults: defaults, force: force)
            .run(kind, path: path, shownAs: shownAs, year: 2024, in: f.open(unit))
    }

    static func targets(_ f: HierarchyFixture, _ unit: String) throws -> [String: Target] {
        let repository = try f.open(unit)
        let git = repository.git
        guard let head = try repository.head(), let folder = try git.entry(at: "plans/2024/targets", in: git.commit(head).tree) else { return [:] }
        var result: [String: Target] = [:]
        for entry in try git.tree(folder.oid) {
            let target = try CanonicalJSON.decode(Target.self, from: git.blob(entry.oid), file: entry.name)
            result[target.indicator] = target
        }
        return result
    }

    static func tasks(_ f: HierarchyFixture, _ unit: String) throws -> Set<String> {
        let repository = try f.open(unit)
        let git = repository.git
        guard let head = try repository.head(), let folder = try git.entry(at: "plans/2024/tasks", in: git.commit(head).tree) else { return [] }
        return Set(try git.tree(folder.oid).map { String($0.name.dropLast(5)) })
    }

    /// Đắk Lắk as Repos/daklak-2024 gives it: Phụ lục I (lead agencies filled down, `for` =
    /// lead) and the 25 tasks of section II; a few departments and districts of units.csv,
    /// and a ward under Lắk (no document names one; a ward is of the commune tier).
    @Test func daklakTargetsAndTasksReachTheUnitsThatLeadThem() throws {
        let f = try HierarchyFixture()
        try f.unit("daklak", level: "province")
        let departments = [("so-tu-phap", "Sở Tư pháp"), ("so-noi-vu", "Sở Nội vụ"), ("so-khdt", "Sở Kế hoạch và Đầu tư"),
                           ("so-tai-chinh", "Sở Tài chính"), ("so-tttt", "Sở Thông tin và Truyền thông")]
        for (id, name) in departments {
            try ChildWorkflow(environment: f.environment).add(id: id, name: name, level: "department", in: f.open("daklak"))
        }
        try ChildWorkflow(environment: f.environment).add(
            id: "vp-ubnd", name: "Văn phòng UBND tỉnh", level: "department", aliases: ["Trung tâm Phục vụ hành chính công tỉnh"],
            in: f.open("daklak"))
        try ChildWorkflow(environment: f.environment).add(id: "lak", name: "UBND huyện Lắk", level: "district", in: f.open("daklak"))
        _ = try Self.importFile(f, "daklak", .targets, Self.repos + "/daklak-2024/par-sipas-targets.csv", defaults: ["measure": "score"])
        _ = try Self.importFile(f, "daklak", .tasks, Self.repos + "/daklak-2024/remedial-tasks.csv")
        let province = try Self.targets(f, "daklak")
        #expect(province.count == 141)  // 133 criteria and the 8 fields' target ranks
        #expect(province["2.1.2"]?.lead == "Sở Tư pháp")  // filled down from 2.1.1
        #expect(province["2.1.2"]?.rule == "for:lead")
        try f.publish("daklak")

        for (id, _) in departments + [("vp-ubnd", ""), ("lak", "")] {
            try f.unit(id, level: id == "lak" ? "district" : "department", parent: "daklak")
            try f.pull(id)
        }
        // Sở Tư pháp receives field 2, which it leads, and the survey criteria whose lead cell
        // names "các sở, ban, ngành"; never a criterion another agency leads, such as 8.5.
        let tuPhap = try Self.targets(f, "so-tu-phap")
        let field2 = province.keys.filter { $0 == "2" || $0.hasPrefix("2.") }
        #expect(Set(field2).isSubset(of: Set(tuPhap.keys)))
        #expect(tuPhap["8.5"] == nil)
        #expect(tuPhap["1.7"] == nil && tuPhap["6.1.1"] == nil && tuPhap["3.1"] == nil)
        for (code, target) in tuPhap {
            let lead = target.lead ?? ""
            #expect(lead.contains("Sở Tư pháp") || lead.contains("các sở, ban, ngành"), "so-tu-phap received \(code) led by \(lead)")
        }
        #expect(tuPhap["2-rank"]?.value == 19)  // field 2's target rank 19/63 reaches its lead
        #expect(tuPhap.count < 141)
        // 8.5 reaches the agency that leads it; 4.3 ("Các Sở: Kế hoạch và Đầu tư, Tài chính, …")
        // reaches each department it lists; 3.4 reaches Văn phòng UBND tỉnh.
        #expect(try Self.targets(f, "so-khdt")["8.5"] != nil)
        #expect(try Self.targets(f, "so-khdt")["4.3"] != nil)
        #expect(try Self.targets(f, "so-tai-chinh")["4.3"] != nil)
        #expect(try Self.targets(f, "so-noi-vu")["4.3"] != nil)
        #expect(try Self.targets(f, "vp-ubnd")["3.4"] != nil)
        #expect(try Self.targets(f, "vp-ubnd")["8.5"] == nil)
        // A district receives the survey criteria naming "UBND các huyện, thị xã, thành phố".
        let lak = try Self.targets(f, "lak")
        #expect(lak["2.4.1"] != nil && lak["8.5"] == nil && lak["2.1.1"] == nil)

        // Tasks 1.4, 1.6 and 1.13 reach their lead agencies (they reached nobody before).
        #expect(try Self.tasks(f, "vp-ubnd").contains("1.4"))
        #expect(try Self.tasks(f, "so-noi-vu").contains("1.6"))
        #expect(try Self.tasks(f, "so-tttt").contains("1.13"))
        #expect(try Self.tasks(f, "so-tu-phap").contains("1.13"))  // a cooperating agency
        #expect(try !Self.tasks(f, "so-tu-phap").contains("1.6"))
        // 1.4's body names the districts; the copy keeps its lead.
        #expect(try Self.tasks(f, "lak").contains("1.4"))
        let copy = try #require(try f.open("lak").document(PlanTask.self, at: "plans/2024/tasks/1.4.json"))
        #expect(copy.lead == "Văn phòng UBND tỉnh")
        #expect(copy.provenance?.parentUnit == "daklak")

        // A ward inherits what names "các xã, phường, thị trấn" — from its district's copy.
        try f.addChild("lak", "lien-son", level: "ward")
        try f.publish("lak")
        try f.unit("lien-son", level: "ward", parent: "lak")
        try f.pull("lien-son")
        let wardTasks = try Self.tasks(f, "lien-son")
        #expect(wardTasks.contains("1.4"))

        // check finds nothing missing: each unit has what reaches it, and only that.
        let report = try f.check("so-tu-phap", asOf: "2024-07-01")
        #expect(!report.findings.contains { $0.kind == "missing-inherited-target" || $0.kind == "missing-inherited-task" })
    }

    @Test func anUnknownRecipientIsRefusedNamingFileRowAndColumn() throws {
        let f = try HierarchyFixture()
        try f.unit("daklak", level: "province")
        try f.addChild("daklak", "buon-don", level: "district")
        let csv = try Self.write(f, "targets.csv", "indicator,measure,target,Giao cho\nDVC-ONLINE,percent,50,buon-don\nPAY-ONLINE,percent,45,so-tu-phap\n")
        let head = try f.open("daklak").head()
        let error = #expect(throws: PlanStoreError.self) { _ = try Self.importFile(f, "daklak", .targets, csv, shownAs: "targets.csv") }
        let text = error?.description ?? ""
        #expect(text.contains("targets.csv:3"))
        #expect(text.contains("row 3, column 'for': 'so-tu-phap'"))
        #expect(try f.open("daklak").head() == head)
        let tasks = try Self.write(f, "tasks.csv", "id,content,for\nt1,Rà soát TTHC,cumune\n")
        let taskError = #expect(throws: PlanStoreError.self) { _ = try Self.importFile(f, "daklak", .tasks, tasks, shownAs: "tasks.csv") }
        #expect(taskError?.description.contains("column 'for': 'cumune'") == true)
        // Known items pass: a child id, a level, lead.
        let good = try Self.write(f, "good.csv", "indicator,measure,target,for\nDVC-ONLINE,percent,50,buon-don;commune\nPAY-ONLINE,percent,45,lead\n")
        _ = try Self.importFile(f, "daklak", .targets, good)
        #expect(try f.target("daklak", "DVC-ONLINE")?.rule == "for:buon-don|commune")
        // target set --rule is held to the same registry.
        let ruleError = #expect(throws: PlanStoreError.self) {
            try TargetSetWorkflow(environment: f.environment).run(.init(indicator: "DVC-ONLINE", value: "50", rule: "uplift:5;for:so-tu-phap"), in: f.open("daklak"))
        }
        #expect(ruleError?.description.contains("for: names 'so-tu-phap'") == true)
        _ = try TargetSetWorkflow(environment: f.environment).run(.init(indicator: "DVC-ONLINE", value: "50", rule: "uplift:5;for:lead|buon-don"), in: f.open("daklak"))
        #expect(try f.target("daklak", "DVC-ONLINE")?.rule == "uplift:5;for:lead|buon-don")
    }

    /// 004 Phụ lục II: "giao chỉ tiêu cụ thể cho các cơ quan, đơn vị, địa phương".
    @Test func anAssignmentIsPublishedAndDerivedWithProvenanceAssigned() throws {
        let f = try HierarchyFixture()
        try f.unit("daklak", level: "province")
        try f.addChild("daklak", "buon-don", level: "district")
        try f.addChild("daklak", "lak", level: "district")
        try f.commit("daklak", f.percentTarget("DVC-ONLINE", "50", rule: "uplift:5"))
        let baselines = try Self.write(f, "baselines.csv", "unit,indicator,value,as_of\nbuon-don,DVC-ONLINE,21.5,2024-10-31\n")
        _ = try Self.importFile(f, "daklak", .baselines, baselines)

        // Unknown unit, unknown indicator, below the rule's 55 for Buôn Đôn: refused, each
        // naming the file, row and column; nothing committed.
        let head = try f.open("daklak").head()
        let bad = try Self.write(f, "bad.csv", "Đơn vị,Chỉ tiêu,Mục tiêu,Thời hạn\nkrong-nang,DVC-ONLINE,60,\nbuon-don,DVC-OFFLINE,60,\nbuon-don,DVC-ONLINE,52,\n")
        let error = #expect(throws: PlanStoreError.self) { _ = try Self.importFile(f, "daklak", .assignments, bad, shownAs: "phu-luc-ii.csv") }
        let text = error?.description ?? ""
        #expect(text.contains("phu-luc-ii.csv:2") && text.contains("row 2, column 'unit': krong-nang is not a child of daklak"))
        #expect(text.contains("phu-luc-ii.csv:3") && text.contains("row 3, column 'indicator'") && text.contains("DVC-OFFLINE"))
        #expect(text.contains("phu-luc-ii.csv:4") && text.contains("row 4, column 'target'") && text.contains("weaker than the 55"))
        #expect(try f.open("daklak").head() == head)

        let good = try Self.write(f, "good.csv", "Đơn vị,Chỉ tiêu,Mục tiêu,Thời hạn\nbuon-don,DVC-ONLINE,60%,31/12/2024\n")
        let outcome = try Self.importFile(f, "daklak", .assignments, good)
        #expect(outcome.rows == 1 && outcome.updated == ["DVC-ONLINE"])
        #expect(try f.target("daklak", "DVC-ONLINE")?.assignments == ["buon-don": Assignment(value: 60, deadline: CivilDate("2024-12-31"))])
        // Re-importing the province's targets keeps the assignment.
        let targets = try Self.write(f, "targets.csv", "indicator,measure,target,deadline,rule\nDVC-ONLINE,percent,50,31/12/2024,uplift:5\n")
        _ = try Self.importFile(f, "daklak", .targets, targets)
        #expect(try f.target("daklak", "DVC-ONLINE")?.assignments["buon-don"]?.value == Exact(60))

        let published = try f.publish("daklak")
        try f.unit("buon-don", level: "district", parent: "daklak")
        try f.pull("buon-don")
        let assigned = try #require(try f.target("buon-don", "DVC-ONLINE"))
        #expect(assigned.value == Exact(60))
        #expect(assigned.deadline == CivilDate("2024-12-31"))
        #expect(assigned.assignments.isEmpty)  // siblings' assignments are not copied down
        #expect(assigned.provenance == Provenance(
            parentUnit: "daklak", parentCommit: published.targets.hex, rule: "assigned", base: 55, baseline: Exact("21.5"), derived: 60))
        // A sibling without an assignment derives by the rule.
        try f.unit("lak", level: "district", parent: "daklak")
        try f.pull("lak")
        #expect(try f.target("lak", "DVC-ONLINE")?.provenance?.rule == "uplift:5")
        // verify re-derives the assigned provenance from the parent commit it names.
        let verify = try VerifyQuery().run(in: f.open("buon-don"))
        #expect(verify.errors == 0, "\(verify.findings)")
        // The assignment is the floor.
        #expect(throws: PlanStoreError.self) { try f.setTarget("buon-don", "DVC-ONLINE", "58") }
        #expect(try f.setTarget("buon-don", "DVC-ONLINE", "61").commit != nil)
    }

    struct Lowering: Sendable, CustomTestStringConvertible {
        let code: String
        let measure: Measure
        let rule: String
        let parentValue: String
        let baseline: String
        let assigned: String
        let lowered: String
        let raised: String
        var testDescription: String { "\(code) \(rule): \(assigned) → \(lowered)" }
    }

    /// Issue 17's reproductions: each lowering was accepted with exit 0 and check and
    /// verify stayed clean.
    @Test(arguments: [
        Lowering(code: "DVC-ONLINE", measure: .percent, rule: "uplift:5", parentValue: "50", baseline: "21.5", assigned: "55", lowered: "50", raised: "56"),
        Lowering(code: "SIPAS", measure: .percent, rule: "improve:10", parentValue: "73", baseline: "72.5", assigned: "82.5", lowered: "73", raised: "85"),
        Lowering(code: "PAR-RANK", measure: .rank, rule: "rank:-5", parentValue: "62", baseline: "44", assigned: "39", lowered: "62", raised: "35"),
    ])
    func theAssignedTargetIsTheFloor(_ c: Lowering) throws {
        let f = try HierarchyFixture()
        try f.unit("daklak", level: "province")
        try f.addChild("daklak", "buon-don", level: "district")
        let direction: Direction = c.measure == .rank ? .lower : .higher
        try f.commit("daklak", [
            "plans/2024/indicators/\(c.code).json": Indicator(code: c.code, name: c.code, measure: c.measure, aggregation: c.measure == .rank ? .latest : .ratio),
            "plans/2024/targets/\(c.code).json": Target(indicator: c.code, value: Exact(c.parentValue)!, comparator: Comparator(direction: direction), rule: c.rule),
        ])
        let baselines = try Self.write(f, "baselines.csv", "unit,indicator,value\nbuon-don,\(c.code),\(c.baseline)\n")
        _ = try Self.importFile(f, "daklak", .baselines, baselines)
        try f.publish("daklak")
        try f.unit("buon-don", level: "district", parent: "daklak")
        try f.pull("buon-don")
        #expect(try f.target("buon-don", c.code)?.value == Exact(c.assigned))

        // target set: refused without --force, nothing written.
        let head = try f.open("buon-don").head()
        let error = #expect(throws: PlanStoreError.self) { try f.setTarget("buon-don", c.code, c.lowered) }
        #expect(error?.description.contains("weaker than the \(c.assigned)") == true)
        #expect(try f.open("buon-don").head() == head)
        // An import of the unit's own targets: refused the same way.
        let own = try Self.write(f, "own.csv", "indicator,measure,target\n\(c.code),\(c.measure.rawValue),\(c.lowered)\n")
        let imported = #expect(throws: PlanStoreError.self) { _ = try Self.importFile(f, "buon-don", .targets, own, shownAs: "own.csv") }
        #expect(imported?.description.contains("own.csv:2") == true)
        #expect(imported?.description.contains("weaker than the \(c.assigned)") == true)
        #expect(try f.open("buon-don").head() == head)
        // Raising is always allowed.
        #expect(try f.setTarget("buon-don", c.code, c.raised).commit != nil)

        // With --force: recorded, then an error finding below-assigned in check and verify.
        let forced = try f.setTarget("buon-don", c.code, c.lowered, force: true)
        #expect(forced.forcedBelow == Exact(c.assigned))
        let check = try f.check("buon-don", asOf: "2024-07-01")
        let finding = try #require(check.findings.first { $0.kind == "below-assigned" }, "\(check.findings)")
        #expect(finding.severity == .error)
        #expect(finding.indicator == c.code)
        #expect(finding.file == "plans/2024/targets/\(c.code).json")
        #expect(!check.findings.contains { $0.kind == "below-inherited" })
        let verify = try VerifyQuery().run(in: f.open("buon-don"))
        #expect(verify.findings.contains { $0.kind == "below-assigned" && $0.indicator == c.code })
        #expect(verify.errors >= 1)

        // The hub's pre-receive check refuses the lowering (its policy.json refuses lowered
        // targets by default, whatever the trailer says), naming the assigned floor.
        _ = try HookInstaller().install(at: f.hub("buon-don"), server: true, binary: "/usr/bin/false")
        let refused = #expect(throws: PlanStoreError.self) { try f.push("buon-don") }
        #expect(refused?.description.contains("lowers \(c.code) to \(c.lowered), below the \(c.assigned)") == true, "\(String(describing: refused))")
        // A hand edit that raises it again lands.
        var edited = try #require(try f.target("buon-don", c.code))
        edited.value = Exact(c.raised)!
        try f.commit("buon-don", ["plans/2024/targets/\(c.code).json": edited], message: "raise by hand")
        #expect(throws: PlanStoreError.self) { try f.push("buon-don") }  // the forced commit is still in the history
    }
}
