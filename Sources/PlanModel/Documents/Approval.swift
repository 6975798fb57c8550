/// `approvals/<child-id>/<period>.json`: a parent's decision on one child's report for one
/// period, recorded in the parent's history (`plancascade approve`, `plancascade reopen`).
///
/// An `approved` record locks the child's report files as they were collected: `files`
/// maps each path (relative to the child's folder) to the blob id approved. A later
/// change to one of those files is a `changed-after-approval` finding and is refused by
/// the parent hub's `pre-receive` hook. `waived` releases a child that cannot report
/// (with a reason), so that the parent can still be approved bottom-up; `reopened` sends
/// the report back. Earlier decisions stay in the file's git history.
public struct Approval: Codable, Hashable, Sendable, VersionedDocument {
    public enum State: String, Codable, Hashable, Sendable, CaseIterable, JSONEnumeration {
        /// The report is accepted and closed.
        case approved
        /// The child is excused from reporting the period.
        case waived
        /// The report is sent back; the child may change it again.
        case reopened

        /// Whether the period counts as settled for the bottom-up rule.
        public var settles: Bool { self != .reopened }
    }

    public var schema: Int
    /// The child whose report this is.
    public var child: String
    public var period: Period
    public var state: State
    /// Who decided, as `Name <email>` (the committer of the decision).
    public var by: String
    public var at: Timestamp
    /// Why: required for `waived` and `reopened`.
    public var reason: String?
    /// For `approved`: the child's report files (path within the child's folder → blob id).
    public var files: [String: String]
    /// The child's head as collected when the decision was made (40 hexadecimal digits).
    public var childCommit: String?

    public init(
        schema: Int = PlanModel.schemaVersion, child: String, period: Period, state: State, by: String, at: Timestamp,
        reason: String? = nil, files: [String: String] = [:], childCommit: String? = nil
    ) {
        self.schema = schema
        self.child = child
        self.period = period
        self.state = state
        self.by = by
        self.at = at
        self.reason = reason
        self.files = files
        self.childCommit = childCommit
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case schema, child, period, state, by, at, reason, files, childCommit
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try decodeSchema(c, forKey: .schema)
        child = try c.decode(String.self, forKey: .child)
        period = try c.decode(Period.self, forKey: .period)
        state = try c.decode(State.self, forKey: .state)
        by = try c.decode(String.self, forKey: .by)
        at = try c.decode(Timestamp.self, forKey: .at)
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
        files = try c.decodeIfPresent([String: String].self, forKey: .files) ?? [:]
        childCommit = try c.decodeIfPresent(String.self, forKey: .childCommit)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(child, forKey: .child)
        try c.encode(period, forKey: .period)
        try c.encode(state, forKey: .state)
        try c.encode(by, forKey: .by)
        try c.encode(at, forKey: .at)
        try c.encodeIfPresent(reason, forKey: .reason)
        if !files.isEmpty { try c.encode(files, forKey: .files) }
        try c.encodeIfPresent(childCommit, forKey: .childCommit)
    }

    /// The files of a child's report for `period`, relative to the child's folder: its own
    /// figures and, for a unit with children, its rollup.
    /// Whether `path` is a report or rollup file of `period` or of a period within it
    /// (`progress/2024/2024-11-18.json` within `2024-11`): what an approval may lock.
    public static func isReportFile(_ path: String, within period: Period) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "progress" || parts[0] == "rollup", parts[1] == "\(period.year)", parts[2].hasSuffix(".json"),
              let reported = Period(String(parts[2].dropLast(5))) else { return false }
        return period.start <= reported.start && reported.end <= period.end
    }

    public static func reportFiles(for period: Period) -> [String] {
        ["progress/\(period.year)/\(period.description).json", "rollup/\(period.year)/\(period.description).json"]
    }
}
