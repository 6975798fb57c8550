internal import CLibGit2

extension Repository {
    /// Three-way merge of trees with libgit2's merge machinery, exposing every conflict.
    /// - Parameters:
    ///   - ancestor: the common base (nil: merge as if from an empty tree).
    ///   - ours, theirs: the two sides.
    /// - Returns: the merged tree (conflicted paths hold ours) and the conflicts.
    public func mergeTrees(ancestor: Oid?, ours: Oid, theirs: Oid) throws -> MergeResult {
        let base = try ancestor ?? emptyTree()
        return try withTree(base) { baseTree in
            try withTree(ours) { ourTree in
                try withTree(theirs) { theirTree in
                    var options = git_merge_options()
                    try git("git_merge_options_init") { git_merge_options_init(&options, UInt32(GIT_MERGE_OPTIONS_VERSION)) }
                    var index: OpaquePointer?
                    try git("git_merge_trees") { git_merge_trees(&index, handle, baseTree, ourTree, theirTree, &options) }
                    defer { git_index_free(index) }
                    return try collectMerge(index: try unwrap(index, "git_merge_trees"))
                }
            }
        }
    }

    /// Three-way merge of two commits over their merge base.
    public func mergeCommits(ours: Oid, theirs: Oid) throws -> MergeResult {
        let base = try mergeBase(ours, theirs)
        return try mergeTrees(
            ancestor: base.map { try commit($0).tree }, ours: try commit(ours).tree, theirs: try commit(theirs).tree)
    }

    private func collectMerge(index: OpaquePointer) throws -> MergeResult {
        var conflicts: [MergeConflict] = []
        if git_index_has_conflicts(index) == 1 {
            var iterator: OpaquePointer?
            try git("git_index_conflict_iterator_new") { git_index_conflict_iterator_new(&iterator, index) }
            defer { git_index_conflict_iterator_free(iterator) }
            while true {
                var ancestor: UnsafePointer<git_index_entry>?
                var our: UnsafePointer<git_index_entry>?
                var their: UnsafePointer<git_index_entry>?
                let rc = git_index_conflict_next(&ancestor, &our, &their, iterator)
                if rc == GIT_ITEROVER.rawValue { break }
                try git("git_index_conflict_next") { rc }
                guard let path = (ancestor ?? our ?? their)?.pointee.path else { continue }
                conflicts.append(MergeConflict(
                    path: String(cString: path),
                    ancestor: ancestor.map { Oid($0.pointee.id) },
                    ours: our.map { Oid($0.pointee.id) },
                    theirs: their.map { Oid($0.pointee.id) }))
            }
            try git("git_index_conflict_cleanup") { git_index_conflict_cleanup(index) }
        }
        var oid = git_oid()
        try git("git_index_write_tree_to") { git_index_write_tree_to(&oid, index, handle) }
        var tree = Oid(oid)
        if !conflicts.isEmpty {
            var keepOurs: [String: TreeChange] = [:]
            for conflict in conflicts {
                if let ours = conflict.ours { keepOurs[conflict.path] = .blob(ours) }
            }
            tree = try updateTree(tree, keepOurs)
        }
        return MergeResult(tree: tree, conflicts: conflicts.sorted { $0.path < $1.path })
    }
}
