internal import CLibGit2

extension Repository {
    /// Writes a new tree: `base` (nil for an empty one) with `changes` applied, path by path.
    ///
    /// Directories are created as needed and directories left empty are removed, so the
    /// same content always gives the same tree id. Works without a work tree or index.
    /// - Parameters:
    ///   - base: the tree to start from.
    ///   - changes: `/`-separated paths relative to the root, each with what to put there.
    /// - Returns: the new tree's id.
    public func updateTree(_ base: Oid?, _ changes: [String: TreeChange]) throws -> Oid {
        var grouped: [[Substring]: TreeChange] = [:]
        for (path, change) in changes {
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && $0 != ".git" }) else {
                throw GitError(code: .invalid, message: "invalid path '\(path)' in a tree update", function: "Repository.updateTree")
            }
            grouped[parts] = change
        }
        return try write(base: base, changes: grouped) ?? writeEmptyTree()
    }

    /// Applies `changes` (paths relative to this level) to `base`; nil when the result is empty.
    private func write(base: Oid?, changes: [[Substring]: TreeChange]) throws -> Oid? {
        var builder: OpaquePointer?
        if let base {
            try withTree(base) { tree in
                _ = try git("git_treebuilder_new") { git_treebuilder_new(&builder, handle, tree) }
            }
        } else {
            try git("git_treebuilder_new") { git_treebuilder_new(&builder, handle, nil) }
        }
        defer { git_treebuilder_free(builder) }

        var nested: [Substring: [[Substring]: TreeChange]] = [:]
        for (parts, change) in changes {
            if parts.count == 1 {
                try apply(change, name: String(parts[0]), to: builder)
            } else {
                nested[parts[0], default: [:]][Array(parts.dropFirst())] = change
            }
        }
        for (directory, inner) in nested {
            let name = String(directory)
            var existing: Oid?
            if let entry = git_treebuilder_get(builder, name), git_tree_entry_filemode(entry) == GIT_FILEMODE_TREE {
                existing = Oid(git_tree_entry_id(entry))
            }
            if let subtree = try write(base: existing, changes: inner) {
                try apply(.tree(subtree), name: name, to: builder)
            } else {
                try apply(.remove, name: name, to: builder)
            }
        }
        if git_treebuilder_entrycount(builder) == 0 { return nil }
        var oid = git_oid()
        try git("git_treebuilder_write") { git_treebuilder_write(&oid, builder) }
        return Oid(oid)
    }

    private func apply(_ change: TreeChange, name: String, to builder: OpaquePointer?) throws {
        switch change {
        case .remove:
            if git_treebuilder_get(builder, name) != nil {
                try git("git_treebuilder_remove") { git_treebuilder_remove(builder, name) }
            }
        case .blob(let oid), .tree(let oid):
            var raw = oid.raw
            let mode: git_filemode_t
            if case .tree = change { mode = GIT_FILEMODE_TREE } else { mode = GIT_FILEMODE_BLOB }
            try git("git_treebuilder_insert") { git_treebuilder_insert(nil, builder, name, &raw, mode) }
        }
    }

    private func writeEmptyTree() throws -> Oid {
        var builder: OpaquePointer?
        try git("git_treebuilder_new") { git_treebuilder_new(&builder, handle, nil) }
        defer { git_treebuilder_free(builder) }
        var oid = git_oid()
        try git("git_treebuilder_write") { git_treebuilder_write(&oid, builder) }
        return Oid(oid)
    }
}
