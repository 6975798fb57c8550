import Foundation
import Git
import PlanModel
import PlanStore
import Testing
import TestSupport

/// A child pushes a tree that could escape the repository once checked out: the hub's
/// pre-receive check refuses it and `collect` does not merge it.
@Suite struct TreeSafetyTests {
    enum Hostile: String, CaseIterable {
        case symlink, submodule, dotGitFolder, dotGitUpperCase, caseCollision, nestedSymlink
    }

    /// ea-nuol's main plus the hostile entry, committed on a side branch with the git CLI
    /// (`git mktree` writes what no plancascade command would).
    func hostileCommit(_ hostile: Hostile, in commune: String) throws -> String {
        func git(_ arguments: [String], input: String? = nil) throws -> String {
            let result = try Command.run("git", arguments, in: commune, environment: IsolatedGit.environment(), input: input)
            #expect(result.succeeded, "\(arguments): \(result.stderr)")
            return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let head = try git(["rev-parse", "main"])
        let blob = try git(["hash-object", "-w", "--stdin"], input: "../../../../etc/passwd")
        var listing = try git(["ls-tree", "main"])
        switch hostile {
        case .symlink: listing += "\n120000 blob \(blob)\tplans-link"
        case .submodule: listing += "\n160000 commit \(head)\tvendor"
        case .dotGitFolder:
            let hooks = try git(["mktree"], input: "100755 blob \(blob)\tpost-checkout\n")
            listing += "\n040000 tree \(try git(["mktree"], input: "040000 tree \(hooks)\thooks\n"))\t.git"
        case .dotGitUpperCase: listing += "\n100644 blob \(blob)\t.GIT"
        case .caseCollision: listing += "\n100644 blob \(blob)\tUnit.json"
        case .nestedSymlink:
            let progress = try git(["rev-parse", "main:progress"])
            var inner = try git(["ls-tree", progress])
            inner += "\n120000 blob \(blob)\t2025"
            let newProgress = try git(["mktree"], input: inner + "\n")
            listing = listing.split(separator: "\n").map { $0.hasSuffix("\tprogress") ? "040000 tree \(newProgress)\tprogress" : String($0) }.joined(separator: "\n")
        }
        let tree = try git(["mktree"], input: listing + "\n")
        return try git(["commit-tree", tree, "-p", head, "-m", "hostile \(hostile.rawValue)"])
    }

    @Test(arguments: Hostile.allCases)
    func hostileTreesAreRefusedAtTheHubAndByCollect(_ hostile: Hostile) throws {
        let f = try CheckTests().hierarchy()
        let commit = try hostileCommit(hostile, in: f.work("ea-nuol"))
        let district = try f.open("buon-don")
        let before = try district.head()

        // The hub's pre-receive check (what `git push` to a hub with hooks meets).
        let hub = UnitRepository(try Repository.open(at: f.hub("buon-don")))
        try hub.git.borrowObjects(from: try f.open("ea-nuol").git)
        let old = try #require(try hub.git.referenceTarget("refs/children/ea-nuol/main"))
        let update = try #require(PreReceiveCheck.Update(line: "\(old.hex) \(commit) refs/children/ea-nuol/main"))
        let problems = try PreReceiveCheck().run([update], in: hub, environment: [:])
        let expected: String
        switch hostile {
        case .symlink, .nestedSymlink: expected = "a symbolic link"
        case .submodule: expected = "a submodule"
        case .dotGitFolder, .dotGitUpperCase: expected = "named .git"
        case .caseCollision: expected = "only in letter case"
        }
        #expect(problems.contains { $0.description.contains(expected) }, "\(problems)")

        // Forced into the hub without hooks (libgit2, no hook installed): collect refuses it.
        let commune = try f.open("ea-nuol")
        try commune.git.updateReference("refs/heads/hostile", to: try #require(Oid(hex: commit)), expected: nil, message: "test")
        #expect(try commune.git.push(to: .url(f.hub("buon-don")), refspecs: ["refs/heads/hostile:refs/children/ea-nuol/main"]).allAccepted)
        let outcome = try f.collect("buon-don")
        #expect(outcome.collected.isEmpty)
        #expect(outcome.refused.first { $0.child == "ea-nuol" }?.reason.description.contains(expected) == true, "\(outcome.refused)")
        #expect(try f.open("buon-don").head() == before)
        #expect(!FileManager.default.fileExists(atPath: f.work("buon-don") + "/children/ea-nuol/plans-link"))
    }

    @Test func identifiersCannotNameAPathOutsideTheRepository() {
        for id in ["..", "../x", "/etc", "a/b", ".git", "a\\b", ""] {
            #expect(Identifier.problem(id) != nil, "\(id)")
        }
    }
}
