import Foundation
import PlanModel
import Testing

/// The documents and the import of issue 17 parts 1–2: a target's assignments, a task's
/// `for`, a child's aliases, a unit's level phrases; `import assignments`.
@Suite struct ScopeDocumentTests {
    @Test func newFieldsRoundTripAndAreAbsentWhenEmpty() throws {
        let target = Target(indicator: "DVC-ONLINE", value: 50, rule: "uplift:5;for:lead",
                            assignments: ["buon-don": Assignment(value: 60, deadline: CivilDate("2024-12-31"))])
        let bytes = try CanonicalJSON.encode(target)
        #expect(try CanonicalJSON.decode(Target.self, from: bytes, file: "t.json") == target)
        #expect(String(decoding: bytes, as: UTF8.self).contains("\"assignments\": {\n    \"buon-don\": {\n      \"deadline\": \"2024-12-31\",\n      \"value\": 60\n"))
        let task = PlanTask(id: "1.4", content: "…", kind: .remedy, recipients: ["lead", "district"])
        let taskBytes = try CanonicalJSON.encode(task)
        #expect(try CanonicalJSON.decode(PlanTask.self, from: taskBytes, file: "t.json") == task)
        #expect(String(decoding: taskBytes, as: UTF8.self).contains("\"for\": [\n    \"lead\",\n    \"district\"\n  ]"))
        let unit = Unit(id: "daklak", name: "UBND tỉnh Đắk Lắk", level: "province",
                        children: [UnitRef(id: "vp-ubnd", name: "Văn phòng UBND tỉnh", level: "department", aliases: ["Trung tâm Phục vụ hành chính công tỉnh"])],
                        levelPhrases: ["village": ["các thôn, buôn"]])
        #expect(try CanonicalJSON.decode(Unit.self, from: CanonicalJSON.encode(unit), file: "unit.json") == unit)
        // Empty, they are not written: files written before issue 17 keep their bytes.
        for text in [String(decoding: try CanonicalJSON.encode(Target(indicator: "X", value: 1)), as: UTF8.self),
                     String(decoding: try CanonicalJSON.encode(PlanTask(id: "t", content: "c", kind: .remedy)), as: UTF8.self),
                     String(decoding: try CanonicalJSON.encode(Unit(id: "u", name: "U", level: "province", children: [UnitRef(id: "c", name: "C", level: "commune")])), as: UTF8.self)] {
            #expect(!text.contains("assignments") && !text.contains("\"for\"") && !text.contains("aliases") && !text.contains("levelPhrases"))
        }
    }

    @Test func anAssignmentToAUnitThatIsNotAChildIsFlagged() throws {
        let unit = Unit(id: "daklak", name: "UBND tỉnh Đắk Lắk", level: "province", children: [UnitRef(id: "buon-don", name: "UBND huyện Buôn Đôn", level: "district")])
        let indicator = Indicator(code: "DVC-ONLINE", name: "Tỷ lệ", measure: .percent, aggregation: .ratio)
        let target = Target(indicator: "DVC-ONLINE", value: 50, assignments: ["buon-don": Assignment(value: 60), "lak": Assignment(value: 120)])
        let findings = TreeValidator.validate(files: [
            ("unit.json", try CanonicalJSON.encode(unit)),
            ("plans/2024/indicators/DVC-ONLINE.json", try CanonicalJSON.encode(indicator)),
            ("plans/2024/targets/DVC-ONLINE.json", try CanonicalJSON.encode(target)),
        ])
        let notChild = try #require(findings.first { $0.kind == "unknown-unit" })
        #expect(notChild.severity == .warning)
        #expect(notChild.path == "$.assignments.lak")
        #expect(notChild.message.description.contains("assigns a target to lak, which daklak does not register"))
        #expect(findings.contains { $0.kind == "range" && $0.severity == .error && $0.path == "$.assignments.lak.value" })
        #expect(!findings.contains { $0.path?.hasPrefix("$.assignments.buon-don") == true })
    }

    @Test func aTasksForHoldsIdsNotNames() throws {
        let task = PlanTask(id: "1.4", content: "…", kind: .remedy, recipients: ["lead", "Sở Tư pháp"])
        let findings = DocumentValidator.validate(bytes: try CanonicalJSON.encode(task), path: "plans/2024/tasks/1.4.json").1
        #expect(findings.contains { $0.kind == "identifier" && $0.path == "$.for[1]" }, "\(findings)")
        #expect(!findings.contains { $0.path == "$.for[0]" })
    }

    @Test func assignmentTablesReadTheDocumentsHeaders() {
        let csv = "Đơn vị,Chỉ tiêu,Mục tiêu,Thời hạn\nbuon-don,DVC-ONLINE,55%,06/01/2025\nlak,PAY-ONLINE,50,Quý IV\nbuon-don,DVC-ONLINE,60,\nbad id,DVC-ONLINE,5,\nlak,DVC-ONLINE,5.5.5,\n"
        let (rows, findings) = AssignmentImport.read(Array(csv.utf8), file: "phu-luc-ii.csv", defaultYear: 2024)
        #expect(rows == [
            AssignmentRow(line: 2, unit: "buon-don", indicator: "DVC-ONLINE", assignment: Assignment(value: 55, deadline: CivilDate("2025-01-06"))),
            AssignmentRow(line: 3, unit: "lak", indicator: "PAY-ONLINE", assignment: Assignment(value: 50, deadline: CivilDate("2024-12-31"))),
        ])
        #expect(findings.map(\.line) == [4, 5, 6])
        #expect(findings.allSatisfy { $0.severity == .error && $0.file == "phu-luc-ii.csv" })
        #expect(findings[0].message.description.contains("row 4: unit buon-don and indicator DVC-ONLINE were already assigned on line 2"))
        #expect(findings[2].message.description.contains("Mục tiêu '5.5.5'"))  // the column in the file's own words
        let missing = AssignmentImport.read(Array("unit,target\nbuon-don,55\n".utf8), file: "a.csv")
        #expect(missing.rows.isEmpty && missing.findings.contains { $0.kind == "missing-column" })
    }
}
