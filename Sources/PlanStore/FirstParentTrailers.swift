import Foundation
import Git

/// What a unit's own line of work (`main`'s first parents) records in its commit trailers
/// (``CommitTrailers``), read in ONE walk: the child head the latest collect of each child
/// merged, and the parent commit the latest pull derived from.
///
/// The one first-parent walker over the trailers: `pull`, `collect`, `approve`, `check`,
/// `verify` and the audit queries ask it (``lastDerivedParentCommit(in:from:)``,
/// ``lastCollected(_:in:from:)``, or a whole record when they need many children).
struct FirstParentTrailers {
    /// Child id → the child head recorded by the latest collect of that child.
    private(set) var collected: [String: Oid] = [:]
    /// The parent commit recorded by the latest pull (nil: none, or not a commit id).
    private(set) var derivedFrom: Oid?
    /// How many commits the walk read (those after the newest cached record).
    private(set) var walked = 0
    /// Whether the walk went to the line's start, no cached record used.
    private(set) var walkedWhole = true

    /// Walks the first-parent line from `head` back to the newest commit the
    /// ``TrailerCache`` holds a record of (else to its start), and keeps a record at `head`
    /// when the walk was long.
    /// - Parameter keepingAfter: leave a record at `head` when the walk read at least this
    ///   many commits (a collect keeps one at its new head; tests pass `.max` to see what an
    ///   existing entry gives).
    init(from head: Oid, in git: Repository, cached: Bool = true, keepingAfter: Int = TrailerCache.worthKeeping) throws {
        let cache = cached ? TrailerCache(git: git) : nil
        let known = cache?.entries() ?? []
        var derivedFound = false
        var next: Oid? = head
        while let oid = next {
            if known.contains(oid.hex), let record = cache?.read(oid) {
                // What the older line recorded, under what the newer commits recorded.
                collected.merge(record.collected) { newer, _ in newer }
                if !derivedFound, record.derivedFound {
                    derivedFound = true
                    derivedFrom = record.derivedFrom
                }
                walkedWhole = false
                break
            }
            let commit = try git.commit(oid)
            walked += 1
            // A trailer's key is in the message's bytes; most commits have neither, and
            // parsing the trailers is the expensive part.
            if !derivedFound, CommitTrailers.mentions(.parentCommit, commit), let hex = CommitTrailers(commit).parentCommitText {
                derivedFound = true
                derivedFrom = Oid(hex: hex)
            }
            if let (child, head) = CommitTrailers.collected(by: commit), collected[child] == nil {
                collected[child] = head
            }
            next = commit.parents.first
        }
        if walked >= keepingAfter {
            cache?.write(Record(commit: head, collected: collected, derivedFound: derivedFound, derivedFrom: derivedFrom))
        }
    }

    /// The whole first-parent line walked from `head`, no cache asked (what the cache must
    /// agree with).
    static func uncached(from head: Oid, in git: Repository) throws -> FirstParentTrailers {
        try FirstParentTrailers(from: head, in: git, cached: false)
    }

    /// Visits `main`'s first-parent line from `head`, newest first, while `visit` says go on.
    static func walk(from head: Oid, in git: Repository, _ visit: (Commit) throws -> Bool) throws {
        for oid in try git.history(from: [head], firstParentOnly: true) {
            if try !visit(try git.commit(oid)) { return }
        }
    }

    /// Every collect merge on the first-parent line from `head`, newest first.
    static func collects(from head: Oid, in git: Repository) throws -> [(child: String, head: Oid, merge: Commit)] {
        var collects: [(child: String, head: Oid, merge: Commit)] = []
        try walk(from: head, in: git) { commit in
            if let (child, collected) = CommitTrailers.collected(by: commit) { collects.append((child, collected, commit)) }
            return true
        }
        return collects
    }

    /// The parent commit recorded by the latest pull on `main`'s first-parent line.
    static func lastDerivedParentCommit(in git: Repository, from head: Oid) throws -> Oid? {
        try lastDerivation(in: git, from: head)?.parent
    }

    /// The latest pull on `main`'s first-parent line: the parent commit it derived from
    /// (nil when its trailer is not a commit id) and the unit's own commit that recorded it.
    static func lastDerivation(in git: Repository, from head: Oid) throws -> (parent: Oid?, pull: Oid)? {
        var found: (parent: Oid?, pull: Oid)?
        try walk(from: head, in: git) { commit in
            guard CommitTrailers.mentions(.parentCommit, commit), let hex = CommitTrailers(commit).parentCommitText else { return true }
            found = (Oid(hex: hex), commit.oid)
            return false
        }
        return found
    }

    /// The child head recorded by the latest collect of `child` on `main`'s first-parent line.
    static func lastCollected(_ child: String, in git: Repository, from head: Oid) throws -> Oid? {
        var found: Oid?
        try walk(from: head, in: git) { commit in
            guard let collect = CommitTrailers.collected(by: commit), collect.child == child else { return true }
            found = collect.head
            return false
        }
        return found
    }

    /// The records of each head already walked in one command.
    final class Index {
        let git: Repository
        private var records: [Oid: FirstParentTrailers] = [:]

        init(_ git: Repository) {
            self.git = git
        }

        func callAsFunction(_ head: Oid) throws -> FirstParentTrailers {
            if let known = records[head] { return known }
            let record = try FirstParentTrailers(from: head, in: git)
            records[head] = record
            return record
        }
    }
}
