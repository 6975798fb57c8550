internal import CLibGit2

extension Repository {
    /// The staged files (stage 0 of the index), path → blob id — what `git commit` would
    /// commit. Empty for a bare repository.
    public func stagedFiles() throws -> [String: Oid] {
        guard !isBare else { return [:] }
        var index: OpaquePointer?
        try git("git_repository_index") { git_repository_index(&index, handle) }
        defer { git_index_free(index) }
        try git("git_index_read") { git_index_read(index, 0) }
        var files: [String: Oid] = [:]
        for position in 0..<git_index_entrycount(index) {
            guard let entry = git_index_get_byindex(index, position), let path = entry.pointee.path else { continue }
            // Stage bits live in flags (GIT_INDEX_ENTRY_STAGEMASK = 0x3000); only stage 0 commits.
            guard (entry.pointee.flags & 0x3000) == 0 else { continue }
            files[String(cString: path)] = Oid(entry.pointee.id)
        }
        return files
    }
}
