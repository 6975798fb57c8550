internal import CLibGit2
import Foundation

extension Repository {
    /// Paths whose work-tree or index state differs from `HEAD` (untracked files included,
    /// ignored files not), sorted; empty for a bare repository. Files kept out of the work
    /// tree on purpose (skip-worktree, see ``updateWorkTree(to:from:force:paths:leavingOut:)``)
    /// are not changes.
    /// - Parameter paths: when given, only these files and folders are looked at (cheap in a
    ///   large work tree).
    public func changedPaths(in paths: [String]? = nil) throws -> [String] {
        guard !isBare else { return [] }
        if let paths, paths.isEmpty { return [] }
        var options = git_status_options()
        try git("git_status_options_init") { git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION)) }
        options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR
        options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS.rawValue
        if paths != nil { options.flags |= GIT_STATUS_OPT_DISABLE_PATHSPEC_MATCH.rawValue }
        var list: OpaquePointer?
        try withStrings(paths ?? []) { pathspec in
            if paths != nil { options.pathspec = pathspec }
            try git("git_status_list_new") { git_status_list_new(&list, handle, &options) }
        }
        defer { git_status_list_free(list) }
        var index: OpaquePointer?
        try git("git_repository_index") { git_repository_index(&index, handle) }
        defer { git_index_free(index) }
        var changed: [String] = []
        for position in 0..<git_status_list_entrycount(list) {
            guard let entry = git_status_byindex(list, position) else { continue }
            let delta = entry.pointee.index_to_workdir ?? entry.pointee.head_to_index
            guard let raw = delta?.pointee.new_file.path ?? delta?.pointee.old_file.path else { continue }
            if entry.pointee.status == GIT_STATUS_WT_DELETED, let staged = git_index_get_bypath(index, raw, 0),
               staged.pointee.flags_extended & UInt16(GIT_INDEX_ENTRY_SKIP_WORKTREE.rawValue) != 0 {
                continue  // libgit2 does not honour skip-worktree in status; git does
            }
            changed.append(String(cString: raw))
        }
        return changed.sorted()
    }

    /// Brings the index and work tree from `previous` (what they showed, nil for nothing)
    /// to `commit`, after the tool moved the branch without touching the work tree.
    ///
    /// Only paths that differ between the two trees are written. A file edited locally
    /// that would be overwritten makes libgit2 refuse with `.conflict` and nothing is
    /// touched, unless `force`.
    /// - Parameters:
    ///   - paths: when given, only these exact paths are checked out.
    ///   - folder: a top-level folder kept in the index but out of the work tree (git's
    ///     skip-worktree; `git` itself is told so by a sparse-checkout pattern): its files
    ///     are never written, whatever its size. A copy left in the work tree from before
    ///     is removed.
    public func updateWorkTree(to commit: Oid, from previous: Oid?, force: Bool = false, paths: [String]? = nil, leavingOut folder: String? = nil) throws {
        guard !isBare else { return }
        let baseline = try previous.map { try self.commit($0).tree } ?? emptyTree()
        let target = try self.commit(commit).tree
        guard let folder else {
            try checkout(target, baseline: baseline, force: force, paths: paths)
            try syncIndex()
            return
        }
        try keepOutOfWorkTree(folder)
        var changed = try changedFiles(from: baseline, to: target, skipping: folder)
        if let paths { changed = changed.filter(Set(paths).contains) }
        if !changed.isEmpty {
            try checkout(target, baseline: baseline, force: force, paths: changed)
        }
        let leftOver = (workDirectory ?? "") + folder
        let stale = FileManager.default.fileExists(atPath: leftOver)
        let before = try entry(at: folder, in: baseline)?.oid, after = try entry(at: folder, in: target)?.oid
        if stale || before != after {
            try indexTree(target, skippingWorkTreeUnder: folder)
        }
        if stale { try FileManager.default.removeItem(atPath: leftOver) }
        try syncIndex()
    }

    /// Makes the index survive a power cut: `fsync` of the index file and of the git
    /// directory that names it. libgit2 1.5 renames `index.lock` into place without syncing
    /// it, even with its git-directory fsync on (git's `core.fsync=index` syncs it first).
    public func syncIndex() throws {
        for path in [(gitDirectory as NSString).appendingPathComponent("index"), gitDirectory] {
            let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                if errno == ENOENT { continue }
                throw GitError(code: .generic, message: "cannot open \(path): \(String(cString: strerror(errno)))", function: "fsync")
            }
            defer { Glibc.close(fd) }
            guard Glibc.fsync(fd) == 0 else {
                throw GitError(code: .generic, message: "cannot sync \(path): \(String(cString: strerror(errno)))", function: "fsync")
            }
        }
    }

    /// Whether the index file is there but too short to be one (what a power cut can leave
    /// of an index renamed into place before its bytes reached the disk): git refuses to work
    /// with it ("index file smaller than expected").
    public var indexIsTruncated: Bool {
        guard !isBare, let attributes = try? FileManager.default.attributesOfItem(atPath: (gitDirectory as NSString).appendingPathComponent("index")),
              let size = attributes[.size] as? Int else { return false }
        // A header (12 bytes) and the trailing checksum (20) at the least.
        return size < 32
    }

    /// Writes the index again from `commit`'s tree, entries under `folder` marked
    /// skip-worktree, as ``updateWorkTree(to:from:force:paths:leavingOut:)`` leaves it.
    public func rebuildIndex(from commit: Oid, leavingOut folder: String) throws {
        let index = (gitDirectory as NSString).appendingPathComponent("index")
        try? FileManager.default.removeItem(atPath: index)
        try indexTree(try self.commit(commit).tree, skippingWorkTreeUnder: folder)
        try syncIndex()
    }

    private func checkout(_ target: Oid, baseline: Oid, force: Bool, paths: [String]?) throws {
        try withTree(baseline) { baselineTree in
            try withTree(target) { targetTree in
                try withStrings(paths ?? []) { pathspec in
                    var options = git_checkout_options()
                    try git("git_checkout_options_init") { git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)) }
                    options.checkout_strategy = force ? GIT_CHECKOUT_FORCE.rawValue : GIT_CHECKOUT_SAFE.rawValue
                    if paths != nil {
                        options.checkout_strategy |= GIT_CHECKOUT_DISABLE_PATHSPEC_MATCH.rawValue
                        options.paths = pathspec
                    }
                    options.baseline = baselineTree
                    _ = try git("git_checkout_tree") { git_checkout_tree(handle, targetTree, &options) }
                }
            }
        }
    }

    /// The files that differ between trees `old` and `new` (added, changed or removed),
    /// without descending into equal subtrees or into the top-level `skipped` folder.
    public func changedFiles(from old: Oid?, to new: Oid?, skipping skipped: String? = nil, prefix: String = "") throws -> [String] {
        guard old != new else { return [] }
        let before = try old.map { try Dictionary(tree($0).map { ($0.name, $0) }) { a, _ in a } } ?? [:]
        let after = try new.map { try Dictionary(tree($0).map { ($0.name, $0) }) { a, _ in a } } ?? [:]
        var changed: [String] = []
        for name in Set(before.keys).union(after.keys).sorted() where prefix.isEmpty ? name != skipped : true {
            let a = before[name], b = after[name]
            guard a?.oid != b?.oid || a?.kind != b?.kind else { continue }
            let path = prefix + name
            if a?.kind == .tree || b?.kind == .tree {
                changed += try changedFiles(from: a?.kind == .tree ? a?.oid : nil, to: b?.kind == .tree ? b?.oid : nil, prefix: path + "/")
            }
            if (a != nil && a?.kind != .tree) || (b != nil && b?.kind != .tree) { changed.append(path) }
        }
        return changed
    }

    /// Tells `git` to leave `folder` out of the work tree too: `core.sparseCheckout` with a
    /// pattern for everything but it (git's own commands honour it; libgit2 ignores it).
    private func keepOutOfWorkTree(_ folder: String) throws {
        let file = gitDirectory + "info/sparse-checkout"
        let patterns = "/*\n!/\(folder)/\n"
        if try configString("core.sparseCheckout") == "true", FileManager.default.contents(atPath: file) == Data(patterns.utf8) { return }
        try FileManager.default.createDirectory(atPath: gitDirectory + "info", withIntermediateDirectories: true)
        try Data(patterns.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
        try setConfig("core.sparseCheckout", "true")
    }

    /// Rebuilds the index from `tree` (stat data of unchanged files kept) with every entry
    /// under `folder` marked skip-worktree, and writes it.
    private func indexTree(_ tree: Oid, skippingWorkTreeUnder folder: String) throws {
        var index: OpaquePointer?
        try git("git_repository_index") { git_repository_index(&index, handle) }
        defer { git_index_free(index) }
        try withTree(tree) { treeHandle in
            _ = try git("git_index_read_tree") { git_index_read_tree(index, treeHandle) }
        }
        var position = 0
        let prefix = folder + "/"
        if git_index_find_prefix(&position, index, prefix) == 0 {
            while let entry = git_index_get_byindex(index, position), let path = entry.pointee.path,
                  strncmp(path, prefix, prefix.utf8.count) == 0 {
                // The entry is libgit2's own: marking it in place is what `git update-index
                // --skip-worktree` does; the index writer stores extended flags (version 3).
                let mutable = UnsafeMutablePointer(mutating: entry)
                mutable.pointee.flags_extended |= UInt16(GIT_INDEX_ENTRY_SKIP_WORKTREE.rawValue)
                mutable.pointee.flags |= UInt16(GIT_INDEX_ENTRY_EXTENDED.rawValue)
                position += 1
            }
        }
        try git("git_index_write") { git_index_write(index) }
    }

    /// Calls `body` with `strings` as a `git_strarray` (valid only inside `body`).
    func withStrings<R>(_ strings: [String], _ body: (git_strarray) throws -> R) throws -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        defer { pointers.forEach { free($0) } }
        return try pointers.withUnsafeMutableBufferPointer { buffer in
            try body(git_strarray(strings: buffer.baseAddress, count: buffer.count))
        }
    }
}
