import Foundation
import Git
import PlanModel
@testable import PlanStore
import Testing
import TestSupport

/// Loading only some kinds of document, the per-command document cache, the one-walk
/// first-parent trailers and the commit validation that reads only what its rules involve,
/// each against the way it was done before (everything, every time).
@Suite struct SnapshotLoadingTests {
    /// ``CheckTests``'s hierarchy (2024-Q3 collected up to the province) with buon-don's
    /// approval of ea-nuol's report collected too, so every kind of document is in the tree.
    func hierarchy() throws -> HierarchyFixture {
        let checks = CheckTests()
        let f = try checks.hierarchy()
        try ApprovalWorkflow(environment: f.environment).run(.approve, child: "ea-nuol", period: Period("2024-Q3")!, in: f.open("buon-don"))
        try f.push("buon-don")
        try f.collect("daklak")
        return f
    }

    static let prefixes = ["", "children/buon-don/", "children/buon-don/children/ea-nuol/", "children/lak/"]
    static let subsets: [Set<DocumentKind>] = [
        [], PlanSnapshot.rollupOwnKinds, PlanSnapshot.rollupChildKinds, TargetDerivation.childKinds, TargetDerivation.parentKinds,
        [.indicator, .task], [.plan], [.approval], PlanSnapshot.allKinds,
    ]

    /// `snapshot` with the documents of kinds outside `kinds` taken out.
    static func restricted(_ snapshot: PlanSnapshot, to kinds: Set<DocumentKind>) -> PlanSnapshot {
        var result = snapshot
        for (year, var documents) in snapshot.years {
            if !kinds.contains(.plan) { documents.plan = nil }
            if !kinds.contains(.indicator) { documents.indicators = [:] }
            if !kinds.contains(.target) { documents.targets = [:] }
            if !kinds.contains(.task) { documents.tasks = [:] }
            if !kinds.contains(.baselines) { documents.baselines = [:] }
            result.years[year] = documents == PlanSnapshot.Year() ? nil : documents
        }
        if !kinds.contains(.progress) { result.progress = [] }
        if !kinds.contains(.rollup) { result.rollups = [:] }
        if !kinds.contains(.approval) { result.approvals = [:] }
        return result
    }

    @Test func aSnapshotOfSomeKindsIsTheFullOneRestricted() throws {
        let f = try hierarchy()
        let repository = try f.open("daklak")
        let tree = try repository.git.commit(try #require(try repository.head())).tree
        for prefix in Self.prefixes {
            let full = try PlanSnapshot.load(from: repository, tree: tree, prefix: prefix)
            #expect(!full.years.isEmpty && !(full.progress.isEmpty && full.rollups.isEmpty), "\(prefix) has plans and figures")
            for kinds in Self.subsets {
                let some = try PlanSnapshot.load(from: repository, tree: tree, prefix: prefix, kinds: kinds)
                #expect(some == Self.restricted(full, to: kinds), "\(prefix) \(kinds.map(\.rawValue).sorted())")
            }
        }
        let approvals = try PlanSnapshot.load(from: repository, tree: tree, prefix: "children/buon-don/", kinds: [.approval])
        #expect(approvals.approvals["ea-nuol"]?[Period("2024-Q3")!]?.state == .approved)
    }

    @Test func theCacheDecodesEachBlobOnceAndReturnsEqualDocuments() throws {
        let f = try hierarchy()
        let repository = try f.open("daklak")
        let tree = try repository.git.commit(try #require(try repository.head())).tree
        let cache = DocumentCache()
        var fresh: [String: PlanSnapshot] = [:]
        for prefix in Self.prefixes {
            fresh[prefix] = try PlanSnapshot.load(from: repository, tree: tree, prefix: prefix)
            #expect(try PlanSnapshot.load(from: repository, tree: tree, prefix: prefix, cache: cache) == fresh[prefix])
        }
        // Siblings share their indicator definitions and inherited tasks: fewer decodes than files.
        let files = try repository.git.files(in: tree).keys.filter { path in
            Self.prefixes.contains { prefix in
                path.hasPrefix(prefix) && DocumentPath(String(path.dropFirst(prefix.count)))?.unitPath == []
                    && DocumentPath(String(path.dropFirst(prefix.count)))?.kind != .conflict
            }
        }
        #expect(cache.decodes < files.count)
        let decodes = cache.decodes
        for prefix in Self.prefixes {
            #expect(try PlanSnapshot.load(from: repository, tree: tree, prefix: prefix, cache: cache) == fresh[prefix])
            for kinds in Self.subsets {
                #expect(try PlanSnapshot.load(from: repository, tree: tree, prefix: prefix, kinds: kinds, cache: cache)
                    == Self.restricted(try #require(fresh[prefix]), to: kinds))
            }
        }
        #expect(cache.decodes == decodes, "everything was read before")
        // The rollups computed through one cache are those computed afresh; they read every
        // unit's reports down the subtree (a child's stored rollup is not trusted), each once.
        #expect(try RollupWriter.rollups(of: tree, in: repository, cache: cache) == RollupWriter.rollups(of: tree, in: repository))
        let afterRollup = cache.decodes
        _ = try RollupWriter.rollups(of: tree, in: repository, cache: cache)
        #expect(cache.decodes == afterRollup)
    }

    @Test func prefetchingOnEveryCoreDecodesWhatTheUnitsThenRead() throws {
        let f = try hierarchy()
        let repository = try f.open("daklak")
        let tree = try repository.git.commit(try #require(try repository.head())).tree
        // An invalid file in a unit's tree: prefetching leaves it out, loading still reports it.
        let broken = try repository.git.updateTree(tree, ["children/lak/plans/2024/targets/DVC-ONLINE.json": .blob(try repository.git.writeBlob(Array("{".utf8)))])
        let cache = DocumentCache()
        try cache.prefetch(tree: broken, kinds: PlanSnapshot.allKinds, in: repository.git)
        let decodes = cache.decodes
        #expect(decodes > 0)
        for prefix in Self.prefixes where prefix != "children/lak/" {
            #expect(try PlanSnapshot.load(from: repository, tree: broken, prefix: prefix, cache: cache)
                == PlanSnapshot.load(from: repository, tree: broken, prefix: prefix))
        }
        #expect(cache.decodes == decodes, "every document was decoded by the prefetch")
        #expect(throws: PlanStoreError.self) { try PlanSnapshot.load(from: repository, tree: broken, prefix: "children/lak/", cache: cache) }
        // A second prefetch finds everything decoded.
        try cache.prefetch(tree: broken, kinds: PlanSnapshot.allKinds, in: repository.git)
        #expect(cache.decodes == decodes)
    }

    @Test func oneWalkFindsWhatTheWalkPerChildFinds() throws {
        let f = try hierarchy()
        for unit in ["daklak", "buon-don", "lak", "ea-nuol"] {
            let git = try f.open(unit).git
            let head = try #require(try f.open(unit).head())
            let record = try FirstParentTrailers(from: head, in: git)
            #expect(record.derivedFrom == (try FirstParentTrailers.lastDerivedParentCommit(in: git, from: head)), "\(unit)")
            for child in ["buon-don", "lak", "ea-nuol", "krong-na", "lien-son", "nobody"] {
                #expect(record.collected[child] == (try FirstParentTrailers.lastCollected(child, in: git, from: head)), "\(unit) \(child)")
            }
        }
        let top = try FirstParentTrailers(from: try #require(try f.open("daklak").head()), in: try f.open("daklak").git)
        #expect(top.collected.keys.sorted() == ["buon-don", "lak"])
        #expect(top.derivedFrom == nil)
    }

    /// What commit validation found before: every own `.json` file of `main` with the
    /// changes applied, validated whole, errors in the changed files.
    static func wholeTreeErrors(_ repository: UnitRepository, _ changes: [String: [UInt8]?]) throws -> [Finding] {
        let git = repository.git
        var files: [String: [UInt8]] = [:]
        let tree = try git.commit(try #require(try repository.head())).tree
        for (path, oid) in try git.files(in: tree) where !path.hasPrefix("children/") && path.hasSuffix(".json") {
            files[path] = try git.blob(oid)
        }
        for (path, bytes) in changes { files[path] = bytes }
        let changed = Set(changes.compactMap { $0.value == nil ? nil : $0.key })
        return TreeValidator.validate(files: files.map { (path: $0.key, bytes: $0.value) })
            .filter { $0.severity == .error && $0.file.map(changed.contains) == true }
    }

    @Test func commitValidationFindsWhatTheWholeTreeFinds() throws {
        let f = try hierarchy()
        let repository = try f.open("buon-don")
        var unknown = ProgressReport(unit: "buon-don", period: Period("2024-Q4")!, reportedBy: "Văn thư",
                                     reportedAt: Timestamp("2024-12-31T08:00:00+07:00")!)
        unknown.figures = ["PAPI": Figure(value: Exact("3")), "DVC-ONLINE": Figure(numerator: 120, denominator: 100)]
        var wrongUnit = unknown
        wrongUnit.unit = "lak"
        wrongUnit.figures = ["DVC-ONLINE": Figure(numerator: 1, denominator: 2)]
        let target = try #require(try f.target("buon-don", "DVC-ONLINE"))
        var above = target
        above.value = 120
        let encode = { (document: any Encodable) in try CanonicalJSON.encode(document) }
        let cases: [[String: [UInt8]?]] = [
            ["progress/2024/2024-Q4.json": try encode(unknown)],
            ["progress/2024/2024-Q4.json": try encode(wrongUnit)],
            ["plans/2024/targets/DVC-ONLINE.json": try encode(above)],
            // A cross-file error caused by the change: the target's indicator removed with it.
            ["plans/2024/targets/DVC-ONLINE.json": try encode(target), "plans/2024/indicators/DVC-ONLINE.json": nil],
            ["plans/2024/targets/dvc-online.json": try encode(target)],
            ["progress/2024/2024-Q3.json": try encode(wrongUnit)],
            ["progress/2024/2024-Q4.json": try encode(ProgressReport(
                unit: "buon-don", period: Period("2024-Q4")!, figures: ["DVC-ONLINE": Figure(numerator: 1, denominator: 2)],
                reportedBy: "Văn thư", reportedAt: Timestamp("2024-12-31T08:00:00+07:00")!))],
        ]
        var planted = 0
        for changes in cases {
            let expected = try Self.wholeTreeErrors(repository, changes)
            #expect(try repository.errors(after: changes) == expected, "\(changes.keys.sorted())")
            if !expected.isEmpty { planted += 1 }
        }
        #expect(planted == cases.count - 1)
        let report = try repository.errors(after: cases[0])
        #expect(report.map(\.kind).sorted() == ["range", "unknown-indicator"])
        #expect(report.contains { $0.message.description.contains("known indicators: DVC-ONLINE") })
        let removed = try repository.errors(after: cases[3])
        #expect(removed.map(\.kind) == ["unknown-indicator"])
    }
}
