import Foundation
import Git
import PlanModel

/// A unit's repository (working clone, bare repository or hub) seen through the layout:
/// reads documents from `main` and commits changes to it with compare-and-swap.
public final class UnitRepository {
    public let git: Repository

    public init(_ git: Repository) {
        self.git = git
    }

    /// Opens the repository that contains `path` (searching upwards like git).
    /// - Throws: `PlanStoreError.notAUnitRepository` when there is none.
    public static func open(at path: String) throws -> UnitRepository {
        do {
            return UnitRepository(try Repository.discover(from: path))
        } catch let error as GitError where error.code == .notFound {
            throw PlanStoreError.notAUnitRepository(path: path)
        }
    }

    /// Where the user sees the repository: its work tree, or the git directory when bare.
    public var displayRoot: String {
        let root = git.workDirectory ?? git.gitDirectory
        return root.hasSuffix("/") ? String(root.dropLast()) : root
    }

    /// The commit `main` points at; nil before the first commit.
    public func head() throws -> Oid? {
        try git.referenceTarget(Layout.mainBranch)
    }

    /// The bytes of `path` in `commit` (default: `main`), nil when absent.
    public func file(_ path: String, at commit: Oid? = nil) throws -> [UInt8]? {
        guard let commit = try commit ?? head() else { return nil }
        guard let entry = try git.entry(at: path, in: try git.commit(commit).tree), entry.kind != .tree else { return nil }
        return try git.blob(entry.oid)
    }

    /// Decodes the document at `path` in `commit` (default: `main`); nil when absent.
    /// - Throws: `PlanStoreError.invalidDocument` naming every problem when it is not valid.
    public func document<T: Decodable>(_ type: T.Type, at path: String, in commit: Oid? = nil) throws -> T? {
        guard let bytes = try file(path, at: commit) else { return nil }
        do {
            return try CanonicalJSON.decode(type, from: bytes, file: path)
        } catch PlanModelError.invalid(let findings) {
            throw PlanStoreError.invalidDocument(path: path, findings: findings.map(\.description))
        }
    }

    /// The unit described by `unit.json` on `main`.
    public func unit() throws -> PlanModel.Unit {
        guard let unit = try document(PlanModel.Unit.self, at: Layout.unitFile) else {
            throw PlanStoreError.notAUnitRepository(path: displayRoot)
        }
        return unit
    }

    /// Commits `changes` (path → new bytes, or nil to delete) on top of `main` and moves
    /// `main` with compare-and-swap; updates the work tree when the repository has one.
    ///
    /// Nothing is written when the work tree has uncommitted edits to the same paths, and
    /// nothing is lost when another process moved `main` meanwhile (the command fails and
    /// can be run again).
    /// - Returns: the new commit, or nil when the changes leave the tree as it was.
    @discardableResult
    public func commit(_ changes: [String: [UInt8]?], message: String, identity: Identity, parents extraParents: [Oid] = []) throws -> Oid? {
        let parent = try head()
        try ensureWorkTreeAllows(Array(changes.keys))
        var treeChanges: [String: TreeChange] = [:]
        for (path, bytes) in changes {
            treeChanges[path] = try bytes.map { .blob(try git.writeBlob($0)) } ?? .remove
        }
        let baseTree = try parent.map { try git.commit($0).tree }
        let tree = try git.updateTree(baseTree, treeChanges)
        if tree == baseTree && extraParents.isEmpty { return nil }
        let oid = try git.createCommit(
            tree: tree, parents: (parent.map { [$0] } ?? []) + extraParents,
            author: identity.author, committer: identity.committer, message: message)
        do {
            try git.updateReference(Layout.mainBranch, to: oid, expected: parent, message: "plancascade: " + firstLine(message))
        } catch let error as GitError where [.modified, .exists, .locked].contains(error.code) {
            throw PlanStoreError.concurrentUpdate(reference: Layout.mainBranch)
        }
        try refreshWorkTree(to: oid, from: parent)
        return oid
    }

    /// Refuses when the work tree has uncommitted edits to any of `paths`.
    func ensureWorkTreeAllows(_ paths: [String]) throws {
        guard !git.isBare, git.headReferenceName == Layout.mainBranch else { return }
        let dirty = Set(try git.changedPaths())
        let touched = paths.filter { path in dirty.contains(path) || dirty.contains { $0.hasPrefix(path + "/") } }
        if !touched.isEmpty { throw PlanStoreError.dirtyWorkTree(paths: touched.sorted()) }
    }

    /// Brings index and work tree from `previous` to `commit` after the tool moved `main`.
    func refreshWorkTree(to commit: Oid, from previous: Oid?) throws {
        guard !git.isBare, git.headReferenceName == Layout.mainBranch else { return }
        try git.updateWorkTree(to: commit, from: previous)
    }

    private func firstLine(_ message: String) -> String {
        String(message.split(separator: "\n", maxSplits: 1).first ?? "")
    }
}
