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
    public let authority: String?

    public var date: CivilDate { time.date }
    public var short: String { String(commit.prefix(7)) }

    init(_ commit: Commit) {
        self.commit = commit.oid.hex
        author = commit.author.name
        email = commit.author.email
        time = ReportWorkflow.timestamp(commit.author)
        summary = commit.summary
        authority = Self.authority(of: commit)
    }

    static func authority(of commit: Commit) -> String? {
        var parts: [String] = []
        let trailers = CommitTrailers(commit)
        if let parent = trailers.parentCommitText {
            parts.append("pull from \(trailers.parentUnit ?? "parent")@\(parent.prefix(7))")
        }
        if let child = trailers.childCommitText {
            parts.append("collect of \(trailers.childUnit ?? "child")@\(child.prefix(7))")
        }
        if let rewritten = trailers.acceptedRewrite {
            parts.append("accepted rewrite of \(rewritten.prefix(7))")
        }
        if let floor = trailers.forcedBelowInherited {
            parts.append("forced below inherited \(floor)")
        }
        if let source = trailers.sourceCommit {
            parts.append("published from \(source.prefix(7))")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
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
