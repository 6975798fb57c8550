import Git

/// What a unit's own line of work (`main`'s first parents) records in its commit trailers,
/// read in ONE walk: the child head the latest collect of each child merged, and the parent
/// commit the latest pull derived from.
///
/// The same answers as ``CollectWorkflow/lastCollected(_:in:from:)`` for every child and
/// ``PullWorkflow/lastDerivedParentCommit(in:from:)``, but a query that needs them for many
/// children walks the history once instead of once per child.
struct FirstParentTrailers {
    /// Child id → the child head recorded by the latest collect of that child.
    private(set) var collected: [String: Oid] = [:]
    /// The parent commit recorded by the latest pull (nil: none, or not a commit id).
    private(set) var derivedFrom: Oid?

    init(from head: Oid, in git: Repository) throws {
        var derivedFound = false
        for oid in try git.history(from: [head], firstParentOnly: true) {
            let commit = try git.commit(oid)
            // A trailer's key is in the message's bytes; most commits have neither, and
            // parsing the trailers is the expensive part.
            if !derivedFound, Self.mentions("Parent-Commit:", commit), let hex = commit.trailers("Parent-Commit").last {
                derivedFound = true
                derivedFrom = Oid(hex: hex)
            }
            if commit.parents.count == 2, Self.mentions("Child-Unit:", commit), let child = commit.trailers("Child-Unit").last,
               collected[child] == nil {
                collected[child] = commit.trailers("Child-Commit").last.flatMap(Oid.init(hex:)) ?? commit.parents[1]
            }
        }
    }

    /// Whether `key` occurs anywhere in the commit's message (else it has no such trailer).
    static func mentions(_ key: String, _ commit: Commit) -> Bool {
        let needle = Array(key.utf8)
        var message = commit.message
        return message.withUTF8 { bytes in
            guard bytes.count >= needle.count else { return false }
            for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
                if (1..<needle.count).allSatisfy({ bytes[start + $0] == needle[$0] }) { return true }
            }
            return false
        }
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
