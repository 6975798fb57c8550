import Git

/// The commit that actually wrote a file as it is now — the one answer `check` (the commit of
/// each finding) and `trace` (the commit of each figure) give.
///
/// A file under `children/<id>/` belongs to the deepest unit whose collected head holds it
/// exactly as it is here (byte for byte: the same blob); that unit's own first-parent line is
/// walked for the first commit whose blob at the path differs from its first parent's. A
/// child's file edited in the parent's copy is not the child's blob any more, so the parent's
/// line is walked, and the parent commit that edited it is named, not the child's.
struct BlobOrigin {
    let git: Repository
    /// The tree of the repository's `main`, where every descendant's files are.
    let tree: Oid
    /// Each unit's head by folder prefix: `""` for the unit itself (`main`), `children/<id>/…`
    /// for a descendant (the head collected last).
    let heads: [String: Oid]

    /// The commit that last wrote `file` (relative to the repository root); nil when the file
    /// does not exist.
    func commit(writing file: String) throws -> Oid? {
        var candidates = [(prefix: "", path: file)]
        var prefix = "", path = file
        while path.hasPrefix("children/"), let slash = path.dropFirst("children/".count).firstIndex(of: "/"),
              heads[prefix + String(path[..<slash]) + "/"] != nil {
            prefix += String(path[..<slash]) + "/"
            path = String(path[path.index(after: slash)...])
            candidates.append((prefix, path))
        }
        let here = try git.entry(at: file, in: tree)?.oid
        func blob(_ commit: Oid, _ path: String) throws -> Oid? { try git.entry(at: path, in: try git.commit(commit).tree)?.oid }
        guard let (head, path) = try candidates.reversed().lazy.compactMap({ candidate -> (Oid, String)? in
            guard let head = self.heads[candidate.prefix] else { return nil }
            return try blob(head, candidate.path) == here ? (head, candidate.path) : nil
        }).first else { return nil }
        func blob(_ commit: Oid) throws -> Oid? { try blob(commit, path) }
        guard try blob(head) != nil else { return nil }
        for oid in try git.history(from: [head], firstParentOnly: true) {
            let parent = try git.commit(oid).parents.first
            if try blob(oid) != (try parent.flatMap(blob)) { return oid }
        }
        return nil
    }
}
