import Cascade
import Git
import PlanModel

/// Rollups that read only the folders that changed (issue 20): a collected unit's folder
/// whose ``SubtreeSummary`` is known (this command, or the ``RollupCache`` between commands)
/// stands in for all its units, when that changes nothing:
///
/// - no unit in the folder is named by a decision at the root (moved, ended, begun, a
///   `from`, `to`, predecessor or successor) — its units keep the folder structure;
/// - no unit in the folder is found anywhere else in the tree (nor twice inside it) — the
///   "counts at the first place" rule never reaches into it.
///
/// Every other folder is read as ``RollupWriter/positions(at:of:in:cache:ownOnly:)`` reads
/// it, and ``RollupWriter/totals(of:decisions:indicators:opaque:)`` attributes them as
/// before; the folders read are then summarised (bottom-up) for the next command. The result
/// is byte-identical to reading everything (RollupCacheTests compares both).
extension RollupWriter {
    /// One folder met by ``cachedTotals``: read (a position) or stood in for by its summary.
    struct Node {
        var position: Position
        let folder: Oid
        /// Set: the folder is not read, its summary stands in for every unit in it.
        var summary: SubtreeSummary?
        /// The nodes of the folders in its `children/`, in folder order.
        var children: [Int] = []
    }

    /// The totals of the unit at `prefix` of `tree` (``totals(of:decisions:indicators:opaque:)``),
    /// reading only folders without a summary. Nil when the cache is off for this command.
    static func cachedTotals(
        at prefix: String, of tree: Oid, decisions: [Reorganisation], indicators: [Int: [String: Indicator]],
        in repository: UnitRepository, cache: DocumentCache
    ) throws -> [Period: Rollup]? {
        guard cache.usesRollupCache, let store = RollupCache(git: repository.git) else { return nil }
        let digest: Oid
        if let known = cache.indicatorDigests[indicators] {
            digest = known
        } else {
            digest = try RollupCache.digest(of: indicators)
            cache.indicatorDigests[indicators] = digest
        }
        guard let top = try folder(at: prefix, of: tree, in: repository.git) else { return nil }
        let walk = Walk(repository: repository, tree: tree, digest: digest, store: store, cache: cache)
        var nodes = try walk.nodes(at: prefix, folder: top) { _ in true }
        // Which units a summary may not stand in for: named by a decision, or found twice.
        var conflicts: Set<String> = []
        for decision in decisions {
            for change in decision.changes {
                conflicts.insert(change.unit)
                conflicts.formUnion([change.from, change.to].compactMap { $0 } + change.predecessors + change.successors)
            }
        }
        var seen: Set<String> = []
        for node in nodes {
            for id in node.summary?.ids ?? [node.position.id] where !seen.insert(id).inserted { conflicts.insert(id) }
        }
        if nodes.contains(where: { $0.summary.map { !conflicts.isDisjoint(with: $0.ids) } ?? false }) {
            nodes = try walk.nodes(at: prefix, folder: top) { conflicts.isDisjoint(with: $0.ids) }
        }
        var opaque: [String: [Period: Rollup]] = [:]
        var periods: Set<Period> = []
        for node in nodes {
            guard let summary = node.summary else { continue }
            opaque[summary.id] = summary.byPeriod
            periods.formUnion(summary.periods)
        }
        let result = totals(of: nodes.map(\.position), decisions: decisions, indicators: indicators, opaque: opaque, periods: periods)
        walk.summarise(nodes, indicators: indicators)
        return result
    }

    /// The tree of the folder at `prefix` (`""`: `tree` itself).
    static func folder(at prefix: String, of tree: Oid, in git: Repository) throws -> Oid? {
        guard !prefix.isEmpty else { return tree }
        guard let entry = try git.entry(at: String(prefix.dropLast()), in: tree), entry.kind == .tree else { return nil }
        return entry.oid
    }

    /// The folders of one rollup, read or stood in for.
    struct Walk {
        let repository: UnitRepository
        let tree: Oid
        let digest: Oid
        let store: RollupCache
        let cache: DocumentCache

        func key(_ id: String, _ folder: Oid) -> RollupCache.Key { RollupCache.Key(id: id, tree: folder, indicators: digest) }

        /// The summary of folder `folder` of unit `id`, from this command or the cache.
        func known(_ id: String, _ folder: Oid) -> SubtreeSummary? {
            let key = key(id, folder)
            if let summary = cache.summaries[key] { return summary }
            if cache.unsummarised.contains(key) { return nil }
            guard let summary = store.read(key) else {
                cache.unsummarised.insert(key)
                return nil
            }
            cache.summaries[key] = summary
            return summary
        }

        /// The unit at `prefix` and every folder below it, depth first in folder order, a
        /// folder whose summary is known and `usable` not read.
        func nodes(at prefix: String, folder top: Oid, usable: (SubtreeSummary) -> Bool) throws -> [Node] {
            let git = repository.git
            var nodes: [Node] = []
            func visit(_ prefix: String, folder: Oid, id: String?, parent: String?) throws -> Int? {
                let index = nodes.count
                if let id, parent != nil, let summary = known(id, folder), usable(summary) {
                    let stand = PlanSnapshot(unit: PlanModel.Unit(id: id, name: id, level: ""), years: [:], progress: [])
                    nodes.append(Node(position: Position(prefix: prefix, id: id, parent: parent, snapshot: stand), folder: folder, summary: summary))
                    return index
                }
                let snapshot: PlanSnapshot
                do {
                    snapshot = try PlanSnapshot.load(from: repository, tree: tree, prefix: prefix, kinds: PlanSnapshot.rollupChildKinds, cache: cache)
                } catch PlanStoreError.invalidDocument where parent != nil {
                    // As in ``RollupWriter/positions(at:of:in:cache:ownOnly:)``: a collected unit
                    // whose report does not decode counts nowhere, nor does its subtree.
                    return nil
                }
                let id = id ?? (prefix.isEmpty ? snapshot.unit.id : String(prefix.dropLast().split(separator: "/").last ?? ""))
                nodes.append(Node(position: Position(prefix: prefix, id: id, parent: parent, snapshot: snapshot), folder: folder))
                guard let children = try git.entry(at: Layout.childrenFolder, in: folder), children.kind == .tree else { return index }
                for entry in try git.tree(children.oid) where entry.kind == .tree {
                    if let child = try visit(prefix + Layout.childFolder(entry.name) + "/", folder: entry.oid, id: entry.name, parent: id) {
                        nodes[index].children.append(child)
                    }
                }
                return index
            }
            _ = try visit(prefix, folder: top, id: nil, parent: nil)
            return nodes
        }

        /// Computes (bottom-up) and keeps the summary of every folder read below the top —
        /// those of folders without a unit found twice — for this command and the next.
        func summarise(_ nodes: [Node], indicators: [Int: [String: Indicator]]) {
            var summaries: [Int: SubtreeSummary] = [:]
            var ids: [Int: [String]] = [:]
            for index in nodes.indices.reversed() {
                let node = nodes[index]
                if let summary = node.summary ?? (index == 0 ? nil : cache.summaries[key(node.position.id, node.folder)]) {
                    summaries[index] = summary
                    ids[index] = summary.ids
                    continue
                }
                let below = node.children.map { ids[$0] ?? [] }
                ids[index] = [node.position.id] + below.joined()
                guard index != 0, Set(ids[index]!).count == ids[index]!.count else { continue }
                let children = node.children.compactMap { summaries[$0] }
                guard children.count == node.children.count else { continue }
                let summary = RollupWriter.summary(
                    id: node.position.id, folder: node.folder, digest: digest, ids: ids[index]!,
                    progress: node.position.snapshot.progress, children: children, indicators: indicators)
                summaries[index] = summary
                let key = key(node.position.id, node.folder)
                cache.summaries[key] = summary
                cache.summariesComputed += 1
                store.write(summary, for: key)
            }
        }
    }

    /// The totals of unit `id` over its folder by the folder structure: its own reports and
    /// its children's summaries — what ``totals(of:decisions:indicators:opaque:periods:)``
    /// computes for a folder whose units are found nowhere else and no decision names.
    static func summary(
        id: String, folder: Oid, digest: Oid, ids: [String], progress: [ProgressReport], children: [SubtreeSummary],
        indicators: [Int: [String: Indicator]]
    ) -> SubtreeSummary {
        var periods = Set(progress.map(\.period))
        for child in children { periods.formUnion(child.periods) }
        let below = children.map { ($0.id, $0.byPeriod) }
        var rollups: [Rollup] = []
        for period in periods.sorted() {
            guard let indicators = indicators[period.year] else { continue }
            var figures: [String: Rollup] = [:]
            for (child, rollups) in below {
                if let rollup = rollups[period], !rollup.figures.isEmpty { figures[child] = rollup }
            }
            let rollup = Rollup.compute(
                unit: id, period: period, own: progress.first { $0.period == period }, children: figures, indicators: indicators)
            if !rollup.figures.isEmpty { rollups.append(rollup) }
        }
        return SubtreeSummary(
            id: id, tree: folder.hex, indicators: digest.hex, ids: ids, periods: periods.sorted(), rollups: rollups)
    }
}
