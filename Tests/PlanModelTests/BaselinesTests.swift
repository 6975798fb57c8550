import Testing
import PlanModel

@Suite struct BaselinesTests {
    /// What Đắk Lắk knows of its district BMT (004: actuals of 31/10/2024).
    static let baselines = Baselines(
        unit: "BMT",
        values: [
            "DVC-ONLINE": BaselineValue(value: Exact("6.6")!, asOf: CivilDate("2024-10-31")),
            "7.3.6": BaselineValue(value: Exact("1.0696")!),
        ])

    @Test func canonicalBytes() throws {
        let document = Baselines(
            unit: "buon-don", values: ["DVC-ONLINE": BaselineValue(value: Exact("6.60")!, asOf: CivilDate("2024-10-31"))])
        let text = String(decoding: try CanonicalJSON.encode(document), as: UTF8.self)
        #expect(text == """
            {
              "schema": 1,
              "unit": "buon-don",
              "values": {
                "DVC-ONLINE": {
                  "asOf": "2024-10-31",
                  "value": 6.6
                }
              }
            }

            """)
    }

    @Test(arguments: ["plans/2024/baselines/BMT.json", "children/BMT/plans/2024/baselines/BMT.json"])
    func roundTrips(path: String) throws {
        let bytes = try CanonicalJSON.encode(Self.baselines)
        #expect(try CanonicalJSON.decode(Baselines.self, from: bytes, file: path) == Self.baselines)
        let (document, findings) = DocumentValidator.validate(bytes: bytes, path: path)
        #expect(findings == [])
        #expect(document == .baselines(Self.baselines))
        #expect(try Document.baselines(Self.baselines).encoded() == bytes)
        #expect(document?.kind == .baselines)
    }

    @Test func valuesMayBeOmitted() throws {
        let text = #"{"schema": 1, "unit": "BMT"}"#
        let decoded = try CanonicalJSON.decode(Baselines.self, from: Array(text.utf8), file: "b.json")
        #expect(decoded == Baselines(unit: "BMT"))
    }

    @Test func classifiesPaths() throws {
        let path = try #require(DocumentPath("children/BMT/plans/2024/baselines/ea-tam.json"))
        #expect(path.kind == .baselines)
        #expect(path.unitPath == ["BMT"])
        #expect(path.year == 2024 && path.name == "ea-tam")
        #expect(DocumentKind.classify(path: "plans/2024/baselines/buon-don.json") == .baselines)
        #expect(DocumentKind.classify(path: "plans/2024/baselines/x/y.json") == nil)
        #expect(DocumentKind.classify(path: "plans/2024/baseline/buon-don.json") == nil)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let path: String
        let text: String
        let kind: String
        let position: String
        let message: String
        var testDescription: String { name }
    }

    static let invalid: [Case] = [
        Case(name: "file name", path: "plans/2024/baselines/buon-don.json",
             text: "{\n  \"schema\": 1,\n  \"unit\": \"ea-sup\",\n  \"values\": {}\n}\n",
             kind: "file-name", position: "3:11",
             message: "file name 'buon-don.json' does not match unit id 'ea-sup'; rename the file to 'ea-sup.json' or correct the unit id"),
        Case(name: "unit id", path: "plans/2024/baselines/Buôn Đôn.json",
             text: "{\n  \"schema\": 1,\n  \"unit\": \"Buôn Đôn\",\n  \"values\": {}\n}\n",
             kind: "identifier", position: "3:11",
             message: "unit id 'Buôn Đôn' contains 'ô' which is not an ASCII letter, digit, '.', '-' or '_'"),
        Case(name: "indicator key", path: "plans/2024/baselines/x.json",
             text: "{\n  \"schema\": 1,\n  \"unit\": \"x\",\n  \"values\": {\n    \"DVC/ONLINE\": {\n      \"value\": 6.6\n    }\n  }\n}\n",
             kind: "identifier", position: "5:5", message: "indicator code 'DVC/ONLINE' contains '/'"),
        Case(name: "unknown field", path: "plans/2024/baselines/x.json",
             text: "{\n  \"schema\": 1,\n  \"unit\": \"x\",\n  \"values\": {\n    \"A\": {\n      \"value\": 6.6,\n      \"date\": \"2024-10-31\"\n    }\n  }\n}\n",
             kind: "unknown-field", position: "7:7", message: "unknown field 'date'; expected one of: asOf, value"),
        Case(name: "missing value", path: "plans/2024/baselines/x.json",
             text: "{\n  \"schema\": 1,\n  \"unit\": \"x\",\n  \"values\": {\n    \"A\": {\n      \"asOf\": \"2024-10-31\"\n    }\n  }\n}\n",
             kind: "missing-field", position: "5:10", message: "missing required field 'value'"),
        Case(name: "date", path: "plans/2024/baselines/x.json",
             text: "{\n  \"schema\": 1,\n  \"unit\": \"x\",\n  \"values\": {\n    \"A\": {\n      \"asOf\": \"31/10/2024\",\n      \"value\": 1\n    }\n  }\n}\n",
             kind: "type", position: "6:15", message: "expected a date written YYYY-MM-DD, found the string \"31/10/2024\""),
    ]

    @Test(arguments: invalid)
    func reportsFinding(_ sample: Case) {
        let (document, findings) = DocumentValidator.validate(bytes: Array(sample.text.utf8), path: sample.path)
        #expect(document == nil)
        let matching = findings.filter { $0.kind.rawValue == sample.kind }
        #expect(matching.count == 1, "findings: \(findings)")
        guard let finding = matching.first else { return }
        #expect("\(finding.line ?? 0):\(finding.column ?? 0)" == sample.position)
        #expect(finding.message.description == sample.message)
    }

    // MARK: Tree checks

    func tree(adding path: String, _ baselines: Baselines) throws -> [Finding] {
        var files = try TreeValidatorTests.cleanTree()
        files.append((path, try CanonicalJSON.encode(baselines)))
        return TreeValidator.validate(files: files)
    }

    @Test func cleanBaselinesInTheTree() throws {
        #expect(try tree(adding: "plans/2024/baselines/BMT.json", Self.baselines) == [])
    }

    @Test func unknownIndicatorIsAtTheKey() throws {
        var baselines = Self.baselines
        baselines.values["SIPAS"] = BaselineValue(value: 80)
        let findings = try tree(adding: "plans/2024/baselines/BMT.json", baselines)
        #expect(findings.map(\.description) == [
            "plans/2024/baselines/BMT.json:12:5: error: baseline names indicator 'SIPAS', but plans/2024/indicators/SIPAS.json does not exist; known indicators: 7.3.6, DVC-ONLINE (at $.values.SIPAS)"
        ])
    }

    @Test func rangesAsForTargets() throws {
        var baselines = Self.baselines
        baselines.values["DVC-ONLINE"]?.value = Exact("100.5")!
        baselines.values["7.3.6"]?.value = Exact("1.75")!
        let findings = try tree(adding: "plans/2024/baselines/BMT.json", baselines)
        #expect(findings.map(\.message.description) == [
            "baseline 1.75 for indicator 7.3.6 is above its maxScore 1.5",
            "baseline 100.5 for percent indicator DVC-ONLINE is outside 0–100",
        ])
        #expect(findings.map { $0.path ?? "" } == [#"$.values["7.3.6"].value"#, #"$.values["DVC-ONLINE"].value"#])
        baselines.values["DVC-ONLINE"]?.value = -1
        baselines.values["7.3.6"]?.value = Exact("1.5")!
        #expect(try tree(adding: "plans/2024/baselines/BMT.json", baselines).map(\.kind) == ["range"])
    }

    @Test func unitThatIsNotAChildIsAWarning() throws {
        var baselines = Self.baselines
        baselines.unit = "ea-sup"
        let findings = try tree(adding: "plans/2024/baselines/ea-sup.json", baselines)
        #expect(findings.map(\.description) == [
            "plans/2024/baselines/ea-sup.json:3:11: warning: baselines for unit 'ea-sup', which is not a child of unit 'daklak' in unit.json; its children are: BMT, so-noi-vu (at $.unit)"
        ])
    }

    @Test func childFolderBaselinesAreCheckedAgainstTheChild() throws {
        // BMT lists no children and defines only DVC-ONLINE.
        let findings = try tree(adding: "children/BMT/plans/2024/baselines/BMT.json", Self.baselines)
        #expect(findings.map(\.kind) == ["unknown-unit", "unknown-indicator"])
        #expect(findings.first?.message.description.hasSuffix("in children/BMT/unit.json; it lists no children") == true)
    }

    @Test func casesCollideAcrossFiles() throws {
        var files = try TreeValidatorTests.cleanTree()
        files.append(("plans/2024/baselines/BMT.json", try CanonicalJSON.encode(Self.baselines)))
        var lower = Self.baselines
        lower.unit = "bmt"
        files.append(("plans/2024/baselines/bmt.json", try CanonicalJSON.encode(lower)))
        let findings = TreeValidator.validate(files: files).filter { $0.kind == "duplicate-id" }
        #expect(findings.map(\.message.description) == [
            "baselines for unit 'bmt' differs only in letter case from 'BMT' in plans/2024/baselines/BMT.json; file names must differ on case-insensitive file systems"
        ])
    }
}
