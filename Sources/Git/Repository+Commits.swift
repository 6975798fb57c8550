internal import CLibGit2

extension Repository {
    /// Reads commit `oid`.
    /// - Throws: `GitError` `.notFound` when it does not exist (or is not a commit).
    public func commit(_ oid: Oid) throws -> Commit {
        try withCommit(oid) { commit in
            var parents: [Oid] = []
            for index in 0..<git_commit_parentcount(commit) {
                if let parent = git_commit_parent_id(commit, index) { parents.append(Oid(parent)) }
            }
            return Commit(
                oid: oid,
                tree: Oid(git_commit_tree_id(commit)),
                parents: parents,
                author: Signature(git_commit_author(commit)),
                committer: Signature(git_commit_committer(commit)),
                message: git_commit_message(commit).map { String(cString: $0) } ?? ""
            )
        }
    }

    /// Writes a commit object. It does not move any reference: use `updateReference`
    /// (compare-and-swap) to publish it.
    /// - Parameters:
    ///   - tree: the commit's tree.
    ///   - parents: first parent first; empty for a root commit.
    ///   - author, committer: always explicit, never read from configuration here.
    ///   - message: the full message; a trailing newline is added when missing.
    public func createCommit(tree: Oid, parents: [Oid], author: Signature, committer: Signature, message: String) throws -> Oid {
        let text = message.hasSuffix("\n") ? message : message + "\n"
        return try withTree(tree) { treeHandle in
            try withCommits(parents) { parentHandles in
                try author.withRaw { authorSig in
                    try committer.withRaw { committerSig in
                        var oid = git_oid()
                        var pointers: [OpaquePointer?] = parentHandles.map { Optional($0) }
                        try pointers.withUnsafeMutableBufferPointer { parentsBuffer in
                            _ = try git("git_commit_create") {
                                git_commit_create(
                                    &oid, handle, nil, authorSig, committerSig, nil, text, treeHandle,
                                    parentsBuffer.count, parentsBuffer.baseAddress)
                            }
                        }
                        if batchOpen { batchCommits.append(Oid(oid)) }
                        return Oid(oid)
                    }
                }
            }
        }
    }

    func withCommit<R>(_ oid: Oid, _ body: (OpaquePointer) throws -> R) throws -> R {
        var raw = oid.raw
        var commit: OpaquePointer?
        try git("git_commit_lookup", object: oid) { git_commit_lookup(&commit, handle, &raw) }
        defer { git_commit_free(commit) }
        return try body(try unwrap(commit, "git_commit_lookup"))
    }

    /// Looks up every commit in `oids`, calls `body` with their handles, and frees them all.
    func withCommits<R>(_ oids: [Oid], _ body: ([OpaquePointer]) throws -> R) throws -> R {
        var handles: [OpaquePointer] = []
        defer { handles.forEach { git_commit_free($0) } }
        for oid in oids {
            var raw = oid.raw
            var commit: OpaquePointer?
            try git("git_commit_lookup", object: oid) { git_commit_lookup(&commit, handle, &raw) }
            handles.append(try unwrap(commit, "git_commit_lookup"))
        }
        return try body(handles)
    }
}
