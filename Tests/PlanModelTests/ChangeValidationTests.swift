import Testing
import PlanModel
import TestSupport

/// `TreeValidator.errors(after:files:read:)` reads only what the rules can involve and finds
/// exactly what validating the whole unit with the changes applied finds in the changed files.
@Suite struct ChangeValidationTests {
    typealias File = TreeValidatorTests.File

    /// The unit's own files of the clean tree, with a second year's indicator, a rollup, an
    /// approval and baselines, so that every kind of folder is there.
    static func ownTree() throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for file in try TreeValidatorTests.cleanTree() where !file.path.hasPrefix("children/") { files[file.path] = file.bytes }
        let extra: [File] = [
            try TreeValidatorTests.file("plans/2025/indicators/DVC-ONLINE.json", Fixtures.indicator),
            try TreeValidatorTests.file("rollup/2024/2024-Q3.json", rollup(unit: "daklak", code: "DVC-ONLINE")),
            try TreeValidatorTests.file("approvals/BMT/2024-Q3.json", approval(child: "BMT")),
            try TreeValidatorTests.file(
                "plans/2024/baselines/BMT.json", Baselines(unit: "BMT", values: ["DVC-ONLINE": BaselineValue(value: Exact("40")!)])),
        ]
        for file in extra { files[file.path] = file.bytes }
        return files
    }

    static func rollup(unit: String, code: String) -> Rollup {
        Rollup(unit: unit, period: Period("2024-Q3")!, figures: [
            code: RollupFigure(numerator: Exact("5"), denominator: Exact("10"), units: 1, contributors: [unit])
        ])
    }

    static func approval(child: String) -> Approval {
        Approval(child: child, period: Period("2024-Q3")!, state: .approved, by: "Nguyễn Văn A", at: Timestamp("2024-10-05T09:30:00+07:00")!)
    }

    /// Changed files, each of which is (or makes another) wrong in a way only a cross-file rule sees, and valid ones.
    static func candidates() throws -> [(path: String, bytes: [UInt8]?)] {
        var target = Fixtures.target
        target.value = 120  // above 100 for a percent indicator
        var score = Fixtures.target
        score.indicator = "7.3.6"
        score.value = 2  // above maxScore 1.5
        score.provenance = nil
        var unknown = Fixtures.target
        unknown.indicator = "PAPI"
        unknown.provenance = nil
        var duplicateTask = Fixtures.task
        duplicateTask.id = "1.1"
        var taskNamingUnknown = Fixtures.task
        taskNamingUnknown.id = "1.3"
        taskNamingUnknown.indicators = ["PAPI"]
        var otherUnit = Fixtures.progress
        otherUnit.unit = "other"
        var tooHigh = Fixtures.progress
        tooHigh.period = Period("2024-Q4")!
        tooHigh.figures = ["DVC-ONLINE": Figure(numerator: 70, denominator: 60)]
        var unknownFigure = Fixtures.progress
        unknownFigure.figures["PAPI"] = Figure(value: Exact("3"))
        var renamedIndicator = Fixtures.indicator
        renamedIndicator.code = "dvc-online"
        var percentScore = Fixtures.scoreIndicator
        percentScore.measure = .percent
        percentScore.maxScore = nil
        var otherParent = Fixtures.unit
        otherParent.id = "other"
        func encode<T: Encodable>(_ value: T) throws -> [UInt8] { try CanonicalJSON.encode(value) }
        return [
            ("plans/2024/targets/DVC-ONLINE.json", try encode(target)),
            ("plans/2024/targets/7.3.6.json", try encode(score)),
            ("plans/2024/targets/PAPI.json", try encode(unknown)),
            ("plans/2025/targets/PAPI.json", try encode(unknown)),
            ("plans/2024/tasks/1.2.json", try encode(duplicateTask)),
            ("plans/2024/tasks/1.3.json", try encode(taskNamingUnknown)),
            ("progress/2024/2024-Q3.json", try encode(otherUnit)),
            ("progress/2024/2024-Q4.json", try encode(tooHigh)),
            ("progress/2024/2024-Q3.json", try encode(unknownFigure)),
            ("rollup/2024/2024-Q3.json", try encode(rollup(unit: "daklak", code: "PAPI"))),
            ("rollup/2024/2024-Q4.json", try encode(rollup(unit: "other", code: "DVC-ONLINE"))),
            ("plans/2024/indicators/dvc-online.json", try encode(renamedIndicator)),
            ("plans/2024/indicators/7.3.6.json", try encode(percentScore)),
            ("plans/2024/indicators/DVC-ONLINE.json", nil),
            ("plans/2024/baselines/BMT.json", try encode(Baselines(unit: "BMT", values: ["PAPI": BaselineValue(value: Exact("1")!)]))),
            ("approvals/so-noi-vu/2024-Q3.json", try encode(approval(child: "BMT"))),
            ("conflicts/c-1.json", Array("{\"schema\": 1}\n".utf8)),
            ("unit.json", try encode(otherParent)),
            ("plans/2024/plan.json", try encode(Fixtures.plan)),
            ("progress/2024/2024-Q3.json", Array("{ not json".utf8)),
            ("children/BMT/progress/2024/2024-Q3.json", try encode(unknownFigure)),
        ]
    }

    /// What the whole-tree validation finds in the changed files.
    static func expected(_ base: [String: [UInt8]], _ changes: [String: [UInt8]?]) -> [Finding] {
        var files = base
        for (path, bytes) in changes { files[path] = bytes }
        let changed = Set(changes.compactMap { $0.value == nil ? nil : $0.key })
        return TreeValidator.validate(files: files.map { (path: $0.key, bytes: $0.value) })
            .filter { $0.severity == .error && $0.file.map(changed.contains) == true }
    }

    /// The scoped validation, and the paths it read.
    static func scoped(_ base: [String: [UInt8]], _ changes: [String: [UInt8]?]) -> (findings: [Finding], read: Set<String>) {
        var read: Set<String> = []
        let findings = TreeValidator.errors(
            after: changes,
            files: { folder in base.keys.filter { $0.hasPrefix(folder + "/") } },
            read: { path in
                read.insert(path)
                return base[path]
            })
        return (findings, read)
    }

    @Test func eachPlantedErrorIsFoundAsByTheWholeTree() throws {
        let base = try Self.ownTree()
        for candidate in try Self.candidates() {
            let changes = [candidate.path: candidate.bytes]
            let expected = Self.expected(base, changes)
            #expect(Self.scoped(base, changes).findings == expected, "\(candidate.path)")
        }
        // The plants do plant errors (the comparison above is not between two empty lists).
        let planted = try Self.candidates().filter { !Self.expected(base, [$0.path: $0.bytes]).isEmpty }
        #expect(planted.count >= 15)
    }

    @Test func randomCombinationsFindTheSameErrors() throws {
        let base = try Self.ownTree()
        let candidates = try Self.candidates()
        var generator = SeededGenerator(seed: 8)
        for _ in 0..<300 {
            var changes: [String: [UInt8]?] = [:]
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let candidate = candidates.randomElement(using: &generator)!
                changes[candidate.path] = candidate.bytes
            }
            #expect(Self.scoped(base, changes).findings == Self.expected(base, changes), "\(changes.keys.sorted())")
        }
    }

    @Test func aReportReadsOnlyTheUnitItsYearsReportsAndTheIndicatorsItNames() throws {
        var base = try Self.ownTree()
        for code in ["A1", "A2", "A3"] {
            var indicator = Fixtures.indicator
            indicator.code = code
            base["plans/2024/indicators/\(code).json"] = try CanonicalJSON.encode(indicator)
        }
        var report = Fixtures.progress
        report.period = Period("2024-Q4")!
        let changes: [String: [UInt8]?] = ["progress/2024/2024-Q4.json": try CanonicalJSON.encode(report)]
        let (findings, read) = Self.scoped(base, changes)
        #expect(findings == [])
        #expect(read == ["unit.json", "progress/2024/2024-Q3.json", "plans/2024/indicators/DVC-ONLINE.json", "plans/2024/indicators/7.3.6.json"])
    }

    @Test func anUnknownIndicatorIsReportedWithEveryKnownOne() throws {
        let base = try Self.ownTree()
        var report = Fixtures.progress
        report.figures["PAPI"] = Figure(value: Exact("3"))
        let changes: [String: [UInt8]?] = ["progress/2024/2024-Q3.json": try CanonicalJSON.encode(report)]
        let findings = Self.scoped(base, changes).findings
        #expect(findings.map(\.kind) == ["unknown-indicator"])
        #expect(findings.first?.message.description.contains("known indicators: 7.3.6, DVC-ONLINE") == true)
    }
}
