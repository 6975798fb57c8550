import Cascade
import PlanModel
import Testing

/// Who receives a target or task (issue 17 part 1): scopes, names and aliases, level phrases.
@Suite("Recipients")
struct RecipientsTests {
    static let tuPhap = Recipients.Child(id: "so-tu-phap", name: "Sở Tư pháp", level: "department")
    static let noiVu = Recipients.Child(id: "so-noi-vu", name: "Sở Nội vụ", level: "department")
    static let taiChinh = Recipients.Child(id: "so-tai-chinh", name: "Sở Tài chính", level: "department")
    static let khdt = Recipients.Child(id: "so-khdt", name: "Sở Kế hoạch và Đầu tư", level: "department")
    static let vpUbnd = Recipients.Child(
        id: "vp-ubnd", name: "Văn phòng UBND tỉnh", level: "department", aliases: ["Trung tâm Phục vụ hành chính công tỉnh"])
    static let buonDon = Recipients.Child(id: "buon-don", name: "UBND huyện Buôn Đôn", level: "district")
    static let commune = Recipients.Child(id: "ea-nuol", name: "UBND xã Ea Nuôl", level: "commune")
    static let ward = Recipients.Child(id: "tan-lap", name: "UBND phường Tân Lập", level: "ward")
    static let town = Recipients.Child(id: "lien-son", name: "UBND thị trấn Liên Sơn", level: "town")

    static func target(lead: String?, cooperating: [String] = [], rule: String?) -> Target {
        Target(indicator: "2.1.1", value: x("2"), lead: lead, cooperating: cooperating, rule: rule)
    }

    @Test("for: is part of the rule, printed last, and never travels on")
    func ruleForm() throws {
        let rules = try RuleSet.parse("uplift:5; for: lead | district ;exempt:thanh-tra").get()
        #expect(rules.recipients == ["lead", "district"])
        #expect(rules.description == "uplift:5;exempt:thanh-tra;for:lead|district")
        #expect(rules.travelling.description == "uplift:5")
        #expect(try RuleSet.parse("for:lead").get().effectiveRule == .floor)
        #expect(throws: RuleError.self) { try RuleSet.parse("for:").get() }
        #expect(throws: RuleError.self) { try RuleSet.parse("for:lead||district").get() }
        #expect(throws: RuleError.self) { try RuleSet.parse("for:lead;for:district").get() }
        #expect(throws: RuleError.self) { try RuleSet.parse("for:Sở Tư pháp").get() }  // an id, not a name
    }

    struct TargetCase: Sendable, CustomTestStringConvertible {
        let lead: String?
        var cooperating: [String] = []
        let rule: String?
        let child: Recipients.Child
        let receives: Bool
        var testDescription: String { "\(rule ?? "-") / \(lead ?? "-") → \(child.id): \(receives)" }
    }

    @Test(
        "a target reaches the children its scope names",
        arguments: [
            // No scope: every child, as before scopes.
            TargetCase(lead: "Sở Tư pháp", rule: nil, child: noiVu, receives: true),
            TargetCase(lead: "Sở Tư pháp", rule: "uplift:5", child: buonDon, receives: true),
            // for:lead — the children the lead cell names, by name, NFC- and case-insensitively.
            TargetCase(lead: "Sở Tư pháp", rule: "for:lead", child: tuPhap, receives: true),
            TargetCase(lead: "SỞ TƯ PHÁP", rule: "for:lead", child: tuPhap, receives: true),
            TargetCase(lead: "So\u{031B}\u{0309} Tu\u{031B} pha\u{0301}p", rule: "for:lead", child: tuPhap, receives: true),
            TargetCase(lead: "Sở Tư pháp", rule: "for:lead", child: noiVu, receives: false),
            TargetCase(lead: "Sở Kế hoạch và Đầu tư", rule: "for:lead", child: tuPhap, receives: false),  // 8.5
            TargetCase(lead: "Văn phòng UBND tỉnh, Sở Nội vụ", rule: "for:lead", child: noiVu, receives: true),  // 8.1
            TargetCase(lead: nil, rule: "for:lead", child: noiVu, receives: false),
            // A name is matched as a whole phrase.
            TargetCase(lead: "Sở Tài chínhx", rule: "for:lead", child: taiChinh, receives: false),
            // The documents' elliptical list (000 Phụ lục I 4.3).
            TargetCase(lead: "Các Sở: Kế hoạch và Đầu tư, Tài chính, Tài nguyên và Môi trường, Nội vụ", rule: "for:lead", child: taiChinh, receives: true),
            TargetCase(lead: "Các Sở: Kế hoạch và Đầu tư, Tài chính, Tài nguyên và Môi trường, Nội vụ", rule: "for:lead", child: khdt, receives: true),
            TargetCase(lead: "Các Sở: Kế hoạch và Đầu tư, Tài chính, Tài nguyên và Môi trường, Nội vụ", rule: "for:lead", child: tuPhap, receives: false),
            // An alias of the registry.
            TargetCase(lead: "Trung tâm Phục vụ Hành chính công tỉnh", rule: "for:lead", child: vpUbnd, receives: true),
            // A level phrase in the lead cell names a level.
            TargetCase(lead: "Đội ngũ CBCCVC của các sở, ban, ngành; UBND các huyện, thị xã, thành phố", rule: "for:lead", child: buonDon, receives: true),
            // cooperating, ids and levels.
            TargetCase(lead: "Sở Nội vụ", cooperating: ["Sở Tư pháp"], rule: "for:cooperating", child: tuPhap, receives: true),
            TargetCase(lead: "Sở Tư pháp", cooperating: ["Sở Nội vụ"], rule: "for:cooperating", child: tuPhap, receives: false),
            TargetCase(lead: nil, rule: "for:so-tu-phap|buon-don", child: buonDon, receives: true),
            TargetCase(lead: nil, rule: "for:so-tu-phap|buon-don", child: noiVu, receives: false),
            TargetCase(lead: nil, rule: "for:district", child: buonDon, receives: true),
            TargetCase(lead: nil, rule: "for:district", child: tuPhap, receives: false),
            // commune is the commune tier: communes, wards and towns.
            TargetCase(lead: nil, rule: "for:commune", child: commune, receives: true),
            TargetCase(lead: nil, rule: "for:commune", child: ward, receives: true),
            TargetCase(lead: nil, rule: "for:commune", child: town, receives: true),
            TargetCase(lead: nil, rule: "for:ward", child: commune, receives: false),
        ])
    func targetScope(_ c: TargetCase) {
        let target = Self.target(lead: c.lead, cooperating: c.cooperating, rule: c.rule)
        #expect(Recipients().receives(c.child, target: target) == c.receives)
    }

    @Test("an explicit assignment reaches its child whatever the scope")
    func assignmentReaches() {
        var target = Self.target(lead: "Sở Tư pháp", rule: "for:lead")
        target.assignments["so-noi-vu"] = Assignment(value: x("2"))
        #expect(Recipients().receives(Self.noiVu, target: target))
        #expect(!Recipients().receives(Self.taiChinh, target: target))
    }

    static func task(_ id: String, lead: String?, cooperating: [String] = [], content: String, recipients: [String] = []) -> PlanTask {
        PlanTask(id: id, content: content, lead: lead, cooperating: cooperating, kind: .remedy, recipients: recipients)
    }

    /// Tasks 1.4, 1.6 and 1.13 of Kế hoạch 116/KH-UBND II.1, abridged from
    /// Repos/daklak-2024/remedial-tasks.csv: before issue 17 they reached nobody.
    static let task14 = task(
        "1.4", lead: "Văn phòng UBND tỉnh",
        content: "100% hồ sơ TTHC được giải quyết đúng hạn. — Các sở, ban, ngành, UBND các huyện, thị xã, thành phố thực hiện nghiêm "
            + "các quy định trong giải quyết TTHC | Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công tỉnh), UBND các huyện, thị "
            + "xã, thành phố; UBND các xã, phường, thị trấn khẩn trương rà soát")
    static let task16 = task("1.6", lead: "Sở Nội vụ", content: "Kết quả thực hiện sáng kiến về CCHC")
    static let task113 = task(
        "1.13", lead: "Sở Thông tin và Truyền thông",
        cooperating: ["Công an tỉnh, Sở Tư pháp, Sở Nội vụ, Sở Giao thông vận tải, Sở Tài chính, Sở Kế hoạch và Đầu tư"],
        content: "Kết nối, chia sẻ dữ liệu với các cơ sở dữ liệu quốc gia")

    struct TaskCase: Sendable, CustomTestStringConvertible {
        let task: PlanTask
        let child: Recipients.Child
        let inherits: Bool
        var testDescription: String { "\(task.id) → \(child.id): \(inherits)" }
    }

    @Test(
        "a task reaches its lead, its cooperating agencies and the doers its body names",
        arguments: [
            TaskCase(task: task14, child: vpUbnd, inherits: true),  // lead
            TaskCase(task: task14, child: buonDon, inherits: true),  // body: UBND các huyện, thị xã, thành phố
            TaskCase(task: task14, child: tuPhap, inherits: true),  // body: Các sở, ban, ngành
            TaskCase(task: task14, child: ward, inherits: true),  // body: các xã, phường, thị trấn
            TaskCase(task: task14, child: town, inherits: true),
            TaskCase(task: task16, child: noiVu, inherits: true),  // lead only
            TaskCase(task: task16, child: tuPhap, inherits: false),
            TaskCase(task: task16, child: buonDon, inherits: false),
            TaskCase(task: task113, child: Recipients.Child(id: "so-tttt", name: "Sở Thông tin và Truyền thông", level: "department"), inherits: true),
            TaskCase(task: task113, child: tuPhap, inherits: true),  // one long cooperating sentence
            TaskCase(task: task113, child: khdt, inherits: true),
            TaskCase(task: task113, child: vpUbnd, inherits: false),
            TaskCase(task: task113, child: buonDon, inherits: false),
            // "các xã, thị trấn" names communes and towns, not wards.
            TaskCase(task: task("x", lead: "UBND các xã, thị trấn", content: "…"), child: town, inherits: true),
            TaskCase(task: task("x", lead: "UBND các xã, thị trấn", content: "…"), child: ward, inherits: false),
            // A task's own `for` decides alone.
            TaskCase(task: task("x", lead: "Sở Nội vụ", content: "UBND các huyện", recipients: ["so-tu-phap"]), child: tuPhap, inherits: true),
            TaskCase(task: task("x", lead: "Sở Nội vụ", content: "UBND các huyện", recipients: ["so-tu-phap"]), child: buonDon, inherits: false),
            TaskCase(task: task("x", lead: "Sở Nội vụ", content: "…", recipients: ["lead"]), child: noiVu, inherits: true),
        ])
    func taskRecipients(_ c: TaskCase) {
        let matcher = TaskInheritance(recipients: Recipients())
        #expect(matcher.inherits(c.task, child: c.child) == c.inherits)
        let copy = matcher.derive(task: c.task, parentUnit: "daklak", parentCommit: commitA, child: c.child)
        #expect((copy != nil) == c.inherits)
        if let copy {
            #expect(copy.lead == c.task.lead)  // inherited copies keep their lead
            #expect(copy.cooperating == c.task.cooperating)
            #expect(copy.recipients.isEmpty)  // the parent's scope named the parent's children
            #expect(copy.provenance?.rule == TaskInheritance.rule)
        }
    }

    @Test("a parent's own phrases extend the standard ones")
    func parentPhrases() {
        let parent = PlanModel.Unit(id: "lak", name: "UBND huyện Lắk", level: "district", levelPhrases: ["village": ["các thôn, buôn"]])
        let village = Recipients.Child(id: "buon-jun", name: "Buôn Jun", level: "village")
        let t = Self.task("x", lead: "Các thôn, buôn", content: "…")
        #expect(Recipients(parent: parent).inherits(village, task: t))
        #expect(!Recipients().inherits(village, task: t))
        #expect(Recipients(parent: parent).isKnown("village", children: []))
        #expect(!Recipients().isKnown("village", children: []))
        #expect(Recipients().isKnown("ward", children: []))
    }
}
