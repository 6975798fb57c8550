internal import CLibGit2
import Foundation

extension Repository {
    /// Paths whose work-tree or index state differs from `HEAD` (untracked files included,
    /// ignored files not), sorted; empty for a bare repository.
    public func changedPaths() throws -> [String] {
        guard !isBare else { return [] }
        var options = git_status_options()
        try git("git_status_options_init") { git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION)) }
        options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR
        options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS.rawValue
        var list: OpaquePointer?
        try git("git_status_list_new") { git_status_list_new(&list, handle, &options) }
        defer { git_status_list_free(list) }
        var paths: [String] = []
        for index in 0..<git_status_list_entrycount(list) {
            guard let entry = git_status_byindex(list, index) else { continue }
            let delta = entry.pointee.index_to_workdir ?? entry.pointee.head_to_index
            if let path = delta?.pointee.new_file.path ?? delta?.pointee.old_file.path {
                paths.append(String(cString: path))
            }
        }
        return paths.sorted()
    }

    /// Brings the index and work tree from `previous` (what they showed, nil for nothing)
    /// to `commit`, after the tool moved the branch without touching the work tree.
    ///
    /// Only paths that differ between the two trees are written. A file edited locally
    /// that would be overwritten makes libgit2 refuse with `.conflict` and nothing is
    /// touched, unless `force`.
    /// - Parameter paths: when given, only these exact paths are checked out.
    public func updateWorkTree(to commit: Oid, from previous: Oid?, force: Bool = false, paths: [String]? = nil) throws {
        guard !isBare else { return }
        let baseline = try previous.map { try self.commit($0).tree } ?? emptyTree()
        let target = try self.commit(commit).tree
        var cStrings: [UnsafeMutablePointer<CChar>?] = (paths ?? []).map { strdup($0) }
        defer { cStrings.forEach { free($0) } }
        try withTree(baseline) { baselineTree in
            try withTree(target) { targetTree in
                try cStrings.withUnsafeMutableBufferPointer { buffer in
                    var options = git_checkout_options()
                    try git("git_checkout_options_init") { git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)) }
                    options.checkout_strategy = force ? GIT_CHECKOUT_FORCE.rawValue : GIT_CHECKOUT_SAFE.rawValue
                    if paths != nil {
                        options.checkout_strategy |= GIT_CHECKOUT_DISABLE_PATHSPEC_MATCH.rawValue
                        options.paths = git_strarray(strings: buffer.baseAddress, count: buffer.count)
                    }
                    options.baseline = baselineTree
                    _ = try git("git_checkout_tree") { git_checkout_tree(handle, targetTree, &options) }
                }
            }
        }
    }
}
