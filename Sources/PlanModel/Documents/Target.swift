/// `plans/<year>/targets/<indicator>.json`: one target, one file, so merges stay fine-grained.
public struct Target: Codable, Hashable, Sendable, VersionedDocument {
    public var schema: Int
    /// The indicator code, also the file name.
    public var indicator: String
    public var value: Exact
    /// How the actual figure is compared with `value`.
    public var comparator: Comparator
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

    public init(
        schema: Int = PlanModel.schemaVersion, indicator: String, value: Exact,
        comparator: Comparator = .atLeast, deadline: CivilDate? = nil, lead: String? = nil,
        cooperating: [String] = [], rule: String? = nil, provenance: Provenance? = nil,
        assignments: [String: Assignment] = [:]
    ) {
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
        case schema, indicator, value, comparator, deadline, lead, cooperating, rule, provenance, assignments
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try decodeSchema(c, forKey: .schema)
        indicator = try c.decode(String.self, forKey: .indicator)
        value = try c.decode(Exact.self, forKey: .value)
        comparator = try c.decode(Comparator.self, forKey: .comparator)
        deadline = try c.decodeIfPresent(CivilDate.self, forKey: .deadline)
        lead = try c.decodeIfPresent(String.self, forKey: .lead)
        cooperating = try c.decodeIfPresent([String].self, forKey: .cooperating) ?? []
        rule = try c.decodeIfPresent(String.self, forKey: .rule)
        provenance = try c.decodeIfPresent(Provenance.self, forKey: .provenance)
        assignments = try c.decodeIfPresent([String: Assignment].self, forKey: .assignments) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(indicator, forKey: .indicator)
        try c.encode(value, forKey: .value)
        try c.encode(comparator, forKey: .comparator)
        try c.encodeIfPresent(deadline, forKey: .deadline)
        try c.encodeIfPresent(lead, forKey: .lead)
        try c.encode(cooperating, forKey: .cooperating)
        try c.encodeIfPresent(rule, forKey: .rule)
        try c.encodeIfPresent(provenance, forKey: .provenance)
        if !assignments.isEmpty { try c.encode(assignments, forKey: .assignments) }
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
