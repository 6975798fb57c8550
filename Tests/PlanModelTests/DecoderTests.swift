import Testing
import PlanModel

@Suite struct DecoderTests {
    func findings<T: Decodable>(_ type: T.Type, _ text: String, file: String = "f.json") throws -> (T?, [Finding]) {
        CanonicalJSON.decode(type, from: try JSONParser.parse(Array(text.utf8)), file: file)
    }

    @Test func reportsEveryProblemWithPositionAndPath() throws {
        let text = """
            {
              "schema": 1,
              "unit": "daklak",
              "period": "2024-Q5",
              "figures": {
                "DVC-ONLINE": {"numerator": "41940", "denominator": 58818},
                "X": {"value": 1, "vaule": 2}
              },
              "tasks": {"1.1": "finished"},
              "reportedAt": "2024-10-05T09:30:00+07:00"
            }
            """
        let (value, findings) = try findings(ProgressReport.self, text, file: "progress/2024/2024-Q3.json")
        #expect(value == nil)
        let summary = findings.map { "\($0.kind) \($0.line!):\($0.column!) \($0.path!) \($0.message)" }
        #expect(Set(summary) == Set([
            "missing-field 1:1 $.reportedBy missing required field 'reportedBy'",
            "type 4:13 $.period expected a period such as 2024, 2024-H1, 2024-Q3, 2024-10 or 2024-11-18, found the string \"2024-Q5\"",
            "type 6:33 $.figures[\"DVC-ONLINE\"].numerator expected a number, found the string \"41940\"",
            "unknown-field 7:23 $.figures.X.vaule unknown field 'vaule'; expected one of: denominator, note, numerator, value",
            "type 9:20 $.tasks[\"1.1\"] expected one of \"not-started\", \"in-progress\", \"done\", \"blocked\", found the string \"finished\"",
        ]))
        #expect(findings.count == 5)
        #expect(findings.allSatisfy { $0.file == "progress/2024/2024-Q3.json" && $0.severity == .error })
    }

    @Test func schemaTooNewStopsBeforeUnknownFields() throws {
        let text = "{\n  \"schema\": 2,\n  \"id\": \"x\",\n  \"futureField\": 1\n}"
        let (value, findings) = try findings(Unit.self, text, file: "unit.json")
        #expect(value == nil)
        #expect(findings.count == 1)
        #expect(findings.first?.kind == "schema")
        #expect(findings.first?.message.description == "schema version 2 is newer than this plancascade understands (1); upgrade plancascade")
        #expect(findings.first.map { ($0.line, $0.column) }! == (2, 13))
    }

    @Test func missingSchemaIsAnError() throws {
        let (value, findings) = try findings(Unit.self, #"{"id": "x", "name": "X", "level": "commune"}"#)
        #expect(value == nil)
        #expect(findings.map(\.kind) == ["schema"])
        #expect(findings.first?.path == "$.schema")
    }

    @Test(arguments: [
        (#"{"schema": 1, "number": "1", "title": "T", "year": 2024.5}"#, "$.year", "expected an integer, found the number 2024.5"),
        (#"{"schema": 1, "number": "1", "title": "T", "year": "2024"}"#, "$.year", "expected an integer, found the string \"2024\""),
        (#"{"schema": 1, "number": "1", "title": "T", "year": 2024, "issued": "2024-02-30"}"#, "$.issued", "expected a date written YYYY-MM-DD, found the string \"2024-02-30\""),
        (#"{"schema": 1, "number": "1", "title": "T", "year": 2024, "basis": ["a", 3]}"#, "$.basis[1]", "expected a string, found the number 3"),
        (#"{"schema": 1, "number": "1", "title": null, "year": 2024}"#, "$.title", "expected a string, found null"),
        (#"{"schema": 1, "number": "1", "title": "T", "year": 99999999999999999999}"#, "$.year", "integer 99999999999999999999 is out of range"),
        (#"[1]"#, "$", "expected an object, found an array"),
    ])
    func typeMismatches(text: String, path: String, message: String) throws {
        let (value, findings) = try findings(Plan.self, text)
        #expect(value == nil)
        #expect(findings.map(\.path) == [path])
        #expect(findings.map(\.message.description) == [message])
    }

    @Test func exactNumbersMustBeRepresentable() throws {
        let text = #"{"schema": 1, "indicator": "X", "value": 1e400, "comparator": ">="}"#
        let (_, findings) = try findings(Target.self, text)
        #expect(findings.map(\.kind) == ["range"])
        #expect(findings.first?.column == 42)
    }

    @Test func stringsAreReadAsNFC() throws {
        let text = "{\"schema\": 1, \"id\": \"x\", \"name\": \"Ho\u{0302}\u{0300}i\", \"level\": \"commune\"}"
        let (unit, _) = try findings(Unit.self, text)
        #expect(unit?.name.unicodeScalars.count == 3)
        #expect(unit?.name == "Hồi")
    }

    @Test func decodeFromBytesThrowsInvalid() {
        #expect(throws: PlanModelError.self) {
            try CanonicalJSON.decode(Unit.self, from: Array("{\"schema\": 1,}".utf8), file: "unit.json")
        }
        do {
            _ = try CanonicalJSON.decode(
                Unit.self, from: Array(#"{"schema": 1, "id": "a", "id": "b", "name": "N", "level": "l"}"#.utf8),
                file: "unit.json")
            Issue.record("duplicate key accepted")
        } catch let error as PlanModelError {
            guard case .invalid(let findings) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(findings.map(\.description) == ["unit.json:1:26: error: duplicate key 'id' (first at 1:15) (at $.id)"])
            #expect(error.description == "invalid document: unit.json:1:26: error: duplicate key 'id' (first at 1:15) (at $.id)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
