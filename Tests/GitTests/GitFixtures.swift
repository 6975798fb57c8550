import Git
import TestSupport

/// Writes `files` on top of `parent`'s tree (or an empty tree) and commits them.
func commitFiles(
    _ repo: Repository, _ files: [String: String?], parent: Oid?, message: String = "test commit",
    moving reference: String? = "refs/heads/main"
) throws -> Oid {
    var changes: [String: TreeChange] = [:]
    for (path, content) in files {
        if let content {
            changes[path] = .blob(try repo.writeBlob(Array(content.utf8)))
        } else {
            changes[path] = .remove
        }
    }
    let base = try parent.map { try repo.commit($0).tree }
    let tree = try repo.updateTree(base, changes)
    let oid = try repo.createCommit(
        tree: tree, parents: parent.map { [$0] } ?? [], author: IsolatedGit.author, committer: IsolatedGit.author,
        message: message)
    if let reference {
        try repo.updateReference(reference, to: oid, expected: parent, message: "test")
    }
    return oid
}

func text(_ repo: Repository, _ path: String, at commit: Oid) throws -> String? {
    guard let entry = try repo.entry(at: path, in: try repo.commit(commit).tree) else { return nil }
    return String(decoding: try repo.blob(entry.oid), as: UTF8.self)
}
