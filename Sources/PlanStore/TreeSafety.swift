import Git

/// What a tree arriving from elsewhere (a child's push, a hub's `main`) may not hold,
/// because it could escape the repository or the unit's folder once checked out: symbolic
/// links, submodules, entries named `.git` (in any letter case), `.` or `..`, names with a
/// path separator or NUL, and two names in one folder that differ only in letter case
/// (one would overwrite the other on Windows and macOS file systems).
enum TreeSafety {
    /// Every problem of `tree`, as `path: what is wrong`; empty when the tree is safe.
    /// - Parameter known: a tree found safe before (the same child's tree collected last
    ///   time): folders it holds unchanged at the same path are not walked again, so a
    ///   province's collect at the top of a nation looks at what changed, not at the
    ///   ~60,000 files of each province.
    static func problems(in tree: Oid, git: Repository, known: Oid? = nil, limit: Int = 20) throws -> [String] {
        var problems: [String] = []
        var pending: [(String, Oid, Oid?)] = [("", tree, known)]
        while let (base, oid, before) = pending.popLast(), problems.count < limit {
            if oid == before { continue }
            let previous = try before.map { try Dictionary(git.tree($0).map { ($0.name, $0) }) { first, _ in first } } ?? [:]
            var seen: [String: String] = [:]
            for entry in try git.tree(oid) {
                let path = base + entry.name
                if let problem = problem(name: entry.name) {
                    problems.append("\(path): \(problem)")
                    continue
                }
                let folded = entry.name.lowercased()
                if let other = seen[folded] {
                    problems.append("\(path): differs from \(base)\(other) only in letter case; one would overwrite the other on case-insensitive file systems")
                }
                seen[folded] = entry.name
                switch entry.kind {
                case .symlink: problems.append("\(path): a symbolic link; plan repositories hold only plain files")
                case .submodule: problems.append("\(path): a submodule; plan repositories hold only plain files")
                case .tree:
                    let was = previous[entry.name].flatMap { $0.kind == .tree ? $0.oid : nil }
                    pending.append((path + "/", entry.oid, was))
                case .blob, .executable: break
                }
            }
        }
        return problems
    }

    static func problem(name: String) -> String? {
        if name.lowercased() == ".git" { return "an entry named .git could overwrite the repository itself" }
        if name == "." || name == ".." || name.isEmpty { return "'\(name)' is not a file name" }
        // Byte tests: String.contains(String) goes through Foundation and costs ~1 µs a name.
        if name.utf8.contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") || $0 == 0 }) {
            return "the name contains a path separator or NUL"
        }
        return nil
    }
}
