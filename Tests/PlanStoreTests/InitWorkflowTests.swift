import Foundation
import Git
import PlanModel
import PlanStore
import Testing
import TestSupport

@Suite struct InitWorkflowTests {
    init() { IsolatedGit.setUp() }

    let environment = ["GIT_AUTHOR_NAME": "Sở Nội vụ", "GIT_AUTHOR_EMAIL": "snv@example.test",
                       "GIT_COMMITTER_NAME": "Sở Nội vụ", "GIT_COMMITTER_EMAIL": "snv@example.test"]

    @Test func createsAUnitRepositoryWithACanonicalUnitFile() throws {
        let dir = try TemporaryDirectory()
        let path = dir.appending("buon-don")
        let outcome = try InitWorkflow(environment: environment).run(.init(
            path: path, unitID: "buon-don", name: "UBND huyện Buôn Đôn", level: "district", parentID: "daklak"))
        let repo = try UnitRepository.open(at: path)
        #expect(try repo.head() == outcome.commit)
        let unit = try repo.unit()
        #expect(unit.id == "buon-don")
        #expect(unit.name == "UBND huyện Buôn Đôn")
        #expect(unit.parent == "daklak")
        #expect(unit.level == "district")
        let bytes = try #require(try repo.file("unit.json"))
        #expect(try CanonicalJSON.encode(unit) == bytes)
        // The work tree holds the committed file and nothing is left uncommitted.
        #expect(FileManager.default.contents(atPath: path + "/unit.json").map(Array.init) == bytes)
        #expect(try repo.git.changedPaths() == [])

        let log = try Command.git(["log", "--format=%an|%s"], in: path)
        #expect(log.stdout == "Sở Nội vụ|Initialise unit buon-don (UBND huyện Buôn Đôn)\n")
        #expect(try Command.git(["fsck", "--strict"], in: path).succeeded)
        #expect(try repo.git.commit(outcome.commit).trailers("Parent-Unit") == ["daklak"])
    }

    @Test func configuresTheParentRemoteForTargetsOnly() throws {
        let dir = try TemporaryDirectory()
        let path = dir.appending("x")
        _ = try InitWorkflow(environment: environment).run(.init(
            path: path, unitID: "x", name: "X", level: "commune", parentURL: "git://127.0.0.1:9/d.git"))
        let remote = try Command.git(["config", "--get-all", "remote.parent.fetch"], in: path)
        #expect(remote.stdout == "+refs/heads/targets:refs/remotes/parent/targets\n")
        #expect(try Command.git(["config", "remote.parent.url"], in: path).stdout == "git://127.0.0.1:9/d.git\n")
    }

    @Test func createsTheHubPushesMainAndASecondClerkCanClone() throws {
        let dir = try TemporaryDirectory()
        let hub = dir.appending("hubs/daklak.git")
        let outcome = try InitWorkflow(environment: environment).run(.init(
            path: dir.appending("daklak"), unitID: "daklak", name: "UBND tỉnh Đắk Lắk", level: "province", hubURL: hub))
        #expect(outcome.createdHub == hub)
        #expect(outcome.pushedToHub)
        let hubRepo = try Repository.open(at: hub)
        #expect(hubRepo.isBare)
        #expect(try hubRepo.referenceTarget("refs/heads/main") == outcome.commit)
        #expect(try Command.git(["--git-dir", hub, "fsck", "--strict"]).succeeded)

        let clone = try Command.git(["clone", "-q", hub, dir.appending("clerk2")])
        #expect(clone.succeeded, "\(clone.stderr)")
        let unit = try UnitRepository.open(at: dir.appending("clerk2")).unit()
        #expect(unit.name == "UBND tỉnh Đắk Lắk")
        #expect(try Command.git(["rev-parse", "--abbrev-ref", "@{upstream}"], in: dir.appending("daklak")).stdout == "origin/main\n")
    }

    @Test func aHubWithHistoryIsNotOverwritten() throws {
        let dir = try TemporaryDirectory()
        let hub = dir.appending("hub.git")
        let first = try InitWorkflow(environment: environment).run(.init(
            path: dir.appending("a"), unitID: "daklak", name: "A", level: "province", hubURL: hub))
        let error = #expect(throws: PlanStoreError.self) {
            try InitWorkflow(environment: environment).run(.init(
                path: dir.appending("b"), unitID: "daklak", name: "B", level: "province", hubURL: hub))
        }
        #expect(error?.description.contains("git clone") == true)
        #expect(try Repository.open(at: hub).referenceTarget("refs/heads/main") == first.commit)
    }

    @Test(arguments: [
        ("bad/id", "--unit"), ("..", "--unit"), ("has space", "--unit"), ("", "--unit"),
    ]) func badArgumentsWriteNothing(_ id: String, _ option: String) throws {
        let dir = try TemporaryDirectory()
        let path = dir.appending("u")
        let error = #expect(throws: PlanStoreError.self) {
            try InitWorkflow(environment: environment).run(.init(path: path, unitID: id, name: "N", level: "commune"))
        }
        #expect(error?.description.hasPrefix(option) == true)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func refusesANonEmptyFolderAndAMissingIdentity() throws {
        let dir = try TemporaryDirectory()
        try "x".write(toFile: dir.appending("keep.txt"), atomically: true, encoding: .utf8)
        #expect(throws: PlanStoreError.alreadyExists(path: dir.path)) {
            try InitWorkflow(environment: environment).run(.init(path: dir.path, unitID: "u", name: "N", level: "commune"))
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appending(".git")))
        #expect(throws: PlanStoreError.noIdentity(missing: "name")) {
            try InitWorkflow(environment: [:]).run(.init(path: dir.appending("v"), unitID: "u", name: "N", level: "commune"))
        }
    }

    @Test func bareUnitRepositoriesWork() throws {
        let dir = try TemporaryDirectory()
        let outcome = try InitWorkflow(environment: environment).run(.init(
            path: dir.appending("u.git"), unitID: "u", name: "N", level: "commune", bare: true))
        let repo = try UnitRepository.open(at: dir.appending("u.git"))
        #expect(repo.git.isBare)
        #expect(try repo.head() == outcome.commit)
        var validate = ValidateWorkflow()
        #expect(try validate.run(paths: [dir.appending("u.git")]).isEmpty)
    }
}
