import Git

/// What a tree arriving from elsewhere (a child's push, a hub's `main`) may not hold,
/// because it could escape the repository or the unit's folder once checked out: symbolic
/// links, submodules, entries named `.git` (in any letter case), `.` or `..`, names with a
/// path separator or NUL, and two names in one folder that differ only in letter case
/// (one would overwrite the other on Windows and macOS file systems).
enum TreeSafety {
    /// Every problem of `tree`, as `path: what is wrong`; empty when the tree is safe.
    static func problems(in tree: Oid, git: Repository, limit: Int = 20) throws -> [String] {
        var problems: [String] = []
        var pending: [(String, Oid)] = [("", tree)]
        while let (base, oid) = pending.popLast(), problems.count < limit {
            var seen: [String: String] = [:]
            for entry in try git.tree(oid) {
                let path = base + entry.name
                if let problem = problem(name: entry.name) {
                    problems.append("\(path): \(problem)")
                    continue
                }
                if let other = seen[entry.name.lowercased()] {
                    problems.append("\(path): differs from \(base)\(other) only in letter case; one would overwrite the other on case-insensitive file systems")
                }
                seen[entry.name.lowercased()] = entry.name
                switch entry.kind {
                case .symlink: problems.append("\(path): a symbolic link; plan repositories hold only plain files")
                case .submodule: problems.append("\(path): a submodule; plan repositories hold only plain files")
                case .tree: pending.append((path + "/", entry.oid))
                case .blob, .executable: break
                }
            }
        }
        return problems
    }

    static func problem(name: String) -> String? {
        if name.lowercased() == ".git" { return "an entry named .git could overwrite the repository itself" }
        if name == "." || name == ".." || name.isEmpty { return "'\(name)' is not a file name" }
        if name.contains("/") || name.contains("\\") || name.contains("\0") { return "the name contains a path separator or NUL" }
        return nil
    }
}
