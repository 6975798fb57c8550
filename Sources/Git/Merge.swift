/// One path that a three-way merge could not settle; each side is nil where that side has no file.
public struct MergeConflict: Equatable, Sendable {
    public let path: String
    public let ancestor: Oid?
    public let ours: Oid?
    public let theirs: Oid?

    public init(path: String, ancestor: Oid?, ours: Oid?, theirs: Oid?) {
        self.path = path
        self.ancestor = ancestor
        self.ours = ours
        self.theirs = theirs
    }
}

/// The outcome of a three-way merge of trees.
public struct MergeResult: Equatable, Sendable {
    /// The merged tree. Where there are conflicts, each conflicted path holds "ours"
    /// (or is absent when ours deleted it): resolve by updating those paths.
    public let tree: Oid
    /// Every conflicted path, sorted by path; empty when the merge is clean.
    public let conflicts: [MergeConflict]

    public var isClean: Bool { conflicts.isEmpty }
}
