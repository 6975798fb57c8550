import Foundation
import PlanStore
import Testing
import TestSupport

/// Credentials written into a hub URL are never printed, logged or committed.
@Suite struct CredentialCommandTests {
    init() { IsolatedGit.setUp() }

    @Test func redaction() {
        #expect(RemoteURL.redacted("https://pnv:s3cret@git.daklak.gov.vn/hubs/daklak.git") == "https://pnv:***@git.daklak.gov.vn/hubs/daklak.git")
        #expect(RemoteURL.redacted("https://ghp_token@host/x.git") == "https://***@host/x.git")
        #expect(RemoteURL.redacted("ssh://git@host/x.git") == "ssh://git@host/x.git")
        #expect(RemoteURL.redacted("git@host:x.git") == "git@host:x.git")
        #expect(RemoteURL.redacted("/srv/hubs/x.git") == "/srv/hubs/x.git")
        #expect(RemoteURL.redacted("https://host/a@b.git") == "https://host/a@b.git")
        #expect(RemoteURL.withoutCredentials("HTTPS://u:p@host/x") == "HTTPS://host/x")
    }

    @Test func aPasswordInTheParentURLNeverReachesOutputOrHistory() throws {
        let dir = try TemporaryDirectory()
        let secret = "s3cret-T0ken"
        let parent = "https://clerk:\(secret)@127.0.0.1:1/hubs/daklak.git"
        var outputs: [String] = []
        func run(_ arguments: [String], in folder: String) throws -> CommandResult {
            let result = try Tool.run(arguments, in: folder)
            outputs.append(result.stdout + result.stderr)
            return result
        }
        #expect(try run(["init", "ea-nuol", "--unit", "ea-nuol", "--name", "Xã Ea Nuôl", "--level", "commune",
                         "--parent", parent, "--hub", "hubs/ea-nuol.git"], in: dir.path).status == 0)
        let work = dir.appending("ea-nuol")
        #expect(try run(["pull"], in: work).status == 2)
        _ = try run(["report", "2024-Q3", "DVC-ONLINE=1/2"], in: work)
        #expect(try run(["push"], in: work).status == 2)
        _ = try run(["check", "--as-of", "2024-10-15"], in: work)
        _ = try run(["status"], in: work)
        for output in outputs { #expect(!output.contains(secret), "\(output)") }
        #expect(outputs.joined().contains("clerk:***@127.0.0.1"), "\(outputs)")
        let history = try Command.git(["log", "-p", "--all"], in: work)
        #expect(!history.stdout.contains(secret))
        #expect(history.stdout.contains("\"parentHub\": \"https://127.0.0.1:1/hubs/daklak.git\""), "\(history.stdout)")
    }
}

/// The whole cycle against hubs whose URLs carry passwords (over `git daemon`, and an ssh
/// hub that does not answer): the passwords are in no file of any clone or hub and in no output.
@Suite struct NothingLeaksTests {
    init() { IsolatedGit.setUp() }

    @Test func aPlantedPasswordIsInNoFileAndNoOutput() throws {
        let dir = try TemporaryDirectory()
        let hubs = dir.appending("hubs")
        for hub in ["daklak.git", "buon-don.git"] {
            #expect(try Command.git(["init", "-q", "--bare", hubs + "/" + hub]).succeeded)
        }
        let daemon = try GitDaemon(basePath: hubs)
        let provinceSecret = "Pr0v-S3cret", districtSecret = "D1str/ict@S3cret"
        func hub(_ name: String, _ user: String, _ secret: String) -> String {
            daemon.url(name).replacingOccurrences(of: "git://", with: "git://\(user):\(secret)@")
        }
        var outputs: [String] = []
        @discardableResult
        func tool(_ arguments: [String], in folder: String, expect status: Int32? = 0) throws -> CommandResult {
            let result = try Tool.run(arguments, in: folder)
            outputs.append(result.stdout + result.stderr)
            if let status { #expect(result.status == status, "\(arguments): \(result.stdout) \(result.stderr)") }
            return result
        }
        try tool(["init", "daklak", "--unit", "daklak", "--name", "Tỉnh Đắk Lắk", "--level", "province",
                  "--hub", hub("daklak.git", "pnv", provinceSecret)], in: dir.path)
        let province = dir.appending("daklak"), district = dir.appending("buon-don")
        try "indicator,measure,target,rule\nDVC-ONLINE,percent,50,uplift:5\n".write(toFile: dir.appending("t.csv"), atomically: true, encoding: .utf8)
        try tool(["import", "targets", "../t.csv", "--year", "2024"], in: province)
        try tool(["child", "add", "buon-don", "--name", "Huyện Buôn Đôn", "--level", "district"], in: province)
        try tool(["publish"], in: province)
        try tool(["init", "buon-don", "--unit", "buon-don", "--name", "Huyện Buôn Đôn", "--level", "district", "--parent-id", "daklak",
                  "--parent", hub("daklak.git", "clerk", districtSecret), "--hub", hub("buon-don.git", "clerk", districtSecret)], in: dir.path)
        try tool(["pull"], in: district)
        try tool(["report", "2024-Q3", "DVC-ONLINE=40/100"], in: district)
        try tool(["push"], in: district)
        try tool(["collect"], in: province)
        try tool(["check", "--as-of", "2024-10-15"], in: province, expect: nil)
        try tool(["check", "--as-of", "2024-10-15", "--json"], in: province, expect: nil)
        try tool(["status"], in: province, expect: nil)
        try tool(["export", "--format", "html", "--out", dir.appending("export.html")], in: province, expect: nil)
        try tool(["sync"], in: district, expect: nil)
        // An ssh hub with a password that does not answer: refused, and still masked.
        try tool(["init", "ea-sup", "--unit", "ea-sup", "--name", "Huyện Ea Súp", "--level", "district", "--parent-id", "daklak",
                  "--parent", "ssh://clerk:Ssh-S3cret@127.0.0.1:1/srv/daklak.git"], in: dir.path)
        let unanswered = try tool(["pull"], in: dir.appending("ea-sup"), expect: 2)
        #expect(unanswered.stderr.contains("ssh://clerk@127.0.0.1:1/srv/daklak.git"), "\(unanswered.stderr)")
        try tool(["check"], in: dir.appending("ea-sup"), expect: nil)
        #expect(outputs.contains { $0.contains("ssh://clerk:***@127.0.0.1:1") }, "the URL given is shown masked: \(outputs)")
        let config = try String(contentsOfFile: dir.appending("ea-sup/.git/config"), encoding: .utf8)
        #expect(config.contains("url = ssh://clerk@127.0.0.1:1/srv/daklak.git"), "\(config)")

        let secrets = [provinceSecret, districtSecret, "Ssh-S3cret", "D1str"]
        for output in outputs {
            for secret in secrets { #expect(!output.contains(secret), "\(output)") }
        }
        // No file of any clone, hub or export holds one (.git/config, unit.json, objects unpacked by grep -a -z).
        let found = try Command.run("/usr/bin/grep", ["-r", "-l", "-a", "-e", provinceSecret, "-e", districtSecret, "-e", "Ssh-S3cret", dir.path])
        #expect(found.stdout.isEmpty, "\(found.stdout)")
        for repository in [province, district, hubs + "/daklak.git", hubs + "/buon-don.git"] {
            let log = try Command.git(["log", "-p", "--all"], in: repository)
            for secret in secrets { #expect(!log.stdout.contains(secret)) }
        }
        let unit = try String(contentsOfFile: dir.appending("ea-sup/unit.json"), encoding: .utf8)
        #expect(unit.contains("\"parentHub\": \"ssh://clerk@127.0.0.1:1/srv/daklak.git\""), "\(unit)")
        let districtUnit = try String(contentsOfFile: district + "/unit.json", encoding: .utf8)
        #expect(districtUnit.contains("\"parentHub\": \"\(daemon.url("daklak.git"))\""), "\(districtUnit)")
    }

    @Test func aChildsUnitFileWithAPasswordIsNeverCollected() throws {
        let dir = try TemporaryDirectory()
        func tool(_ arguments: [String], in folder: String, status: Int32 = 0) throws -> CommandResult {
            let result = try Tool.run(arguments, in: folder)
            #expect(result.status == status, "\(arguments): \(result.stdout) \(result.stderr)")
            return result
        }
        _ = try tool(["init", "daklak", "--unit", "daklak", "--name", "Tỉnh", "--level", "province", "--hub", "hubs/daklak.git"], in: dir.path)
        _ = try tool(["child", "add", "buon-don", "--name", "Huyện", "--level", "district"], in: dir.appending("daklak"))
        _ = try tool(["init", "buon-don", "--unit", "buon-don", "--name", "Huyện", "--level", "district", "--parent-id", "daklak",
                      "--parent", "hubs/daklak.git", "--hub", "hubs/buon-don.git"], in: dir.path)
        // Written by hand with plain git: a password in parentHub.
        let district = dir.appending("buon-don"), file = dir.appending("buon-don/unit.json")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let planted = text.replacingOccurrences(of: "\"parentHub\": \"", with: "\"parentHub\": \"https://clerk:Hand-S3cret@hub.example")
        #expect(planted != text)
        try planted.replacingOccurrences(of: "@hub.example/", with: "@hub.example/x/").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try Command.git(["commit", "-qam", "parent hub"], in: district).succeeded)
        _ = try tool(["push"], in: district)
        let refused = try tool(["collect"], in: dir.appending("daklak"), status: 1)
        #expect((refused.stdout + refused.stderr).contains("parentHub holds a password or token (https://clerk:***@hub.example"), "\(refused.stdout)")
        #expect(!(refused.stdout + refused.stderr).contains("Hand-S3cret"))
        let province = try String(contentsOfFile: dir.appending("daklak/unit.json"), encoding: .utf8)
        #expect(!FileManager.default.fileExists(atPath: dir.appending("daklak/children/buon-don/unit.json")), "\(province)")
    }
}
