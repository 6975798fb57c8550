import Foundation
import Testing
import TestSupport

/// Transfers without a network (issue 19 part 5), through the built binary on real
/// repositories: `bundle create` writes what a push sends as a git bundle that git's own
/// `git bundle verify` accepts; `bundle apply` at the parent's hub or working clone takes it
/// in exactly as the hub's `pre-receive` takes a push (same refusals, nothing left behind,
/// idempotent); targets travel down with `bundle create --targets` and `pull --from`; a copied
/// working folder does not push until told `--here`.
@Suite struct BundleCommandTests {
    init() { IsolatedGit.setUp() }

    /// Province daklak (hub with the server hook, child buon-don registered) and district
    /// buon-don (DVC-ONLINE 55, floor 50), as ``HookCommandTests`` makes them.
    func setUp() throws -> TemporaryDirectory { try HookCommandTests().setUp() }

    /// Runs the tool and checks its exit status; `rev` reads a ref (``HubPolicyTests``' helpers).
    @discardableResult
    func tool(_ arguments: [String], in directory: String, status: Int32 = 0) throws -> CommandResult {
        try HubPolicyTests().tool(arguments, in: directory, status: status)
    }

    func rev(_ ref: String, in repository: String) throws -> String? { try HubPolicyTests().rev(ref, in: repository) }

    /// The quarantine folders left in a repository's objects (there must be none).
    func quarantines(in gitDirectory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: gitDirectory + "/objects").filter { $0.hasPrefix("incoming-") }
    }

    func packs(in gitDirectory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: gitDirectory + "/objects/pack").sorted()
    }

    @Test func aBundleIsWhatPushSendsIncrementallyAndGitVerifiesIt() throws {
        let dir = try setUp()
        let district = dir.appending("buon-don"), hub = dir.appending("hubs/daklak.git")
        try tool(["report", "2024-Q3", "DVC-ONLINE=40/100"], in: district)
        try tool(["push"], in: district)
        let delivered = try #require(try rev("main", in: district))
        try tool(["report", "2024-Q4", "DVC-ONLINE=45/100"], in: district)
        let head = try #require(try rev("main", in: district))

        // Written where the command runs (not into the clone -C names), named after unit and parent.
        let created = try tool(["-C", "buon-don", "bundle", "create"], in: dir.path)
        let name = "buon-don-to-daklak-\(head.prefix(7)).bundle"
        #expect(created.stdout.contains("Wrote \(name)"), "\(created.stdout)")
        #expect(created.stdout.contains("since \(delivered.prefix(7))"), "\(created.stdout)")
        let file = dir.appending(name)
        #expect(!FileManager.default.fileExists(atPath: district + "/" + name))
        let header = String(decoding: try #require(FileManager.default.contents(atPath: file)).prefix(200), as: UTF8.self)
        #expect(header.hasPrefix("# v2 git bundle\n-\(delivered)\n\(head) refs/children/buon-don/main\n\n"), "\(header)")

        // git itself reads it, in the hub that has the prerequisite…
        let verify = try Command.git(["bundle", "verify", file], in: hub)
        #expect(verify.succeeded, "\(verify.stderr)")
        #expect((verify.stdout + verify.stderr).contains("\(head) refs/children/buon-don/main"))
        // …and lists what it lacks in a repository that does not.
        let empty = dir.appending("empty.git")
        #expect(try Command.git(["init", "-q", "--bare", empty]).succeeded)
        #expect(!(try Command.git(["bundle", "verify", file], in: empty)).succeeded)

        // The hub takes it in as the push would; a second time nothing changes.
        let before = try packs(in: hub)
        let applied = try tool(["bundle", "apply", file], in: hub)
        #expect(applied.stdout.contains("refs/children/buon-don/main → \(head.prefix(7)) (1 new commit)"), "\(applied.stdout)")
        #expect(try rev("refs/children/buon-don/main", in: hub) == head)
        #expect(try Command.git(["fsck", "--no-dangling"], in: hub).succeeded)
        let after = try packs(in: hub)
        let again = try tool(["bundle", "apply", file], in: hub)
        #expect(again.stdout.contains("Nothing changed"), "\(again.stdout)")
        #expect(try packs(in: hub) == after && after.count == before.count + 2)
        #expect(try quarantines(in: hub).isEmpty)

        // Nothing new since the last push: said, and --full sends everything.
        let district2 = dir.appending("buon-don")
        try tool(["push"], in: district2)
        let nothing = try tool(["bundle", "create"], in: district2, status: 2)
        #expect(nothing.stderr.contains("nothing new to send"), "\(nothing.stderr)")
        let full = try tool(["bundle", "create", "--full", "--out", "../full.bundle"], in: district2)
        #expect(full.stdout.contains("the whole history"), "\(full.stdout)")
        #expect(try Command.git(["bundle", "verify", dir.appending("full.bundle")], in: empty).stdout.contains("complete history")
            || Command.git(["bundle", "verify", dir.appending("full.bundle")], in: empty).stderr.contains("complete history"))
    }

    @Test func theParentsWorkingCloneAppliesAndCollectsAndTheHubsFetchDoesNotWindItBack() throws {
        let dir = try setUp()
        let district = dir.appending("buon-don"), province = dir.appending("daklak")
        try tool(["report", "2024-Q3", "DVC-ONLINE=40/100"], in: district)
        try tool(["push"], in: district)
        try tool(["collect"], in: province)
        try tool(["report", "2024-Q4", "DVC-ONLINE=45/100"], in: district)
        let head = try #require(try rev("main", in: district))
        try tool(["bundle", "create", "--out", "../q4.bundle"], in: district)

        let applied = try tool(["bundle", "apply", "../q4.bundle"], in: province)
        #expect(applied.stdout.contains("plancascade collect"), "\(applied.stdout)")
        // collect fetches refs/children/* from the hub, which still has the older head.
        let collected = try tool(["collect"], in: province)
        #expect(collected.stdout.contains("Collected buon-don \(head.prefix(7))"), "\(collected.stdout)")
        #expect(try rev("refs/children/buon-don/main", in: province) == head)
        let again = try tool(["collect"], in: province)
        #expect(!again.stdout.contains("rewr"), "\(again.stdout)")
        #expect(!(try Tool.run(["check", "--json"], in: province)).stdout.contains("history-rewritten"))
        // Once the hub has it (the district pushes when the network is back), the mark goes.
        try tool(["push"], in: district)
        try tool(["collect"], in: province)
        #expect(try rev("refs/plancascade/bundled/buon-don", in: province) == nil)
    }

    @Test func aBundleIsRefusedExactlyAsThePushWouldBe() throws {
        let dir = try setUp()
        let district = dir.appending("buon-don"), hub = dir.appending("hubs/daklak.git"), province = dir.appending("daklak")
        try tool(["report", "2024-Q3", "DVC-ONLINE=40/100"], in: district)
        try tool(["push"], in: district)
        let accepted = try #require(try rev("refs/children/buon-don/main", in: hub))

        // A lowered target: the hub's policy refuses it, by push and by bundle alike.
        try tool(["target", "set", "DVC-ONLINE", "45", "--force", "--year", "2024"], in: district)
        try tool(["bundle", "create", "--out", "../lowered.bundle"], in: district)
        for place in [hub, province] {
            let refused = try tool(["bundle", "apply", dir.appending("lowered.bundle")], in: place, status: 2)
            #expect(refused.stderr.contains("lowers DVC-ONLINE to 45, below the 55 inherited"), "\(refused.stderr)")
            #expect(try quarantines(in: place == hub ? hub : province + "/.git").isEmpty)
        }
        #expect(try rev("refs/children/buon-don/main", in: hub) == accepted)
        let pushed = try tool(["push"], in: district, status: 2)
        #expect(pushed.stderr.contains("lowers DVC-ONLINE to 45, below the 55 inherited"), "\(pushed.stderr)")
        #expect(try Command.git(["reset", "-q", "--hard", "HEAD~1"], in: district).succeeded)

        // A hostile tree: a symbolic link, committed with plain git and no hooks.
        try FileManager.default.createSymbolicLink(atPath: district + "/progress/evil", withDestinationPath: "/etc/passwd")
        #expect(try Command.git(["add", "-A"], in: district).succeeded)
        #expect(try Command.git(["-c", "core.hooksPath=/dev/null", "commit", "-q", "-m", "evil"], in: district).succeeded)
        try tool(["bundle", "create", "--out", "../evil.bundle"], in: district)
        let evil = try tool(["bundle", "apply", dir.appending("evil.bundle")], in: hub, status: 2)
        #expect(evil.stderr.contains("progress/evil"), "\(evil.stderr)")
        #expect(try rev("refs/children/buon-don/main", in: hub) == accepted)
        #expect(try quarantines(in: hub).isEmpty)

        // A damaged pack: cut off in the middle; nothing is taken in.
        let whole = try #require(FileManager.default.contents(atPath: dir.appending("evil.bundle")))
        try whole.prefix(whole.count - 30).write(to: URL(fileURLWithPath: dir.appending("cut.bundle")))
        let cut = try tool(["bundle", "apply", dir.appending("cut.bundle")], in: hub, status: 2)
        #expect(cut.stderr.contains("damaged or incomplete"), "\(cut.stderr)")
        #expect(try quarantines(in: hub).isEmpty)
        // Not a bundle, a header of many references, a bundle of plain git's own branch.
        try "hello\n".write(toFile: dir.appending("text.bundle"), atomically: true, encoding: .utf8)
        #expect(try tool(["bundle", "apply", dir.appending("text.bundle")], in: hub, status: 2).stderr.contains("not a git bundle"))
        let many = "# v2 git bundle\n" + (0..<100).map { "\(accepted) refs/children/x\($0)/main\n" }.joined() + "\nPACK"
        try many.write(toFile: dir.appending("many.bundle"), atomically: true, encoding: .utf8)
        #expect(try tool(["bundle", "apply", dir.appending("many.bundle")], in: hub, status: 2).stderr.contains("references, more than 64"))
        #expect(try Command.git(["bundle", "create", dir.appending("main.bundle"), "main"], in: district).succeeded)
        #expect(try tool(["bundle", "apply", dir.appending("main.bundle")], in: hub, status: 2).stderr.contains("not a unit's report"))
        // Bounds: a hub that allows less than the bundle.
        #expect(try Command.git(["config", "plancascade.maxNewEntries", "3"], in: hub).succeeded)
        #expect(try Command.git(["reset", "-q", "--hard", "HEAD~1"], in: district).succeeded)
        try tool(["report", "2024-Q4", "DVC-ONLINE=45/100"], in: district)
        try tool(["bundle", "create", "--full", "--out", "../big.bundle"], in: district)
        let big = try tool(["bundle", "apply", dir.appending("big.bundle")], in: hub, status: 2)
        #expect(big.stderr.contains("more than 6 objects"), "\(big.stderr)")
        #expect(try quarantines(in: hub).isEmpty)
        #expect(try Command.git(["config", "plancascade.maxPushBytes", "2048"], in: hub).succeeded)
        let heavy = try tool(["bundle", "apply", dir.appending("big.bundle")], in: hub, status: 2)
        #expect(heavy.stderr.contains("KiB, more than the 2 KiB one push may bring"), "\(heavy.stderr)")
        #expect(try quarantines(in: hub).isEmpty && rev("refs/children/buon-don/main", in: hub) == accepted)
    }

    /// Seeded damage to a real bundle's pack (a flipped byte, a cut, a copied-over block):
    /// every variant is refused with exit 2 and a message, never a crash, and nothing is kept.
    @Test func damagedBundlesAreRefusedAndLeaveNothing() throws {
        let dir = try setUp()
        let district = dir.appending("buon-don"), hub = dir.appending("hubs/daklak.git")
        try tool(["report", "2024-Q3", "DVC-ONLINE=40/100"], in: district)
        try tool(["bundle", "create", "--out", "../good.bundle"], in: district)
        let good = Array(try #require(FileManager.default.contents(atPath: dir.appending("good.bundle"))))
        let pack = try #require(good.indices.first { good[$0...].starts(with: Array("\n\nPACK".utf8)) }) + 2
        let packsBefore = try packs(in: hub)
        var random = SeededGenerator(seed: 0x19_2026)
        for round in 0..<18 {
            var bytes = good
            switch round % 3 {
            case 0: bytes[Int.random(in: pack..<bytes.count, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
            case 1: bytes = Array(bytes.prefix(Int.random(in: pack..<(bytes.count - 1), using: &random)))
            default:
                let from = Int.random(in: pack..<bytes.count - 16, using: &random), to = Int.random(in: pack..<bytes.count - 16, using: &random)
                if from == to { continue }
                bytes.replaceSubrange(to..<to + 16, with: bytes[from..<from + 16])
            }
            let file = dir.appending("damaged-\(round).bundle")
            try Data(bytes).write(to: URL(fileURLWithPath: file))
            let result = try Tool.run(["bundle", "apply", file], in: hub)
            #expect(result.status == 2 && result.stderr.contains("damaged-\(round).bundle"), "round \(round): \(result.status) \(result.stderr)")
            #expect(try quarantines(in: hub).isEmpty, "round \(round)")
        }
        #expect(try packs(in: hub) == packsBefore)
        #expect(try rev("refs/children/buon-don/main", in: hub) == nil)
        try tool(["bundle", "apply", dir.appending("good.bundle")], in: hub)
        #expect(try rev("refs/children/buon-don/main", in: hub) == rev("main", in: district))
    }

    @Test func aBundleOfAnotherUnitOrForAnotherParentIsRefused() throws {
        let dir = try setUp()
        // lak says daklak is its parent, but daklak never recorded it as a child.
        try tool(["init", "lak", "--unit", "lak", "--name", "Huyện Lắk", "--level", "district", "--parent", "hubs/daklak.git"], in: dir.path)
        try tool(["pull"], in: dir.appending("lak"))
        try tool(["bundle", "create", "--out", "../lak.bundle"], in: dir.appending("lak"))
        // The hub knows the province's children from its main (the province pushes it).
        try tool(["push"], in: dir.appending("daklak"))
        let other = try tool(["bundle", "apply", "../../lak.bundle"], in: dir.appending("hubs/daklak.git"), status: 2)
        #expect(other.stderr.contains("lak is not a child of daklak (its children: buon-don)"), "\(other.stderr)")
        // A registered child whose unit.json names another parent (edited with plain git).
        let district = dir.appending("buon-don")
        let unitFile = district + "/unit.json"
        let unit = try String(contentsOfFile: unitFile, encoding: .utf8)
        try unit.replacingOccurrences(of: "\"parent\": \"daklak\"", with: "\"parent\": \"gia-lai\"").write(toFile: unitFile, atomically: true, encoding: .utf8)
        #expect(try Command.git(["-c", "core.hooksPath=/dev/null", "commit", "-q", "-am", "another parent"], in: district).succeeded)
        try tool(["bundle", "create", "--out", "../moved.bundle"], in: district)
        let moved = try tool(["bundle", "apply", "../moved.bundle"], in: dir.appending("daklak"), status: 2)
        #expect(moved.stderr.contains("buon-don's unit.json names gia-lai as its parent, not daklak"), "\(moved.stderr)")
        #expect(try rev("refs/children/buon-don/main", in: dir.appending("daklak")) == nil)
        // A district's bundle brought to a commune, or to the district itself.
        let own = try tool(["bundle", "apply", "../lak.bundle"], in: dir.appending("lak"), status: 2)
        #expect(own.stderr.contains("is not a child of lak"), "\(own.stderr)")
        // The province's targets are for its children; at the province itself they are refused.
        try tool(["bundle", "create", "--targets", "--out", "../t.bundle"], in: dir.appending("daklak"))
        #expect(try tool(["bundle", "apply", "../t.bundle"], in: dir.appending("daklak"), status: 2).stderr.contains("take it in at the child with plancascade pull --from"))
        #expect(try tool(["pull", "--from", "../t.bundle"], in: dir.appending("daklak"), status: 2).stderr.contains("daklak's own published targets"))
        #expect(try tool(["pull", "--from", "../lak.bundle"], in: dir.appending("buon-don"), status: 2).stderr.contains("a child's report"))
    }

    @Test func targetsTravelDownByFile() throws {
        let dir = try setUp()
        let province = dir.appending("daklak"), district = dir.appending("buon-don")
        try tool(["target", "set", "DVC-ONLINE", "60", "--year", "2024"], in: province)
        try tool(["publish"], in: province)
        let targets = try #require(try rev("refs/heads/targets", in: province))
        let created = try tool(["bundle", "create", "--targets", "--out", "../targets.bundle"], in: province)
        #expect(created.stdout.contains("published targets \(targets.prefix(7))"), "\(created.stdout)")
        #expect(try Command.git(["bundle", "verify", dir.appending("targets.bundle")], in: dir.appending("hubs/daklak.git")).succeeded)
        // The commune has no network: no parent remote at all.
        #expect(try Command.git(["remote", "remove", "parent"], in: district).succeeded)
        let pulled = try tool(["pull", "--from", "../targets.bundle"], in: district)
        #expect(pulled.stdout.contains("Pulled daklak targets \(targets.prefix(7))"), "\(pulled.stdout)")
        let target = try String(contentsOfFile: district + "/plans/2024/targets/DVC-ONLINE.json", encoding: .utf8)
        #expect(target.contains("\"value\": 65"), "\(target)")
        #expect(try rev("refs/remotes/parent/targets", in: district) == targets)
        let again = try tool(["pull", "--from", "../targets.bundle"], in: district)
        #expect(again.stdout.contains("Up to date with daklak targets \(targets.prefix(7))"), "\(again.stdout)")
    }

    @Test func aCopiedWorkingFolderAsksBeforePushing() throws {
        let dir = try setUp()
        let district = dir.appending("buon-don"), copy = dir.appending("usb-copy")
        try tool(["report", "2024-Q3", "DVC-ONLINE=40/100"], in: district)
        try tool(["push"], in: district)  // records the clone's place (made by init)
        #expect(try Command.git(["config", "plancascade.workTree"], in: district).stdout.hasSuffix("/buon-don\n"))
        #expect(try Command.run("cp", ["-a", district, copy]).succeeded)
        try tool(["report", "2024-Q4", "DVC-ONLINE=45/100"], in: copy)
        for command in [["push"], ["sync"], ["publish"]] {
            let refused = try tool(command, in: copy, status: 2)
            #expect(refused.stderr.contains("was made at") && refused.stderr.contains("/usb-copy") && refused.stderr.contains("--here"), "\(command): \(refused.stderr)")
        }
        #expect(try rev("refs/children/buon-don/main", in: dir.appending("hubs/daklak.git")) == rev("main", in: district))
        // The original still pushes; the copy pushes once told it is the working folder now.
        try tool(["push"], in: district)
        try tool(["push", "--here"], in: copy)
        #expect(try rev("refs/children/buon-don/main", in: dir.appending("hubs/daklak.git")) == rev("main", in: copy))
        try tool(["push"], in: copy)
        // At a terminal the clerk is asked: no pushes nothing, yes records the place and pushes.
        #expect(try Command.run("cp", ["-a", copy, dir.appending("asked")]).succeeded)
        try tool(["report", "2024-11", "DVC-ONLINE=50/100"], in: dir.appending("asked"))
        var terminal = IsolatedGit.environment()
        terminal["GIT_TERMINAL_PROMPT"] = nil
        let session = "\(Tool.path) push; echo exit=$?"
        let no = try Command.run("script", ["-qec", session, "/dev/null"], in: dir.appending("asked"), environment: terminal, input: "n\n")
        #expect(no.stdout.contains("[y/N]") && no.stdout.contains("exit=2"), "\(no.stdout)")
        let yes = try Command.run("script", ["-qec", session, "/dev/null"], in: dir.appending("asked"), environment: terminal, input: "y\n")
        #expect(yes.stdout.contains("Pushed main") && yes.stdout.contains("exit=0"), "\(yes.stdout)")
        #expect(try Command.git(["config", "plancascade.workTree"], in: dir.appending("asked")).stdout.hasSuffix("/asked\n"))
        // Vietnamese, as every refusal.
        #expect(try Command.run("cp", ["-a", copy, dir.appending("copy2")]).succeeded)
        let vi = try Tool.run(["--lang", "vi", "push"], in: dir.appending("copy2"))
        #expect(vi.status == 2 && vi.stderr.contains("thư mục làm việc này được tạo tại"), "\(vi.stderr)")
    }

    @Test func signedCommitsStaySignedThroughABundle() throws {
        let dir = try setUp()
        let district = dir.appending("buon-don"), hub = dir.appending("hubs/daklak.git")
        let key = dir.appending("clerk-key")
        #expect(try Command.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "clerk", "-f", key]).succeeded)
        for (name, value) in [("gpg.format", "ssh"), ("user.signingKey", key), ("commit.gpgSign", "true")] {
            #expect(try Command.git(["-C", district, "config", name, value]).succeeded)
        }
        try tool(["report", "2024-Q3", "DVC-ONLINE=40/100"], in: district)
        let head = try #require(try rev("main", in: district))
        try tool(["bundle", "create", "--out", "../signed.bundle"], in: district)
        try tool(["bundle", "apply", dir.appending("signed.bundle")], in: hub)
        #expect(try rev("refs/children/buon-don/main", in: hub) == head)
        let publicKey = try String(contentsOfFile: key + ".pub", encoding: .utf8)
        try "clerk@buon-don \(publicKey)".write(toFile: dir.appending("allowed"), atomically: true, encoding: .utf8)
        let checked = try Command.git(["-C", hub, "-c", "gpg.ssh.allowedSignersFile=\(dir.appending("allowed"))", "verify-commit", head])
        #expect(checked.succeeded, "\(checked.stderr)")
        #expect(checked.stderr.contains("Good \"git\" signature"), "\(checked.stderr)")
    }

    @Test func exportWritesIntoTheCurrentFolderNotTheRepository() throws {
        let dir = try setUp()
        try tool(["-C", "daklak", "export", "--format", "md", "--out", "report.md"], in: dir.path)
        #expect(FileManager.default.fileExists(atPath: dir.appending("report.md")))
        #expect(!FileManager.default.fileExists(atPath: dir.appending("daklak/report.md")))
        try tool(["-C", "daklak", "export", "--format", "csv", "--out", "r.csv"], in: dir.path)
        #expect(FileManager.default.fileExists(atPath: dir.appending("r-status.csv")))
        #expect(try Command.git(["status", "--porcelain"], in: dir.appending("daklak")).stdout.isEmpty)

        // Progress: on a terminal only (here shown from the start instead of after a second).
        var terminal = IsolatedGit.environment()
        terminal["PLANCASCADE_PROGRESS_AFTER"] = "0"
        let session = "\(Tool.path) -C daklak export --format md --out shown.md"
        let shown = try Command.run("script", ["-qec", session, "/dev/null"], in: dir.path, environment: terminal)
        for step in ["export: reading the figures of unit 1 of 1", "export: running check", "export: running verify", "export: reading the change history"] {
            #expect(shown.stdout.contains(step), "\(step): \(shown.stdout)")
        }
        #expect(shown.stdout.contains("\u{1B}[K") && shown.stdout.contains("Wrote md report of daklak to shown.md"))
        let piped = try Command.run(Tool.path, ["-C", "daklak", "export", "--format", "md", "--out", "piped.md"], in: dir.path, environment: terminal)
        #expect(piped.status == 0 && !piped.stderr.contains("export:") && !piped.stdout.contains("export:"), "\(piped.stderr)")
        #expect(try String(contentsOfFile: dir.appending("piped.md"), encoding: .utf8) == String(contentsOfFile: dir.appending("shown.md"), encoding: .utf8))
    }
}
