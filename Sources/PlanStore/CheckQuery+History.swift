import Git

extension CheckQuery.Walk {
    /// The commit that last changed `file` (relative to the repository where `check` runs):
    /// a first-parent walk of the history of the unit the file belongs to — `main`, or a
    /// descendant's head as collected — for the first commit whose blob at the path differs
    /// from its first parent's. Nil when the file does not exist.
    func introducingCommit(of file: String) throws -> Oid? {
        let git = repository.git
        // The deepest unit whose collected head holds the file as it is here; a file edited
        // in a parent's copy of a child's folder belongs to the parent's history.
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
