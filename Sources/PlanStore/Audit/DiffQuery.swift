import Cascade
import Foundation
import Git
import PlanModel

/// `plancascade diff`: the semantic difference of targets, tasks, rules, figures and rollups
/// between two commits, or between a commit and the work tree (what a clerk is about to
/// commit), for the unit and everything collected under `children/`.
public struct DiffQuery {
    public struct Result: Encodable, Sendable {
        /// The older side: a full commit id.
        public let from: String
        /// The newer side: a full commit id, or nil for the work tree.
        public let to: String?
        public let changes: [SemanticChange]

        enum CodingKeys: String, CodingKey { case schema, from, to, changes }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(1, forKey: .schema)
            try c.encode(from, forKey: .from)
            try c.encode(to ?? "work-tree", forKey: .to)
            try c.encode(changes, forKey: .changes)
        }
    }

    public init() {}

    /// - Parameters:
    ///   - from: a revision (default: `main`).
    ///   - to: a revision (default: the work tree; in a bare repository, `main`).
    /// - Throws: `PlanStoreError.invalidArgument` when a revision names no commit.
    public func run(in repository: UnitRepository, from: String? = nil, to: String? = nil) throws -> Result {
        let git = repository.git
        guard let head = try repository.head() else { throw PlanStoreError.notAUnitRepository(path: repository.displayRoot) }
        let old = try from.map { try Self.resolve($0, in: git) } ?? head
        let oldTree = try git.commit(old).tree
        let reader = DocumentReader(git)
        let diff = TreeDiff(git: git)
        if let to {
            let new = try Self.resolve(to, in: git)
            let newTree = try git.commit(new).tree
            let unit = try reader.unitID(in: newTree) ?? reader.unitID(in: oldTree) ?? "?"
            var changes: [SemanticChange] = []
            for change in try diff.changes(from: oldTree, to: newTree) {
                let owner = DocumentPath(change.path)?.unitPath.last ?? unit
                changes += try reader.changes(file: change.path, unit: owner, old: change.old, new: change.new)
            }
            return Result(from: old.hex, to: new.hex, changes: changes)
        }
        // The work tree: what differs from `main` on disk, plus what `main` changed since `from`.
        let headTree = try git.commit(head).tree
        guard let root = git.workDirectory else {
            return try run(in: repository, from: old.hex, to: head.hex)
        }
        let edited = Set(try git.changedPaths().filter { DocumentPath($0) != nil })
        let committed = try diff.changes(from: oldTree, to: headTree).map(\.path)
        let unit = try reader.unitID(in: headTree) ?? "?"
        var changes: [SemanticChange] = []
        for path in Set(committed).union(edited).sorted() {
            let before = try reader.value(try git.entry(at: path, in: oldTree)?.oid)
            let after: JSONValue?
            if edited.contains(path) {
                let file = root + path
                after = FileManager.default.fileExists(atPath: file) ? Self.parse(file) : nil
            } else {
                after = try reader.value(try git.entry(at: path, in: headTree)?.oid)
            }
            let owner = DocumentPath(path)?.unitPath.last ?? unit
            changes += SemanticDiff.changes(file: path, unit: owner, old: before, new: after)
        }
        return Result(from: old.hex, to: nil, changes: changes)
    }

    /// A file of the work tree, parsed (see ``DocumentReader/parse(_:)``).
    static func parse(_ file: String) -> JSONValue {
        guard let data = FileManager.default.contents(atPath: file) else { return .string("(unreadable file)", at: .unknown) }
        return DocumentReader.parse(Array(data))
    }

    /// The commit a revision names.
    static func resolve(_ revision: String, in git: Repository) throws -> Oid {
        do {
            return try git.resolveCommit(revision)
        } catch let error as GitError {
            throw PlanStoreError.invalidArgument(
                name: "revision", value: revision,
                reason: "names no commit here (\(error.message)); give a commit id, `main`, `HEAD~1` or a tag")
        }
    }
}
