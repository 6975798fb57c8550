import Cascade
import Git
import PlanModel

/// The units of a collected subtree expected to report an indicator (``Completeness`` in
/// Cascade says who they are): what `status`, `trace`, `export` and `check` compare a
/// rollup's contributors with. Worked out once per unit and indicator in a command.
final class ExpectedReporters {
    private let repository: UnitRepository
    private let tree: Oid
    private let cache: DocumentCache
    private var known: [String: [String]] = [:]

    /// - Parameter tree: the tree of `main` every unit of the subtree is in.
    init(repository: UnitRepository, tree: Oid, cache: DocumentCache) {
        self.repository = repository
        self.tree = tree
        self.cache = cache
    }

    /// The ids of the units below (or at) the unit at `prefix` expected to report `code` in `year`.
    func ids(at prefix: String, code: String, year: Int) throws -> [String] {
        let key = "\(prefix)\u{0}\(code)\u{0}\(year)"
        if let ids = known[key] { return ids }
        let snapshot = try PlanSnapshot.load(from: repository, tree: tree, prefix: prefix, kinds: [.target], cache: cache)
        var ids: [String] = []
        if snapshot.unit.children.isEmpty {
            if snapshot.years[year]?.targets[code] != nil { ids = [snapshot.unit.id] }
        } else {
            for child in snapshot.unit.children {
                let childPrefix = prefix + Layout.childFolder(child.id) + "/"
                guard try repository.git.entry(at: childPrefix + Layout.unitFile, in: tree) != nil else {
                    ids.append(child.id)  // never collected: nothing known of it, so expected
                    continue
                }
                // A child whose documents do not validate is expected, and counts as missing.
                ids += (try? self.ids(at: childPrefix, code: code, year: year)) ?? [child.id]
            }
        }
        known[key] = ids
        return ids
    }

    /// How many of the expected units `figure` sums (nil without a figure).
    func completeness(of figure: RollupFigure?, at prefix: String, code: String, year: Int) throws -> Completeness? {
        guard let figure else { return nil }
        return Completeness(contributors: figure.contributors, expected: try ids(at: prefix, code: code, year: year))
    }
}
