import Cascade
import Git
import PlanModel

/// The commits of a unit's own history that changed what a child had pushed — the one rule
/// `check` and `verify` both apply, on the unit where they run and on every descendant as
/// collected.
///
/// In a unit's history, `children/<id>/` is written only by a collect of `<id>` (a merge
/// whose `Child-Commit:` is `<id>`'s pushed head), and then to exactly that head's tree. Any
/// other commit that changes the folder — a district's clerk editing a commune's collected
/// figure with plain git, backdated or not — is an error naming the commit and its author,
/// even when a later collect put the commune's own files back (the district's rollup of
/// that time counted a figure no commune reported). A `sync` merge that takes the folder
/// from its other parent is judged on that parent's line.
enum CollectedEdits {
    /// The edits of collected children's folders in the history of the unit `unit` whose
    /// head is `head`; `prefix` is the unit's folder in the repository where the check runs.
    /// - Parameter undone: the severity of an edit a later collect undid (the child's folder
    ///   at `head` is again what the child pushed): `verify` judges history, an error;
    ///   `check` judges what is in force now, a warning. An edit in force is an error.
    /// - Parameter trailers: the first-parent records of this run (the head each child was last
    ///   collected at).
    static func findings(
        unit: String, prefix: String, head: Oid, git: Repository, reader: DocumentReader, trailers: FirstParentTrailers.Index,
        undone: Severity = .error
    ) throws -> [Finding] {
        var findings: [Finding] = []
        let collected = try trailers(head).collected
        let current = try git.entry(at: Layout.childrenFolder, in: try git.commit(head).tree).flatMap { $0.kind == .tree ? $0.oid : nil }
        let currentFolders = try current.map { try Dictionary(git.tree($0).map { ($0.name, $0.oid) }) { first, _ in first } } ?? [:]
        /// Whether `id`'s folder at `head` is not what `id` last pushed.
        func inForce(_ id: String) throws -> Bool {
            guard let pushed = collected[id], git.contains(pushed) else { return currentFolders[id] != nil }
            return try currentFolders[id] != git.commit(pushed).tree
        }
        var pending = [head], seen: Set<Oid> = [head]
        var folders: [Oid: Oid?] = [:]
        func childrenFolder(_ commit: Commit) throws -> Oid? {
            if let known = folders[commit.oid] { return known }
            let folder = try git.entry(at: Layout.childrenFolder, in: commit.tree).flatMap { $0.kind == .tree ? $0.oid : nil }
            folders[commit.oid] = folder
            return folder
        }
        func entries(_ folder: Oid?) throws -> [String: Oid] {
            guard let folder else { return [:] }
            return Dictionary(try git.tree(folder).map { ($0.name, $0.oid) }) { first, _ in first }
        }
        while let oid = pending.popLast() {
            let commit = try git.commit(oid)
            let collect = CommitTrailers.collected(by: commit)
            // The unit's own parents: a collect's second parent is the child's head; another
            // merge's parents are this unit's lines (a `sync`) when they hold this unit.
            // A unit a reorganisation made begins at its `reorg start` commit, whose parents are
            // its predecessors' heads: their lines (and the children they collected) are not its own.
            let started = CommitTrailers.mentions(.reorgDecision, commit)
            var own: [Commit] = []
            for (index, parent) in commit.parents.enumerated() {
                if index > 0, collect != nil { break }
                let parentCommit = try git.commit(parent)
                if index > 0 || started, try reader.unitID(in: parentCommit.tree) != unit { continue }
                own.append(parentCommit)
                if seen.insert(parent).inserted { pending.append(parent) }
            }
            let after = try childrenFolder(commit)
            let first = own.first
            let before = try first.flatMap { try childrenFolder($0) }
            guard after != before else { continue }
            let now = try entries(after), was = try entries(before)
            let others = try own.dropFirst().map { try entries(try childrenFolder($0)) }
            for id in Set(now.keys).union(was.keys).sorted() where now[id] != was[id] {
                if let collect, collect.child == id, try git.contains(collect.head) && git.commit(collect.head).tree == now[id] { continue }
                if others.contains(where: { $0[id] == now[id] }) { continue }
                let files = try git.changedFiles(from: was[id], to: now[id]).sorted()
                let info = CommitInfo(commit)
                let folder = prefix + Layout.childFolder(id) + "/"
                let shown = files.prefix(3).map { folder + $0 }.joined(separator: ", ") + (files.count > 3 ? ", …" : "")
                findings.append(Finding(
                    try inForce(id) ? .error : undone, .editedCollected, unit: unit, item: id, file: files.first.map { folder + $0 } ?? folder,
                    commit: info.commit, author: info.author, date: info.date,
                    message: Message("history.edited-collected", [
                        "unit": .text(unit), "child": .text(id), "files": .text(shown.isEmpty ? folder : shown),
                        "commit": .text(info.short), "author": .text(info.author), "date": .date(info.date), "summary": .text(info.summary),
                    ])))
            }
        }
        return findings
    }
}
