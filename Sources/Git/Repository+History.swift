internal import CLibGit2

extension Repository {
    /// Commits reachable from `tips` but not from `hidden`, newest first (topological and
    /// time order, like `git log`).
    /// - Parameters:
    ///   - firstParentOnly: follow only first parents (a unit's own line of work).
    ///   - limit: stop after this many commits.
    public func history(from tips: [Oid], hiding hidden: [Oid] = [], firstParentOnly: Bool = false, limit: Int? = nil) throws -> [Oid] {
        var walker: OpaquePointer?
        try git("git_revwalk_new") { git_revwalk_new(&walker, handle) }
        defer { git_revwalk_free(walker) }
        try git("git_revwalk_sorting") { git_revwalk_sorting(walker, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue) }
        if firstParentOnly {
            try git("git_revwalk_simplify_first_parent") { git_revwalk_simplify_first_parent(walker) }
        }
        for tip in tips {
            var raw = tip.raw
            try git("git_revwalk_push") { git_revwalk_push(walker, &raw) }
        }
        for hide in hidden {
            var raw = hide.raw
            try git("git_revwalk_hide") { git_revwalk_hide(walker, &raw) }
        }
        var result: [Oid] = []
        var oid = git_oid()
        while limit.map({ result.count < $0 }) ?? true {
            let rc = git_revwalk_next(&oid, walker)
            if rc == GIT_ITEROVER.rawValue { break }
            try git("git_revwalk_next") { rc }
            result.append(Oid(oid))
        }
        return result
    }

    /// True when `commit` has `ancestor` in its history (a commit is not its own descendant).
    public func isDescendant(_ commit: Oid, of ancestor: Oid) throws -> Bool {
        var a = commit.raw, b = ancestor.raw
        return try git("git_graph_descendant_of") { git_graph_descendant_of(handle, &a, &b) } == 1
    }

    /// The best common ancestor of `a` and `b`, nil when they share no history.
    public func mergeBase(_ a: Oid, _ b: Oid) throws -> Oid? {
        var out = git_oid()
        var left = a.raw, right = b.raw
        let rc = git_merge_base(&out, handle, &left, &right)
        if rc == GIT_ENOTFOUND.rawValue { return nil }
        try git("git_merge_base") { rc }
        return Oid(out)
    }

    /// True when an object with this id exists in the object database.
    public func contains(_ oid: Oid) -> Bool {
        var db: OpaquePointer?
        guard git_repository_odb(&db, handle) == 0 else { return false }
        defer { git_odb_free(db) }
        var raw = oid.raw
        return git_odb_exists(db, &raw) == 1
    }
}
