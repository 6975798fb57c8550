internal import CLibGit2

extension Repository {
    /// The commit a revision names, as git understands it: a full or abbreviated id,
    /// `HEAD`, a branch or reference name, `main~2`, `HEAD^2`, `targets@{1}`.
    /// - Throws: `GitError` `.notFound` (or `.ambiguous`) when it names no commit.
    public func resolveCommit(_ revision: String) throws -> Oid {
        var object: OpaquePointer?
        try git("git_revparse_single") { git_revparse_single(&object, handle, revision) }
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        try git("git_object_peel") { git_object_peel(&commit, object, GIT_OBJECT_COMMIT) }
        defer { git_object_free(commit) }
        return Oid(git_object_id(try unwrap(commit, "git_object_peel")))
    }
}
