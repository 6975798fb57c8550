import Foundation
@testable import Git
import Testing
import TestSupport

/// Object stores stay compact: one pack per fetch (what libgit2 writes) rolls up
/// geometrically, nothing is lost (`git fsck`, every commit read back), concurrent fetches
/// survive it, and kept packs are never touched.
@Suite struct PackConsolidationTests {
    init() { IsolatedGit.setUp() }

    /// A source with a history of `count` commits; each fetch into `destination` brings one
    /// commit as one new pack. `consolidating` runs after every fetch.
    func fetchOneByOne(_ count: Int, into destination: Repository, from source: Repository, sourcePath: String,
                       consolidating: Bool) throws -> [Oid] {
        var tip: Oid? = try source.referenceTarget("refs/heads/main")
        var commits: [Oid] = []
        for n in 0..<count {
            tip = try commitFiles(source, ["reports/\(n).json": "{\"n\":\(n)}\n", "latest.json": "\(n)\n"], parent: tip)
            commits.append(tip!)
            try destination.fetchReference(fromRepositoryAt: sourcePath, reference: "refs/heads/main", into: "refs/heads/main")
            if consolidating { try destination.consolidatePacks() }
        }
        return commits
    }

    func fsckClean(_ path: String) throws {
        let fsck = try Command.git(["fsck", "--full", "--strict", "--no-dangling", "--no-progress"], in: path)
        #expect(fsck.succeeded && fsck.stderr.isEmpty, "\(fsck.stdout)\(fsck.stderr)")
    }

    @Test func onePackPerFetchRollsUpToALogarithmicNumberAndLosesNothing() throws {
        let dir = try TemporaryDirectory("packs")
        let source = try Repository.create(at: dir.appending("source.git"), bare: true)
        let kept = try Repository.create(at: dir.appending("kept.git"), bare: true)
        let compact = try Repository.create(at: dir.appending("compact.git"), bare: true)
        let n = 100
        _ = try fetchOneByOne(n, into: kept, from: source, sourcePath: dir.appending("source.git"), consolidating: false)
        #expect(kept.objectStoreShape().packCount == n, "without consolidation every fetch leaves its pack")

        let source2 = try Repository.create(at: dir.appending("source2.git"), bare: true)
        let commits = try fetchOneByOne(n, into: compact, from: source2, sourcePath: dir.appending("source2.git"), consolidating: true)
        let shape = compact.objectStoreShape()
        #expect(shape.packCount <= 8, "at most about log2(\(n)) packs, not \(shape.packCount): \(shape.packs.map(\.objectCount))")
        #expect(shape.packs.map(\.objectCount).reduce(0, +) >= 3 * n, "every commit, tree and blob is still packed")
        // The progression holds: each pack at least twice all smaller ones together, or it was just written.
        try fsckClean(dir.appending("compact.git"))
        for (index, commit) in commits.enumerated() {
            let tree = try compact.commit(commit).tree
            #expect(try compact.entry(at: "reports/\(index).json", in: tree) != nil)
        }
        // A fresh handle (another process) reads everything too.
        let reopened = try Repository.open(at: dir.appending("compact.git"))
        #expect(try reopened.referenceTarget("refs/heads/main") == commits.last)
        #expect(try text(reopened, "latest.json", at: commits.last!) == "\(n - 1)\n")
    }

    @Test func everythingGivesOnePackAndLooseObjectsGoIn() throws {
        let dir = try TemporaryDirectory("packs-all")
        let source = try Repository.create(at: dir.appending("source.git"), bare: true)
        let repo = try Repository.create(at: dir.appending("hub.git"), bare: true)
        _ = try fetchOneByOne(6, into: repo, from: source, sourcePath: dir.appending("source.git"), consolidating: false)
        var blobs: [Oid] = []
        for n in 0..<70 { blobs.append(try repo.writeBlob(Array("loose \(n)\n".utf8))) }
        #expect(repo.objectStoreShape().looseObjects == 70)
        #expect(repo.objectStoreShape().packCount == 6)

        let done = try repo.consolidatePacks(everything: true)
        #expect(done.rolledUpPacks == 6 && done.rolledUpLooseObjects == 70)
        #expect(done.after.packCount == 1 && done.after.looseObjects == 0, "\(done.after)")
        for (n, blob) in blobs.enumerated() { #expect(try repo.blob(blob) == Array("loose \(n)\n".utf8)) }
        try fsckClean(dir.appending("hub.git"))
        // Compact already: a second run does nothing.
        #expect(try repo.consolidatePacks(everything: true).didNothing)
    }

    @Test func aKeptPackIsNeverRolledUp() throws {
        let dir = try TemporaryDirectory("packs-keep")
        let source = try Repository.create(at: dir.appending("source.git"), bare: true)
        let repo = try Repository.create(at: dir.appending("hub.git"), bare: true)
        _ = try fetchOneByOne(5, into: repo, from: source, sourcePath: dir.appending("source.git"), consolidating: false)
        let keptPack = try #require(repo.objectStoreShape().packs.first)
        FileManager.default.createFile(atPath: dir.appending("hub.git/objects/pack/\(keptPack.name).keep"), contents: Data())
        let done = try repo.consolidatePacks(everything: true)
        #expect(done.rolledUpPacks == 4)
        #expect(done.after.packs.contains { $0.name == keptPack.name && $0.kept }, "\(done.after.packs)")
        #expect(done.after.packCount == 2)
        try fsckClean(dir.appending("hub.git"))
    }

    @Test func fetchesWhileAnotherHandleConsolidatesLoseNothing() throws {
        let dir = try TemporaryDirectory("packs-race")
        let sourcePath = dir.appending("source.git"), hubPath = dir.appending("hub.git")
        let source = try Repository.create(at: sourcePath, bare: true)
        let writer = try Repository.create(at: hubPath, bare: true)
        let stop = LockedFlag()
        let maintainer = Thread {
            guard let other = try? Repository.open(at: hubPath) else { return }
            while !stop.value { _ = try? other.consolidatePacks(everything: true); usleep(500) }
        }
        maintainer.start()
        let commits = try fetchOneByOne(60, into: writer, from: source, sourcePath: sourcePath, consolidating: false)
        stop.set()
        while !maintainer.isFinished { usleep(1000) }
        try fsckClean(hubPath)
        let reopened = try Repository.open(at: hubPath)
        for (index, commit) in commits.enumerated() {
            #expect(try reopened.entry(at: "reports/\(index).json", in: try reopened.commit(commit).tree) != nil)
        }
        #expect(reopened.objectStoreShape().packCount < 60, "the maintainer rolled packs up meanwhile")
    }

    @Test(arguments: [
        ([1, 1, 1, 1, 100], 4),    // the small ones roll up; 100 ≥ 2 × 4 stays
        ([1, 2, 4, 8], 0),         // already a progression
        ([10, 10], 2),
        ([3, 50, 51], 3),          // 51 < 2 × 50 breaks it; then 3 + 50 + 51 all go
        ([5], 0),
    ]) func geometricChoice(_ sizes: [Int], _ rolled: Int) {
        let packs = sizes.enumerated().map { PackFile(name: "pack-\($0.offset)", objectCount: $0.element, bytes: 0, kept: false) }
        #expect(Repository.geometricRollUp(packs).count == rolled)
    }
}

final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    var value: Bool { lock.lock(); defer { lock.unlock() }; return flag }
    func set() { lock.lock(); flag = true; lock.unlock() }
}
