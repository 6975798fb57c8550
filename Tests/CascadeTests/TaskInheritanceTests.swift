import Cascade
import PlanModel
import Testing

@Suite("Task inheritance")
struct TaskInheritanceTests {
    static func task(lead: String?, cooperating: [String] = []) -> PlanTask {
        PlanTask(
            id: "3.4.1", content: "Giải quyết hồ sơ TTHC đúng hạn", lead: lead, cooperating: cooperating,
            timeframe: "Thường xuyên trong năm", deadline: CivilDate("2024-12-31"), product: "Báo cáo",
            kind: .remedy, indicators: ["3.4.1"])
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let lead: String?
        var cooperating: [String] = []
        let level: String
        let inherits: Bool
        var testDescription: String { "\(lead ?? "-") / \(cooperating) → \(level): \(inherits)" }
    }

    static let cases: [Case] = [
        // Every standard phrase, as lead.
        Case(lead: "UBND các huyện", level: "district", inherits: true),
        Case(lead: "UBND cấp huyện", level: "district", inherits: true),
        Case(lead: "UBND các huyện, thị xã, thành phố", level: "district", inherits: true),
        Case(lead: "UBND huyện, thị xã, thành phố", level: "district", inherits: true),
        Case(lead: "UBND các xã", level: "commune", inherits: true),
        Case(lead: "UBND cấp xã", level: "commune", inherits: true),
        Case(lead: "UBND các xã, phường, thị trấn", level: "commune", inherits: true),
        Case(lead: "Các xã, thị trấn", level: "commune", inherits: true),
        Case(lead: "Các sở, ban, ngành", level: "department", inherits: true),
        Case(lead: "Các Sở, ngành liên quan", level: "department", inherits: true),
        // As cooperating agency only.
        Case(lead: "Sở Nội vụ", cooperating: ["Sở Tư pháp", "UBND các huyện, thành phố"], level: "district", inherits: true),
        // Case-insensitive, white space collapsed, NFD text.
        Case(lead: "UBND CÁC XÃ, PHƯỜNG, THỊ TRẤN", level: "commune", inherits: true),
        Case(lead: "UBND  các\u{00A0}huyện", level: "district", inherits: true),
        Case(lead: "UBND ca\u{0301}c xa\u{0303}", level: "commune", inherits: true),
        // Not matching.
        Case(lead: "Sở Nội vụ", cooperating: ["Văn phòng UBND tỉnh"], level: "district", inherits: false),
        Case(lead: "UBND cac xa", level: "commune", inherits: false),
        Case(lead: "UBND các huyện", level: "commune", inherits: false),
        Case(lead: "UBND các xã", level: "district", inherits: false),
        Case(lead: "UBND các huyện, thị xã, thành phố", level: "commune", inherits: false),
        Case(lead: "Sở Nội vụ", level: "department", inherits: false),
        Case(lead: nil, level: "district", inherits: false),
        Case(lead: "UBND các huyện", level: "village", inherits: false),
    ]

    @Test("matches the level phrases", arguments: cases)
    func inherits(_ c: Case) {
        let t = Self.task(lead: c.lead, cooperating: c.cooperating)
        #expect(TaskInheritance.inherits(t, childLevel: c.level) == c.inherits)
        let derived = TaskInheritance.derive(task: t, parentUnit: "DLK", parentCommit: commitA, childLevel: c.level)
        #expect((derived != nil) == c.inherits)
    }

    @Test("the inherited task keeps the parent's content, deadline, lead and cooperating agencies (issue 17)")
    func derived() throws {
        let parent = Self.task(lead: "Sở Nội vụ", cooperating: ["UBND các huyện"])
        let child = try #require(
            TaskInheritance.derive(task: parent, parentUnit: "DLK", parentCommit: commitA, childLevel: "district"))
        #expect(
            child
                == PlanTask(
                    id: "3.4.1", content: "Giải quyết hồ sơ TTHC đúng hạn", lead: "Sở Nội vụ", cooperating: ["UBND các huyện"],
                    timeframe: "Thường xuyên trong năm", deadline: CivilDate("2024-12-31"), product: "Báo cáo",
                    kind: .remedy, indicators: ["3.4.1"],
                    provenance: Provenance(parentUnit: "DLK", parentCommit: commitA, rule: "inherit-task")))
    }

    @Test("levels are data: a new level can be added")
    func customLevel() {
        var phrases = TaskInheritance.standardPhrases
        phrases["village"] = ["các thôn, buôn"]
        let matcher = TaskInheritance(levelPhrases: phrases)
        let t = Self.task(lead: "UBND xã", cooperating: ["Các thôn, buôn"])
        #expect(matcher.inherits(t, childLevel: "village"))
        #expect(!TaskInheritance.inherits(t, childLevel: "village"))
        #expect(!matcher.inherits(t, childLevel: "commune"))
    }

    struct DeadlineCase: Sendable, CustomTestStringConvertible {
        let parent: String?
        let child: String?
        let exceeds: Bool
        var testDescription: String { "\(child ?? "none") after \(parent ?? "none"): \(exceeds)" }
    }

    @Test(
        "the parent's deadline is the latest allowed",
        arguments: [
            DeadlineCase(parent: "2024-06-20", child: "2024-06-20", exceeds: false),
            DeadlineCase(parent: "2024-06-20", child: "2024-05-31", exceeds: false),
            DeadlineCase(parent: "2024-06-20", child: "2024-06-21", exceeds: true),
            DeadlineCase(parent: "2024-06-20", child: nil, exceeds: true),
            DeadlineCase(parent: nil, child: "2025-01-01", exceeds: false),
        ])
    func deadline(_ c: DeadlineCase) {
        var parent = Self.task(lead: "UBND các huyện")
        parent.deadline = c.parent.flatMap(CivilDate.init)
        var child = parent
        child.deadline = c.child.flatMap(CivilDate.init)
        #expect(TaskInheritance.exceedsParentDeadline(child, parent: parent) == c.exceeds)
    }
}
