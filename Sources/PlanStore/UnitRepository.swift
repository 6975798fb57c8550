import Foundation
import Git
import PlanModel

/// A unit's repository (working clone, bare repository or hub) seen through the layout:
/// reads documents from `main` and commits changes to it with compare-and-swap.
public final class UnitRepository {
    public let git: Repository
    /// Held while this handle lives when opened with ``open(at:)``: one plancascade process
    /// at a time in a repository.
    private var lock: RepositoryLock?

    /// Where notes about repairs go (a stale lock removed, a checkout finished, a wait for
    /// another process); given by whoever opens the repository — the CLI prints them on
    /// standard error in its user's language.
    public let notice: Notice

    /// Receives the notes of a ``UnitRepository`` (see ``notice``).
    public typealias Notice = (Message) -> Void

    /// How old a `*.lock` file left in the repository must be before it is taken for one a
    /// killed process left (a live git process holds its locks for milliseconds).
    static let staleLockAge: TimeInterval = 2

    /// From how many changed files a commit's objects are written as one pack.
    static let packThreshold = 16

    /// When set, ``commit(_:message:identity:parents:)`` writes nothing: it records what it
    /// would have committed there and throws ``DryRun/Stopped`` (`report --dry-run`).
    public var dryRun: DryRun?

    public init(_ git: Repository, notice: @escaping Notice = { _ in }) {
        self.git = git
        self.notice = notice
    }

    /// Opens the repository that contains `path` (searching upwards like git).
    /// - Parameter reading: the command only reads (log, check, verify, export…): on a
    ///   repository this user cannot write (an inspector's read-only copy, a read-only
    ///   mount) it runs without the lock instead of refusing — git's refs and objects are
    ///   written atomically, so a reader never sees half a commit.
    /// - Throws: `PlanStoreError.notAUnitRepository` when there is none.
    public static func open(at path: String, notice: @escaping Notice = { _ in }, reading: Bool = false) throws -> UnitRepository {
        do {
            let repository = UnitRepository(try Repository.discover(from: path), notice: notice)
            do {
                try repository.takeLock()
            } catch RepositoryLock.Failure.io(_, _, let code) where reading && (code == EROFS || code == EACCES || code == EPERM) {
                return repository  // read-only: nothing to lock against, nothing to repair
            } catch let failure as RepositoryLock.Failure {
                throw PlanStoreError.io(path: repository.displayRoot, reason: failure.description)
            }
            try repository.recoverInterruptedCheckout()
            return repository
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
            throw PlanStoreError.invalidDocument(path: path, findings: findings.map(\.lineMessage))
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
    /// can be run again). The commit is signed as ``CommitSigning`` says for `purpose`.
    /// - Returns: the new commit, or nil when the changes leave the tree as it was.
    @discardableResult
    public func commit(
        _ changes: [String: [UInt8]?], message: String, identity: Identity, parents extraParents: [Oid] = [],
        purpose: CommitSigning.Purpose = .ordinary
    ) throws -> Oid? {
        let parent = try head()
        try ensureWorkTreeAllows(Array(changes.keys))
        if let dryRun {
            for (path, bytes) in changes {
                let now = try file(path)
                if now != bytes {
                    dryRun.changes[path] = bytes
                    dryRun.before[path] = now
                }
            }
            dryRun.message = message
            throw DryRun.Stopped(dryRun: dryRun)
        }
        let write = {
            var treeChanges: [String: TreeChange] = [:]
            for (path, bytes) in changes {
                treeChanges[path] = try bytes.map { .blob(try self.git.writeBlob($0)) } ?? .remove
            }
            let baseTree = try parent.map { try self.git.commit($0).tree }
            let tree = try self.git.updateTree(baseTree, treeChanges)
            if tree == baseTree && extraParents.isEmpty { return nil as Oid? }
            return try self.writeCommit(
                tree: tree, parents: (parent.map { [$0] } ?? []) + extraParents, identity: identity, message: message, purpose: purpose)
        }
        // Many files (a pull, an import) go into one pack; a few stay loose objects, so
        // that everyday commits do not pile up small packs.
        let written = changes.count >= Self.packThreshold ? try git.writingOnePack(write) : try write()
        guard let oid = written else { return nil }
        try advanceMain(to: oid, from: parent, message: "plancascade: " + firstLine(message))
        return oid
    }

    /// Moves `main` from `previous` to `commit` with compare-and-swap and brings the work
    /// tree along. A journal in the git directory records the move first, so that a
    /// process killed between moving the ref and finishing the checkout leaves a state the
    /// next `open` completes (``recoverInterruptedCheckout()``), never a work tree that
    /// looks like someone's uncommitted edits.
    /// - Throws: `PlanStoreError.concurrentUpdate` when another process moved `main` first.
    func advanceMain(to commit: Oid, from previous: Oid?, message: String) throws {
        let journal = checkoutJournal
        if let journal {
            try DurableFile.write(Array("\(previous?.hex ?? "-") \(commit.hex)\n".utf8), to: journal)
        }
        do {
            try git.updateReference(Layout.mainBranch, to: commit, expected: previous, message: message)
        } catch let error as GitError where [.modified, .exists, .locked].contains(error.code) {
            if let journal { try? FileManager.default.removeItem(atPath: journal) }
            throw PlanStoreError.concurrentUpdate(reference: Layout.mainBranch)
        }
        try refreshWorkTree(to: commit, from: previous)
        if let journal { try? FileManager.default.removeItem(atPath: journal) }
    }

    /// Takes the repository lock (waiting for another plancascade process), then removes
    /// the `*.lock` files that a killed process left: with the lock held, none belongs to a
    /// live plancascade, and one that stays older than ``staleLockAge`` belongs to no live
    /// git command either.
    func takeLock() throws {
        do {
            lock = try RepositoryLock(gitDirectory: git.gitDirectory) {
                self.notice(Message("notice.waiting", ["root": .text(self.displayRoot)]))
            }
        } catch let failure as RepositoryLock.Failure {
            if case .io(_, _, let code) = failure, code == EROFS || code == EACCES || code == EPERM {
                throw failure  // `open(at:reading:)` decides whether a read-only repository will do
            }
            throw PlanStoreError.io(path: displayRoot, reason: failure.description)
        }
        if git.isBare {
            // A hub: git servers write here too and may hold a lock right now; take only
            // locks no live writer keeps so long, and never wait.
            for file in RepositoryLock.staleLockFiles(in: git.gitDirectory, olderThan: 30) {
                try? FileManager.default.removeItem(atPath: (git.gitDirectory as NSString).appendingPathComponent(file))
                notice(Message("notice.lock-removed", ["file": .text(file), "root": .text(displayRoot)]))
            }
            return
        }
        Self.settleLocks(in: git.gitDirectory, shownAs: displayRoot, removeAfter: Self.staleLockAge, notice: notice)
    }

    /// Waits up to `age` seconds for the `*.lock` files in `gitDirectory` to go away, and
    /// removes each one that is still there once it is `age` seconds old (a live writer
    /// holds its locks for milliseconds; a killed one leaves them for ever). A lock younger
    /// than that when the wait ends belongs to a live writer and is left alone.
    static func settleLocks(in gitDirectory: String, shownAs display: String, removeAfter age: TimeInterval, notice: Notice) {
        let deadline = Date().addingTimeInterval(age + 0.1)  // a lock from before the wait is old enough by then
        while !RepositoryLock.staleLockFiles(in: gitDirectory, olderThan: 0).isEmpty {
            for file in RepositoryLock.staleLockFiles(in: gitDirectory, olderThan: age) {
                try? FileManager.default.removeItem(atPath: (gitDirectory as NSString).appendingPathComponent(file))
                notice(Message("notice.lock-removed", ["file": .text(file), "root": .text(display)]))
            }
            if Date() >= deadline { return }
            usleep(50_000)
        }
    }

    /// The journal of a work-tree update in progress; nil in a bare repository or when
    /// another branch is checked out.
    var checkoutJournal: String? {
        guard !git.isBare, git.headReferenceName == Layout.mainBranch else { return nil }
        return (git.gitDirectory as NSString).appendingPathComponent("plancascade-checkout")
    }

    /// Finishes a work-tree update that a killed process left half done: when `main` is
    /// where the journal says it was going, the checkout from the journal's start is run
    /// again (files edited by hand are kept); otherwise the journal is stale and removed.
    func recoverInterruptedCheckout() throws {
        // A power cut can leave an index renamed into place before its bytes were on disk.
        if checkoutJournal != nil, git.indexIsTruncated, let main = try head() {
            try git.rebuildIndex(from: main, leavingOut: Layout.childrenFolder)
            notice(Message("notice.index-rebuilt", ["root": .text(displayRoot), "commit": .text(main.short)]))
        }
        guard let journal = checkoutJournal, let data = FileManager.default.contents(atPath: journal) else { return }
        let parts = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace).map(String.init)
        if parts.count == 2, let target = Oid(hex: parts[1]), try head() == target {
            let start = parts[0] == "-" ? nil : Oid(hex: parts[0])
            do {
                try git.updateWorkTree(to: target, from: start, leavingOut: Layout.childrenFolder)
            } catch let error as GitError where error.code == .conflict {
                // The killed checkout already wrote some of these files: write exactly the
                // paths the tool's commit changed, which nobody else was editing meanwhile.
                let before = try start.map { try git.files(in: try git.commit($0).tree) } ?? [:]
                let after = try git.files(in: try git.commit(target).tree)
                let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }
                try git.updateWorkTree(to: target, from: start, force: true, paths: changed.sorted(), leavingOut: Layout.childrenFolder)
            }
            notice(Message("notice.checkout-finished", ["root": .text(displayRoot), "commit": .text(target.short)]))
        }
        try FileManager.default.removeItem(atPath: journal)
    }

    /// Refuses when the work tree has uncommitted edits to any of `paths`.
    func ensureWorkTreeAllows(_ paths: [String]) throws {
        guard !git.isBare, git.headReferenceName == Layout.mainBranch else { return }
        let dirty = Set(try git.changedPaths(in: paths))
        let touched = paths.filter { path in dirty.contains(path) || dirty.contains { $0.hasPrefix(path + "/") } }
        if !touched.isEmpty { throw PlanStoreError.dirtyWorkTree(paths: touched.sorted()) }
    }

    /// Brings index and work tree from `previous` to `commit` after the tool moved `main`.
    /// The collected `children/` stay in the index but out of the work tree: nobody edits
    /// them there, every command reads them from the commit, and at a province's top they
    /// are ~86,000 files (millions at a ministry's).
    func refreshWorkTree(to commit: Oid, from previous: Oid?) throws {
        guard !git.isBare, git.headReferenceName == Layout.mainBranch else { return }
        try git.updateWorkTree(to: commit, from: previous, leavingOut: Layout.childrenFolder)
    }

    private func firstLine(_ message: String) -> String {
        String(message.split(separator: "\n", maxSplits: 1).first ?? "")
    }
}

/// What a command would have committed, for `--dry-run` (see ``UnitRepository/dryRun``).
public final class DryRun: @unchecked Sendable {
    /// The files the commit would have changed (path → new bytes, nil to delete); empty when
    /// the commit would have changed nothing.
    public internal(set) var changes: [String: [UInt8]?] = [:]
    /// Those files as they are on `main` (nil: not there yet).
    public internal(set) var before: [String: [UInt8]?] = [:]
    /// The commit message it would have had.
    public internal(set) var message = ""
    /// Shows the user what would have been committed (the command that asked for the dry run).
    public let show: (DryRun) -> Void

    public init(show: @escaping (DryRun) -> Void) {
        self.show = show
    }

    /// Thrown by ``UnitRepository/commit(_:message:identity:parents:)`` instead of writing;
    /// the command line shows ``dryRun`` and ends successfully.
    public struct Stopped: Error {
        public let dryRun: DryRun
    }
}
