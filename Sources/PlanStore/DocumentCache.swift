import Git
import PlanModel

/// Documents decoded during ONE command, by blob id, and whole snapshots by the ids of the
/// folders they were read from.
///
/// A blob's bytes never change, so its decoding never does: indicator definitions are the
/// same blob in every unit, siblings share their inherited tasks, and a `collect`, `check`
/// or `trace` at a parent reads the same documents again and again. A query or workflow
/// makes one cache for its run and passes it down; it is deliberately not shared between
/// commands (each command is its own process, and a long-lived cache would grow without end).
final class DocumentCache {
    /// What a snapshot was read from: the unit's `unit.json` blob, the trees of the
    /// top-level folders read, and the kinds asked for.
    struct SnapshotKey: Hashable {
        let unit: Oid
        let folders: [String: Oid]
        let kinds: Set<DocumentKind>
    }

    struct DocumentKey: Hashable {
        let blob: Oid
        let type: ObjectIdentifier
    }

    var documents: [DocumentKey: any Sendable] = [:]
    var snapshots: [SnapshotKey: PlanSnapshot] = [:]
    /// Every period's rollup recomputed for a unit's tree, by the tree's id (``RollupWriter``):
    /// `verify` and `export` recompute the same unchanged subtrees at many versions.
    var rollups: [Oid: [Period: Rollup]] = [:]
    /// How many blobs were read and decoded (not found in the cache).
    var decodes = 0
    /// Each unit folder's totals on its own (``RollupCache``), read or computed in this command.
    var summaries: [RollupCache.Key: SubtreeSummary] = [:]
    /// Keys found in neither this command nor the ``RollupCache``.
    var unsummarised: Set<RollupCache.Key> = []
    /// Whether rollups may use the ``RollupCache`` kept between commands (false: every
    /// folder's reports are read and totalled again, as before it existed).
    var usesRollupCache = true
    /// How many folders' summaries were computed (not found in this command or the cache).
    var summariesComputed = 0
    /// The digest of each set of indicator definitions met (``RollupCache/digest(of:)``).
    var indicatorDigests: [[Int: [String: Indicator]]: Oid] = [:]

    init() {}

    /// The document in blob `oid` decoded as `T`; `path` names the file in an error.
    /// - Throws: `PlanStoreError.invalidDocument` (failures are not remembered).
    func document<T: Decodable & Sendable>(_ type: T.Type, _ oid: Oid, path: String, in git: Repository) throws -> T {
        let key = DocumentKey(blob: oid, type: ObjectIdentifier(T.self))
        if let known = documents[key] as? T { return known }
        let document: T = try PlanSnapshot.decode(try git.blob(oid), path: path)
        decodes += 1
        documents[key] = document
        return document
    }
}
