/// One entry of a tree, copied out of libgit2.
public struct TreeEntry: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case blob
        case executable
        case tree
        case symlink
        case submodule
    }

    public let name: String
    public let oid: Oid
    public let kind: Kind

    public init(name: String, oid: Oid, kind: Kind) {
        self.name = name
        self.oid = oid
        self.kind = kind
    }
}

/// A change to one path of a tree, for `Repository.updateTree`.
public enum TreeChange: Equatable, Sendable {
    /// Put this blob at the path (a regular file).
    case blob(Oid)
    /// Put this tree at the path (graft a whole directory).
    case tree(Oid)
    /// Remove whatever is at the path; removing a missing path is not an error.
    case remove
}
