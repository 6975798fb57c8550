import Foundation
import Git
import PlanModel
@testable import PlanStore
import Testing
import TestSupport

/// The first-parent trailer records kept between commands (``TrailerCache``): a record read
/// through it is the one the whole walk gives, at every commit; a walk reads only the commits
/// since the last record; a damaged, misplaced or stale entry changes nothing.
@Suite struct TrailerCacheTests {
    static func folder(_ repository: UnitRepository) -> String {
        (repository.git.gitDirectory as NSString).appendingPathComponent("plancascade/cache/trailers")
    }

    static func same(_ a: FirstParentTrailers, _ b: FirstParentTrailers) -> Bool {
        a.collected == b.collected && a.derivedFrom == b.derivedFrom
    }

    /// A district with three communes, a pull (a `Parent-Commit` trailer) and several rounds
    /// of reports collected one commune at a time: a first-parent line of a few dozen commits.
    static func district() throws -> HierarchyFixture {
        let f = try HierarchyFixture()
        try f.unit("p", level: "province")
        try f.commit("p", f.percentTarget("DVC-ONLINE", "50", rule: "uplift:5"))
        try f.addChild("p", "d", level: "district")
        try f.publish("p")
        try f.unit("d", level: "district", parent: "p")
        try f.pull("d")
        for c in ["c1", "c2", "c3"] { try f.addChild("d", c, level: "commune") }
        try f.publish("d")
        for c in ["c1", "c2", "c3"] {
            try f.unit(c, level: "commune", parent: "d")
            try f.pull(c)
        }
        for round in 1...4 {
            for (i, c) in ["c1", "c2", "c3"].enumerated() where round == 1 || i == round % 3 {
                try f.report(c, "2024-Q\(min(round, 4))", ["DVC-ONLINE=\(10 * round + i)/100"])
                try f.push(c)
                try f.collect("d")
            }
        }
        return f
    }

    /// Cold (no entry), warm (an entry at the head) and from an older entry: the record of
    /// every commit of `main` is the one the uncached walk gives.
    @Test func cachedRecordsAreTheWholeWalksAtEveryCommit() throws {
        let f = try Self.district()
        let repository = try f.open("d")
        let git = repository.git
        let line = try git.history(from: [try #require(try repository.head())], firstParentOnly: true)
        #expect(line.count > TrailerCache.worthKeeping)
        for commit in line {
            let whole = try FirstParentTrailers.uncached(from: commit, in: git)
            try? FileManager.default.removeItem(atPath: Self.folder(repository))
            let cold = try FirstParentTrailers(from: commit, in: git)
            let warm = try FirstParentTrailers(from: commit, in: git)
            #expect(Self.same(cold, whole), "cold at \(commit.short)")
            #expect(Self.same(warm, whole), "warm at \(commit.short)")
        }
        // An entry at the line's oldest long-enough commit, then every newer commit walked to it.
        try? FileManager.default.removeItem(atPath: Self.folder(repository))
        let old = line[line.count - TrailerCache.worthKeeping - 1]
        _ = try FirstParentTrailers(from: old, in: git)
        for commit in line.prefix(line.count - TrailerCache.worthKeeping - 1) {
            let record = try FirstParentTrailers(from: commit, in: git, keepingAfter: .max)
            #expect(Self.same(record, try FirstParentTrailers.uncached(from: commit, in: git)), "from the entry at \(commit.short)")
            #expect(!record.walkedWhole)
        }
        #expect(try FirstParentTrailers.uncached(from: line[0], in: git).derivedFrom != nil)
    }

    /// After one collect, the next collect's walk reads the commits made since, not the line.
    @Test func aCollectWalksOnlyWhatWasCommittedSinceTheLastOne() throws {
        let f = try Self.district()
        let repository = try f.open("d")
        let git = repository.git
        let head = try #require(try repository.head())
        let whole = try FirstParentTrailers.uncached(from: head, in: git)
        #expect(whole.walked > TrailerCache.worthKeeping)
        try f.report("c2", "2024-Q4", ["DVC-ONLINE=77/100"])
        try f.push("c2")
        let outcome = try f.collect("d")
        #expect(outcome.collected.map(\.child) == ["c2"])
        #expect(outcome.unchanged.sorted() == ["c1", "c3"])
        let next = try #require(try repository.head())
        let record = try FirstParentTrailers(from: next, in: git)
        // The collect left a record at its new head: nothing is walked again.
        #expect(record.walked == 0, "walked \(record.walked) of \(whole.walked + 1) commits")
        #expect(Self.same(record, try FirstParentTrailers.uncached(from: next, in: git)))
        #expect(record.collected["c2"] == outcome.collected.first?.head)
    }

    /// A torn or edited entry (checksum), another commit's entry under this one's name, and
    /// a forged entry with a right checksum claiming an unchanged child: none changes a result.
    @Test func aDamagedMisplacedOrForgedEntryChangesNothing() throws {
        let f = try Self.district()
        let repository = try f.open("d")
        let git = repository.git
        let head = try #require(try repository.head())
        let whole = try FirstParentTrailers.uncached(from: head, in: git)
        let path = Self.folder(repository) + "/" + head.hex
        _ = try FirstParentTrailers(from: head, in: git)
        var bytes = try #require(FileManager.default.contents(atPath: path))
        bytes[bytes.count - 3] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(TrailerCache(git: git)?.read(head) == nil)
        #expect(Self.same(try FirstParentTrailers(from: head, in: git, keepingAfter: .max), whole))
        // Another commit's valid entry under this commit's name.
        let parent = try #require(try git.commit(head).parents.first)
        try? FileManager.default.removeItem(atPath: Self.folder(repository))
        _ = try FirstParentTrailers(from: parent, in: git)
        try FileManager.default.moveItem(atPath: Self.folder(repository) + "/" + parent.hex, toPath: path)
        #expect(TrailerCache(git: git)?.read(head) == nil)
        // A forged entry, checksum and all, saying c1's latest push was already collected: the
        // collect checks it against `main`'s tree and walks the line again.
        try f.report("c1", "2024-Q4", ["DVC-ONLINE=66/100"])
        try f.push("c1")
        try? FileManager.default.removeItem(atPath: Self.folder(repository))
        let cache = try #require(TrailerCache(git: git))
        _ = try repository.git.fetchMoved(from: .named(Layout.originRemote), under: "refs/children/")
        let pushed = try #require(try git.referenceTarget(Layout.childReference("c1")))
        var forged = FirstParentTrailers.Record(commit: head, collected: whole.collected, derivedFound: true, derivedFrom: whole.derivedFrom)
        forged.collected["c1"] = pushed
        cache.write(forged)
        #expect(cache.read(head) == forged)
        let outcome = try f.collect("d")
        #expect(outcome.collected.map(\.child) == ["c1"])
        #expect(outcome.collected.first?.head == pushed)
        #expect(outcome.unchanged.sorted() == ["c2", "c3"])
    }

    @Test func theTextFormRoundTripsAndRefusesWhatItCannotHold() throws {
        let a = Oid.ofBlob(Array("a".utf8)), b = Oid.ofBlob(Array("b".utf8))
        for record in [
            FirstParentTrailers.Record(commit: a, collected: ["c1": b, "c2": a], derivedFound: true, derivedFrom: b),
            FirstParentTrailers.Record(commit: a, collected: [:], derivedFound: true, derivedFrom: nil),
            FirstParentTrailers.Record(commit: b, collected: ["x": a], derivedFound: false, derivedFrom: nil),
        ] {
            let text = try #require(record.text)
            #expect(FirstParentTrailers.Record(text: text) == record)
        }
        #expect(FirstParentTrailers.Record(commit: a, collected: ["c 1": b], derivedFound: false, derivedFrom: nil).text == nil)
        #expect(FirstParentTrailers.Record(commit: a, collected: ["c1\n": b], derivedFound: false, derivedFrom: nil).text == nil)
        #expect(FirstParentTrailers.Record(text: "commit \(a.hex)\nderived none\ncollected c1 \(b.hex)\ncollected c1 \(a.hex)\n") == nil)
        #expect(FirstParentTrailers.Record(text: "commit \(a.hex)\nderived none") == nil)
    }
}
