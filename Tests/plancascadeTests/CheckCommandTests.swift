import Foundation
import Testing
import TestSupport

/// End-to-end: `plancascade check` and `check --json` on a district and its commune — the binary.
@Suite struct CheckCommandTests {
    init() { IsolatedGit.setUp() }

    func run(_ arguments: [String], in directory: String) throws -> CommandResult {
        try Tool.run(arguments, in: directory)
    }

    @Test func checkFindsNothingThenALoweredTarget() throws {
        let dir = try TemporaryDirectory()
        let root = dir.path
        let district = dir.appending("buon-don"), commune = dir.appending("ea-nuol")
        #expect(try run(["init", "buon-don", "--unit", "buon-don", "--name", "UBND huyện Buôn Đôn", "--level", "district", "--hub", "hubs/buon-don.git"], in: root).status == 0)
        try "indicator,name,measure,target,deadline,rule\nDVC-ONLINE,Tỷ lệ hồ sơ trực tuyến,percent,55,2024-12-31,uplift:5\n".write(
            toFile: dir.appending("t.csv"), atomically: true, encoding: .utf8)
        #expect(try run(["import", "targets", "../t.csv", "--year", "2024"], in: district).status == 0)
        #expect(try run(["child", "add", "ea-nuol", "--name", "UBND xã Ea Nuôl", "--level", "commune"], in: district).status == 0)
        #expect(try run(["publish"], in: district).status == 0)
        #expect(try run(["init", "ea-nuol", "--unit", "ea-nuol", "--name", "UBND xã Ea Nuôl", "--level", "commune", "--parent", "hubs/buon-don.git", "--hub", "hubs/ea-nuol.git"], in: root).status == 0)
        #expect(try run(["pull"], in: commune).status == 0)
        #expect(try run(["report", "2024-Q3", "DVC-ONLINE=412/760"], in: commune).status == 0)
        #expect(try run(["push"], in: commune).status == 0)
        #expect(try run(["collect"], in: district).status == 0)

        let window = ["--as-of", "2024-10-15", "--from", "2024-07-01"]
        let clean = try run(["check"] + window, in: district)
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout == "No problems found\nas of 2024-10-15\n")
        let cleanJSON = try run(["check", "--json"] + window, in: district)
        #expect(cleanJSON.status == 0)
        #expect(cleanJSON.stdout == "{\n  \"errors\": 0,\n  \"findings\": [],\n  \"schema\": 1,\n  \"warnings\": 0\n}\n")
        // Without --from, the commune owes the first two quarters of 2024 too: warnings, exit 0.
        let owed = try run(["check", "--as-of", "2024-10-15"], in: district)
        #expect(owed.status == 0)
        #expect(owed.stdout.contains("missing-report"))
        #expect(owed.stdout.contains("2024-Q1"))
        #expect(owed.stdout.contains("0 errors, 2 warnings"))

        // The commune lowers its target below what it inherited, pushes; the district collects.
        #expect(try run(["target", "set", "DVC-ONLINE", "40", "--force"], in: commune).status == 0)
        #expect(try run(["push"], in: commune).status == 0)
        #expect(try run(["collect"], in: district).status == 0)
        let broken = try run(["check"] + window, in: district)
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("ea-nuol"))
        #expect(broken.stdout.contains("below-inherited"))
        #expect(broken.stdout.contains(">= 55"))
        #expect(broken.stdout.contains("1 error, 1 warning"), "\(broken.stdout)")  // and children-short for buon-don
        let json = try run(["check", "--json"] + window, in: district)
        #expect(json.status == 1)
        let envelope = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(envelope["schema"] as? Int == 1)
        #expect(envelope["errors"] as? Int == 1)
        #expect(envelope["warnings"] as? Int == 1)
        let findings = try #require(envelope["findings"] as? [[String: Any]])
        let below = try #require(findings.first { $0["kind"] as? String == "below-inherited" })
        #expect(below["unit"] as? String == "ea-nuol")
        #expect(below["severity"] as? String == "error")
        #expect(below["indicator"] as? String == "DVC-ONLINE")
        #expect((below["commit"] as? String)?.count == 40)
        #expect(below["file"] as? String == "children/ea-nuol/plans/2024/targets/DVC-ONLINE.json")

        #expect(below["code"] as? String == "check.below-inherited")

        // In Vietnamese: the documents' words, dates and counts; the JSON does not change;
        // in the pseudo-language nothing escapes the catalogue.
        let vietnamese = try run(["check", "--lang", "vi"] + window, in: district)
        #expect(vietnamese.status == 1)
        #expect(vietnamese.stdout.contains("1 lỗi, 1 cảnh báo"), "\(vietnamese.stdout)")
        #expect(vietnamese.stdout.contains("tính đến ngày 15/10/2024"))
        #expect(vietnamese.stdout.contains("chỉ tiêu được giao"))
        #expect(try run(["check", "--json", "--lang", "vi"] + window, in: district).stdout == json.stdout)
        for command in [["check"] + window, ["verify"], ["status", "--as-of", "2024-10-15"], ["log"], ["trace", "DVC-ONLINE"],
                        ["blame", "DVC-ONLINE"], ["diff", "main~1", "main"]] {
            let pseudo = try run(command + ["--lang", "qps"], in: district)
            #expect(!pseudo.stdout.contains("⚠") && !pseudo.stdout.contains("‹") && !pseudo.stdout.contains("«"), "\(command): \(pseudo.stdout)")
        }
        let status = try run(["status", "--as-of", "2024-10-15", "--lang", "vi"], in: district)
        #expect(status.stdout.contains("tình trạng") && status.stdout.contains("tính đến ngày 15/10/2024"), "\(status.stdout)")

        // The commune's own check sees the same target, through its own history.
        let own = try run(["check"] + window, in: commune)
        #expect(own.status == 1)
        #expect(own.stdout.contains("below-inherited"))

        #expect(try run(["check", "--cadence", "weekly"], in: district).status == 64)
        #expect(try run(["check"], in: root).status == 2)
    }
}
