import Foundation
import Git
import PlanModel
import PlanStore
import Testing
import TestSupport

/// A child (or a district for its communes) sends what no plancascade command writes, with
/// the plain git CLI, to a hub without the server hook: the parent's `collect` refuses that
/// child, collects the others, and never counts a figure no unit reported.
@Suite struct HostileChildTests {
    /// Runs git in `directory` as the unit's clerk would, failing the test when git fails.
    @discardableResult
    func git(_ arguments: [String], in directory: String) throws -> String {
        let result = try Command.run("git", arguments, in: directory, environment: IsolatedGit.environment())
        #expect(result.succeeded, "git \(arguments.joined(separator: " ")): \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Writes `files` into `unit`'s work tree, commits them with git, and pushes main to the
    /// parent's hub as the child's ref (no hook runs there).
    func plant(_ files: [String: String], in unit: String, parent: String, _ f: HierarchyFixture) throws {
        let work = f.work(unit)
        for (path, text) in files {
            let file = (work as NSString).appendingPathComponent(path)
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            try git(["add", "-f", "--sparse", path], in: work)
        }
        try git(["commit", "-q", "-m", "planted"], in: work)
        try git(["push", "-q", f.hub(parent), "main:refs/children/\(unit)/main"], in: work)
    }

    func report(_ unit: String, _ figure: String) -> String {
        let parts = figure.split(separator: "/")
        return """
            {
              "figures": {
                "DVC-ONLINE": {
                  "denominator": \(parts[1]),
                  "numerator": \(parts[0])
                }
              },
              "period": "2024-Q3",
              "reportedAt": "2024-10-05T09:00:00+07:00",
              "reportedBy": "Văn thư",
              "schema": 1,
              "unit": "\(unit)"
            }

            """
    }

    func districtFigure(_ f: HierarchyFixture, _ district: String) throws -> String? {
        guard let rollup = try f.open(district).document(Rollup.self, at: "rollup/2024/2024-Q3.json"),
              let figure = rollup.figures["DVC-ONLINE"] else { return nil }
        return "\(figure.numerator.map { "\($0)" } ?? "")/\(figure.denominator.map { "\($0)" } ?? "")"
    }

    @Test func anInventedUnitInACommunesTreeIsRefusedAndTheSiblingStillCounts() throws {
        let f = try CheckTests().hierarchy()
        #expect(try districtFigure(f, "buon-don") == "130/200")
        let unit = #"{"children": [], "id": "FAKE", "level": "commune", "name": "Fake", "parent": "ea-nuol", "schema": 1}"# + "\n"
        try plant(["children/FAKE/unit.json": unit, "children/FAKE/progress/2024/2024-Q3.json": report("FAKE", "1000/1000")],
                  in: "ea-nuol", parent: "buon-don", f)
        try f.report("krong-na", "2024-Q3", ["DVC-ONLINE=80/100"])
        try f.push("krong-na")
        let outcome = try f.collect("buon-don")
        #expect(outcome.collected.map(\.child) == ["krong-na"])
        let refusal = try #require(outcome.refused.first { $0.child == "ea-nuol" })
        #expect(refusal.reason.description.contains("children/FAKE") && refusal.reason.description.contains("invented"), "\(refusal.reason)")
        #expect(try districtFigure(f, "buon-don") == "140/200")

        // check says who is held back and why; collect --skip leaves a child out on purpose.
        let report = try f.check("buon-don", asOf: "2024-12-31")
        let held = try #require(report.findings.first { $0.kind == .refusedPush })
        #expect(held.unit == "ea-nuol" && held.severity == .error && held.message.description.contains("invented"), "\(held.message)")
        try f.report("krong-na", "2024-Q3", ["DVC-ONLINE=90/100"])
        try f.push("krong-na")
        let skipping = try CollectWorkflow(environment: f.environment, skip: ["krong-na"]).run(in: f.open("buon-don"))
        #expect(skipping.skipped == ["krong-na"] && skipping.collected.isEmpty)
        #expect(try districtFigure(f, "buon-don") == "140/200")
        let waiting = try f.check("buon-don", asOf: "2024-12-31").findings.first { $0.kind == .notCollected }
        #expect(waiting?.unit == "krong-na" && waiting?.severity == .info)
    }

    @Test func aChildsOwnRollupClaimIsNeverCounted() throws {
        let f = try CheckTests().hierarchy()
        let claim = """
            {
              "figures": {
                "DVC-ONLINE": {
                  "contributors": ["ea-nuol"],
                  "denominator": 1000,
                  "numerator": 1000,
                  "units": 1,
                  "value": 100
                }
              },
              "period": "2024-Q3",
              "schema": 1,
              "unit": "ea-nuol"
            }

            """
        try plant(["rollup/2024/2024-Q3.json": claim], in: "ea-nuol", parent: "buon-don", f)
        let outcome = try f.collect("buon-don")
        #expect(outcome.refused.isEmpty, "\(outcome.refused)")
        #expect(try districtFigure(f, "buon-don") == "130/200", "the district counts ea-nuol's report, 60/100, not its claim")
        // status and check show the commune's report too, not its claim.
        let row = try StatusQuery().run(in: f.open("buon-don"), period: Period("2024-Q3"), asOf: CivilDate("2024-10-01")!)
            .first { $0.unit == "ea-nuol" && $0.indicator == "DVC-ONLINE" }
        #expect(row?.numerator == Exact(60) && row?.denominator == Exact(100), "\(String(describing: row))")
    }

    @Test func aDistrictThatEditsACollectedCommuneFigureIsRefusedByTheProvince() throws {
        let f = try CheckTests().hierarchy()
        // buon-don's clerk edits ea-nuol's collected report with plain git and pushes up.
        try plant(["children/ea-nuol/progress/2024/2024-Q3.json": report("ea-nuol", "100/100")], in: "buon-don", parent: "daklak", f)
        try f.report("lien-son", "2024-Q3", ["DVC-ONLINE=35/40"])
        try f.push("lien-son")
        try f.collect("lak")
        try f.push("lak")
        let before = try districtFigure(f, "daklak")
        let outcome = try f.collect("daklak")
        #expect(outcome.collected.map(\.child) == ["lak"])
        let refusal = try #require(outcome.refused.first { $0.child == "buon-don" })
        #expect(refusal.reason.description.contains("children/ea-nuol") && refusal.reason.description.contains("edited"), "\(refusal.reason)")
        #expect(before == "160/240")
        #expect(try districtFigure(f, "daklak") == "165/240")
    }

    @Test func aDeepTreeIsRefusedAndNeverReachesTheParentsIndex() throws {
        let f = try CheckTests().hierarchy()
        let deep = (0..<200).map { _ in "abcdefghij" }.joined(separator: "/") + "/x.json"
        try plant([deep: "{}\n"], in: "ea-nuol", parent: "buon-don", f)
        let before = try f.open("buon-don").head()
        let outcome = try f.collect("buon-don")
        #expect(outcome.collected.isEmpty)
        let refusal = try #require(outcome.refused.first { $0.child == "ea-nuol" })
        #expect(refusal.reason.description.contains("deeper than the 16 folder levels"), "\(refusal.reason)")
        #expect(try f.open("buon-don").head() == before)
        // Every command still works in the district's clone.
        #expect(try f.open("buon-don").git.changedPaths() == [])
        #expect(try Command.git(["status", "--short"], in: f.work("buon-don")).succeeded)
    }

    @Test func aDocumentOverTheHubsLimitIsRefusedFromItsHeader() throws {
        let f = try CheckTests().hierarchy()
        try git(["config", "plancascade.maxDocumentBytes", "4096"], in: f.work("buon-don"))
        try plant(["progress/2024/notes.json": String(repeating: "x", count: 10_000)], in: "ea-nuol", parent: "buon-don", f)
        let outcome = try f.collect("buon-don")
        let refusal = try #require(outcome.refused.first { $0.child == "ea-nuol" })
        #expect(refusal.reason.description.contains("10000 bytes") && refusal.reason.description.contains("4096"), "\(refusal.reason)")
    }
}
