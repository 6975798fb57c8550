import Foundation
import Testing
import TestSupport

/// The hub's `pre-receive` against each way of talking it round, with the plain git CLI over
/// a local path (the hook installed) and over `git daemon`: repeated pushes, a lowering
/// merge, hand-written trailers, the hub's own account writing a child's ref, a hub owned by
/// another user, and refusals in the pusher's language without the server's paths.
///
/// The server's authenticated user is simulated as http-backend sets it: `REMOTE_USER` in
/// the environment of `git-receive-pack` only (`--receive-pack='env REMOTE_USER=… git-receive-pack'`).
@Suite struct HubPolicyTests {
    init() { IsolatedGit.setUp() }

    /// The fixture of ``HookCommandTests``: province daklak (hub with the server hook) and
    /// district buon-don (DVC-ONLINE 55, floor 50).
    func setUp() throws -> TemporaryDirectory { try HookCommandTests().setUp() }

    func git(_ arguments: [String], in directory: String, user: String? = nil, env: [String: String] = [:]) throws -> CommandResult {
        var arguments = arguments
        if let user, arguments.first == "push" {
            arguments.insert("--receive-pack=env REMOTE_USER=\(user) git-receive-pack", at: 1)
        }
        return try Command.run("git", arguments, in: directory, environment: IsolatedGit.environment(env))
    }

    func tool(_ arguments: [String], in directory: String, status: Int32 = 0) throws -> CommandResult {
        let result = try Tool.run(arguments, in: directory)
        #expect(result.status == status, "\(arguments): \(result.stdout) \(result.stderr)")
        return result
    }

    func rev(_ ref: String, in repository: String) throws -> String? {
        let result = try Command.git(["rev-parse", "--verify", "-q", ref], in: repository)
        return result.succeeded ? result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) : nil
    }

    func setTarget(_ value: String, in work: String) throws {
        let file = work + "/plans/2024/targets/DVC-ONLINE.json"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let replaced = text.replacingOccurrences(of: #""value": [0-9.]+"#, with: "\"value\": \(value)", options: .regularExpression)
        #expect(replaced != text)
        try replaced.write(toFile: file, atomically: true, encoding: .utf8)
    }

    /// Two lines of work on `main`'s current commit: `side` with a report for `sideways`,
    /// `main` with one for `ahead` (the tool always writes `main`, so the side line is made
    /// there and moved aside).
    func diverge(_ work: String, side: String = "side", sideways: String, ahead: String) throws {
        let base = try #require(try rev("main", in: work))
        _ = try tool(["report", sideways, "DVC-ONLINE=40/100"], in: work)
        #expect(try git(["branch", "-f", side, "main"], in: work).succeeded)
        #expect(try git(["reset", "-q", "--hard", base], in: work).succeeded)
        _ = try tool(["report", ahead, "DVC-ONLINE=45/100"], in: work)
    }

    /// The `remote:` lines of a push's output: what the hub said (git's own "To <url>" is not).
    func remote(_ result: CommandResult) -> String {
        result.stderr.split(separator: "\n").filter { $0.hasPrefix("remote:") }.joined(separator: "\n")
    }

    // MARK: - 1. Nothing new is no refusal

    @Test func aPushThatChangesNothingSucceedsOnEveryPath() throws {
        let dir = try setUp()
        let province = dir.appending("daklak"), district = dir.appending("buon-don")
        let hub = dir.appending("hubs/daklak.git")
        let daemon = try GitDaemon(basePath: dir.appending("hubs"))
        _ = try tool(["report", "2024-Q3", "DVC-ONLINE=40/100"], in: district)
        for round in 1...2 {
            _ = try tool(["push"], in: district)
            _ = try tool(["sync"], in: district)
            _ = try tool(["collect"], in: province)
            _ = try tool(["push"], in: province)
            _ = try tool(["publish"], in: province)
            _ = try tool(["sync"], in: province)
            #expect(try rev("refs/children/buon-don/main", in: hub) == rev("main", in: district), "round \(round)")
        }
        // The same over git daemon, where receive-pack runs the hook as a server does.
        #expect(try git(["remote", "set-url", "parent", daemon.url("daklak.git")], in: district).succeeded)
        #expect(try git(["remote", "set-url", "origin", daemon.url("daklak.git")], in: province).succeeded)
        for _ in 1...2 {
            _ = try tool(["push"], in: district)
            _ = try tool(["push"], in: province)
            _ = try tool(["publish"], in: province)
            _ = try tool(["sync"], in: province)
        }
        // Plain git, twice, with and without an authenticated user.
        for _ in 1...2 {
            #expect(try git(["push", hub, "main:refs/children/buon-don/main"], in: district).succeeded)
            #expect(try git(["push", daemon.url("daklak.git"), "main:refs/children/buon-don/main"], in: district).succeeded)
            let asClerk = try git(["push", hub, "main:refs/heads/main", "targets:refs/heads/targets"], in: province, user: "snv.daklak")
            #expect(asClerk.succeeded, "\(asClerk.stderr)")
        }
        // What a transport may still send: update lines whose old and new are the same, even
        // for refs the pusher could not write. They change nothing; the hook accepts them.
        let child = try #require(try rev("refs/children/buon-don/main", in: hub))
        let main = try #require(try rev("main", in: hub))
        let lines = "\(child) \(child) refs/children/buon-don/main\n\(main) \(main) refs/heads/main\n\(child) \(child) refs/children/lak/main\n"
        let hook = try Command.run(Tool.path, ["hook", "pre-receive"], in: hub, environment: IsolatedGit.environment(["GIT_DIR": hub]), input: lines)
        #expect(hook.status == 0, "\(hook.stderr)")
        #expect(!hook.stderr.contains("does not descend"))
    }

    // MARK: - 2. Merges are checked like any other commit

    @Test func aMergeThatLowersATargetIsRefusedAndAnHonestMergeLands() throws {
        let dir = try setUp()
        let work = dir.appending("buon-don")
        let hub = dir.appending("hubs/daklak.git")
        let daemon = try GitDaemon(basePath: dir.appending("hubs"))
        #expect(try git(["push", hub, "main:refs/children/buon-don/main"], in: work).succeeded)
        let accepted = try rev("refs/children/buon-don/main", in: hub)

        // Two honest lines of work (a report on each side), merged by hand with the target
        // lowered inside the merge.
        try diverge(work, sideways: "2024-Q3", ahead: "2024-Q4")
        #expect(try git(["merge", "-q", "--no-commit", "--no-ff", "side"], in: work).succeeded)
        try setTarget("40", in: work)
        #expect(try git(["commit", "-q", "--no-verify", "-am", "Merge side"], in: work).succeeded)
        #expect(try Command.git(["rev-list", "--parents", "-1", "HEAD"], in: work).stdout.split(separator: " ").count == 3)
        for url in [hub, daemon.url("daklak.git")] {
            let push = try git(["push", url, "main:refs/children/buon-don/main"], in: work)
            #expect(!push.succeeded)
            #expect(push.stderr.contains("the merge writes plans/2024/targets/DVC-ONLINE.json with DVC-ONLINE 40, below the 50 inherited"), "\(push.stderr)")
            #expect(try rev("refs/children/buon-don/main", in: hub) == accepted)
        }
        // A merge of the same two lines that changes no target lands.
        #expect(try git(["reset", "-q", "--hard", "HEAD~1"], in: work).succeeded)
        #expect(try git(["merge", "-q", "--no-edit", "--no-ff", "side"], in: work).succeeded)
        let honest = try git(["push", daemon.url("daklak.git"), "main:refs/children/buon-don/main"], in: work)
        #expect(honest.succeeded, "\(honest.stderr)")

        // A lowering on one side, hidden behind a merge: the side's own commit is refused.
        let base = try #require(try rev("main", in: work))
        try setTarget("45", in: work)
        #expect(try git(["commit", "-q", "--no-verify", "-am", "lower on a side line"], in: work).succeeded)
        #expect(try git(["branch", "-f", "lowering", "main"], in: work).succeeded)
        #expect(try git(["reset", "-q", "--hard", base], in: work).succeeded)
        _ = try tool(["report", "2024-Q2", "DVC-ONLINE=30/100"], in: work)
        #expect(try git(["merge", "-q", "--no-edit", "--no-ff", "lowering"], in: work).succeeded)
        let hidden = try git(["push", hub, "main:refs/children/buon-don/main"], in: work)
        #expect(!hidden.succeeded)
        #expect(hidden.stderr.contains("lowers DVC-ONLINE to 45"), "\(hidden.stderr)")
    }

    // MARK: - 3. Trailers grant nothing; the hub's policy decides

    @Test func aHandWrittenForcedTrailerLowersNothingUnlessThePolicySaysFlag() throws {
        let dir = try setUp()
        let province = dir.appending("daklak"), work = dir.appending("buon-don")
        let hub = dir.appending("hubs/daklak.git")
        let daemon = try GitDaemon(basePath: dir.appending("hubs"))
        try setTarget("40", in: work)
        let message = "Set target DVC-ONLINE to 40 (forced)\n\nForced-Below-Inherited: 50\n"
        #expect(try git(["commit", "-q", "--no-verify", "-am", message], in: work).succeeded)
        for url in [hub, daemon.url("daklak.git")] {
            let push = try git(["push", url, "main:refs/children/buon-don/main"], in: work)
            #expect(!push.succeeded)
            #expect(push.stderr.contains("lowers DVC-ONLINE to 40, below the 50 inherited, and this hub refuses lowered targets"), "\(push.stderr)")
            #expect(push.stderr.contains("Forced-Below-Inherited: trailer does not change that"))
        }
        // The tool's own `target set --force` writes the same trailer: refused just the same.
        #expect(try git(["reset", "-q", "--hard", "HEAD~1"], in: work).succeeded)
        _ = try tool(["target", "set", "DVC-ONLINE", "40", "--force"], in: work)
        #expect(try git(["remote", "set-url", "parent", daemon.url("daklak.git")], in: work).succeeded)
        let forced = try Tool.run(["push"], in: work)
        #expect(forced.status == 2)
        #expect(forced.stderr.contains("this hub refuses lowered targets"), "\(forced.stderr)")
        #expect(!forced.stderr.contains("parent's hub holds a history"), "the hint for a rewritten history is not this one: \(forced.stderr)")

        // The hub's administrator says "flag": accepted, and `check` flags it.
        try #"{"schema": 1, "lowered-targets": "flag"}"#.write(toFile: hub + "/policy.json", atomically: true, encoding: .utf8)
        _ = try tool(["push"], in: work)
        _ = try tool(["collect"], in: province)
        let check = try tool(["check"], in: province, status: 1)
        #expect(check.stdout.contains("below-inherited"), "\(check.stdout)")

        // A policy the hook cannot read refuses every push, naming the file, not the server's path.
        try #"{"schema": 1, "lowered-targets": "maybe"}"#.write(toFile: hub + "/policy.json", atomically: true, encoding: .utf8)
        _ = try tool(["report", "2024-Q3", "DVC-ONLINE=1/2"], in: work)
        let broken = try git(["push", hub, "main:refs/children/buon-don/main"], in: work)
        #expect(!broken.succeeded)
        #expect(broken.stderr.contains("policy.json: is not a hub policy: \"lowered-targets\" must be \"refuse\" | \"flag\""), "\(broken.stderr)")
        #expect(!remote(broken).contains(dir.path), "no server path: \(broken.stderr)")
    }

    /// A hand-written `Parent-Commit:` on a merge, or naming the real published commit with
    /// values that version does not give, is judged as a hand edit.
    @Test func aHandWrittenPullTrailerOnAMergeIsNoPull() throws {
        let dir = try setUp()
        let work = dir.appending("buon-don")
        let hub = dir.appending("hubs/daklak.git")
        let published = try #require(try rev("refs/heads/targets", in: hub))
        try diverge(work, sideways: "2024-Q3", ahead: "2024-Q4")
        #expect(try git(["merge", "-q", "--no-commit", "--no-ff", "side"], in: work).succeeded)
        try setTarget("10", in: work)
        let message = "Pull targets from daklak\n\nParent-Unit: daklak\nParent-Commit: \(published)\n"
        #expect(try git(["commit", "-q", "--no-verify", "-am", message], in: work).succeeded)
        let push = try git(["push", hub, "main:refs/children/buon-don/main"], in: work)
        #expect(!push.succeeded)
        #expect(push.stderr.contains("DVC-ONLINE 10, below the 50 inherited"), "\(push.stderr)")
    }

    // MARK: - 4. Only a child's own pushers write its ref

    @Test func theHubsOwnClerksWriteMainAndTargetsButNeverAChildsRef() throws {
        let dir = try setUp()
        let province = dir.appending("daklak"), district = dir.appending("buon-don")
        let hub = dir.appending("hubs/daklak.git")
        // No pushers.json at all: an authenticated user is one of the province's own clerks.
        _ = try tool(["report", "2024-Q3", "DVC-ONLINE=50/100"], in: province)
        let own = try git(["push", hub, "main:refs/heads/main"], in: province, user: "snv.daklak")
        #expect(own.succeeded, "\(own.stderr)")
        #expect(try rev("main", in: hub) == rev("main", in: province))

        // The same account pushes the district's history (its commits name the district's
        // clerk): refused, and the hub keeps no such ref.
        let impersonating = try git(["push", hub, "main:refs/children/buon-don/main"], in: district, user: "snv.daklak")
        #expect(!impersonating.succeeded)
        #expect(impersonating.stderr.contains("only buon-don's own pushers write refs/children/buon-don/"), "\(impersonating.stderr)")
        #expect(try rev("refs/children/buon-don/main", in: hub) == nil)

        // Mapped in pushers.json: the district's pusher writes its ref, the province's mapped
        // clerk still cannot.
        try #"{"schema": 1, "pushers": {"pnv.buondon": "buon-don", "vanthu.daklak": "daklak"}}"#
            .write(toFile: hub + "/pushers.json", atomically: true, encoding: .utf8)
        let mappedClerk = try git(["push", hub, "main:refs/children/buon-don/main"], in: district, user: "vanthu.daklak")
        #expect(!mappedClerk.succeeded)
        #expect(mappedClerk.stderr.contains("only buon-don's own pushers write"), "\(mappedClerk.stderr)")
        let child = try git(["push", hub, "main:refs/children/buon-don/main"], in: district, user: "pnv.buondon")
        #expect(child.succeeded, "\(child.stderr)")
        let childOnMain = try git(["push", hub, "+main:refs/heads/main"], in: district, user: "pnv.buondon")
        #expect(!childOnMain.succeeded)
        #expect(childOnMain.stderr.contains("may write only refs/children/buon-don/main"), "\(childOnMain.stderr)")

        // With "clerks" in policy.json only those (and users mapped to daklak) are its clerks.
        try #"{"schema": 1, "clerks": ["snv.daklak"]}"#.write(toFile: hub + "/policy.json", atomically: true, encoding: .utf8)
        _ = try tool(["report", "2024-Q4", "DVC-ONLINE=55/100"], in: province)
        let stranger = try git(["push", hub, "main:refs/heads/main"], in: province, user: "someone")
        #expect(!stranger.succeeded)
        #expect(stranger.stderr.contains("'someone' is neither mapped to a unit"), "\(stranger.stderr)")
        #expect(!remote(stranger).contains(dir.path), "no server path: \(stranger.stderr)")
        let listed = try git(["push", hub, "main:refs/heads/main"], in: province, user: "snv.daklak")
        #expect(listed.succeeded, "\(listed.stderr)")

        // Without authentication issue 15's rule holds: a child's ref alone.
        _ = try tool(["report", "2024-Q3", "DVC-ONLINE=1/2"], in: district)
        let anonymous = try git(["push", hub, "main:refs/children/buon-don/main", "+main:refs/heads/targets"], in: district)
        #expect(!anonymous.succeeded)
        #expect(anonymous.stderr.contains("may write nothing else"), "\(anonymous.stderr)")
    }

    // MARK: - 6. The pusher's language

    @Test func refusalsComeInThePushersLanguage() throws {
        let dir = try setUp()
        let work = dir.appending("buon-don")
        let hub = dir.appending("hubs/daklak.git")
        try setTarget("40", in: work)
        #expect(try git(["commit", "-q", "--no-verify", "-am", "lower"], in: work).succeeded)
        let vietnamese = try git(["push", "-o", "lang=vi", hub, "main:refs/children/buon-don/main"], in: work)
        #expect(!vietnamese.succeeded)
        #expect(vietnamese.stderr.contains("hạ DVC-ONLINE xuống 40, thấp hơn mức 50 được giao"), "\(vietnamese.stderr)")
        let byLocale = try git(["push", hub, "main:refs/children/buon-don/main"], in: work, env: ["LANG": "vi_VN.UTF-8"])
        #expect(byLocale.stderr.contains("không chấp nhận chỉ tiêu bị hạ"), "\(byLocale.stderr)")
        let english = try git(["push", hub, "main:refs/children/buon-don/main"], in: work, env: ["LANG": "C"])
        #expect(english.stderr.contains("this hub refuses lowered targets"), "\(english.stderr)")
    }

    // MARK: - 5. A hub owned by the server's account

    @Test func theHookInstallsAndRunsOnAHubAnotherUserOwns() throws {
        guard getuid() == 0 else {
            print("skipped: creating a hub owner needs root (useradd); run the suite as root to test this")
            return
        }
        let user = "pc-hub-owner"
        if !(try Command.run("id", ["-u", user]).succeeded) {
            let added = try Command.run("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", user])
            #expect(added.succeeded || added.stderr.contains("already exists"), "\(added.stderr)")
        }
        let uid = try Command.run("id", ["-u", user]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let dir = try setUp()
        let work = dir.appending("buon-don")
        let hub = dir.appending("hubs/daklak.git")
        #expect(try Command.run("chown", ["-R", "\(user):", hub]).succeeded)
        try FileManager.default.removeItem(atPath: hub + "/hooks/pre-receive")

        let installed = try Tool.run(["hooks", "install", "--server", hub])
        #expect(installed.status == 0, "\(installed.stderr)")
        #expect(!installed.stderr.contains("not a PlanCascade unit repository"))
        for file in ["hooks/pre-receive", "config"] {
            let owner = try FileManager.default.attributesOfItem(atPath: hub + "/" + file)[.ownerAccountID] as? NSNumber
            #expect(owner?.stringValue == uid, "\(file) stays the hub owner's")
        }

        // The server's account runs receive-pack and the hook.
        func pushAsOwner(_ refspec: String) throws -> CommandResult {
            try Command.run("runuser", ["-u", user, "--", "git", "-c", "safe.directory=*", "push", hub, refspec],
                            in: work, environment: IsolatedGit.environment())
        }
        try setTarget("40", in: work)
        #expect(try git(["commit", "-q", "--no-verify", "-am", "lower"], in: work).succeeded)
        let lowered = try pushAsOwner("main:refs/children/buon-don/main")
        #expect(!lowered.succeeded)
        #expect(lowered.stderr.contains("this hub refuses lowered targets"), "\(lowered.stderr)")
        #expect(try git(["reset", "-q", "--hard", "HEAD~1"], in: work).succeeded)
        let clean = try pushAsOwner("main:refs/children/buon-don/main")
        #expect(clean.succeeded, "\(clean.stderr)")

        // root pushes (git trusts the hub by safe.directory=*, which libgit2 ignores): the
        // hook still runs and judges.
        _ = try tool(["report", "2024-Q3", "DVC-ONLINE=1/2"], in: work)
        let asRoot = try Command.run("git", ["push", "--receive-pack=git -c safe.directory=* receive-pack", hub, "main:refs/children/buon-don/main"],
                                     in: work, environment: IsolatedGit.environment())
        #expect(asRoot.succeeded, "\(asRoot.stderr)")
    }

    // MARK: - 7. Pulls carry only what the child may see

    @Test func aPullCarriesNoSiblingsObjectsOverALocalPathOrGitDaemon() throws {
        let dir = try setUp()
        let province = dir.appending("daklak")
        let hub = dir.appending("hubs/daklak.git")
        let daemon = try GitDaemon(basePath: dir.appending("hubs"))
        // A sibling, lak, reports; the province collects and pushes: its hub's main now holds
        // children/lak/ and refs/children/lak/main.
        _ = try tool(["child", "add", "lak", "--name", "Huyện Lắk", "--level", "district"], in: province)
        _ = try tool(["child", "add", "krong-na", "--name", "Huyện Krông Na", "--level", "district"], in: province)
        _ = try tool(["child", "add", "ea-sup", "--name", "Huyện Ea Súp", "--level", "district"], in: province)
        _ = try tool(["publish"], in: province)
        _ = try tool(["init", "lak", "--unit", "lak", "--name", "Huyện Lắk", "--level", "district", "--parent", "hubs/daklak.git", "--hub", "hubs/lak.git"], in: dir.path)
        let lak = dir.appending("lak")
        _ = try tool(["pull"], in: lak)
        _ = try tool(["report", "2024-Q3", "DVC-ONLINE=4321/8765"], in: lak)
        _ = try tool(["push"], in: lak)
        _ = try tool(["collect"], in: province)
        _ = try tool(["push"], in: province)

        func objects(reachableFrom refs: [String], in repository: String) throws -> Set<String> {
            let listed = try Command.git(["rev-list", "--objects"] + refs, in: repository)
            #expect(listed.succeeded, "\(listed.stderr)")
            return Set(listed.stdout.split(separator: "\n").map { String($0.prefix(40)) })
        }
        let siblings = try objects(reachableFrom: ["refs/children/lak/main", "main"], in: hub)
        let published = try objects(reachableFrom: ["refs/heads/targets"], in: hub)
        let report = try #require(try rev("refs/children/lak/main:progress/2024/2024-Q3.json", in: hub))
        #expect(siblings.contains(report) && !published.contains(report))

        for (unit, parent) in [("krong-na", "hubs/daklak.git"), ("ea-sup", daemon.url("daklak.git"))] {
            _ = try tool(["init", unit, "--unit", unit, "--name", unit, "--level", "district", "--parent", parent, "--hub", "hubs/\(unit).git"], in: dir.path)
            let work = dir.appending(unit)
            _ = try tool(["pull"], in: work)
            // The parent publishes again; the re-pull fetches only what is new.
            _ = try tool(["target", "set", "DVC-ONLINE", "52"], in: province)
            _ = try tool(["publish"], in: province)
            _ = try tool(["pull"], in: work)
            #expect(try rev("refs/remotes/parent/targets", in: work) == rev("refs/heads/targets", in: hub))

            let held = try Command.git(["cat-file", "--batch-all-objects", "--batch-check=%(objectname)"], in: work)
            #expect(held.succeeded)
            let database = Set(held.stdout.split(separator: "\n").map(String.init))
            let own = try objects(reachableFrom: ["--all"], in: work)
            let allowed = own.union(try objects(reachableFrom: ["refs/heads/targets"], in: hub))
                .union(["4b825dc642cb6eb9a060e54bf8d69288fbee4904"])  // the empty tree
            #expect(!database.contains(report), "\(unit) (parent \(parent)) holds lak's report")
            let foreign = database.subtracting(allowed)
            #expect(foreign.isEmpty, "\(unit) (parent \(parent)) holds objects not reachable from the parent's targets: \(foreign.sorted().prefix(5))")
            #expect(database.intersection(siblings.subtracting(allowed)).isEmpty)
            #expect(try Command.git(["fsck", "--no-dangling"], in: work).succeeded)
        }
    }
}
