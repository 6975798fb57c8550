import Cascade
import PlanModel
import Testing

/// `Structure.inForce`: which units are alive, under which parent, on a date.
@Suite struct StructureTests {
    static let basis = "Nghị quyết số 1660/NQ-UBTVQH15 ngày 16/6/2025"
    static func day(_ text: String) -> CivilDate { CivilDate(text)! }

    /// daklak → buon-don (ea-wer, ea-nuol), lak (lien-son), as a tree collected in 2026 shows
    /// it after the reorganisation: ea-wer and the merged unit already under daklak.
    static let observed: [String: String?] = [
        "daklak": nil, "buon-don": "daklak", "lak": "daklak", "ea-nuol": "buon-don", "lien-son": "lak",
        "ea-wer": "daklak", "ea-moi": "daklak",
    ]

    static let decisions = [
        Reorganisation(id: "b-merge", kind: .merge, decidedBy: "daklak", effective: day("2025-07-01"), basis: basis, changes: [
            ReorgChange(unit: "ea-nuol", action: .ends, from: "buon-don", successors: ["ea-moi"]),
            ReorgChange(unit: "lien-son", action: .ends, from: "lak", successors: ["ea-moi"]),
            ReorgChange(unit: "ea-moi", action: .begins, to: "daklak", name: "Xã Ea Mới", level: "commune", predecessors: ["ea-nuol", "lien-son"]),
        ]),
        Reorganisation(id: "a-move", kind: .move, decidedBy: "daklak", effective: day("2025-07-01"), basis: basis, changes: [
            ReorgChange(unit: "ea-wer", action: .moves, from: "buon-don", to: "daklak"),
        ]),
        Reorganisation(id: "c-dissolve", kind: .dissolve, decidedBy: "daklak", effective: day("2025-07-01"), basis: basis, changes: [
            ReorgChange(unit: "buon-don", action: .ends, from: "daklak", successors: ["daklak"]),
        ]),
        Reorganisation(id: "d-rename", kind: .rename, decidedBy: "daklak", effective: day("2026-01-01"), basis: basis, changes: [
            ReorgChange(unit: "ea-moi", action: .renamed, name: "Phường Ea Mới"),
        ]),
    ]

    struct Row: Sendable, CustomTestStringConvertible {
        let date: String
        let unit: String
        let parent: String?  // nil: not alive
        var testDescription: String { "\(unit) on \(date)" }
    }

    @Test(arguments: [
        Row(date: "2025-06-30", unit: "ea-wer", parent: "buon-don"),
        Row(date: "2025-07-01", unit: "ea-wer", parent: "daklak"),
        Row(date: "2025-06-30", unit: "ea-nuol", parent: "buon-don"),
        Row(date: "2025-07-01", unit: "ea-nuol", parent: nil),
        Row(date: "2025-06-30", unit: "ea-moi", parent: nil),
        Row(date: "2025-07-01", unit: "ea-moi", parent: "daklak"),
        Row(date: "2025-06-30", unit: "buon-don", parent: "daklak"),
        Row(date: "2025-07-01", unit: "buon-don", parent: nil),
        Row(date: "2025-07-01", unit: "lak", parent: "daklak"),  // no decision names it
        Row(date: "2024-01-01", unit: "lien-son", parent: "lak"),
    ])
    func parentInForce(_ row: Row) {
        let structure = Structure.inForce(on: Self.day(row.date), decisions: Self.decisions, observed: Self.observed)
        #expect(structure.isAlive(row.unit) == (row.parent != nil))
        #expect(structure.parent(of: row.unit) == row.parent)
    }

    @Test func aPeriodIsCountedUnderTheStructureOfItsLastDay() {
        #expect(Structure.attributionDate(of: Period("2025-Q2")!) == Self.day("2025-06-30"))
        #expect(Structure.attributionDate(of: Period("2025")!) == Self.day("2025-12-31"))  // straddles: the new structure
        #expect(Structure.expects("ea-wer", under: "buon-don", on: Self.day("2025-06-30"), decisions: Self.decisions))
        #expect(!Structure.expects("ea-wer", under: "buon-don", on: Self.day("2025-09-30"), decisions: Self.decisions))
        #expect(!Structure.expects("ea-wer", under: "daklak", on: Self.day("2025-06-30"), decisions: Self.decisions))
        #expect(!Structure.expects("ea-moi", under: "daklak", on: Self.day("2025-06-30"), decisions: Self.decisions))
        #expect(Structure.expects("ea-moi", under: "daklak", on: Self.day("2025-09-30"), decisions: Self.decisions))
        #expect(Structure.expects("lak", under: "daklak", on: Self.day("2025-09-30"), decisions: []))
    }

    @Test func namesAndChildrenFollowTheDecisions() {
        let late = Structure.inForce(on: Self.day("2026-02-01"), decisions: Self.decisions, observed: Self.observed)
        #expect(late.names["ea-moi"] == "Phường Ea Mới")
        #expect(late.children(of: "daklak") == ["ea-moi", "ea-wer", "lak"])
        let early = Structure.inForce(on: Self.day("2025-03-31"), decisions: Self.decisions, observed: Self.observed)
        #expect(early.children(of: "daklak") == ["buon-don", "lak"])
        #expect(early.children(of: "buon-don") == ["ea-nuol", "ea-wer"])
        #expect(early.isUnder("ea-wer", "daklak") && !late.isUnder("ea-nuol", "daklak"))
    }

    @Test func aDoubleCountIsAnError() {
        let twice = RollupFigure(numerator: Exact(180), denominator: Exact(400), value: Exact(45), units: 4, contributors: ["ea-nuol", "ea-wer", "lien-son"])
        let finding = Structure.doubleCount(unit: "daklak", file: "rollup/2025/2025-Q1.json", period: Period("2025-Q1")!, indicator: "DVC-ONLINE", figure: twice)
        #expect(finding?.severity == .error)
        #expect(finding?.kind == "double-count")
        let once = RollupFigure(numerator: Exact(120), denominator: Exact(300), value: Exact(40), units: 3, contributors: ["ea-nuol", "ea-wer", "lien-son"])
        #expect(Structure.doubleCount(unit: "daklak", file: "rollup/2025/2025-Q1.json", period: Period("2025-Q1")!, indicator: "DVC-ONLINE", figure: once) == nil)
    }
}
