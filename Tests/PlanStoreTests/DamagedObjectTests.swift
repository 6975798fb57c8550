import Foundation
import Git
import PlanModel
import PlanStore
import Testing
import TestSupport

/// A damaged object of a child's push (a truncated loose file, what a crash before the data
/// reached the disk leaves): `collect` fetches it again from the hub and collects the child;
/// when the hub's copy is damaged too it refuses that child only, naming the ref, the file and
/// the object, and collects the sibling.
@Suite struct DamagedObjectTests {
    func git(_ arguments: [String], in directory: String) throws -> String {
        let result = try Command.run("git", arguments, in: directory, environment: IsolatedGit.environment())
        #expect(result.succeeded, "git \(arguments.joined(separator: " ")): \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The loose file of `object` in the git directory `gitDirectory`, emptied.
    func truncate(_ object: String, in gitDirectory: String) throws {
        let file = gitDirectory + "/objects/" + object.prefix(2) + "/" + object.dropFirst(2)
        #expect(FileManager.default.fileExists(atPath: file), "\(object) is a loose object in \(gitDirectory)")
        try FileManager.default.removeItem(atPath: file)
        #expect(FileManager.default.createFile(atPath: file, contents: Data()))
    }

    /// ea-nuol's 2024-Q4 report pushed to buon-don's hub (with plain git when `byGit`, which
    /// leaves a small push as loose objects there) and fetched into buon-don's clone with plain
    /// git (loose objects too); krong-na's report pushed. Returns the report's blob id.
    func setUp(_ f: HierarchyFixture, byGit: Bool) throws -> String {
        try f.report("ea-nuol", "2024-Q4", ["DVC-ONLINE=66/100"])
        if byGit {
            _ = try git(["push", "-q", f.hub("buon-don"), "main:refs/children/ea-nuol/main"], in: f.work("ea-nuol"))
        } else {
            try f.push("ea-nuol")
        }
        _ = try git(["fetch", "-q", "origin", "+refs/children/*:refs/children/*"], in: f.work("buon-don"))
        try f.report("krong-na", "2024-Q4", ["DVC-ONLINE=77/100"])
        try f.push("krong-na")
        return try git(["rev-parse", "refs/children/ea-nuol/main:progress/2024/2024-Q4.json"], in: f.work("buon-don"))
    }

    @Test func aDamagedChildObjectIsFetchedAgainFromTheHub() throws {
        let f = try CheckTests().hierarchy()
        let blob = try setUp(f, byGit: false)
        try truncate(blob, in: f.work("buon-don") + "/.git")
        // check says where the object is needed and that collect fetches it again.
        let held = try #require(try f.check("buon-don", asOf: "2024-12-31").findings.first { $0.kind == .refusedPush && $0.unit == "ea-nuol" })
        #expect(held.severity == .error)
        #expect(held.message.description.contains("refs/children/ea-nuol/main → progress/2024/2024-Q4.json"), "\(held.message)")
        #expect(held.message.description.contains("run `plancascade collect` again"), "\(held.message)")
        let outcome = try f.collect("buon-don")
        #expect(outcome.refused.isEmpty, "\(outcome.refused.map { $0.reason.description })")
        #expect(Set(outcome.collected.map(\.child)) == ["ea-nuol", "krong-na"])
        let repaired = try #require(outcome.repaired.first)
        #expect(repaired.child == "ea-nuol" && repaired.object.hex == blob)
        #expect(repaired.need.message.description == "refs/children/ea-nuol/main → progress/2024/2024-Q4.json")
        let rollup = try #require(try f.open("buon-don").document(Rollup.self, at: "rollup/2024/2024-Q4.json"))
        #expect(rollup.figures["DVC-ONLINE"]?.numerator == Exact(143))
        // The clone is whole again, and no scratch repository is left behind.
        let fsck = try Command.run("git", ["fsck", "--no-dangling"], in: f.work("buon-don"), environment: IsolatedGit.environment())
        #expect(fsck.succeeded, "\(fsck.stdout)\(fsck.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.work("buon-don") + "/.git").allSatisfy { !$0.hasPrefix("plancascade-refetch") })
    }

    @Test func aChildObjectDamagedAtTheHubTooIsRefusedNamingRefFileAndObject() throws {
        let f = try CheckTests().hierarchy()
        let blob = try setUp(f, byGit: true)
        try truncate(blob, in: f.hub("buon-don"))
        try truncate(blob, in: f.work("buon-don") + "/.git")
        let before = try #require(try f.open("buon-don").head())
        let outcome = try f.collect("buon-don")
        #expect(outcome.collected.map(\.child) == ["krong-na"], "the sibling is collected")
        #expect(outcome.repaired.isEmpty)
        let refusal = try #require(outcome.refused.first { $0.child == "ea-nuol" })
        let english = refusal.reason.description
        #expect(english.contains(String(blob.prefix(12))), "\(english)")
        #expect(english.contains("refs/children/ea-nuol/main → progress/2024/2024-Q4.json"), "\(english)")
        #expect(english.contains("ask ea-nuol's clerk to run `plancascade push` again"), "\(english)")
        #expect(refusal.reason.rendered(in: .vietnamese).contains("đề nghị văn thư của ea-nuol chạy lại `plancascade push`"))
        // Nothing of ea-nuol's push reached main; the sibling's did.
        let head = try #require(try f.open("buon-don").head())
        #expect(head != before)
        #expect(try f.open("buon-don").document(ProgressReport.self, at: "children/ea-nuol/progress/2024/2024-Q4.json") == nil)
        #expect(try f.open("buon-don").document(ProgressReport.self, at: "children/krong-na/progress/2024/2024-Q4.json") != nil)
    }

    @Test func aPushDamagedAtTheHubBeforeAnyFetchHoldsBackThatChildOnly() throws {
        let f = try CheckTests().hierarchy()
        try f.report("ea-nuol", "2024-Q4", ["DVC-ONLINE=66/100"])
        _ = try git(["push", "-q", f.hub("buon-don"), "main:refs/children/ea-nuol/main"], in: f.work("ea-nuol"))
        let blob = try git(["rev-parse", "main:progress/2024/2024-Q4.json"], in: f.work("ea-nuol"))
        try truncate(blob, in: f.hub("buon-don"))
        try f.report("krong-na", "2024-Q4", ["DVC-ONLINE=77/100"])
        try f.push("krong-na")
        // Served by git daemon, as a hub is (libgit2's local-path transport sends every ref's
        // objects whatever is asked, so one child at a time cannot leave the damaged one out).
        let daemon = try GitDaemon(basePath: f.dir.appending("hubs"))
        _ = try git(["remote", "set-url", "origin", daemon.url("buon-don.git")], in: f.work("buon-don"))
        // The one fetch of every child's push fails at the hub; each child is fetched on its own.
        let outcome = try f.collect("buon-don")
        #expect(outcome.collected.map(\.child) == ["krong-na"], "\(outcome.refused.map { $0.reason.description })")
        let refusal = try #require(outcome.refused.first { $0.child == "ea-nuol" })
        let english = refusal.reason.description
        #expect(english.contains("refs/children/ea-nuol/main") && english.contains("likely missing or damaged there"), "\(english)")
        #expect(english.contains("ask ea-nuol's clerk to run `plancascade push` again"), "\(english)")
        #expect(try f.open("buon-don").document(ProgressReport.self, at: "children/krong-na/progress/2024/2024-Q4.json") != nil)
    }

    @Test func aDamagedObjectIsLocatedByTheRefAndFileThatNeedIt() throws {
        let f = try CheckTests().hierarchy()
        let git = try f.open("buon-don").git
        let main = try #require(try git.referenceTarget("refs/heads/main"))
        let report = try #require(try git.entry(at: "children/ea-nuol/progress/2024/2024-Q3.json", in: git.commit(main).tree))
        let error = GitError(code: .generic, errorClass: 9, message: "object not found - no match for id (\(report.oid.hex))", function: "git_blob_lookup")
        let message = try #require(DamagedObject.message(for: PlanStoreError.git(error), repositoryAt: f.work("buon-don")))
        #expect(message.code == "error.git-damaged-at")
        let english = message.description
        #expect(english.contains("refs/heads/main → children/ea-nuol/progress/2024/2024-Q3.json"), "\(english)")
        #expect(english.contains("run `plancascade collect` again") && english.contains("ask ea-nuol's clerk"), "\(english)")
        // Its own document: fetched again from its hub; the parent's targets: pulled again.
        let own = try #require(try git.entry(at: "unit.json", in: git.commit(main).tree))
        let ownMessage = DamagedObject.message(
            for: GitError(code: .generic, errorClass: 9, message: "corrupt loose object '\(own.oid.hex)'", function: "git_blob_lookup"),
            repositoryAt: f.work("buon-don"))
        #expect(ownMessage?.description.contains("refs/heads/main → unit.json") == true, "\(String(describing: ownMessage))")
        #expect(ownMessage?.description.contains("git fetch origin") == true)
        // Not an object error: the error's own message stands.
        #expect(DamagedObject.message(for: GitError(code: .locked, message: "failed to lock", function: "git_reference_create"), repositoryAt: f.work("buon-don")) == nil)
    }
}
