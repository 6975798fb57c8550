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
        if let parent = commit.trailers("Parent-Commit").last {
            parts.append("pull from \(commit.trailers("Parent-Unit").last ?? "parent")@\(parent.prefix(7))")
        }
        if let child = commit.trailers("Child-Commit").last {
            parts.append("collect of \(commit.trailers("Child-Unit").last ?? "child")@\(child.prefix(7))")
        }
        if let rewritten = commit.trailers("Accepted-Rewrite").last {
            parts.append("accepted rewrite of \(rewritten.prefix(7))")
        }
        if let floor = commit.trailers("Forced-Below-Inherited").last {
            parts.append("forced below inherited \(floor)")
        }
        if let source = commit.trailers("Source-Commit").last {
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
