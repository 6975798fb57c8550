import Foundation
import Testing
import TestSupport

/// End-to-end over the built binary: a commune moved from its district to the province by a
/// recorded decision; its past reports stay counted once, under the district.
@Suite struct ReorgCommandTests {
    init() { IsolatedGit.setUp() }

    func run(_ arguments: [String], in directory: String) throws -> CommandResult {
        try Tool.run(arguments, in: directory)
    }

    @Test func moveDryRunListPullTraceVerify() throws {
        let dir = try TemporaryDirectory()
        let root = dir.path
        func ok(_ arguments: [String], in directory: String) throws -> CommandResult {
            let result = try run(arguments, in: directory)
            #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stdout)\(result.stderr)")
            return result
        }
        try ok(["init", "daklak", "--unit", "daklak", "--name", "UBND tỉnh Đắk Lắk", "--level", "province", "--hub", "hubs/daklak.git"], in: root)
        let province = dir.appending("daklak")
        try "indicator,name,measure,target,deadline,rule\nDVC-ONLINE,Tỷ lệ hồ sơ trực tuyến,percent,50,2025-12-31,uplift:5\n".write(
            toFile: dir.appending("t.csv"), atomically: true, encoding: .utf8)
        try ok(["import", "targets", "../t.csv", "--year", "2025"], in: province)
        try ok(["child", "add", "buon-don", "--name", "UBND huyện Buôn Đôn", "--level", "district"], in: province)
        try ok(["publish"], in: province)
        try ok(["init", "buon-don", "--unit", "buon-don", "--name", "UBND huyện Buôn Đôn", "--level", "district",
                "--parent", "hubs/daklak.git", "--hub", "hubs/buon-don.git"], in: root)
        let district = dir.appending("buon-don")
        try ok(["pull"], in: district)
        for id in ["ea-wer", "ea-nuol"] { try ok(["child", "add", id, "--name", "UBND xã \(id)", "--level", "commune"], in: district) }
        try ok(["publish"], in: district)
        for (id, figure) in [("ea-wer", "60/100"), ("ea-nuol", "30/100")] {
            try ok(["init", id, "--unit", id, "--name", "UBND xã \(id)", "--level", "commune", "--parent", "hubs/buon-don.git", "--hub", "hubs/\(id).git"], in: root)
            try ok(["pull"], in: dir.appending(id))
            try ok(["report", "2025-Q1", "DVC-ONLINE=\(figure)"], in: dir.appending(id))
            try ok(["push"], in: dir.appending(id))
        }
        try ok(["collect"], in: district)
        try ok(["push"], in: district)
        try ok(["collect"], in: province)

        let basis = "Nghị quyết số 1660/NQ-UBTVQH15 ngày 16/6/2025"
        let dry = try ok(["reorg", "move", "ea-wer", "--to", "daklak", "--effective", "2025-07-01", "--basis", basis, "--dry-run"], in: province)
        #expect(dry.stdout.contains("Would record decision 2025-07-01-move-ea-wer"), "\(dry.stdout)")
        #expect(dry.stdout.contains("ea-wer moves from buon-don to daklak"))
        #expect(dry.stdout.contains("ea-wer's reports for 2025-Q1 stay counted under buon-don"))
        #expect(dry.stdout.contains("Hubs:"))
        let vi = try ok(["--lang", "vi", "reorg", "move", "ea-wer", "--to", "daklak", "--effective", "2025-07-01", "--basis", basis, "--dry-run"], in: province)
        #expect(vi.stdout.contains("Sẽ ghi quyết định 2025-07-01-move-ea-wer"), "\(vi.stdout)")
        #expect(vi.stdout.contains("01/07/2025"))
        #expect(try ok(["reorg", "list", "--as-of", "2025-12-31"], in: province).stdout.contains("No reorganisation decision"))
        let refused = try run(["reorg", "move", "ea-wer", "--to", "nowhere", "--effective", "2025-07-01", "--basis", basis], in: province)
        #expect(refused.status != 0 && refused.stderr.contains("nowhere"), "\(refused.stderr)")
        let recorded = try ok(["reorg", "move", "ea-wer", "--to", "daklak", "--effective", "2025-07-01", "--basis", basis], in: province)
        #expect(recorded.stdout.contains("Recorded decision 2025-07-01-move-ea-wer"))
        let list = try ok(["reorg", "list", "--as-of", "2025-12-31"], in: province)
        #expect(list.stdout.contains("2025-07-01-move-ea-wer") && list.stdout.contains(basis), "\(list.stdout)")
        try ok(["publish"], in: province)
        try ok(["pull"], in: district)
        try ok(["publish"], in: district)
        let followed = try ok(["pull"], in: dir.appending("ea-wer"))
        #expect(followed.stdout.contains("moves to daklak"), "\(followed.stdout)")
        let remote = try Command.git(["remote", "get-url", "parent"], in: dir.appending("ea-wer"))
        #expect(remote.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == dir.appending("hubs/daklak.git"))
        try ok(["report", "2025-Q3", "DVC-ONLINE=80/100"], in: dir.appending("ea-wer"))
        try ok(["push"], in: dir.appending("ea-wer"))
        try ok(["collect"], in: province)

        let trace = try ok(["trace", "DVC-ONLINE", "--period", "2025-Q1"], in: province)
        #expect(trace.stdout.contains("counted under buon-don"), "\(trace.stdout)")
        let status = try ok(["status", "--period", "2025-Q1"], in: province)
        #expect(status.stdout.contains("90/200"), "\(status.stdout)")
        let verify = try run(["verify", "--json"], in: province)
        #expect(!verify.stdout.contains("double-count"), "\(verify.stdout)")
        let q3 = try String(contentsOfFile: province + "/rollup/2025/2025-Q3.json", encoding: .utf8)
        #expect(q3.contains("\"numerator\": 80") && q3.contains("\"units\": 1"), "\(q3)")
    }
}
