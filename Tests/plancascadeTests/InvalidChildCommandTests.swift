import Foundation
import Testing
import TestSupport

/// A parent's reading commands never fail as a whole because one collected child's file does
/// not decode (edited by hand with plain git in the parent's clone, damaged, or collected by an
/// older version): that child is shown as invalid with the file and the reason, every other
/// unit as usual, and the command exits 1 (a data mistake), not 2. Through the binary.
@Suite struct InvalidChildCommandTests {
    init() { IsolatedGit.setUp() }

    enum Damage: String, CaseIterable {
        /// Not JSON any more: a trailing comma in the collected report.
        case trailingComma
        /// JSON, but a field the schema does not know in the collected target.
        case unknownField
    }

    var report: String { "children/buon-don/progress/2024/2024-Q3.json" }
    var target: String { "children/buon-don/plans/2024/targets/DVC-ONLINE.json" }

    func damage(_ f: InvalidChildFixture, _ damage: Damage) throws -> (file: String, problem: String) {
        switch damage {
        case .trailingComma:
            try f.plant(report) { $0.replacingOccurrences(of: "\"numerator\": 40", with: "\"numerator\": 40,") }
            return (report, "trailing comma")
        case .unknownField:
            try f.plant(target) { $0.replacingOccurrences(of: "\"schema\": 1", with: "\"colour\": \"red\",\n  \"schema\": 1") }
            return (target, "unknown field 'colour'")
        }
    }

    @Test(arguments: Damage.allCases)
    func statusShowsTheInvalidChildAndEveryOtherUnit(_ kind: Damage) throws {
        let f = try InvalidChildFixture()
        let (file, problem) = try damage(f, kind)

        let status = try Tool.run(["status", "--as-of", "2024-12-31"], in: f.province)
        #expect(status.status == 1, "\(status.stdout)\(status.stderr)")
        let lines = status.stdout.split(separator: "\n").map(String.init)
        // The sibling is shown as usual; the damaged child as invalid; the province's total without it.
        #expect(lines.contains { $0.contains("(lak)") && $0.contains("40.00% (40/100)") && $0.contains("missed") }, "\(status.stdout)")
        #expect(lines.contains { $0.contains("(buon-don)") && $0.contains("invalid") }, "\(status.stdout)")
        // A bad report counts nowhere; a bad plan file leaves the unit's report counted.
        let total = kind == .trailingComma ? ["40.00% (40/100)", "1/2"] : ["40.00% (80/200)", "2/2"]
        #expect(lines.contains { $0.contains("(daklak)") && total.allSatisfy($0.contains) }, "\(status.stdout)")
        #expect(status.stderr.contains(kind == .trailingComma ? "counted in no total" : "its reports are still counted"), "\(status.stderr)")
        #expect(status.stderr.contains(file) && status.stderr.contains(problem), "\(status.stderr)")
        #expect(status.stderr.contains("git revert"), "\(status.stderr)")
        #expect(!status.stderr.contains("refusing to commit"), "\(status.stderr)")

        let json = try Tool.run(["status", "--json", "--as-of", "2024-12-31"], in: f.province)
        #expect(json.status == 1, "\(json.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let invalid = try #require(rows.first { $0["unit"] as? String == "buon-don" })
        #expect(invalid["state"] as? String == "invalid")
        #expect(invalid["file"] as? String == file)
        #expect((invalid["problem"] as? String)?.contains(problem) == true, "\(invalid)")
        #expect(rows.first { $0["unit"] as? String == "lak" }?["state"] as? String == "missed")

        let vietnamese = try Tool.run(["--lang", "vi", "status", "--as-of", "2024-12-31"], in: f.province)
        #expect(vietnamese.status == 1)
        #expect(vietnamese.stdout.contains("không hợp lệ") && vietnamese.stderr.contains(kind == .trailingComma ? "không được tính vào tổng nào" : "vẫn được tính vào tổng"), "\(vietnamese.stdout)\(vietnamese.stderr)")
    }

    @Test(arguments: Damage.allCases)
    func noReadingCommandFailsAsAWhole(_ kind: Damage) throws {
        let f = try InvalidChildFixture()
        let (file, problem) = try damage(f, kind)
        let html = f.dir.appending("report.html")
        // Findings: exit 1 naming the file and the reason.
        for arguments in [["check", "--as-of", "2024-12-31"], ["verify"]] {
            let result = try Tool.run(arguments, in: f.province)
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            #expect(result.stdout.contains("invalid-document") && result.stdout.contains(file) && result.stdout.contains(problem),
                    "\(arguments): \(result.stdout)")
            #expect(result.stdout.contains("lak"), "\(arguments): the sibling is judged")
        }
        let trace = try Tool.run(["trace", "DVC-ONLINE", "--period", "2024-Q3"], in: f.province)
        #expect(trace.stdout.contains("children/lak/progress/2024/2024-Q3.json"), "\(trace.stdout)")
        // A bad report: the stored total counted its figure, and trace names the file (exit 1);
        // a bad plan file is no matter of trace's (its reports are read and counted).
        #expect(trace.status == (kind == .trailingComma ? 1 : 0), "\(trace.stdout)\(trace.stderr)")
        if kind == .trailingComma {
            #expect(trace.stdout.contains(file) && trace.stdout.contains(problem), "\(trace.stdout)")
        }
        for arguments in [["log"], ["tree"], ["targets"], ["tasks"], ["diff", "HEAD~1"], ["blame", "DVC-ONLINE"],
                          ["export", "--format", "html", "--out", html]] {
            let result = try Tool.run(arguments, in: f.province)
            #expect(result.status == 0, "\(arguments): \(result.status) \(result.stderr)")
        }
        let exported = try String(contentsOfFile: html, encoding: .utf8)
        #expect(exported.contains("invalid-document") || exported.contains(problem), "the export names the invalid file")
    }

    /// A collect of one child is not refused for a sibling's file that was already bad in
    /// `main`: the sibling's new report is collected and counted; the bad one is counted nowhere.
    @Test func aCollectIsNotBlockedByAnotherChildsInvalidFile() throws {
        let f = try InvalidChildFixture()
        _ = try damage(f, .trailingComma)
        try f.tool(["report", "2024-Q4", "DVC-ONLINE=50/100"], in: f.dir.appending("lak"))
        try f.tool(["push"], in: f.dir.appending("lak"))
        let collect = try Tool.run(["collect"], in: f.province)
        #expect(collect.status == 0 || collect.status == 1, "\(collect.stderr)")
        #expect(collect.stdout.contains("Collected lak"), "\(collect.stdout)\(collect.stderr)")
        let status = try Tool.run(["status", "--period", "2024-Q4", "--as-of", "2024-12-31"], in: f.province)
        #expect(status.status == 1)
        #expect(status.stdout.contains("50.00% (50/100)"), "\(status.stdout)")
    }
}
