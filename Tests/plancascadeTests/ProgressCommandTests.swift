import Foundation
import Testing
import TestSupport

/// End-to-end: communes report and push, a district collects, two clerks sync — the binary.
@Suite struct ProgressCommandTests {
    init() { IsolatedGit.setUp() }

    func run(_ arguments: [String], in directory: String, at time: String? = nil) throws -> CommandResult {
        var extra: [String: String] = [:]
        if let time { extra = ["GIT_AUTHOR_DATE": time, "GIT_COMMITTER_DATE": time] }
        return try Tool.run(arguments, in: directory, environment: extra)
    }

    @Test func reportPushCollectStatusSyncResolve() throws {
        let dir = try TemporaryDirectory()
        let root = dir.path
        #expect(try run(["init", "buon-don", "--unit", "buon-don", "--name", "UBND huyện Buôn Đôn", "--level", "district", "--hub", "hubs/buon-don.git"], in: root).status == 0)
        let district = dir.appending("buon-don")
        try "indicator,name,measure,target,deadline,rule\nDVC-ONLINE,Tỷ lệ hồ sơ trực tuyến,percent,55,2024-12-31,uplift:5\n".write(
            toFile: dir.appending("t.csv"), atomically: true, encoding: .utf8)
        #expect(try run(["import", "targets", "../t.csv", "--year", "2024"], in: district).status == 0)
        for (id, name) in [("ea-nuol", "UBND xã Ea Nuôl"), ("krong-na", "UBND xã Krông Na")] {
            #expect(try run(["child", "add", id, "--name", name, "--level", "commune"], in: district).status == 0)
        }
        #expect(try run(["publish"], in: district).status == 0)
        for (id, figure) in [("ea-nuol", "41940/58818"), ("krong-na", "1000/2000")] {
            #expect(try run(["init", id, "--unit", id, "--name", id, "--level", "commune", "--parent", "hubs/buon-don.git", "--hub", "hubs/\(id).git"], in: root).status == 0)
            #expect(try run(["pull"], in: dir.appending(id)).status == 0)
            let reported = try run(["report", "2024-Q3", "DVC-ONLINE=\(figure)"], in: dir.appending(id))
            #expect(reported.status == 0, "\(reported.stderr)")
            let pushed = try run(["push"], in: dir.appending(id))
            #expect(pushed.status == 0, "\(pushed.stderr)")
            #expect(pushed.stdout.contains("refs/children/\(id)/main"))
        }
        let percentOnly = try run(["report", "2024-Q3", "DVC-ONLINE=71.3"], in: dir.appending("ea-nuol"))
        #expect(percentOnly.status == 1)
        #expect(percentOnly.stderr.contains("numerator/denominator"))

        let collected = try run(["collect"], in: district)
        #expect(collected.status == 0, "\(collected.stderr)")
        #expect(collected.stdout.contains("Collected ea-nuol"))
        #expect(collected.stdout.contains("Collected krong-na"))
        #expect(try run(["collect"], in: district).stdout.contains("Unchanged: ea-nuol, krong-na"))

        let status = try run(["status", "--as-of", "2024-10-15"], in: district)
        #expect(status.status == 0)
        #expect(status.stdout.contains("UBND huyện Buôn Đôn (buon-don)"))
        #expect(status.stdout.contains("70.60% (42940/60818)"), "\(status.stdout)")
        let json = try run(["status", "--json", "--as-of", "2024-10-15"], in: district)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let own = try #require(rows.first { $0["unit"] as? String == "buon-don" })
        #expect("\(own["numerator"]!)" == "42940")
        #expect(own["state"] as? String == "on-track")
        #expect(own["period"] as? String == "2024-Q3")

        // Two clerks of Ea Nuôl edit the same figure: a conflict, listed, resolved, pushed.
        let clerk2 = dir.appending("ea-nuol-2")
        #expect(try Command.git(["clone", "-q", dir.appending("hubs/ea-nuol.git"), clerk2]).succeeded)
        #expect(try run(["report", "2024-10", "DVC-ONLINE=5/10"], in: dir.appending("ea-nuol"), at: "@1730000000 +0700").status == 0)
        #expect(try run(["report", "2024-10", "DVC-ONLINE=6/10"], in: clerk2, at: "@1730000100 +0700").status == 0)
        #expect(try run(["sync"], in: dir.appending("ea-nuol")).status == 0)
        let conflicted = try run(["sync"], in: clerk2)
        #expect(conflicted.status == 1)
        #expect(conflicted.stdout.contains("1 conflict"))
        let listed = try run(["conflicts"], in: clerk2)
        #expect(listed.status == 1)
        #expect(listed.stdout.contains("DVC-ONLINE"))
        #expect(listed.stdout.contains(#"$.figures["DVC-ONLINE"].numerator"#))
        #expect(try run(["push"], in: clerk2).stderr.contains("unresolved"))
        let resolved = try run(["resolve", "DVC-ONLINE", "--theirs"], in: clerk2)
        #expect(resolved.status == 0, "\(resolved.stderr)")
        #expect(try run(["sync"], in: clerk2).stdout.contains("Pushed"))
        #expect(try run(["conflicts"], in: clerk2).status == 0)
        // The second clerk's clone learns the parent's hub from unit.json and pushes there too.
        let pushed = try run(["push"], in: clerk2)
        #expect(pushed.status == 0, "\(pushed.stderr)")
        #expect(pushed.stdout.contains("refs/children/ea-nuol/main"))
        #expect(try run(["resolve", "X"], in: clerk2).status == 64)
    }
}
