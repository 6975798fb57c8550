import Git
import PlanModel

/// Who made a commit, when, and on whose authority — what every audit line names.
public struct CommitInfo: Encodable, Hashable, Sendable {
    /// The full commit id.
    public let commit: String
    public let author: String
    public let email: String
    /// The author's date and time, in the author's own time zone.
    public let time: Timestamp
    /// The first line of the message.
    public let summary: String
    /// What the tool recorded as the commit's authority, from its trailers: the parent
    /// version a pull derived from, the child head a collect merged, a forced value.
    public var authority: String? { authorityMessage?.description }
    /// ``authority`` in the reader's language.
    public let authorityMessage: Message?

    public var date: CivilDate { time.date }
    public var short: String { String(commit.prefix(7)) }

    init(_ commit: Commit) {
        self.commit = commit.oid.hex
        author = commit.author.name
        email = commit.author.email
        time = Timestamp(commit.author)
        summary = commit.summary
        authorityMessage = Self.authority(of: commit)
    }

    static func authority(of commit: Commit) -> Message? {
        var parts: [Message.Value] = []
        func part(_ code: String, _ arguments: [String: Message.Value]) { parts.append(.message(Message(code, arguments))) }
        let trailers = CommitTrailers(commit)
        if let parent = trailers.parentCommitText {
            part("log.authority.pull", [
                "parent": trailers.parentUnit.map { .text($0) } ?? .message(Message("log.authority.parent")), "commit": .text(String(parent.prefix(7))),
            ])
        }
        if let child = trailers.childCommitText {
            part("log.authority.collect", [
                "child": trailers.childUnit.map { .text($0) } ?? .message(Message("log.authority.child")), "commit": .text(String(child.prefix(7))),
            ])
        }
        if let rewritten = trailers.acceptedRewrite {
            part("log.authority.accepted-rewrite", ["commit": .text(String(rewritten.prefix(7)))])
        }
        if let floor = trailers.forcedBelowInherited {
            part("log.authority.forced", ["floor": .text(floor)])
        }
        if let source = trailers.sourceCommit {
            part("log.authority.published", ["commit": .text(String(source.prefix(7)))])
        }
        return parts.isEmpty ? nil : Message("log.authority", ["parts": .list(parts, separator: "; ")])
    }

    enum CodingKeys: String, CodingKey {
        case commit, author, email, date, time, summary, authority
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(commit, forKey: .commit)
        try c.encode(author, forKey: .author)
        try c.encode(email, forKey: .email)
        try c.encode(date, forKey: .date)
        try c.encode(time, forKey: .time)
        try c.encode(summary, forKey: .summary)
        try c.encodeIfPresent(authority, forKey: .authority)
    }
}
