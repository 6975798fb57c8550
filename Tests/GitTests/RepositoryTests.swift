import Foundation
import Git
import Testing
import TestSupport

@Suite struct RepositoryTests {
    init() { IsolatedGit.setUp() }

    @Test func createsBareAndNonBareRepositoriesThatOpenAgain() throws {
        let dir = try TemporaryDirectory()
        let work = try Repository.create(at: dir.appending("work"), bare: false)
        let hub = try Repository.create(at: dir.appending("hub.git"), bare: true)
        #expect(!work.isBare)
        #expect(hub.isBare)
        #expect(work.workDirectory?.hasSuffix("work/") == true)
        #expect(hub.workDirectory == nil)
        #expect(work.headReferenceName == "refs/heads/main")
        #expect(try Repository.open(at: dir.appending("hub.git")).isBare)
        #expect(throws: GitError.self) { try Repository.create(at: dir.appending("work"), bare: false) }
    }

    @Test func openingAMissingRepositoryIsNotFound() throws {
        let dir = try TemporaryDirectory()
        let error = #expect(throws: GitError.self) { try Repository.open(at: dir.appending("nothing")) }
        #expect(error?.code == .notFound)
        #expect(error?.function == "git_repository_open_ext")
        #expect(error?.message.description.isEmpty == false)
    }

    @Test func blobsRoundTripExactly() throws {
        let dir = try TemporaryDirectory()
        let repo = try Repository.create(at: dir.path, bare: true)
        let bytes = Array("{\n  \"name\": \"Sở Nội vụ\"\n}\n".utf8) + [0, 255]
        let oid = try repo.writeBlob(bytes)
        #expect(try repo.blob(oid) == bytes)
        // Same id as git computes.
        let cli = try Command.git(["hash-object", "--stdin"], in: dir.path)
        _ = cli
        #expect(try repo.writeBlob(Array("hello\n".utf8)).hex == "ce013625030ba8dba906f756967f9e9ca394464a")
        #expect(try repo.blob(try repo.writeBlob([])) == [])
    }

    @Test func treeUpdatesNestPruneAndAreDeterministic() throws {
        let dir = try TemporaryDirectory()
        let repo = try Repository.create(at: dir.path, bare: true)
        let a = try repo.writeBlob(Array("a".utf8))
        let b = try repo.writeBlob(Array("b".utf8))
        let first = try repo.updateTree(nil, ["plans/2024/targets/X.json": .blob(a), "unit.json": .blob(b)])
        #expect(try repo.files(in: first) == ["plans/2024/targets/X.json": a, "unit.json": b])
        #expect(try repo.entry(at: "plans/2024", in: first)?.kind == .tree)
        #expect(try repo.entry(at: "plans/2025", in: first) == nil)

        // Removing the last file of a folder removes the folder: same content, same tree id.
        let added = try repo.updateTree(first, ["plans/2024/tasks/T1.json": .blob(a)])
        let removed = try repo.updateTree(added, ["plans/2024/tasks/T1.json": .remove])
        #expect(removed == first)
        #expect(try repo.updateTree(nil, ["unit.json": .blob(b), "plans/2024/targets/X.json": .blob(a)]) == first)

        // Grafting a whole tree under a folder keeps its id.
        let grafted = try repo.updateTree(first, ["children/bmt": .tree(first)])
        #expect(try repo.entry(at: "children/bmt", in: grafted)?.oid == first)
        #expect(try repo.files(in: grafted)["children/bmt/unit.json"] == b)

        #expect(throws: GitError.self) { try repo.updateTree(first, ["../escape": .blob(a)]) }
        #expect(throws: GitError.self) { try repo.updateTree(first, [".git/config": .blob(a)]) }
        #expect(throws: GitError.self) { try repo.updateTree(first, ["a//b": .blob(a)]) }
    }

    @Test func commitsKeepExplicitSignaturesMessagesAndTrailers() throws {
        let dir = try TemporaryDirectory()
        let repo = try Repository.create(at: dir.path, bare: false)
        let message = "Pull targets from daklak\n\nDerived 3 targets.\n\nParent-Unit: daklak\nParent-Commit: abc\n"
        let root = try commitFiles(repo, ["unit.json": "{}\n"], parent: nil, message: message)
        let commit = try repo.commit(root)
        #expect(commit.parents.isEmpty)
        #expect(commit.author == IsolatedGit.author)
        #expect(commit.summary == "Pull targets from daklak")
        #expect(commit.trailers("Parent-Unit") == ["daklak"])
        #expect(commit.trailers("Parent-Commit") == ["abc"])
        #expect(try repo.referenceTarget("refs/heads/main") == root)
        #expect(try repo.referenceTarget("HEAD") == root)

        let log = try Command.git(["log", "--format=%an <%ae>|%s|%ad", "--date=iso"], in: dir.path)
        #expect(log.stdout.hasPrefix("Sở Nội vụ Test <snv@example.test>|Pull targets from daklak|"))
        #expect(log.stdout.contains("+0700"))
        let fsck = try Command.git(["fsck", "--strict"], in: dir.path)
        #expect(fsck.succeeded, "\(fsck.stderr)")
    }

    @Test func referenceUpdatesAreCompareAndSwap() throws {
        let dir = try TemporaryDirectory()
        let repo = try Repository.create(at: dir.path, bare: true)
        let first = try commitFiles(repo, ["a": "1"], parent: nil)
        let second = try commitFiles(repo, ["a": "2"], parent: first)
        let sideways = try commitFiles(repo, ["a": "3"], parent: first, moving: nil)

        // main is at `second`; a writer that still believes it is at `first` must fail.
        let stale = #expect(throws: GitError.self) {
            try repo.updateReference("refs/heads/main", to: sideways, expected: first, message: "stale")
        }
        #expect(stale?.code == .modified)
        #expect(try repo.referenceTarget("refs/heads/main") == second)

        let exists = #expect(throws: GitError.self) {
            try repo.updateReference("refs/heads/main", to: sideways, expected: nil, message: "create")
        }
        #expect(exists?.code == .exists)

        try repo.updateReference("refs/children/bmt/main", to: first, expected: nil, message: "child")
        try repo.updateReference("refs/children/eakar/main", to: second, expected: nil, message: "child")
        let children = try repo.references(matching: "refs/children/*/main")
        #expect(children.map(\.name) == ["refs/children/bmt/main", "refs/children/eakar/main"])
        try repo.deleteReference("refs/children/bmt/main")
        try repo.deleteReference("refs/children/bmt/main")
        #expect(try repo.referenceTarget("refs/children/bmt/main") == nil)
    }

    @Test func historyWalksAncestryAndMergeBases() throws {
        let dir = try TemporaryDirectory()
        let repo = try Repository.create(at: dir.path, bare: true)
        let root = try commitFiles(repo, ["a": "1"], parent: nil)
        let left = try commitFiles(repo, ["a": "2"], parent: root)
        let right = try commitFiles(repo, ["b": "1"], parent: root, moving: nil)
        #expect(try repo.history(from: [left]) == [left, root])
        #expect(try repo.history(from: [left], hiding: [root]) == [left])
        #expect(try repo.history(from: [left], limit: 1) == [left])
        #expect(try repo.isDescendant(left, of: root))
        #expect(try !repo.isDescendant(root, of: left))
        #expect(try !repo.isDescendant(left, of: left))
        #expect(try repo.mergeBase(left, right) == root)
        let unrelated = try commitFiles(repo, ["z": "1"], parent: nil, moving: nil)
        #expect(try repo.mergeBase(left, unrelated) == nil)
        #expect(repo.contains(left))
        #expect(!repo.contains(Oid(hex: String(repeating: "ab", count: 20))!))
    }

    @Test func configurationIsReadAndWrittenPerRepository() throws {
        let dir = try TemporaryDirectory()
        let repo = try Repository.create(at: dir.path, bare: false)
        #expect(try repo.configString("user.name") == nil)
        try repo.setConfig("user.name", "Văn thư huyện")
        #expect(try repo.configString("user.name") == "Văn thư huyện")
        let cli = try Command.git(["config", "user.name"], in: dir.path)
        #expect(cli.stdout == "Văn thư huyện\n")
    }

    @Test func workTreeStatusAndCheckoutFollowTheBranch() throws {
        let dir = try TemporaryDirectory()
        let repo = try Repository.create(at: dir.path, bare: false)
        let root = try commitFiles(repo, ["unit.json": "{}\n"], parent: nil)
        #expect(try repo.changedPaths() == ["unit.json"])  // work tree does not have it yet
        try repo.updateWorkTree(to: root, from: nil)
        #expect(try repo.changedPaths() == [])
        #expect(try String(contentsOfFile: dir.appending("unit.json"), encoding: .utf8) == "{}\n")
        let second = try commitFiles(repo, ["unit.json": "{\"a\": 1}\n", "plans/2024/plan.json": "{}\n"], parent: root)
        try repo.updateWorkTree(to: second, from: root)
        #expect(try repo.changedPaths() == [])
        #expect(try String(contentsOfFile: dir.appending("unit.json"), encoding: .utf8) == "{\"a\": 1}\n")
        #expect(FileManager.default.fileExists(atPath: dir.appending("plans/2024/plan.json")))

        let third = try commitFiles(repo, ["unit.json": "{\"a\": 2}\n"], parent: second)
        try "local edit\n".write(toFile: dir.appending("unit.json"), atomically: true, encoding: .utf8)
        let refused = #expect(throws: GitError.self) { try repo.updateWorkTree(to: third, from: second) }
        #expect(refused?.code == .conflict)
        #expect(try String(contentsOfFile: dir.appending("unit.json"), encoding: .utf8) == "local edit\n")
    }
}
