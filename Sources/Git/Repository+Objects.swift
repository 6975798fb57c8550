internal import CLibGit2
import Foundation

extension Repository {
    /// Writes `bytes` as a blob and returns its id.
    public func writeBlob(_ bytes: [UInt8]) throws -> Oid {
        var oid = git_oid()
        try bytes.withUnsafeBytes { buffer in
            _ = try git("git_blob_create_from_buffer") {
                git_blob_create_from_buffer(&oid, handle, buffer.baseAddress, buffer.count)
            }
        }
        return Oid(oid)
    }

    /// The bytes of the blob `oid`, copied.
    /// - Throws: `GitError` `.notFound` when there is no such blob.
    public func blob(_ oid: Oid) throws -> [UInt8] {
        var raw = oid.raw
        var blob: OpaquePointer?
        try git("git_blob_lookup", object: oid) { git_blob_lookup(&blob, handle, &raw) }
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let content = git_blob_rawcontent(blob) else { return [] }
        return Array(UnsafeRawBufferPointer(start: content, count: size))
    }

    /// The entries of tree `oid`, in git's order.
    public func tree(_ oid: Oid) throws -> [TreeEntry] {
        try withTree(oid) { tree in
            let count = git_tree_entrycount(tree)
            var entries: [TreeEntry] = []
            entries.reserveCapacity(count)
            for index in 0..<count {
                guard let entry = git_tree_entry_byindex(tree, index) else { continue }
                entries.append(Self.entry(entry))
            }
            return entries
        }
    }

    /// The tree entry at `path` (`a/b/c.json`) inside tree `root`, nil when absent.
    public func entry(at path: String, in root: Oid) throws -> TreeEntry? {
        try withTree(root) { tree in
            var entry: OpaquePointer?
            let rc = git_tree_entry_bypath(&entry, tree, path)
            if rc == GIT_ENOTFOUND.rawValue { return nil }
            try git("git_tree_entry_bypath") { rc }
            defer { git_tree_entry_free(entry) }
            return Self.entry(try unwrap(entry, "git_tree_entry_bypath"))
        }
    }

    /// Every blob below tree `root`, keyed by its `/`-separated path relative to `root`.
    public func files(in root: Oid, under prefix: String = "") throws -> [String: Oid] {
        var result: [String: Oid] = [:]
        var pending: [(String, Oid)] = [(prefix, root)]
        while let (base, treeOid) = pending.popLast() {
            for entry in try tree(treeOid) {
                let path = base.isEmpty ? entry.name : base + "/" + entry.name
                switch entry.kind {
                case .tree: pending.append((path, entry.oid))
                case .blob, .executable, .symlink: result[path] = entry.oid
                case .submodule: break
                }
            }
        }
        return result
    }

    /// The id of the empty tree, written if needed.
    public func emptyTree() throws -> Oid {
        try updateTree(nil, [:])
    }

    func withTree<R>(_ oid: Oid, _ body: (OpaquePointer) throws -> R) throws -> R {
        var raw = oid.raw
        var tree: OpaquePointer?
        try git("git_tree_lookup", object: oid) { git_tree_lookup(&tree, handle, &raw) }
        defer { git_tree_free(tree) }
        return try body(try unwrap(tree, "git_tree_lookup"))
    }

    static func entry(_ entry: OpaquePointer) -> TreeEntry {
        let name = String(cString: git_tree_entry_name(entry))
        let oid = Oid(git_tree_entry_id(entry))
        let kind: TreeEntry.Kind
        switch git_tree_entry_filemode(entry) {
        case GIT_FILEMODE_TREE: kind = .tree
        case GIT_FILEMODE_BLOB_EXECUTABLE: kind = .executable
        case GIT_FILEMODE_LINK: kind = .symlink
        case GIT_FILEMODE_COMMIT: kind = .submodule
        default: kind = .blob
        }
        return TreeEntry(name: name, oid: oid, kind: kind)
    }
}

extension Repository {
    /// Lets this handle read the objects of `other` too (an in-memory alternate object
    /// store; nothing is written to disk), as git's push quarantine lets a hook see the
    /// objects of a push before they land.
    public func borrowObjects(from other: Repository) throws {
        var odb: OpaquePointer?
        try git("git_repository_odb") { git_repository_odb(&odb, handle) }
        defer { git_odb_free(odb) }
        let objects = (other.gitDirectory as NSString).appendingPathComponent("objects")
        try git("git_odb_add_disk_alternate") { git_odb_add_disk_alternate(odb, objects) }
    }
}

extension Repository {
    /// The size in bytes of object `oid`, read from its header without inflating it (a
    /// packed delta reports the size of the object it rebuilds).
    /// - Throws: `GitError` `.notFound` when there is no such object.
    public func objectSize(_ oid: Oid) throws -> Int {
        var db: OpaquePointer?
        try git("git_repository_odb") { git_repository_odb(&db, handle) }
        defer { git_odb_free(db) }
        var raw = oid.raw
        var size = 0
        var type = GIT_OBJECT_ANY
        try git("git_odb_read_header", object: oid) { git_odb_read_header(&size, &type, db, &raw) }
        return size
    }
}
