import Foundation
import Testing
import TestSupport

/// End-to-end: a province imports and publishes, a district pulls, over the built binary.
@Suite struct CascadeCommandTests {
    init() { IsolatedGit.setUp() }

    func run(_ arguments: [String], in directory: String) throws -> CommandResult {
        let result = try Tool.run(arguments, in: directory)
        return result
    }

    @Test func importPublishPullTargetsAndTargetSet() throws {
        let dir = try TemporaryDirectory()
        #expect(try run(["init", "daklak", "--unit", "daklak", "--name", "UBND tỉnh Đắk Lắk", "--level", "province",
                         "--hub", "hubs/daklak.git"], in: dir.path).status == 0)
        let csv = """
            Chỉ tiêu,Tên chỉ tiêu,Đơn vị đo,Mục tiêu,Thời hạn,Chủ trì,Quy tắc\r
            DVC-ONLINE,Tỷ lệ hồ sơ trực tuyến,%,50,06/01/2025,Sở Thông tin và Truyền thông,uplift:5;exempt:ban-dan-toc\r
            PAY-ONLINE,Tỷ lệ thanh toán trực tuyến,%,45,06/01/2025,Sở Thông tin và Truyền thông,uplift:5\r

            """
        try ("\u{FEFF}" + csv).write(toFile: dir.appending("dvc.csv"), atomically: true, encoding: .utf8)
        try "unit,indicator,value,as_of\nbuon-don,DVC-ONLINE,6.6,2024-10-31\n".write(
            toFile: dir.appending("baselines.csv"), atomically: true, encoding: .utf8)
        let province = dir.appending("daklak")
        let imported = try run(["import", "targets", "../dvc.csv", "--year", "2024"], in: province)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("2 added"))
        // Re-importing the same file changes nothing.
        #expect(try run(["import", "targets", "../dvc.csv"], in: province).stdout.contains("nothing to commit"))
        #expect(try run(["import", "baselines", "../baselines.csv"], in: province).status == 0)
        let published = try run(["publish"], in: province)
        #expect(published.status == 0, "\(published.stderr)")
        #expect(published.stdout.contains("pushed targets to origin"))

        #expect(try run(["init", "buon-don", "--unit", "buon-don", "--name", "UBND huyện Buôn Đôn", "--level", "district",
                         "--parent", "../hubs/daklak.git", "--hub", "hubs/buon-don.git"], in: dir.path).status == 0)
        let district = dir.appending("buon-don")
        let dry = try run(["pull", "--dry-run"], in: district)
        #expect(dry.stdout.contains("dry run"))
        let pulled = try run(["pull"], in: district)
        #expect(pulled.status == 0, "\(pulled.stderr)")
        #expect(pulled.stdout.contains("DVC-ONLINE"))
        #expect(pulled.stdout.contains("target 55 (uplift:5;exempt:ban-dan-toc, base 50, baseline 6.6)"), "\(pulled.stdout)")
        #expect(try run(["pull"], in: district).stdout.hasPrefix("Up to date"))

        let json = try run(["targets", "--json"], in: district)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let dvc = try #require(list.first { $0["indicator"] as? String == "DVC-ONLINE" })
        #expect("\(dvc["value"]!)" == "55")
        #expect((dvc["provenance"] as? [String: Any])?["parentUnit"] as? String == "daklak")
        let table = try run(["targets"], in: district)
        #expect(table.stdout.contains("uplift:5 from daklak@"))
        // Columns line up on screen although the lead column holds Vietnamese text:
        // the rule column starts at the same character (terminal cell) on every line.
        let lines = table.stdout.split(separator: "\n").map(String.init)
        let header = try #require(lines.first)
        let ruleColumn = try #require(header.range(of: "rule")).lowerBound
        let headerOffset = header.distance(from: header.startIndex, to: ruleColumn)
        for line in lines.dropFirst(2) {
            let start = try #require(line.range(of: "uplift:5")).lowerBound
            #expect(line.distance(from: line.startIndex, to: start) == headerOffset, "\(line)")
            #expect(line.contains("Sở Thông tin và Truyền thông"))
        }

        let refused = try run(["target", "set", "DVC-ONLINE", "49"], in: district)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("weaker than the 55"))  // the assigned target is the floor (issue 17)
        let forced = try run(["target", "set", "DVC-ONLINE", "49", "--force"], in: district)
        #expect(forced.status == 0)
        #expect(forced.stdout.contains("warning: below the inherited 55"))
        #expect(try run(["validate"], in: district).status == 0)
    }

    @Test func badRowsAreReportedWithTheirLinesAndNothingIsCommitted() throws {
        let dir = try TemporaryDirectory()
        #expect(try run(["init", "u", "--unit", "u", "--name", "U", "--level", "province"], in: dir.path).status == 0)
        try "indicator,measure,target,rule\nA,percent,50,\nB,percent,120,\nbad id,percent,5,\nC,percent,5,uplft:5\n".write(
            toFile: dir.appending("bad.csv"), atomically: true, encoding: .utf8)
        let before = try Command.git(["rev-parse", "HEAD"], in: dir.appending("u")).stdout
        let result = try run(["import", "targets", "../bad.csv", "--year", "2024"], in: dir.appending("u"))
        #expect(result.status == 1)
        #expect(result.stderr.contains("../bad.csv:3: error: row 3: target 120"), "\(result.stderr)")
        #expect(result.stderr.contains("../bad.csv:4: error"))
        #expect(result.stderr.contains("../bad.csv:5: error: row 5: rule 'uplft:5'"))
        #expect(result.stderr.contains("nothing was committed"))
        #expect(try Command.git(["rev-parse", "HEAD"], in: dir.appending("u")).stdout == before)
        let usage = try run(["import", "widgets", "../bad.csv"], in: dir.appending("u"))
        #expect(usage.status == 64)
    }
}
