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
