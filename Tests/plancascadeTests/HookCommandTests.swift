import Foundation
import Testing
import TestSupport

/// The hooks with the real git CLI: `git commit` against pre-commit, `git push` against a
/// hub's pre-receive, over a local path and over `git daemon`.
@Suite struct HookCommandTests {
    init() { IsolatedGit.setUp() }

    /// A district (buon-don) under a province whose hub has the server hook; buon-don pulled
    /// DVC-ONLINE 55 (uplift:5 from 50) and has the client hook.
    func setUp() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        func tool(_ arguments: [String], in folder: String) throws {
            let result = try Tool.run(arguments, in: folder)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        try tool(["init", "daklak", "--unit", "daklak", "--name", "Tỉnh", "--level", "province", "--hub", "hubs/daklak.git"], in: dir.path)
        try "indicator,measure,target,rule\nDVC-ONLINE,percent,50,uplift:5\n".write(toFile: dir.appending("t.csv"), atomically: true, encoding: .utf8)
        try tool(["import", "targets", "../t.csv", "--year", "2024"], in: dir.appending("daklak"))
        try tool(["child", "add", "buon-don", "--name", "Huyện", "--level", "district"], in: dir.appending("daklak"))
        try tool(["publish"], in: dir.appending("daklak"))
        try tool(["hooks", "install", "--server", "hubs/daklak.git"], in: dir.path)
        try tool(["init", "buon-don", "--unit", "buon-don", "--name", "Huyện", "--level", "district", "--parent", "hubs/daklak.git", "--hub", "hubs/buon-don.git"], in: dir.path)
        try tool(["pull"], in: dir.appending("buon-don"))
        try tool(["hooks", "install"], in: dir.appending("buon-don"))
        return dir
    }

    func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    func edit(_ file: String, replacing old: String, with new: String) throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains(old))
        try write(text.replacingOccurrences(of: old, with: new), to: file)
    }

    @Test func preCommitRefusesInvalidFilesAndLoweredTargets() throws {
        let dir = try setUp()
        let work = dir.appending("buon-don")
        #expect(FileManager.default.isExecutableFile(atPath: work + "/.git/hooks/pre-commit"))
        try write("{\n  \"schema\": 1,\n  \"indicator\": \"X\"\n  \"value\": 1\n}\n", to: work + "/plans/2024/targets/X.json")
        #expect(try Command.git(["add", "-A"], in: work).succeeded)
        let invalid = try Command.git(["commit", "-m", "hand edit"], in: work)
        #expect(!invalid.succeeded)
        #expect(invalid.stderr.contains("plans/2024/targets/X.json:4:3: error:"), "\(invalid.stderr)")
        #expect(invalid.stderr.contains("commit refused"))
        #expect(try Command.git(["rm", "-q", "--cached", "plans/2024/targets/X.json"], in: work).succeeded)
        try FileManager.default.removeItem(atPath: work + "/plans/2024/targets/X.json")

        let target = work + "/plans/2024/targets/DVC-ONLINE.json"
        try edit(target, replacing: "\"value\": 55", with: "\"value\": 45")
        #expect(try Command.git(["add", "-A"], in: work).succeeded)
        let lowered = try Command.git(["commit", "-m", "lower"], in: work)
        #expect(!lowered.succeeded)
        #expect(lowered.stderr.contains("weaker than the 55 inherited"), "\(lowered.stderr)")  // the assigned 55, not the base 50 (issue 17)

        try edit(target, replacing: "\"value\": 45", with: "\"value\": 60")
        #expect(try Command.git(["add", "-A"], in: work).succeeded)
        let raised = try Command.git(["commit", "-m", "raise"], in: work)
        #expect(raised.succeeded, "\(raised.stderr)")
    }

    @Test func preReceiveRefusesEachRuleAndAcceptsCleanPushes() throws {
        let dir = try setUp()
        let work = dir.appending("buon-don")
        let hub = dir.appending("hubs/daklak.git")
        func push(_ refspec: String, env: [String: String] = [:], url: String? = nil) throws -> CommandResult {
            try Command.run("git", ["push", url ?? hub, refspec], in: work, environment: IsolatedGit.environment(env))
        }
        // Clean: accepted.
        let clean = try push("main:refs/children/buon-don/main")
        #expect(clean.succeeded, "\(clean.stderr)")

        // Outside its own namespace, as attributed by pushers.json.
        try write(#"{"schema": 1, "pushers": {"pnv.buondon": "buon-don"}}"#, to: hub + "/pushers.json")
        let outside = try push("main:refs/children/lak/main", env: ["PLANCASCADE_PUSHER": "pnv.buondon"])
        #expect(!outside.succeeded)
        #expect(outside.stderr.contains("may write only refs/children/buon-don/main"), "\(outside.stderr)")
        let ownMain = try push("main:refs/heads/main", env: ["PLANCASCADE_PUSHER": "pnv.buondon"])
        #expect(!ownMain.succeeded)
        let badShape = try push("main:refs/children/buon-don/other")
        #expect(!badShape.succeeded)

        // An invalid file committed past the client hook.
        try write("{ \"schema\": 1, }\n", to: work + "/plans/2024/targets/BAD.json")
        #expect(try Command.git(["add", "-A"], in: work).succeeded)
        #expect(try Command.git(["commit", "-q", "--no-verify", "-m", "bad"], in: work).succeeded)
        let invalid = try push("main:refs/children/buon-don/main")
        #expect(!invalid.succeeded)
        #expect(invalid.stderr.contains("BAD.json"), "\(invalid.stderr)")
        #expect(try Command.git(["reset", "-q", "--hard", "HEAD~1"], in: work).succeeded)

        // A well-formed report that names an indicator the unchanged plan does not define:
        // only the changed file is validated on a push that continues the ref, but with the
        // cross-file rules against the files already there.
        #expect(try Tool.run(["report", "2024-Q3", "DVC-ONLINE=1/2"], in: work).status == 0)
        try edit(work + "/progress/2024/2024-Q3.json", replacing: "\"DVC-ONLINE\"", with: "\"NO-SUCH-CODE\"")
        #expect(try Command.git(["commit", "-q", "--no-verify", "-am", "unknown code"], in: work).succeeded)
        let unknown = try push("main:refs/children/buon-don/main")
        #expect(!unknown.succeeded)
        #expect(unknown.stderr.contains("NO-SUCH-CODE"), "\(unknown.stderr)")
        #expect(try Command.git(["reset", "-q", "--hard", "HEAD~2"], in: work).succeeded)

        // A lowered inherited target, and an edited provenance.
        let target = work + "/plans/2024/targets/DVC-ONLINE.json"
        try edit(target, replacing: "\"value\": 55", with: "\"value\": 40")
        #expect(try Command.git(["commit", "-q", "--no-verify", "-am", "lower"], in: work).succeeded)
        let lowered = try push("main:refs/children/buon-don/main")
        #expect(!lowered.succeeded)
        #expect(lowered.stderr.contains("lowers DVC-ONLINE to 40"), "\(lowered.stderr)")
        #expect(try Command.git(["reset", "-q", "--hard", "HEAD~1"], in: work).succeeded)
        try edit(target, replacing: "\"base\": 50", with: "\"base\": 30")
        #expect(try Command.git(["commit", "-q", "--no-verify", "-am", "forge"], in: work).succeeded)
        let forged = try push("main:refs/children/buon-don/main")
        #expect(!forged.succeeded)
        #expect(forged.stderr.contains("edits the provenance"), "\(forged.stderr)")

        // Rewriting history already pushed.
        #expect(try Command.git(["reset", "-q", "--hard", "HEAD~1"], in: work).succeeded)
        #expect(try Command.git(["commit", "-q", "--no-verify", "--amend", "-m", "rewritten"], in: work).succeeded)
        let rewritten = try push("+main:refs/children/buon-don/main")
        #expect(!rewritten.succeeded)
        #expect(rewritten.stderr.contains("rewriting history already pushed is refused"), "\(rewritten.stderr)")

        // The same rules over git daemon: refused with the message, then a clean push lands.
        let daemon = try GitDaemon(basePath: dir.appending("hubs"))
        let overDaemon = try push("+main:refs/children/buon-don/main", url: daemon.url("daklak.git"))
        #expect(!overDaemon.succeeded)
        #expect(overDaemon.stderr.contains("rewriting history already pushed is refused"))
        // Back on top of what the hub holds, a new report is a clean fast-forward.
        let fetched = try Command.run("git", ["fetch", "-q", daemon.url("daklak.git"), "refs/children/buon-don/main"], in: work)
        #expect(fetched.succeeded)
        #expect(try Command.git(["reset", "-q", "--hard", "FETCH_HEAD"], in: work).succeeded)
        let reported = try Tool.run(["report", "2024-Q3", "DVC-ONLINE=1/2"], in: work)
        #expect(reported.status == 0, "\(reported.stderr)")
        let landed = try push("main:refs/children/buon-don/main", url: daemon.url("daklak.git"))
        #expect(landed.succeeded, "\(landed.stderr)")
    }

    @Test func anApprovedReportIsClosedAtTheHubUntilReopened() throws {
        let dir = try setUp()
        let province = dir.appending("daklak"), district = dir.appending("buon-don")
        func tool(_ arguments: [String], in folder: String, status: Int32 = 0) throws -> CommandResult {
            let result = try Tool.run(arguments, in: folder)
            #expect(result.status == status, "\(arguments): \(result.stdout) \(result.stderr)")
            return result
        }
        _ = try tool(["report", "2024-Q3", "DVC-ONLINE=40/100"], in: district)
        _ = try tool(["push"], in: district)
        _ = try tool(["collect"], in: province)
        let approved = try tool(["approve", "buon-don", "2024-Q3"], in: province)
        #expect(approved.stdout.contains("Approved buon-don 2024-Q3 in "), "\(approved.stdout)")
        #expect(approved.stdout.contains("children/buon-don/progress/2024/2024-Q3.json"))
        _ = try tool(["push"], in: province)

        // The district changes its approved figure: its push to the province hub is refused.
        _ = try tool(["report", "2024-Q3", "DVC-ONLINE=60/100"], in: district)
        let refused = try tool(["push"], in: district, status: 2)
        #expect(refused.stderr.contains("progress/2024/2024-Q3.json changes buon-don's report for 2024-Q3"), "\(refused.stderr)")
        #expect(refused.stderr.contains("plancascade reopen buon-don 2024-Q3"))
        // …and the same with the plain git CLI.
        let git = try Command.run("git", ["push", dir.appending("hubs/daklak.git"), "main:refs/children/buon-don/main"],
                                  in: district, environment: IsolatedGit.environment([:]))
        #expect(!git.succeeded)
        #expect(git.stderr.contains("approved on"), "\(git.stderr)")

        // Bad command lines and refusals exit 64 and 1.
        #expect(try Tool.run(["approve", "buon-don", "2024-Q5"], in: province).status == 64)
        #expect(try Tool.run(["reopen", "buon-don", "2024-Q3"], in: province).status == 64)
        let nothing = try tool(["approve", "buon-don", "2024-Q4"], in: province, status: 1)
        #expect(nothing.stderr.contains("has no report for 2024-Q4"), "\(nothing.stderr)")

        _ = try tool(["reopen", "buon-don", "2024-Q3", "--reason", "Huyện điều chỉnh số liệu quý 3"], in: province)
        _ = try tool(["push"], in: province)
        _ = try tool(["push"], in: district)
        _ = try tool(["collect"], in: province)
        _ = try tool(["approve", "buon-don", "2024-Q3"], in: province)
        let log = try Command.git(["log", "--format=%s", "-3", "--", "approvals/buon-don/2024-Q3.json"], in: province)
        #expect(log.stdout == "Approve buon-don 2024-Q3\nReopen buon-don 2024-Q3 (was approved)\nApprove buon-don 2024-Q3\n", "\(log.stdout)")
    }

    @Test func hookScriptsInTheRepositoryMatchWhatTheInstallerWrites() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let dir = try TemporaryDirectory()
        #expect(try Tool.run(["init", "u", "--unit", "u", "--name", "U", "--level", "commune"], in: dir.path).status == 0)
        #expect(try Tool.run(["hooks", "install"], in: dir.appending("u")).status == 0)
        let installed = try String(contentsOfFile: dir.appending("u/.git/hooks/pre-commit"), encoding: .utf8)
        let template = try String(contentsOf: root.appendingPathComponent("Hooks/pre-commit"), encoding: .utf8)
        var lines = installed.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1].hasPrefix("PLANCASCADE_BIN="))
        lines.remove(at: 1)
        #expect(lines.joined(separator: "\n") == template)
        #expect(try Tool.run(["hooks", "install", "--server"], in: dir.appending("u")).status == 2)  // not a hub
        #expect(try Tool.run(["hook", "post-merge"], in: dir.appending("u")).status == 64)
    }
}
