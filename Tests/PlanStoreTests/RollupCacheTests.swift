import Foundation
import Git
import PlanModel
@testable import PlanStore
import Testing
import TestSupport

/// The rollup cache kept between commands (``RollupCache``): a rollup read through it is
/// byte for byte the one read from every report, it reads only the folders that changed,
/// and a damaged, misplaced or forged entry is ignored and computed again.
@Suite struct RollupCacheTests {
    /// Every period's rollup of `tree` as the bytes `collect` writes.
    static func bytes(_ rollups: [Period: Rollup]) throws -> [String: [UInt8]] {
        Dictionary(uniqueKeysWithValues: try rollups.map { ($0.key.description, try CanonicalJSON.encode($0.value)) })
    }

    static func uncached(_ tree: Oid, prefix: String = "", indicators: [Int: [String: Indicator]]? = nil, in repository: UnitRepository) throws -> [String: [UInt8]] {
        let cache = DocumentCache()
        cache.usesRollupCache = false
        if let indicators {
            return try bytes(RollupWriter.subtreeRollups(at: prefix, of: tree, indicators: indicators, in: repository, cache: cache))
        }
        return try bytes(RollupWriter.rollups(of: tree, in: repository, cache: cache))
    }

    static func cacheFolder(_ repository: UnitRepository) -> String {
        (repository.git.gitDirectory as NSString).appendingPathComponent("plancascade/cache/rollups")
    }

    /// Cached (cold: no entry; warm: every entry from the previous read) == uncached, for the
    /// whole tree and for every collected unit's subtree, at every commit of `main`.
    static func expectSameEverywhere(_ repository: UnitRepository, _ comment: Comment) throws {
        let git = repository.git
        for commit in try git.history(from: [try #require(try repository.head())], firstParentOnly: true) {
            let tree = try git.commit(commit).tree
            let expected = try uncached(tree, in: repository)
            try? FileManager.default.removeItem(atPath: cacheFolder(repository))
            #expect(try bytes(RollupWriter.rollups(of: tree, in: repository)) == expected, "\(comment) cold at \(commit.short)")
            #expect(try bytes(RollupWriter.rollups(of: tree, in: repository)) == expected, "\(comment) warm at \(commit.short)")
            let own = try PlanSnapshot.load(from: repository, tree: tree, kinds: PlanSnapshot.rollupOwnKinds)
            let indicators = own.years.mapValues(\.indicators).filter { !$0.value.isEmpty }
            for position in try RollupWriter.positions(at: "", of: tree, in: repository, cache: DocumentCache()).dropFirst() {
                let subtree = try uncached(tree, prefix: position.prefix, indicators: indicators, in: repository)
                let cached = try bytes(RollupWriter.subtreeRollups(at: position.prefix, of: tree, indicators: indicators, in: repository))
                #expect(cached == subtree, "\(comment) \(position.prefix) at \(commit.short)")
            }
        }
    }

    /// The reorganisation demo's steps: a unit re-parented by hand (found in two places, no
    /// decision), then the decided move and a third quarter under the new structure.
    @Test func cachedRollupsAreByteIdenticalThroughAReorganisation() throws {
        let f = try ReorgTests.hierarchy()
        try ReorgTests.firstHalf(f)
        try Self.expectSameEverywhere(f.open("daklak"), "first half")
        try ReorgTests.reparentByHand(f)
        try Self.expectSameEverywhere(f.open("daklak"), "re-parented by hand")
        // The decided move, followed down and a third quarter collected under it.
        let g = try ReorgTests.hierarchy()
        try ReorgTests.firstHalf(g)
        try ReorgTests.decide(g, .move(unit: "ea-wer", to: "daklak"))
        try g.publish("daklak")
        try g.pull("buon-don")
        try g.publish("buon-don")
        try g.pull("ea-wer")
        try ReorgTests.thirdQuarter(g, reports: [("ea-wer", "80/100"), ("ea-nuol", "30/100"), ("lien-son", "30/100")])
        let q3 = try #require(try ReorgTests.figure(g, "daklak", "2025-Q3"))
        #expect(q3.numerator == Exact(140) && q3.units == 3)
        try Self.expectSameEverywhere(g.open("daklak"), "decided move")
        try Self.expectSameEverywhere(g.open("buon-don"), "district")
    }

    /// A district with one collected commune; `tree(n)` is its tree with `n` copies of that
    /// commune's folder (c1…cn), so a wide district costs no setup.
    struct Wide {
        let f: HierarchyFixture
        let repository: UnitRepository
        let commune: Oid
        let base: Oid

        init() throws {
            f = try HierarchyFixture()
            try f.unit("d", level: "district")
            try f.commit("d", f.percentTarget("DVC-ONLINE", "50", rule: "uplift:5"))
            try f.addChild("d", "c1", level: "commune")
            try f.publish("d")
            try f.unit("c1", level: "commune", parent: "d")
            try f.pull("c1")
            try f.report("c1", "2024-Q2", ["DVC-ONLINE=40/100"])
            try f.push("c1")
            try f.collect("d")
            repository = try f.open("d")
            base = try repository.git.commit(try #require(try repository.head())).tree
            commune = try #require(try repository.git.entry(at: "children/c1", in: base)).oid
        }

        /// The district with communes c1…cn, commune ci's 2024-Q2 figure i/100 (a folder of
        /// its own), or the folder in `changed`.
        func tree(_ n: Int, changed: [String: Oid] = [:]) throws -> Oid {
            var changes: [String: TreeChange] = [:]
            for i in 1...n { changes["children/c\(i)"] = .tree(try changed["c\(i)"] ?? reported("2024-Q2", "\(i)/100")) }
            return try repository.git.updateTree(base, changes)
        }

        /// The commune's folder with a report (`period`, `figure`) added or replaced.
        func reported(_ period: String, _ figure: String, in folder: Oid? = nil) throws -> Oid {
            let git = repository.git
            let commune = folder ?? commune
            let existing = try #require(try git.entry(at: "progress/2024/2024-Q2.json", in: commune))
            var report = try CanonicalJSON.decode(ProgressReport.self, from: try git.blob(existing.oid), file: "report")
            report.period = Period(period)!
            let parts = figure.split(separator: "/")
            report.figures["DVC-ONLINE"] = Figure(numerator: Exact(String(parts[0]))!, denominator: Exact(String(parts[1]))!)
            let blob = try git.writeBlob(try CanonicalJSON.encode(report))
            return try git.updateTree(commune, ["progress/2024/\(period).json": .blob(blob)])
        }
    }

    /// What a rollup after one changed commune reads, at 5 and at 20 communes: the same.
    @Test func oneChangedChildCostsTheSameWhateverTheNumberOfChildren() throws {
        let wide = try Wide()
        let changed = try wide.reported("2024-Q3", "45/100", in: try wide.reported("2024-Q2", "1/100"))
        var work: [Int: (decodes: Int, computed: Int)] = [:]
        for n in [5, 20] {
            try? FileManager.default.removeItem(atPath: Self.cacheFolder(wide.repository))
            let before = try wide.tree(n), after = try wide.tree(n, changed: ["c1": changed])
            let warm = DocumentCache()
            _ = try RollupWriter.rollups(of: before, in: wide.repository, cache: warm)
            #expect(warm.summariesComputed == n)  // each commune's folder, once
            let cache = DocumentCache()
            let rollups = try RollupWriter.rollups(of: after, in: wide.repository, cache: cache)
            work[n] = (cache.decodes, cache.summariesComputed)
            #expect(try Self.bytes(rollups) == Self.uncached(after, in: wide.repository))
            let q3 = try #require(rollups[Period("2024-Q3")!]?.figures["DVC-ONLINE"])
            #expect(q3.numerator == Exact(45) && q3.units == 1)
            #expect(rollups[Period("2024-Q2")!]?.figures["DVC-ONLINE"]?.numerator == Exact(n * (n + 1) / 2))
        }
        #expect(work[5]?.computed == 1)
        #expect(work[5]?.decodes == work[20]?.decodes, "\(work)")
        #expect(work[5]?.computed == work[20]?.computed)
        // Without the cache, the same rollup decodes every commune's reports.
        let uncached = DocumentCache()
        uncached.usesRollupCache = false
        _ = try RollupWriter.rollups(of: try wide.tree(20, changed: ["c1": changed]), in: wide.repository, cache: uncached)
        #expect(uncached.decodes > work[20]!.decodes)
    }

    /// Entries with a broken checksum, with another key's (valid) content, or with forged
    /// figures and a recomputed checksum but another tree: each is ignored and recomputed.
    @Test func aDamagedOrForgedEntryIsIgnoredAndRecomputed() throws {
        let wide = try Wide()
        let tree = try wide.tree(6)
        let expected = try Self.uncached(tree, in: wide.repository)
        try? FileManager.default.removeItem(atPath: Self.cacheFolder(wide.repository))
        _ = try RollupWriter.rollups(of: tree, in: wide.repository)
        let store = try #require(RollupCache(git: wide.repository.git))
        let digest = try RollupCache.digest(of: [2024: PlanSnapshot.load(from: wide.repository, tree: tree, kinds: [.indicator]).years[2024]!.indicators])
        var paths: [String: String] = [:]
        for i in 1...6 {
            let folder = try #require(try wide.repository.git.entry(at: "children/c\(i)", in: tree)).oid
            paths["c\(i)"] = store.path(of: RollupCache.Key(id: "c\(i)", tree: folder, indicators: digest))
        }
        func path(_ id: String) -> String { paths[id]! }
        for id in ["c1", "c2", "c3", "c4", "c5", "c6"] { #expect(FileManager.default.fileExists(atPath: path(id)), "\(id)") }
        // c1: a figure changed, the checksum left (a torn or flipped file).
        let text = try String(contentsOfFile: path("c1"), encoding: .utf8)
        try text.replacingOccurrences(of: " 1 100 ", with: " 4000 100 ").write(toFile: path("c1"), atomically: true, encoding: .utf8)
        // c2: c3's entry copied over it (a valid file of another key).
        try? FileManager.default.removeItem(atPath: path("c2"))
        try FileManager.default.copyItem(atPath: path("c3"), toPath: path("c2"))
        // c4: forged figures with a checksum that matches them.
        let forged = try String(contentsOfFile: path("c4"), encoding: .utf8).split(separator: "\n", maxSplits: 1)[1]
            .replacingOccurrences(of: " 4 100 ", with: " 99 100 ")
        let checksum = Oid.ofBlob(Array(forged.utf8)).hex
        #expect(SubtreeSummary(text: forged) != nil)
        try ("plancascade-rollup-cache 1 \(checksum)\n" + forged).write(toFile: path("c4"), atomically: true, encoding: .utf8)
        // c5: cut in the middle; c6: not there.
        try String(text.prefix(60)).write(toFile: path("c5"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: path("c6"))
        let cache = DocumentCache()
        let rollups = try RollupWriter.rollups(of: tree, in: wide.repository, cache: cache)
        // The forged c4 is the one entry a cache cannot tell from its own: only someone who
        // can write in `.git` can forge it (as they could forge its objects); a child cannot.
        let q2 = try #require(rollups[Period("2024-Q2")!]?.figures["DVC-ONLINE"])
        #expect(q2.numerator == Exact(1 + 2 + 3 + 99 + 5 + 6))
        #expect(cache.summariesComputed == 4, "c1, c2, c5 and c6 computed again")
        try FileManager.default.removeItem(atPath: path("c4"))
        #expect(try Self.bytes(RollupWriter.rollups(of: tree, in: wide.repository)) == expected)
        // After the recomputation, the damaged entries are whole again.
        #expect(try String(contentsOfFile: path("c1"), encoding: .utf8) == text)
    }

    /// A hostile child's tree: its own rollup claim, an invented grandchild found elsewhere
    /// too (a unit in two places), a report for a year without indicators — cached and
    /// uncached agree, cold and warm, and the claim is never counted.
    @Test func aHostileChildsTreeGivesTheSameRollupCachedOrNot() throws {
        let wide = try Wide()
        let git = wide.repository.git
        let claim = Rollup(unit: "c2", period: Period("2024-Q2")!, figures: [
            "DVC-ONLINE": RollupFigure(numerator: Exact(1_000_000), denominator: Exact(1_000_000), units: 500, contributors: ["c2"])])
        let claimed = try git.updateTree(wide.commune, [
            "rollup/2024/2024-Q2.json": .blob(try git.writeBlob(try CanonicalJSON.encode(claim))),
            "children/c3": .tree(wide.commune),
        ])
        let tree = try wide.tree(4, changed: ["c2": claimed])
        let expected = try Self.uncached(tree, in: wide.repository)
        for _ in 0..<2 {
            let rollups = try RollupWriter.rollups(of: tree, in: wide.repository)
            #expect(try Self.bytes(rollups) == expected)
            let q2 = try #require(rollups[Period("2024-Q2")!]?.figures["DVC-ONLINE"])
            #expect(q2.denominator == Exact(400), "four units once each, never the claim: \(q2)")
        }
        try Self.expectSameEverywhere(wide.repository, "wide district")
    }

    /// `verify` recomputes every rollup version through the cache (each version reads only
    /// the folders that changed since the one before): the same findings as without it, and
    /// one line of progress per unit whose history it checks.
    @Test func verifyFindsTheSameWithTheCacheAndTellsItsProgress() throws {
        let f = try ReorgTests.hierarchy()
        try ReorgTests.firstHalf(f)
        try ReorgTests.reparentByHand(f)
        let repository = try f.open("daklak")
        var steps: [Message] = []
        var query = VerifyQuery()
        query.progress = { steps.append($0) }
        try? FileManager.default.removeItem(atPath: Self.cacheFolder(repository))
        let cached = try query.run(in: repository)
        let plain = DocumentCache()
        plain.usesRollupCache = false
        let uncached = try VerifyQuery().run(in: repository, cache: plain)
        #expect(cached.findings.map(\.message.description) == uncached.findings.map(\.message.description))
        #expect(cached.rollups == uncached.rollups && cached.rollups > 0)
        #expect(cached.findings.contains { $0.kind == "reorg-undecided" })
        #expect(steps.map(\.code) == Array(repeating: "verify.progress.units", count: steps.count))
        let head = try #require(try repository.head())
        let units = try CollectedUnit.all(in: try repository.git.commit(head).tree, head: head, reader: DocumentReader(repository.git)).count
        #expect(units >= 6 && steps.count == units, "\(steps.map(\.description))")
        #expect(steps.last?.description.contains("unit \(units) of \(units)") == true, "\(steps.last?.description ?? "")")
    }

    @Test func theTextFormRoundTrips() throws {
        let summary = SubtreeSummary(
            id: "c1", tree: String(repeating: "a", count: 40), indicators: String(repeating: "b", count: 40), ids: ["c1", "x-2"],
            periods: [Period("2024-Q2")!, Period("2024-06")!],
            rollups: [Rollup(unit: "c1", period: Period("2024-Q2")!, figures: [
                "A": RollupFigure(numerator: Exact("1.25")!, denominator: Exact(3), value: Exact("41.66666666666666666667")!, units: 2, contributors: ["c1", "x-2"]),
                "B": RollupFigure(value: Exact("-7.5")!, units: 1, contributors: ["x-2"]),
            ])])
        let text = try #require(summary.text)
        #expect(SubtreeSummary(text: text) == summary)
        #expect(SubtreeSummary(text: text.replacingOccurrences(of: "figure B 1", with: "figure B x")) == nil)
        var spaced = summary
        spaced.ids = ["c 1"]
        #expect(spaced.text == nil)
    }
}
