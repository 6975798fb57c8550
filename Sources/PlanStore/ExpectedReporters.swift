import Cascade
import Git
import PlanModel

/// The units of a collected subtree expected to report an indicator (``Completeness`` in
/// Cascade says who they are): what `status`, `trace`, `export` and `check` compare a
/// rollup's contributors with. Worked out once per unit and indicator in a command.
final class ExpectedReporters {
    /// A unit that reports for itself (no registered children) and the codes it has targets
    /// for; nil codes: a registered child never collected (or invalid), expected for every code.
    private struct Reporter {
        let id: String
        let codes: Set<String>?
    }

    private let repository: UnitRepository
    private let tree: Oid
    private let cache: DocumentCache
    /// The reporters below each unit, by folder prefix and year: read once per command.
    private var known: [String: [Reporter]] = [:]

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
            reporters = [Reporter(id: snapshot.unit.id, codes: codes)]
        } else {
            for child in snapshot.unit.children {
                let childPrefix = prefix + Layout.childFolder(child.id) + "/"
                guard try repository.git.entry(at: childPrefix + Layout.unitFile, in: tree) != nil else {
                    reporters.append(Reporter(id: child.id, codes: nil))  // never collected: nothing known of it, so expected
                    continue
                }
                // A child whose documents do not validate is expected, and counts as missing.
                reporters += (try? self.reporters(at: childPrefix, year: year)) ?? [Reporter(id: child.id, codes: nil)]
            }
        }
        known[key] = reporters
        return reporters
    }

    /// How many of the expected units `figure` sums (nil without a figure).
    func completeness(of figure: RollupFigure?, at prefix: String, code: String, year: Int) throws -> Completeness? {
        guard let figure else { return nil }
        return Completeness(contributors: figure.contributors, expected: try ids(at: prefix, code: code, year: year))
    }
}
