import Cascade
import Git
import PlanModel

/// The units of a collected subtree expected to report an indicator (``Completeness`` in
/// Cascade says who they are): what `status`, `trace`, `export` and `check` compare a
/// rollup's contributors with. Worked out once per unit and indicator in a command.
final class ExpectedReporters {
    /// A unit that reports for itself (no registered children) and the codes it has targets
    /// for; nil codes: a registered child never collected (or invalid), expected for every code.
    struct Reporter {
        let id: String
        let codes: Set<String>?
        /// The folder of the reporter's own documents in the tree (`children/…/`).
        let prefix: String
    }

    private let repository: UnitRepository
    private let tree: Oid
    private let cache: DocumentCache
    /// The reporters below each unit, by folder prefix and year: read once per command.
    private var known: [String: [Reporter]] = [:]
    /// The reorganisations at the root of `tree`, once read.
    private var decisions: [Reorganisation]?

    /// - Parameter tree: the tree of `main` every unit of the subtree is in.
    init(repository: UnitRepository, tree: Oid, cache: DocumentCache) {
        self.repository = repository
        self.tree = tree
        self.cache = cache
    }

    /// The ids of the units below (or at) the unit at `prefix` expected to report `code` in `year`.
    func ids(at prefix: String, code: String, year: Int) throws -> [String] {
        try reporters(at: prefix, year: year).filter { $0.codes?.contains(code) ?? true }.map(\.id)
    }

    /// Every unit below (or at) the unit at `prefix` expected to report `period`, whatever
    /// the indicator, alive in the period by the reorganisations in force (the children's
    /// table's "units reported of expected"). A folder without a valid `unit.json` is one unit.
    func reporters(at prefix: String, period: Period) throws -> [Reporter] {
        let all: [Reporter]
        if let entry = try repository.git.entry(at: prefix + Layout.unitFile, in: tree), entry.kind == .blob,
           let found = try? reporters(at: prefix, year: period.year) {
            all = found
        } else {
            all = [Reporter(id: String(prefix.split(separator: "/").last ?? ""), codes: nil, prefix: prefix)]
        }
        return try alive(all, in: period)
    }

    /// `reporters` without the units a reorganisation ended before `period`, or that begin after it.
    private func alive(_ reporters: [Reporter], in period: Period) throws -> [Reporter] {
        if decisions == nil { decisions = try RollupWriter.decisions(in: tree, repository: repository, cache: cache) }
        guard let decisions, !decisions.isEmpty else { return reporters }
        let structure = Structure.inForce(
            on: Structure.attributionDate(of: period), decisions: decisions,
            observed: Dictionary(reporters.map { ($0.id, String?.none) }) { first, _ in first })
        return reporters.filter { structure.isAlive($0.id) }
    }

    private func reporters(at prefix: String, year: Int) throws -> [Reporter] {
        let key = "\(prefix)\u{0}\(year)"
        if let reporters = known[key] { return reporters }
        // unit.json only; a target's code is its file name (the file itself is validated where it is read).
        let snapshot = try PlanSnapshot.load(from: repository, tree: tree, prefix: prefix, kinds: [], cache: cache)
        var reporters: [Reporter] = []
        if snapshot.unit.children.isEmpty {
            var codes: Set<String> = []
            if let folder = try repository.git.entry(at: prefix + "plans/\(year)/targets", in: tree), folder.kind == .tree {
                for file in try repository.git.tree(folder.oid) where file.kind != .tree && file.name.hasSuffix(".json") {
                    codes.insert(String(file.name.dropLast(5)))
                }
            }
            reporters = [Reporter(id: snapshot.unit.id, codes: codes, prefix: prefix)]
        } else {
            for child in snapshot.unit.children {
                let childPrefix = prefix + Layout.childFolder(child.id) + "/"
                guard try repository.git.entry(at: childPrefix + Layout.unitFile, in: tree) != nil else {
                    reporters.append(Reporter(id: child.id, codes: nil, prefix: childPrefix))  // never collected: nothing known of it, so expected
                    continue
                }
                // A child whose documents do not validate is expected, and counts as missing.
                reporters += (try? self.reporters(at: childPrefix, year: year)) ?? [Reporter(id: child.id, codes: nil, prefix: childPrefix)]
            }
        }
        known[key] = reporters
        return reporters
    }

    /// How many of the expected units `figure` of `period` sums (nil without a figure). Only
    /// the units alive in the period count (issue 18): a unit a reorganisation ended, or one
    /// that begins later, is not expected.
    func completeness(of figure: RollupFigure?, at prefix: String, code: String, period: Period) throws -> Completeness? {
        guard let figure else { return nil }
        let expected = try alive(try reporters(at: prefix, year: period.year).filter { $0.codes?.contains(code) ?? true }, in: period)
        return Completeness(contributors: figure.contributors, expected: expected.map(\.id))
    }
}
