import Foundation
import Git
import PlanModel

/// A missing or damaged object, said where it hurts: its id, the ref and file that need it,
/// and the repair that fits — a child's object is fetched again from the hub (or the child
/// asked to push again), the unit's own from its hub, the parent's targets by `pull`.
public struct DamagedObject: Equatable, Sendable {
    /// Where the object is needed: a ref, and the file (or folder) of its tree that holds the
    /// object, nil when it is a commit of the ref's history.
    public struct Need: Equatable, Sendable {
        public let ref: String
        public let path: String?

        /// `refs/children/<id>/main → progress/2024/2024-11.json`, in the reader's language.
        public var message: Message {
            path.map { Message("damage.needed.file", ["ref": .text(ref), "path": .text($0)]) }
                ?? Message("damage.needed.commit", ["ref": .text(ref)])
        }

        /// The child whose push brought the object: the ref's, or the first folder of a
        /// collected child's path in the unit's own tree.
        var child: String? {
            if ref.hasPrefix("refs/children/") {
                return ref.dropFirst("refs/children/".count).split(separator: "/").first.map(String.init)
            }
            guard let path, path.hasPrefix(Layout.childrenFolder + "/") else { return nil }
            return path.dropFirst(Layout.childrenFolder.count + 1).split(separator: "/").first.map(String.init)
        }
    }

    public let object: Oid
    public let need: Need?

    /// Whether `error` is libgit2 meeting a missing or damaged object (named or not).
    static func isDamage(_ error: any Error) -> Bool {
        switch error {
        case let error as GitError: return error.isDamagedObject
        case PlanStoreError.git(let error): return error.isDamagedObject
        default: return false
        }
    }

    /// The object a libgit2 error says is missing or damaged; nil for any other error.
    public static func object(in error: any Error) -> Oid? {
        let gitError: GitError
        switch error {
        case let error as GitError: gitError = error
        case PlanStoreError.git(let error): gitError = error
        default: return nil
        }
        guard gitError.isDamagedObject else { return nil }
        return gitError.message.split(whereSeparator: { !$0.isHexDigit }).first { $0.count == 40 }.flatMap { Oid(hex: String($0)) }
    }

    /// The error's message with the ref and file that need the object and the repair, when
    /// `error` is about a damaged object of the repository at `path` and the object is found
    /// needed there; nil otherwise (the error's own message stands).
    public static func message(for error: any Error, repositoryAt path: String) -> Message? {
        guard object(in: error) != nil, let git = try? Repository.discover(from: path) else { return nil }
        return message(for: error, in: git)
    }

    /// ``message(for:repositoryAt:)`` in the repository `git`.
    static func message(for error: any Error, in git: Repository) -> Message? {
        guard let object = object(in: error), let need = locate(object, in: git) else { return nil }
        let gitError: GitError
        switch error {
        case let error as GitError: gitError = error
        case PlanStoreError.git(let error): gitError = error
        default: return nil
        }
        return Message("error.git-damaged-at", [
            "function": .text(gitError.function), "detail": .text(gitError.message), "object": .text(String(object.hex.prefix(12))),
            "needed": .message(need.message), "repair": .message(repair(for: need)),
        ])
    }

    /// What to do about a damaged object needed at `need`.
    static func repair(for need: Need) -> Message {
        if let child = need.child { return Message("damage.repair.child", ["child": .text(child)]) }
        if need.ref == Layout.parentTrackingTargets { return Message("damage.repair.parent") }
        return Message("damage.repair.own")
    }

    /// The first ref (main first, then the children's pushes, the published targets, the
    /// rest) whose tip, tree or recent history holds `object`. Trees are walked by their
    /// entries' ids, so nothing damaged needs reading; a folder seen once is not walked again.
    static func locate(_ object: Oid, in git: Repository) -> Need? {
        let all = (try? git.references(matching: "refs/*")) ?? []
        let rank = { (name: String) -> Int in
            name == Layout.mainBranch ? 0 : name.hasPrefix("refs/children/") ? 1 : name == Layout.targetsBranch ? 2
                : name == Layout.parentTrackingTargets ? 3 : 4
        }
        let refs = all.sorted { (rank($0.name), $0.name) < (rank($1.name), $1.name) }
        var seen: Set<Oid> = []
        for (name, tip) in refs {
            if tip == object { return Need(ref: name, path: nil) }
            guard let commit = try? git.commit(tip) else { continue }
            if let path = find(object, in: commit.tree, git: git, seen: &seen) { return Need(ref: name, path: path) }
        }
        // A commit or a file of an older commit: the newest commits of each ref.
        for (name, tip) in refs {
            var oid: Oid? = tip, steps = 0
            while let current = oid, steps < 200, let commit = try? git.commit(current) {
                if commit.parents.contains(object) { return Need(ref: name, path: nil) }
                if let path = find(object, in: commit.tree, git: git, seen: &seen) { return Need(ref: name, path: path) }
                oid = commit.parents.first
                steps += 1
            }
        }
        return nil
    }

    /// The path of `object` inside `tree` (a folder's path ends in `/`), nil when it is not
    /// there.
    private static func find(_ object: Oid, in tree: Oid, git: Repository, seen: inout Set<Oid>) -> String? {
        if tree == object { return "/" }
        var pending: [(String, Oid)] = [("", tree)]
        while let (base, oid) = pending.popLast() {
            guard seen.insert(oid).inserted, let entries = try? git.tree(oid) else { continue }
            for entry in entries {
                if entry.oid == object { return base + entry.name + (entry.kind == .tree ? "/" : "") }
                if entry.kind == .tree { pending.append((base + entry.name + "/", entry.oid)) }
            }
        }
        return nil
    }
}
