import Foundation
import Git
import Testing
import TestSupport

@Suite struct ObjectBatchTests {
    init() { IsolatedGit.setUp() }

    /// Loose object files under `objects/xx/`, and pack files under `objects/pack/`.
    func objectFiles(_ repo: Repository) throws -> (loose: Int, packs: [String]) {
        let objects = repo.gitDirectory + "objects"
        var loose = 0
        for folder in try FileManager.default.contentsOfDirectory(atPath: objects) where folder.count == 2 {
            loose += try FileManager.default.contentsOfDirectory(atPath: objects + "/" + folder).count
        }
        let packs = try FileManager.default.contentsOfDirectory(atPath: objects + "/pack").filter { $0.hasSuffix(".pack") }
        return (loose, packs)
    }

    @Test func aBatchStoresEveryObjectInOnePackThatOtherHandlesRead() throws {
        let dir = try TemporaryDirectory()
        let repo = try Repository.create(at: dir.path, bare: true)
        let files = Dictionary(uniqueKeysWithValues: (0..<50).map { ("plans/2024/targets/T\($0).json", "{\"value\": \($0)}\n") })
        let commit = try repo.writingOnePack {
            let oid = try commitFiles(repo, files, parent: nil, moving: nil)
            // Reads inside the batch see what it wrote.
            #expect(try text(repo, "plans/2024/targets/T7.json", at: oid) == "{\"value\": 7}\n")
            return oid
        }
        let stored = try objectFiles(repo)
        #expect(stored.loose == 0)
        #expect(stored.packs.count == 1)
        try repo.updateReference("refs/heads/main", to: commit, expected: nil, message: "test")
        // A new handle (another process) finds every object in the pack.
        let other = try Repository.open(at: dir.path)
        #expect(try other.files(in: try other.commit(commit).tree).count == 50)
        #expect(try text(other, "plans/2024/targets/T49.json", at: commit) == "{\"value\": 49}\n")
        // After the batch, writes are loose objects again, and reads of the pack still work.
        let next = try commitFiles(repo, ["unit.json": "{}\n"], parent: commit)
        #expect(try objectFiles(repo).loose > 0)
        #expect(try text(repo, "plans/2024/targets/T3.json", at: next) == "{\"value\": 3}\n")
    }

    @Test func aReferenceCannotMoveWhileObjectsAreOnlyInMemory() throws {
        let dir = try TemporaryDirectory()
        let repo = try Repository.create(at: dir.path, bare: true)
        let error = #expect(throws: GitError.self) {
            try repo.writingOnePack { _ = try commitFiles(repo, ["a.json": "{}\n"], parent: nil) }
        }
        #expect(error?.code == .invalid)
        #expect(try repo.referenceTarget("refs/heads/main") == nil)
        // Nothing of the failed batch was stored.
        #expect(try objectFiles(repo).loose == 0)
        #expect(try objectFiles(repo).packs.isEmpty)
    }

    @Test func aBatchThatWritesNothingLeavesNoPack() throws {
        let dir = try TemporaryDirectory()
        let repo = try Repository.create(at: dir.path, bare: true)
        let value = try repo.writingOnePack { 42 }
        #expect(value == 42)
        #expect(try objectFiles(repo).packs.isEmpty)
    }
}

/// A batch packs only the objects it wrote, not everything its commits reach (issue 20: a
/// collect at a district of 400 communes packed the whole subtree again every time).
@Suite struct ObjectBatchNewObjectsTests {
    init() { IsolatedGit.setUp() }

    /// The object count in a pack's header.
    func objectCount(_ path: String) throws -> Int {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)).prefix(12))
        return (8..<12).reduce(0) { $0 << 8 | Int(bytes[$1]) }
    }

    @Test func aBatchOnTopOfAStoredTreePacksOnlyWhatItWrote() throws {
        let dir = try TemporaryDirectory()
        let repo = try Repository.create(at: dir.path, bare: true)
        let files = Dictionary(uniqueKeysWithValues: (0..<200).map { ("children/c\($0)/progress/2024/2024-Q2.json", "{\"value\": \($0)}\n") })
        let first = try repo.writingOnePack { try commitFiles(repo, files, parent: nil, moving: nil) }
        try repo.updateReference("refs/heads/main", to: first, expected: nil, message: "test")
        let packs = repo.gitDirectory + "objects/pack/"
        let before = Set(try FileManager.default.contentsOfDirectory(atPath: packs).filter { $0.hasSuffix(".pack") })
        // One file changed: its blob, the trees on its path (4) and the commit.
        let second = try repo.writingOnePack {
            try commitFiles(repo, ["children/c7/progress/2024/2024-Q2.json": "{\"value\": 700}\n"], parent: first, moving: nil)
        }
        let added = Set(try FileManager.default.contentsOfDirectory(atPath: packs).filter { $0.hasSuffix(".pack") }).subtracting(before)
        #expect(added.count == 1)
        #expect(try objectCount(packs + added.first!) == 7, "commit, 5 trees, 1 blob")
        try repo.updateReference("refs/heads/main", to: second, expected: first, message: "test")
        let other = try Repository.open(at: dir.path)
        #expect(try other.files(in: try other.commit(second).tree).count == 200)
        #expect(try text(other, "children/c7/progress/2024/2024-Q2.json", at: second) == "{\"value\": 700}\n")
        #expect(try text(other, "children/c8/progress/2024/2024-Q2.json", at: second) == "{\"value\": 8}\n")
        #expect(try Command.git(["fsck", "--strict"], in: dir.path).succeeded)
    }
}
