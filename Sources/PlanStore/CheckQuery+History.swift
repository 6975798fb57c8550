import Git

extension CheckQuery.Walk {
    /// The commit that last changed `file` (relative to the repository where `check` runs),
    /// in the history of the unit whose blob it is (``BlobOrigin``). Nil when the file does
    /// not exist.
    func introducingCommit(of file: String) throws -> Oid? {
        try BlobOrigin(git: repository.git, tree: tree, heads: heads).commit(writing: file)
    }
}
