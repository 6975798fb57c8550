internal import CLibGit2
import Foundation

extension Repository {
    /// Removes the loose file of object `oid` (`objects/xx/yyyy…`), as one does with a
    /// damaged object before fetching it again: the object database reads a loose file before
    /// it looks for another copy. Packed objects are left alone.
    /// - Returns: whether there was such a file.
    @discardableResult
    public func removeLooseObject(_ oid: Oid) throws -> Bool {
        let hex = oid.hex
        let path = (gitDirectory as NSString).appendingPathComponent("objects/\(hex.prefix(2))/\(hex.dropFirst(2))")
        guard FileManager.default.fileExists(atPath: path) else { return false }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw GitError(code: .generic, message: "cannot remove \(path): \(error.localizedDescription)", function: "removeLooseObject")
        }
        return true
    }

    /// Copies object `oid` from `other`'s object database into this one (read whole, its id
    /// checked by libgit2 as it reads, then written as it is): an object fetched again into a
    /// scratch repository replaces a damaged copy here. Inside ``writingOnePack(_:)`` the copy
    /// goes into the batch and is stored with its pack.
    /// - Throws: `GitError` when `other` lacks the object or its copy is damaged too.
    public func copyObject(_ oid: Oid, from other: Repository) throws {
        var source: OpaquePointer?
        try git("git_repository_odb") { git_repository_odb(&source, other.handle) }
        defer { git_odb_free(source) }
        var raw = oid.raw
        var object: OpaquePointer?
        try git("git_odb_read", object: oid) { git_odb_read(&object, source, &raw) }
        defer { git_odb_object_free(object) }
        var target: OpaquePointer?
        try git("git_repository_odb") { git_repository_odb(&target, handle) }
        defer { git_odb_free(target) }
        var written = git_oid()
        try git("git_odb_write", object: oid) {
            git_odb_write(&written, target, git_odb_object_data(object), git_odb_object_size(object), git_odb_object_type(object))
        }
        if batchOpen { batchCopies.append((Oid(written), git_odb_object_type(object) == GIT_OBJECT_TREE)) }
    }
}
