import Git
import PlanModel

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
    static func problems(in tree: Oid, git: Repository, known: Oid? = nil, limit: Int = 20) throws -> [Message] {
        var problems: [Message] = []
        var pending: [(String, Oid, Oid?)] = [("", tree, known)]
        while let (base, oid, before) = pending.popLast(), problems.count < limit {
            if oid == before { continue }
            let previous = try before.map { try Dictionary(git.tree($0).map { ($0.name, $0) }) { first, _ in first } } ?? [:]
            let entries = try git.tree(oid)
            let (found, unsafe) = Self.problems(in: entries, at: base)
            problems += found
            for entry in entries where entry.kind == .tree && !unsafe.contains(entry.name) {
                let was = previous[entry.name].flatMap { $0.kind == .tree ? $0.oid : nil }
                pending.append((base + entry.name + "/", entry.oid, was))
            }
        }
        return problems
    }

    /// The problems of one folder's `entries` (its path `base`, ending in `/` or empty), and
    /// the names not to walk into: the one rule of ``problems(in:git:known:limit:)`` and of
    /// the walk ``ChildTreeCheck`` makes of a child's push (bounds and safety in one pass).
    static func problems(in entries: [TreeEntry], at base: String) -> (problems: [Message], unsafe: Set<String>) {
        var problems: [Message] = [], unsafe: Set<String> = []
        var seen: [String: String] = [:]
        for entry in entries {
            let path = base + entry.name
            if let problem = problem(name: entry.name) {
                problems.append(Message("workflow.tree.problem", ["path": .text(path), "problem": .message(problem)]))
                unsafe.insert(entry.name)
                continue
            }
            let folded = entry.name.lowercased()
            if let other = seen[folded] {
                problems.append(Message("workflow.tree.case-clash", ["path": .text(path), "other": .text(base + other)]))
            }
            seen[folded] = entry.name
            switch entry.kind {
            case .symlink: problems.append(Message("workflow.tree.symlink", ["path": .text(path)]))
            case .submodule: problems.append(Message("workflow.tree.submodule", ["path": .text(path)]))
            case .tree, .blob, .executable: break
            }
        }
        return (problems, unsafe)
    }

    static func problem(name: String) -> Message? {
        if name.lowercased() == ".git" { return Message("workflow.tree.dot-git") }
        if name == "." || name == ".." || name.isEmpty { return Message("workflow.tree.not-a-name", ["name": .text(name)]) }
        // Byte tests: String.contains(String) goes through Foundation and costs ~1 µs a name.
        if name.utf8.contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") || $0 == 0 }) {
            return Message("workflow.tree.separator")
        }
        return nil
    }
}
