/// `plans/<year>/targets/<indicator>.json`: one target, one file, so merges stay fine-grained.
public struct Target: Codable, Hashable, Sendable, VersionedDocument {
    public var schema: Int
    /// The indicator code, also the file name.
    public var indicator: String
    public var value: Exact
    /// How the actual figure is compared with `value`.
    public var comparator: Comparator
    /// The other end of a `between` band ("từ vị trí thứ 31 đến 50": value 50, bound 31 for
    /// a rank); nil for every other comparator.
    public var bound: Exact?
    public var deadline: CivilDate?
    /// The lead agency (chủ trì).
    public var lead: String?
    /// Cooperating agencies (phối hợp).
    public var cooperating: [String]
    /// Cascade rule text for children, e.g. "uplift:5;exempt:BDT|TTR".
    public var rule: String?
    /// Set when this target was derived from the parent's.
    public var provenance: Provenance?
    /// The parent's explicit targets for some children, by child id (`plancascade import
    /// assignments`; 004 Phụ lục II "giao chỉ tiêu cụ thể cho các cơ quan, đơn vị, địa
    /// phương"): a child derives its value from here, with provenance rule `assigned`.
    public var assignments: [String: Assignment]
    /// Set when the unit derived this target from its own figure of the previous year
    /// (``YearOnYear``), not from a parent.
    public var versus: YearOnYear?

    public init(
        schema: Int = PlanModel.schemaVersion, indicator: String, value: Exact,
        comparator: Comparator = .atLeast, deadline: CivilDate? = nil, lead: String? = nil,
        cooperating: [String] = [], rule: String? = nil, provenance: Provenance? = nil,
        assignments: [String: Assignment] = [:], bound: Exact? = nil, versus: YearOnYear? = nil
    ) {
        self.versus = versus
        self.bound = bound
        self.schema = schema
        self.indicator = indicator
        self.value = value
        self.comparator = comparator
        self.deadline = deadline
        self.lead = lead
        self.cooperating = cooperating
        self.rule = rule
        self.provenance = provenance
        self.assignments = assignments
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case schema, indicator, value, comparator, bound, deadline, lead, cooperating, rule, provenance, assignments, versus
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try decodeSchema(c, forKey: .schema)
        indicator = try c.decode(String.self, forKey: .indicator)
        value = try c.decode(Exact.self, forKey: .value)
        comparator = try c.decode(Comparator.self, forKey: .comparator)
        bound = try c.decodeIfPresent(Exact.self, forKey: .bound)
        deadline = try c.decodeIfPresent(CivilDate.self, forKey: .deadline)
        lead = try c.decodeIfPresent(String.self, forKey: .lead)
        cooperating = try c.decodeIfPresent([String].self, forKey: .cooperating) ?? []
        rule = try c.decodeIfPresent(String.self, forKey: .rule)
        provenance = try c.decodeIfPresent(Provenance.self, forKey: .provenance)
        assignments = try c.decodeIfPresent([String: Assignment].self, forKey: .assignments) ?? [:]
        versus = try c.decodeIfPresent(YearOnYear.self, forKey: .versus)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(indicator, forKey: .indicator)
        try c.encode(value, forKey: .value)
        try c.encode(comparator, forKey: .comparator)
        try c.encodeIfPresent(bound, forKey: .bound)
        try c.encodeIfPresent(deadline, forKey: .deadline)
        try c.encodeIfPresent(lead, forKey: .lead)
        try c.encode(cooperating, forKey: .cooperating)
        try c.encodeIfPresent(rule, forKey: .rule)
        try c.encodeIfPresent(provenance, forKey: .provenance)
        if !assignments.isEmpty { try c.encode(assignments, forKey: .assignments) }
        try c.encodeIfPresent(versus, forKey: .versus)
    }
}

extension Target {
    /// Whether `actual` meets this target: by its comparator, and for `between` within the
    /// band from `value` to `bound`, both ends included.
    public func isMet(actual: Exact) -> Bool {
        guard comparator == .between else { return comparator.isMet(actual: actual, target: value) }
        let other = bound ?? value
        return Swift.min(value, other) <= actual && actual <= Swift.max(value, other)
    }

    /// The target as the documents write it, without the unit: `>= 50`, `> 80`, `= 100`,
    /// `31–50` (a band, lower end first).
    public var condition: String {
        guard comparator == .between else { return "\(comparator.rawValue) \(value)" }
        let other = bound ?? value
        return "\(Swift.min(value, other))–\(Swift.max(value, other))"
    }

    /// The comparator and value for a message's `{comparator} {value}`: a band is shown as
    /// its lower end and a dash before its upper end (`31–` `50`).
    public var shownComparator: String {
        guard comparator == .between else { return comparator.rawValue }
        return "\(Swift.min(value, bound ?? value))–"
    }

    /// The number shown after ``shownComparator``: the value, or a band's upper end.
    public var shownValue: Exact {
        guard comparator == .between else { return value }
        return Swift.max(value, bound ?? value)
    }
}

/// A parent's explicit target for one child: its value and, when it differs from the
/// target's, its deadline.
public struct Assignment: Codable, Hashable, Sendable {
    public var value: Exact
    public var deadline: CivilDate?

    public init(value: Exact, deadline: CivilDate? = nil) {
        self.value = value
        self.deadline = deadline
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case value, deadline
    }
}
