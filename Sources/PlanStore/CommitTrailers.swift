import Git
import PlanModel

/// The `Key: value` lines the tool records in the last paragraph of its commit messages —
/// the one place that writes them and the one that reads them.
///
/// - `Level:` and `Parent-Unit:` — `init` (the unit's level, its parent);
/// - `Parent-Unit:`, `Parent-Commit:` — `pull` (the parent version it derived from);
/// - `Child-Unit:`, `Child-Commit:`, `Accepted-Rewrite:` — `collect` (the child head it
///   merged, the head collected before when the child rewrote its history);
/// - `Forced-Below-Inherited:` — `target set --force` (the inherited floor it went below);
/// - `Approval:` — `approve`, `waive`, `reopen` (the approval's new state);
/// - `Source-Commit:` — `publish` (the `main` commit the targets were published from);
/// - `Replaces:`, `Provisional:` — `report` (each figure a report replaced, `CODE
///   old-figure`; the last day of a period still running when it was reported).
///
/// Reading scans the message's bytes once (a pull's message lists every target it changed,
/// and `check` reads the trailers of every commit of a unit's history); the walk over a
/// unit's own line of work is ``FirstParentTrailers``.
public struct CommitTrailers: Hashable, Sendable {
    /// A trailer key, spelled as it is written.
    public struct Key: RawRepresentable, Hashable, Sendable, CaseIterable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let level = Key(rawValue: "Level")
        public static let parentUnit = Key(rawValue: "Parent-Unit")
        public static let parentCommit = Key(rawValue: "Parent-Commit")
        public static let childUnit = Key(rawValue: "Child-Unit")
        public static let childCommit = Key(rawValue: "Child-Commit")
        public static let acceptedRewrite = Key(rawValue: "Accepted-Rewrite")
        public static let forcedBelowInherited = Key(rawValue: "Forced-Below-Inherited")
        public static let approval = Key(rawValue: "Approval")
        public static let sourceCommit = Key(rawValue: "Source-Commit")
        public static let replaces = Key(rawValue: "Replaces")
        public static let provisional = Key(rawValue: "Provisional")
        /// `reorg …` and the `pull` that applies a decision: the decision's id.
        public static let reorgDecision = Key(rawValue: "Reorg-Decision")

        public static let allCases: [Key] = [
            .level, .parentUnit, .parentCommit, .childUnit, .childCommit, .acceptedRewrite, .forcedBelowInherited, .approval,
            .sourceCommit, .replaces, .provisional, .reorgDecision,
        ]

        /// `Key:` as bytes, what a message must contain to carry the trailer.
        var marker: [UInt8] { Array((rawValue + ":").utf8) }
    }

    /// One trailer line.
    public struct Entry: Hashable, Sendable {
        public let key: String
        public let value: String
    }

    /// The trailers in the order they are written (or were read).
    public private(set) var entries: [Entry]

    public init(_ entries: [(Key, String)] = []) {
        self.entries = entries.map { Entry(key: $0.0.rawValue, value: $0.1) }
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// Adds a trailer after the others.
    public mutating func append(_ key: Key, _ value: String) { entries.append(Entry(key: key.rawValue, value: value)) }

    // MARK: - Writing

    /// `init`: the unit's level and, when it has one, its parent.
    public static func initialise(level: String, parent: String?) -> CommitTrailers {
        var trailers = CommitTrailers([(.level, level)])
        if let parent { trailers.append(.parentUnit, parent) }
        return trailers
    }

    /// `pull`: the parent unit and the commit of its published targets derived from.
    public static func pull(parent: String, commit: Oid) -> CommitTrailers {
        CommitTrailers([(.parentUnit, parent), (.parentCommit, commit.hex)])
    }

    /// `collect`: the child and the head merged; `acceptedRewrite` is the head collected
    /// before, when the child rewrote its history and the rewrite was accepted.
    public static func collect(child: String, commit: Oid, acceptedRewrite: Oid?) -> CommitTrailers {
        var trailers = CommitTrailers([(.childUnit, child), (.childCommit, commit.hex)])
        if let acceptedRewrite { trailers.append(.acceptedRewrite, acceptedRewrite.hex) }
        return trailers
    }

    /// `target set --force` below the inherited floor (nil: not forced, no trailer).
    public static func targetSet(forcedBelow floor: String?) -> CommitTrailers {
        floor.map { CommitTrailers([(.forcedBelowInherited, $0)]) } ?? CommitTrailers()
    }

    /// `approve`, `waive`, `reopen`: the approval's new state.
    public static func approval(state: String) -> CommitTrailers { CommitTrailers([(.approval, state)]) }

    /// `publish`: the `main` commit the targets come from.
    public static func publish(source: Oid) -> CommitTrailers { CommitTrailers([(.sourceCommit, source.hex)]) }

    /// `report`: each figure the report replaced, by indicator code, with its old text.
    /// - Parameter provisional: the period's last day when it was still running.
    public static func report(replaced: [(indicator: String, figure: String)], provisional: CivilDate? = nil) -> CommitTrailers {
        CommitTrailers(replaced.map { (.replaces, "\($0.indicator) \($0.figure)") } + (provisional.map { [(.provisional, "runs until \($0)")] } ?? []))
    }

    /// The trailer block: one `Key: value` line each, every line ending in a newline.
    public var block: String { entries.map { "\($0.key): \($0.value)\n" }.joined() }

    /// A commit message: `body`, a blank line and the trailer block; `body` and a newline
    /// when there are no trailers.
    public func message(_ body: String) -> String { isEmpty ? body + "\n" : body + "\n\n" + block }

    // MARK: - Reading

    /// The trailers of `message`: the `Key: value` lines of its last paragraph (none in a
    /// one-paragraph message), values trimmed of spaces.
    public init(parsing message: String) {
        var message = message
        entries = message.withUTF8 { Self.parse($0) }
    }

    /// The trailers of `commit`'s message.
    public init(_ commit: Commit) { self.init(parsing: commit.message) }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> [Entry] {
        var end = bytes.count
        while end > 0 && bytes[end - 1] == 0x0A { end -= 1 }
        // The last paragraph starts after the last blank line.
        var start = end - 1
        while start > 0 && !(bytes[start] == 0x0A && bytes[start - 1] == 0x0A) { start -= 1 }
        guard start > 0 else { return [] }
        var entries: [Entry] = []
        for line in bytes[(start + 1)..<end].split(separator: 0x0A) {
            guard let colon = line.firstIndex(of: 0x3A), colon > line.startIndex else { continue }
            let key = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
            var from = colon + 1, to = line.endIndex
            while from < to, bytes[from] == 0x20 || bytes[from] == 0x09 { from += 1 }
            while to > from, bytes[to - 1] == 0x20 || bytes[to - 1] == 0x09 { to -= 1 }
            entries.append(Entry(key: key, value: String(decoding: bytes[from..<to], as: UTF8.self)))
        }
        return entries
    }

    /// Every value of `key`, in order.
    public func values(_ key: Key) -> [String] { entries.filter { $0.key == key.rawValue }.map(\.value) }

    /// The last value of `key`.
    public func last(_ key: Key) -> String? { entries.last { $0.key == key.rawValue }?.value }

    /// Whether the message carries `key` at all.
    public func contains(_ key: Key) -> Bool { entries.contains { $0.key == key.rawValue } }

    /// `Parent-Unit:` (init, pull).
    public var parentUnit: String? { last(.parentUnit) }
    /// `Parent-Commit:` as written (a pull).
    public var parentCommitText: String? { last(.parentCommit) }
    /// `Parent-Commit:` as a commit id (nil: no pull, or not a commit id).
    public var parentCommit: Oid? { parentCommitText.flatMap(Oid.init(hex:)) }
    /// Whether the commit is a pull.
    public var isPull: Bool { contains(.parentCommit) }
    /// `Child-Unit:` (a collect).
    public var childUnit: String? { last(.childUnit) }
    /// `Child-Commit:` as written.
    public var childCommitText: String? { last(.childCommit) }
    /// `Accepted-Rewrite:` as written.
    public var acceptedRewrite: String? { last(.acceptedRewrite) }
    /// `Forced-Below-Inherited:`, the floor a forced target went below.
    public var forcedBelowInherited: String? { last(.forcedBelowInherited) }
    /// `Approval:`, the approval state an approval commit wrote.
    public var approval: String? { last(.approval) }
    /// `Source-Commit:` as written (a publish).
    public var sourceCommit: String? { last(.sourceCommit) }

    /// The child and the child head a collect merge brought in: `Child-Commit:`, else the
    /// merge's second parent. Nil for anything but a two-parent commit with `Child-Unit:`.
    public static func collected(by commit: Commit) -> (child: String, head: Oid)? {
        guard commit.parents.count == 2, mentions(.childUnit, commit) else { return nil }
        let trailers = CommitTrailers(commit)
        guard let child = trailers.childUnit else { return nil }
        return (child, trailers.childCommitText.flatMap(Oid.init(hex:)) ?? commit.parents[1])
    }

    /// The child a collect merge brought in (see ``collected(by:)``).
    public static func collectedChild(of commit: Commit) -> String? { collected(by: commit)?.child }

    /// Whether `key:` occurs anywhere in the commit's message (else it has no such trailer):
    /// most commits carry none, and this is cheaper than parsing.
    public static func mentions(_ key: Key, _ commit: Commit) -> Bool {
        let needle = key.marker
        var message = commit.message
        return message.withUTF8 { bytes in
            guard bytes.count >= needle.count else { return false }
            for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
                if (1..<needle.count).allSatisfy({ bytes[start + $0] == needle[$0] }) { return true }
            }
            return false
        }
    }
}
