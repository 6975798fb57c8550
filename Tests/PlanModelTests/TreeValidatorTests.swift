import Testing
import PlanModel

@Suite struct TreeValidatorTests {
    typealias File = (path: String, bytes: [UInt8])

    static func file<T: Encodable>(_ path: String, _ value: T) throws -> File {
        (path, try CanonicalJSON.encode(value))
    }

    /// A clean two-level tree: province daklak with child district BMT.
    static func cleanTree() throws -> [File] {
        let child = Unit(id: "BMT", name: "Thành phố Buôn Ma Thuột", level: "district", parent: "daklak")
        var childTarget = Fixtures.target
        childTarget.value = 60
        return [
            try file("unit.json", Fixtures.unit),
            try file("plans/2024/plan.json", Fixtures.plan),
            try file("plans/2024/indicators/DVC-ONLINE.json", Fixtures.indicator),
            try file("plans/2024/indicators/7.3.6.json", Fixtures.scoreIndicator),
            try file("plans/2024/targets/DVC-ONLINE.json", Fixtures.target),
            try file("plans/2024/tasks/1.1.json", Fixtures.task),
            try file("progress/2024/2024-Q3.json", Fixtures.progress),
            ("README.md", Array("# Đắk Lắk\n".utf8)),
            try file("children/BMT/unit.json", child),
            try file("children/BMT/plans/2024/indicators/DVC-ONLINE.json", Fixtures.indicator),
            try file("children/BMT/plans/2024/targets/DVC-ONLINE.json", childTarget),
        ]
    }

    @Test func cleanTreeHasNoFindings() throws {
        #expect(TreeValidator.validate(files: try Self.cleanTree()) == [])
    }

    /// Replaces (or adds) one file of the clean tree and validates.
    func findings(replacing path: String, with text: String) throws -> [Finding] {
        var files = try Self.cleanTree().filter { $0.path != path }
        files.append((path, Array(text.utf8)))
        return TreeValidator.validate(files: files)
    }

    @Test func unknownIndicatorInTarget() throws {
        let text = "{\n  \"comparator\": \">=\",\n  \"indicator\": \"PAPI\",\n  \"schema\": 1,\n  \"value\": 5\n}\n"
        let findings = try findings(replacing: "plans/2024/targets/PAPI.json", with: text)
        #expect(findings.map(\.description) == [
            "plans/2024/targets/PAPI.json:3:16: error: target names indicator 'PAPI', but plans/2024/indicators/PAPI.json does not exist; known indicators: 7.3.6, DVC-ONLINE (at $.indicator)"
        ])
    }

    @Test func unknownIndicatorIsPerUnitAndYear() throws {
        // The child defines only DVC-ONLINE; the province's 7.3.6 does not count for it.
        let text = "{\n  \"content\": \"C\",\n  \"id\": \"t\",\n  \"indicators\": [\n    \"7.3.6\"\n  ],\n  \"kind\": \"remedy\",\n  \"schema\": 1\n}\n"
        let findings = try findings(replacing: "children/BMT/plans/2024/tasks/t.json", with: text)
        #expect(findings.count == 1)
        #expect(findings.first?.kind == "unknown-indicator")
        #expect(findings.first.map { "\($0.file ?? ""):\($0.line!):\($0.column!)" } == "children/BMT/plans/2024/tasks/t.json:5:5")
        #expect(findings.first?.message.description.contains("children/BMT/plans/2024/indicators/7.3.6.json does not exist") == true)

        let other = "{\n  \"content\": \"C\",\n  \"id\": \"t\",\n  \"indicators\": [\n    \"DVC-ONLINE\"\n  ],\n  \"kind\": \"remedy\",\n  \"schema\": 1\n}\n"
        #expect(try self.findings(replacing: "plans/2025/tasks/t.json", with: other).map(\.message.description) == [
            "task names indicator 'DVC-ONLINE', but plans/2025/indicators/DVC-ONLINE.json does not exist; no indicators are defined for 2025 in this unit: add plans/2025/indicators/DVC-ONLINE.json"
        ])
    }

    @Test func unknownIndicatorInFigureIsAtTheKey() throws {
        let text = "{\n  \"figures\": {\n    \"SIPAS\": {\n      \"value\": 80\n    }\n  },\n  \"period\": \"2024-10\",\n  \"reportedAt\": \"2024-11-01T08:00:00+07:00\",\n  \"reportedBy\": \"A\",\n  \"schema\": 1,\n  \"tasks\": {},\n  \"unit\": \"daklak\"\n}\n"
        let findings = try findings(replacing: "progress/2024/2024-10.json", with: text)
        #expect(findings.map { "\($0.kind) \($0.line!):\($0.column!) \($0.path!)" } == ["unknown-indicator 3:5 $.figures.SIPAS"])
    }

    @Test func percentTargetOutOfRange() throws {
        let text = "{\n  \"comparator\": \">=\",\n  \"indicator\": \"DVC-ONLINE\",\n  \"schema\": 1,\n  \"value\": 120\n}\n"
        let findings = try findings(replacing: "plans/2024/targets/DVC-ONLINE.json", with: text)
        #expect(findings.map(\.description) == [
            "plans/2024/targets/DVC-ONLINE.json:5:12: error: target 120 for percent indicator DVC-ONLINE is outside 0–100 (at $.value)"
        ])
    }

    @Test func scoreTargetAboveMax() throws {
        let text = "{\n  \"comparator\": \">=\",\n  \"indicator\": \"7.3.6\",\n  \"schema\": 1,\n  \"value\": 1.75\n}\n"
        let findings = try findings(replacing: "plans/2024/targets/7.3.6.json", with: text)
        #expect(findings.map(\.description) == [
            "plans/2024/targets/7.3.6.json:5:12: error: target 1.75 for indicator 7.3.6 is above its maxScore 1.5 (at $.value)"
        ])
    }

    @Test func percentFigureChecks() throws {
        let text = "{\n  \"figures\": {\n    \"DVC-ONLINE\": {\n      \"denominator\": 10,\n      \"numerator\": 12\n    },\n    \"X\": {\n      \"value\": 1\n    }\n  },\n  \"period\": \"2024-10\",\n  \"reportedAt\": \"2024-11-01T08:00:00+07:00\",\n  \"reportedBy\": \"A\",\n  \"schema\": 1,\n  \"tasks\": {},\n  \"unit\": \"daklak\"\n}\n"
        var findings = try findings(replacing: "progress/2024/2024-10.json", with: text)
        findings.removeAll { $0.kind == "unknown-indicator" }
        #expect(findings.map(\.description) == [
            "progress/2024/2024-10.json:5:20: error: DVC-ONLINE: numerator 12 is above denominator 10; the numerator counts part of the denominator (41940/58818): correct one of them (at $.figures[\"DVC-ONLINE\"].numerator)"
        ])
        let valueText = text.replacingOccurrences(of: "\"denominator\": 10,\n      \"numerator\": 12", with: "\"value\": 100.5")
        let valueFindings = try self.findings(replacing: "progress/2024/2024-10.json", with: valueText)
            .filter { $0.kind == "range" }
        #expect(valueFindings.map(\.message.code) == ["figure.percent-range"])
    }

    @Test func duplicateIDAcrossFiles() throws {
        // A second, misnamed target file for the same indicator.
        let text = String(decoding: try CanonicalJSON.encode(Fixtures.target), as: UTF8.self)
        let findings = try findings(replacing: "plans/2024/targets/DVC-ONLINE-2.json", with: text)
        #expect(findings.map { "\($0.kind) \($0.file ?? ""):\($0.line!):\($0.column!)" } == [
            "file-name plans/2024/targets/DVC-ONLINE-2.json:8:16",
            "duplicate-id plans/2024/targets/DVC-ONLINE.json:8:16",
        ])
        #expect(findings.last?.message.description == "target for indicator 'DVC-ONLINE' is also defined in plans/2024/targets/DVC-ONLINE-2.json")
    }

    @Test func idsDifferingOnlyInCaseCollide() throws {
        var task = Fixtures.task
        task.id = "1.1"
        var files = try Self.cleanTree()
        task.id = "T1"
        files.append(try Self.file("plans/2024/tasks/T1.json", task))
        task.id = "t1"
        files.append(try Self.file("plans/2024/tasks/t1.json", task))
        let findings = TreeValidator.validate(files: files)
        #expect(findings.map(\.description) == [
            "plans/2024/tasks/t1.json:7:9: error: task 't1' differs only in letter case from 'T1' in plans/2024/tasks/T1.json; file names must differ on case-insensitive file systems (at $.id)"
        ])
    }

    @Test func missingUnitFile() throws {
        let files = try Self.cleanTree().filter { $0.path != "children/BMT/unit.json" }
        #expect(TreeValidator.validate(files: files).map(\.description) == [
            "children/BMT/unit.json: error: children/BMT/unit.json is missing; every unit folder needs one (schema, id, name, level)"
        ])
        #expect(TreeValidator.validate(files: []).map(\.kind) == ["missing-file"])
    }

    @Test func progressForAnotherUnit() throws {
        var report = Fixtures.progress
        report.unit = "BMT"
        let text = String(decoding: try CanonicalJSON.encode(report), as: UTF8.self)
        let findings = try findings(replacing: "progress/2024/2024-Q3.json", with: text)
        #expect(findings.map(\.kind) == ["wrong-unit"])
        #expect(findings.first?.message.description == "report is for unit 'BMT' but sits in the folder of unit 'daklak'")
    }

    @Test func childParentMustBeTheEnclosingUnit() throws {
        let child = Unit(id: "BMT", name: "B", level: "district", parent: "gialai")
        let text = String(decoding: try CanonicalJSON.encode(child), as: UTF8.self)
        let findings = try findings(replacing: "children/BMT/unit.json", with: text)
        #expect(findings.map(\.message.description) == ["parent is 'gialai' but this unit sits under unit 'daklak'"])
    }

    @Test func unexpectedFilesInPlanFoldersAreWarnings() throws {
        let findings = try findings(replacing: "plans/2024/notes.json", with: "{}\n")
        #expect(findings.map(\.kind) == ["layout"])
        #expect(findings.map(\.description) == [
            "plans/2024/notes.json: warning: unexpected file: not a document path; expected unit.json, plans/<year>/plan.json, plans/<year>/indicators/<code>.json, plans/<year>/targets/<code>.json, plans/<year>/tasks/<id>.json, plans/<year>/baselines/<unit-id>.json, progress/<year>/<period>.json, rollup/<year>/<period>.json or approvals/<child-id>/<period>.json (optionally under children/<id>/), or conflicts/<id>.json (only at the unit's own level)"
        ])
        // rollup/ is a document folder now (RollupDocumentTests); other folders stay unchecked.
        #expect(try self.findings(replacing: "exports/2024/2024-Q3.json", with: "{}\n") == [])
    }

    @Test func findingsAreSortedByFileThenLine() throws {
        var files = try Self.cleanTree()
        files.append(("plans/2024/targets/B.json", Array("{\n  \"schema\": 1,\n  \"x\": 1,\n  \"y\": 2\n}\n".utf8)))
        files.append(("plans/2024/targets/A.json", Array("{\n\n  \"z\": 1,\n  \"schema\": 1\n}\n".utf8)))
        let findings = TreeValidator.validate(files: files)
        let positions = findings.map { "\($0.file ?? ""):\($0.line ?? 0)" }
        #expect(positions == positions.sorted { a, b in
            let pa = a.split(separator: ":"), pb = b.split(separator: ":")
            return pa[0] != pb[0] ? pa[0] < pb[0] : Int(pa[1])! < Int(pb[1])!
        })
        #expect(findings.first?.file == "plans/2024/targets/A.json")
        #expect(findings.count >= 4)
    }
}
