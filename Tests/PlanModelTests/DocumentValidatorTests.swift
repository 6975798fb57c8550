import Testing
import PlanModel

@Suite struct DocumentValidatorTests {
    /// One expected finding: kind, line:column, and a fragment of the message.
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let path: String
        let text: String
        let kind: String
        let position: String
        let message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "syntax", path: "unit.json", text: "{\n  \"schema\": 1,\n  \"id\": \"x\"\n  \"name\": \"X\"\n}\n",
             kind: "syntax", position: "4:3", message: "expected ',' or '}' after object member, found '\"'"),
        Case(name: "duplicate key", path: "plans/2024/targets/X.json",
             text: "{\n  \"schema\": 1,\n  \"value\": 50,\n  \"indicator\": \"X\",\n  \"comparator\": \">=\",\n  \"value\": 60\n}\n",
             kind: "duplicate-key", position: "6:3", message: "duplicate key 'value' (first at 3:3)"),
        Case(name: "unknown field", path: "unit.json",
             text: "{\n  \"schema\": 1,\n  \"id\": \"x\",\n  \"name\": \"X\",\n  \"level\": \"commune\",\n  \"parrent\": \"y\"\n}\n",
             kind: "unknown-field", position: "6:3", message: "unknown field 'parrent'; expected one of: children, id, level, levelPhrases, name, parent, parentHub, schema"),
        Case(name: "schema", path: "plans/2024/plan.json",
             text: "{\n  \"schema\": 3\n}\n", kind: "schema", position: "2:13",
             message: "schema version 3 is newer than this plancascade understands (1); upgrade plancascade"),
        Case(name: "unit id", path: "unit.json",
             text: "{\n  \"schema\": 1,\n  \"id\": \"Đắk Lắk\",\n  \"name\": \"X\",\n  \"level\": \"province\"\n}\n",
             kind: "identifier", position: "3:9", message: "unit id 'Đắk Lắk' contains 'Đ' which is not an ASCII letter, digit, '.', '-' or '_'"),
        Case(name: "child id", path: "unit.json",
             text: "{\n  \"schema\": 1,\n  \"id\": \"x\",\n  \"name\": \"X\",\n  \"level\": \"province\",\n  \"children\": [\n    {\"id\": \"a/b\", \"name\": \"A\", \"level\": \"district\"}\n  ]\n}\n",
             kind: "identifier", position: "7:12", message: "child unit id 'a/b' contains '/'"),
        Case(name: "duplicate child", path: "unit.json",
             text: "{\n  \"schema\": 1,\n  \"id\": \"x\",\n  \"name\": \"X\",\n  \"level\": \"province\",\n  \"children\": [\n    {\"id\": \"a\", \"name\": \"A\", \"level\": \"district\"},\n    {\"id\": \"a\", \"name\": \"A2\", \"level\": \"district\"}\n  ]\n}\n",
             kind: "duplicate-id", position: "8:5", message: "child unit id 'a' appears twice in 'children' (first at index 0)"),
        Case(name: "target file name", path: "plans/2024/targets/DVC.json",
             text: "{\n  \"comparator\": \">=\",\n  \"indicator\": \"DVC-ONLINE\",\n  \"schema\": 1,\n  \"value\": 50\n}\n",
             kind: "file-name", position: "3:16", message: "file name 'DVC.json' does not match indicator code 'DVC-ONLINE'; rename the file to 'DVC-ONLINE.json' or correct the indicator code"),
        Case(name: "progress period", path: "progress/2024/2024-Q3.json",
             text: "{\n  \"period\": \"2024-Q4\",\n  \"reportedAt\": \"2024-10-05T09:30:00Z\",\n  \"reportedBy\": \"A\",\n  \"schema\": 1,\n  \"unit\": \"x\"\n}\n",
             kind: "file-name", position: "2:13", message: "file name '2024-Q3.json' does not match period '2024-Q4'; rename the file to '2024-Q4.json' or correct the period"),
        Case(name: "progress year folder", path: "progress/2023/2024-Q3.json",
             text: "{\n  \"period\": \"2024-Q3\",\n  \"reportedAt\": \"2024-10-05T09:30:00Z\",\n  \"reportedBy\": \"A\",\n  \"schema\": 1,\n  \"unit\": \"x\"\n}\n",
             kind: "file-name", position: "2:13", message: "period year 2024 does not match its folder for year 2023"),
        Case(name: "plan year", path: "plans/2024/plan.json",
             text: "{\n  \"number\": \"1\",\n  \"schema\": 1,\n  \"title\": \"T\",\n  \"year\": 2025\n}\n",
             kind: "file-name", position: "5:11", message: "plan year 2025 does not match its folder for year 2024"),
        Case(name: "denominator", path: "progress/2024/2024-10.json",
             text: "{\n  \"figures\": {\n    \"X\": {\n      \"denominator\": 0,\n      \"numerator\": 5\n    }\n  },\n  \"period\": \"2024-10\",\n  \"reportedAt\": \"2024-10-05T09:30:00Z\",\n  \"reportedBy\": \"A\",\n  \"schema\": 1,\n  \"unit\": \"x\"\n}\n",
             kind: "range", position: "4:22", message: "X: 5/0 counts 5 of no dossiers; give the denominator, or 0/0 when there were no dossiers"),
        Case(name: "negative numerator", path: "progress/2024/2024-10.json",
             text: "{\n  \"figures\": {\n    \"X\": {\n      \"denominator\": 5,\n      \"numerator\": -1\n    }\n  },\n  \"period\": \"2024-10\",\n  \"reportedAt\": \"2024-10-05T09:30:00Z\",\n  \"reportedBy\": \"A\",\n  \"schema\": 1,\n  \"unit\": \"x\"\n}\n",
             kind: "range", position: "5:20", message: "X: numerator -1 is negative; figures are 0 or more: type it without the minus sign"),
        Case(name: "figure form", path: "progress/2024/2024-10.json",
             text: "{\n  \"figures\": {\n    \"X\": {\n      \"numerator\": 1\n    }\n  },\n  \"period\": \"2024-10\",\n  \"reportedAt\": \"2024-10-05T09:30:00Z\",\n  \"reportedBy\": \"A\",\n  \"schema\": 1,\n  \"unit\": \"x\"\n}\n",
             kind: "missing-field", position: "3:10", message: "figure 'X' needs either 'value' or both 'numerator' and 'denominator'"),
        Case(name: "figure key id", path: "progress/2024/2024-10.json",
             text: "{\n  \"figures\": {\n    \"a b\": {\n      \"value\": 1\n    }\n  },\n  \"period\": \"2024-10\",\n  \"reportedAt\": \"2024-10-05T09:30:00Z\",\n  \"reportedBy\": \"A\",\n  \"schema\": 1,\n  \"unit\": \"x\"\n}\n",
             kind: "identifier", position: "3:5", message: "indicator code 'a b' contains whitespace"),
        Case(name: "commit id", path: "plans/2024/tasks/t1.json",
             text: "{\n  \"content\": \"C\",\n  \"id\": \"t1\",\n  \"kind\": \"remedy\",\n  \"provenance\": {\n    \"parentCommit\": \"abc\",\n    \"parentUnit\": \"p\",\n    \"rule\": \"copy\"\n  },\n  \"schema\": 1\n}\n",
             kind: "identifier", position: "6:21", message: "parentCommit 'abc' is not a 40-character hexadecimal commit id"),
        Case(name: "task indicators duplicate", path: "plans/2024/tasks/t1.json",
             text: "{\n  \"content\": \"C\",\n  \"id\": \"t1\",\n  \"indicators\": [\n    \"A\",\n    \"A\"\n  ],\n  \"kind\": \"remedy\",\n  \"schema\": 1\n}\n",
             kind: "duplicate-id", position: "6:5", message: "indicator code 'A' appears twice in 'indicators' (first at index 0)"),
        Case(name: "approval folder", path: "approvals/ea-tam/2024-Q3.json",
             text: "{\n  \"at\": \"2024-10-05T09:30:00+07:00\",\n  \"by\": \"A <a@b>\",\n  \"child\": \"ea-nuol\",\n  \"files\": {\n    \"progress/2024/2024-Q3.json\": \"0123456789012345678901234567890123456789\"\n  },\n  \"period\": \"2024-Q3\",\n  \"schema\": 1,\n  \"state\": \"approved\"\n}\n",
             kind: "file-name", position: "4:12", message: "child 'ea-nuol' does not match its folder approvals/ea-tam/"),
        Case(name: "approval reason", path: "approvals/ea-tam/2024-Q3.json",
             text: "{\n  \"at\": \"2024-10-05T09:30:00+07:00\",\n  \"by\": \"A <a@b>\",\n  \"child\": \"ea-tam\",\n  \"period\": \"2024-Q3\",\n  \"schema\": 1,\n  \"state\": \"waived\"\n}\n",
             kind: "missing-field", position: "1:1", message: "a waived period needs a 'reason'"),
        Case(name: "approval files", path: "approvals/ea-tam/2024-Q3.json",
             text: "{\n  \"at\": \"2024-10-05T09:30:00+07:00\",\n  \"by\": \"A <a@b>\",\n  \"child\": \"ea-tam\",\n  \"files\": {\n    \"progress/2024/2024-Q4.json\": \"0123456789012345678901234567890123456789\"\n  },\n  \"period\": \"2024-Q3\",\n  \"schema\": 1,\n  \"state\": \"approved\"\n}\n",
             kind: "file-name", position: "6:5", message: "'progress/2024/2024-Q4.json' is not a report file of 2024-Q3; expected progress/2024/2024-Q3.json or rollup/2024/2024-Q3.json, or the progress/ or rollup/ file of a period within 2024-Q3"),
        Case(name: "child folder", path: "children/BMT/unit.json",
             text: "{\n  \"id\": \"bmt\",\n  \"level\": \"district\",\n  \"name\": \"B\",\n  \"schema\": 1\n}\n",
             kind: "file-name", position: "2:9", message: "unit id 'bmt' does not match its folder children/BMT/"),
    ]

    @Test(arguments: cases)
    func reportsFinding(_ sample: Case) {
        let (document, findings) = DocumentValidator.validate(bytes: Array(sample.text.utf8), path: sample.path)
        #expect(document == nil)
        let matching = findings.filter { $0.kind.rawValue == sample.kind }
        #expect(matching.count == 1, "findings: \(findings)")
        guard let finding = matching.first else { return }
        #expect(finding.file == sample.path)
        #expect("\(finding.line ?? 0):\(finding.column ?? 0)" == sample.position)
        #expect(finding.message.description == sample.message)
        #expect(finding.severity == .error)
    }

    @Test func notCanonicalIsAWarningAndKeepsTheDocument() {
        let text = #"{"schema": 1, "id": "x", "name": "X", "level": "commune"}"#
        let (document, findings) = DocumentValidator.validate(bytes: Array(text.utf8), path: "unit.json")
        #expect(document == .unit(Unit(id: "x", name: "X", level: "commune")))
        #expect(findings == [
            Finding(severity: .warning, kind: "not-canonical", message: DocumentValidator.notCanonicalMessage, file: "unit.json")
        ])
    }

    @Test func reportsAllDuplicateKeys() {
        let text = "{\n  \"schema\": 1,\n  \"id\": \"x\",\n  \"id\": \"y\",\n  \"name\": \"X\",\n  \"level\": \"l\",\n  \"level\": \"m\"\n}\n"
        let (_, findings) = DocumentValidator.validate(bytes: Array(text.utf8), path: "unit.json")
        #expect(findings.map(\.description) == [
            "unit.json:4:3: error: duplicate key 'id' (first at 3:3) (at $.id)",
            "unit.json:7:3: error: duplicate key 'level' (first at 6:3) (at $.level)",
        ])
    }

    @Test func unclassifiablePathIsALayoutError() {
        let (_, findings) = DocumentValidator.validate(bytes: Array("{}\n".utf8), path: "plans/2024/other/x.json")
        #expect(findings.map(\.kind) == ["layout"])
    }

    @Test(arguments: [
        ("unit.json", DocumentKind.unit), ("plans/2024/plan.json", .plan),
        ("plans/2024/indicators/7.3.6.json", .indicator), ("plans/2024/targets/DVC-ONLINE.json", .target),
        ("plans/2024/tasks/1.1.json", .task), ("progress/2024/2024-Q3.json", .progress),
        ("children/BMT/unit.json", .unit), ("children/BMT/children/ea-tam/progress/2024/2024-10.json", .progress),
        ("rollup/2024/2024-Q3.json", .rollup), ("children/BMT/rollup/2024/2024.json", .rollup),
        ("conflicts/c-1f3a9b20.json", .conflict),
    ])
    func classifiesPaths(path: String, kind: DocumentKind) {
        #expect(DocumentKind.classify(path: path) == kind)
    }

    @Test(arguments: [
        "README.md", "plans/2024/plan.txt", "plans/24/plan.json", "plans/2024/targets/.json",
        "plans/2024/targets/x/y.json", "progress/2024/Q3/x.json", "children/unit.json", "children//unit.json",
        "rollup/2024/Q3/2024-Q3.json", "/unit.json", "plans/2024/other/x.json",
        "children/BMT/conflicts/c-1f3a9b20.json", "conflicts/c-1f3a9b20.txt",
    ])
    func rejectsOtherPaths(path: String) {
        #expect(DocumentKind.classify(path: path) == nil)
    }

    @Test func documentPathNamesTheUnit() throws {
        let path = try #require(DocumentPath("children/BMT/children/ea-tam/plans/2024/tasks/1.1.json"))
        #expect(path.unitPath == ["BMT", "ea-tam"])
        #expect(path.unitPrefix == "children/BMT/children/ea-tam/")
        #expect(path.year == 2024 && path.name == "1.1" && path.kind == .task)
    }
}
