/// `plans/<year>/plan.json`: the plan document a unit issued for a year.
public struct Plan: Codable, Hashable, Sendable, VersionedDocument {
    public var schema: Int
    /// The document number, e.g. "116/KH-UBND".
    public var number: String
    public var title: String
    public var year: Int
    public var issued: CivilDate?
    /// The documents this plan is based on (căn cứ).
    public var basis: [String]
    public var issuer: String?
    /// The date by which subordinate units must issue their own plans.
    public var childPlanDeadline: CivilDate?
    /// What the unit requires of its children's reports (``Reporting``); nil: nothing set.
    public var reporting: Reporting?

    public init(
        schema: Int = PlanModel.schemaVersion, number: String, title: String, year: Int,
        issued: CivilDate? = nil, basis: [String] = [], issuer: String? = nil,
        childPlanDeadline: CivilDate? = nil, reporting: Reporting? = nil
    ) {
        self.schema = schema
        self.number = number
        self.title = title
        self.year = year
        self.issued = issued
        self.basis = basis
        self.issuer = issuer
        self.childPlanDeadline = childPlanDeadline
        self.reporting = reporting
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case schema, number, title, year, issued, basis, issuer, childPlanDeadline, reporting
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try decodeSchema(c, forKey: .schema)
        number = try c.decode(String.self, forKey: .number)
        title = try c.decode(String.self, forKey: .title)
        year = try c.decode(Int.self, forKey: .year)
        issued = try c.decodeIfPresent(CivilDate.self, forKey: .issued)
        basis = try c.decodeIfPresent([String].self, forKey: .basis) ?? []
        issuer = try c.decodeIfPresent(String.self, forKey: .issuer)
        childPlanDeadline = try c.decodeIfPresent(CivilDate.self, forKey: .childPlanDeadline)
        reporting = try c.decodeIfPresent(Reporting.self, forKey: .reporting)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(number, forKey: .number)
        try c.encode(title, forKey: .title)
        try c.encode(year, forKey: .year)
        try c.encodeIfPresent(issued, forKey: .issued)
        try c.encode(basis, forKey: .basis)
        try c.encodeIfPresent(issuer, forKey: .issuer)
        try c.encodeIfPresent(childPlanDeadline, forKey: .childPlanDeadline)
        try c.encodeIfPresent(reporting, forKey: .reporting)
    }
}
