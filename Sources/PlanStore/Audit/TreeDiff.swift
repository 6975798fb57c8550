import Git
import PlanModel

/// The document files that differ between two trees, found by comparing tree entry ids
/// level by level: a folder whose id did not change is never opened, so a commit that
/// touched one report costs a handful of tree reads however large the repository is.
struct TreeDiff {
    struct Change: Equatable {
        let path: String
        let old: Oid?
        let new: Oid?
    }

    let git: Repository

    /// Changed document paths (``DocumentPath`` classifies them), sorted.
    /// - Parameters:
    ///   - skip: top-level folders of `root` not to look into (e.g. a child's folder that a
    ///     collect merely grafted).
    ///   - keep: whether to look at the entry `name` of the folder `base` (`""` or ending in
    ///     `/`) at all; nil: every entry.
    func changes(from old: Oid?, to new: Oid?, prefix: String = "", skip: Set<String> = [],
                 keep: ((_ base: String, _ name: String) -> Bool)? = nil) throws -> [Change] {
        var result: [Change] = []
        try walk(old, new, base: prefix, skip: skip, keep: keep, into: &result)
        return result.sorted { $0.path < $1.path }
    }

    private func walk(_ old: Oid?, _ new: Oid?, base: String, skip: Set<String>, keep: ((String, String) -> Bool)?, into result: inout [Change]) throws {
        guard old != new else { return }
        let before = try old.map(entries) ?? [:], after = try new.map(entries) ?? [:]
        for name in Set(before.keys).union(after.keys) {
            if let keep, !keep(base, name) { continue }
            let path = base + name
            if skip.contains(path) { continue }
            let a = before[name], b = after[name]
            if a?.oid == b?.oid, a?.kind == b?.kind { continue }
            let aTree = a?.kind == .tree ? a?.oid : nil, bTree = b?.kind == .tree ? b?.oid : nil
            if aTree != nil || bTree != nil {
                try walk(aTree, bTree, base: path + "/", skip: skip, keep: keep, into: &result)
            }
            let aBlob = a?.kind == .tree ? nil : a?.oid, bBlob = b?.kind == .tree ? nil : b?.oid
            if aBlob != bBlob, DocumentPath(path) != nil {
                result.append(Change(path: path, old: aBlob, new: bBlob))
            }
        }
    }

    private func entries(_ tree: Oid) throws -> [String: TreeEntry] {
        Dictionary(try git.tree(tree).map { ($0.name, $0) }) { first, _ in first }
    }
}
