import PlanModel

/// What `plancascade verify` looks for (README.md, "Auditor").
public enum AuditKind: String, Codable, Hashable, Sendable, CaseIterable {
    /// A child head that was collected is no longer reachable from the child's pushed ref.
    case rewrittenHistory = "rewritten-history"
    /// As above, but a later collect recorded `Accepted-Rewrite:` for it.
    case acceptedRewrite = "accepted-rewrite"
    /// A target's provenance names a parent commit no pull of the unit ever used.
    case forgedProvenance = "forged-provenance"
    /// Re-deriving from the parent commit the provenance names does not give the provenance.
    case provenanceMismatch = "provenance-mismatch"
    /// A stored rollup differs from its recomputation at the commit that wrote it.
    case rollupMismatch = "rollup-mismatch"
    /// A stored rollup that later commits (the unit's own report) made out of date; the next
    /// collect recomputes it.
    case staleRollup = "stale-rollup"
    /// A reported figure or task state changed after its period's deadline.
    case lateChange = "late-change"
    /// Something that could not be verified in this repository (a parent commit that is not
    /// here, a child whose pushes were never fetched).
    case notVerified = "not-verified"
}

/// One finding of `plancascade verify`: a value, never a thrown error (written, never read back).
public struct AuditFinding: Encodable, Hashable, Sendable {
    public var severity: Severity
    public var kind: AuditKind
    /// The unit the finding is about.
    public var unit: String
    public var item: String?
    public var period: String?
    /// The file, relative to the repository where `verify` ran.
    public var file: String?
    public var expected: String?
    public var actual: String?
    /// The commit that wrote the offending state (full id), and who made it when.
    public var commit: String?
    public var author: String?
    public var date: CivilDate?
    /// What is wrong and what to do about it.
    public var message: String

    public init(
        _ severity: Severity, _ kind: AuditKind, unit: String, item: String? = nil, period: String? = nil, file: String? = nil,
        expected: String? = nil, actual: String? = nil, commit: String? = nil, author: String? = nil, date: CivilDate? = nil,
        message: String
    ) {
        self.severity = severity
        self.kind = kind
        self.unit = unit
        self.item = item
        self.period = period
        self.file = file
        self.expected = expected
        self.actual = actual
        self.commit = commit
        self.author = author
        self.date = date
        self.message = message
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case severity, kind, unit, item, period, file, expected, actual, commit, author, date, message
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(severity.rawValue, forKey: .severity)
        try c.encode(kind, forKey: .kind)
        try c.encode(unit, forKey: .unit)
        try c.encodeIfPresent(item, forKey: .item)
        try c.encodeIfPresent(period, forKey: .period)
        try c.encodeIfPresent(file, forKey: .file)
        try c.encodeIfPresent(expected, forKey: .expected)
        try c.encodeIfPresent(actual, forKey: .actual)
        try c.encodeIfPresent(commit, forKey: .commit)
        try c.encodeIfPresent(author, forKey: .author)
        try c.encodeIfPresent(date, forKey: .date)
        try c.encode(message, forKey: .message)
    }
}
