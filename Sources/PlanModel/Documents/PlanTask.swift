/// `plans/<year>/tasks/<id>.json`: a task (nhiệm vụ, giải pháp) of a plan.
///
/// Named `PlanTask` so that it does not clash with Swift's `Task`.
public struct PlanTask: Codable, Hashable, Sendable, VersionedDocument {
    public var schema: Int
    /// The task id, also the file name.
    public var id: String
    public var content: String
    /// The lead agency (chủ trì).
    public var lead: String?
    /// Cooperating agencies (phối hợp).
    public var cooperating: [String]
    /// Free text as in the source: "Quý III/2024", "Hàng tháng".
    public var timeframe: String?
    public var deadline: CivilDate?
    /// The expected product (sản phẩm).
    public var product: String?
    public var kind: TaskKind
    /// Codes of the indicators this task serves.
    public var indicators: [String]
    public var provenance: Provenance?
    /// Who among the unit's children receives the task (JSON `for`): child ids, levels,
    /// `lead`, `cooperating`; empty means the agencies the task names (Cascade's
    /// `Recipients`).
    public var recipients: [String]

    public init(
        schema: Int = PlanModel.schemaVersion, id: String, content: String, lead: String? = nil,
        cooperating: [String] = [], timeframe: String? = nil, deadline: CivilDate? = nil,
        product: String? = nil, kind: TaskKind, indicators: [String] = [],
        provenance: Provenance? = nil, recipients: [String] = []
    ) {
        self.schema = schema
        self.id = id
        self.content = content
        self.lead = lead
        self.cooperating = cooperating
        self.timeframe = timeframe
        self.deadline = deadline
        self.product = product
        self.kind = kind
        self.indicators = indicators
        self.provenance = provenance
        self.recipients = recipients
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case schema, id, content, lead, cooperating, timeframe, deadline, product, kind, indicators,
            provenance
        case recipients = "for"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try decodeSchema(c, forKey: .schema)
        id = try c.decode(String.self, forKey: .id)
        content = try c.decode(String.self, forKey: .content)
        lead = try c.decodeIfPresent(String.self, forKey: .lead)
        cooperating = try c.decodeIfPresent([String].self, forKey: .cooperating) ?? []
        timeframe = try c.decodeIfPresent(String.self, forKey: .timeframe)
        deadline = try c.decodeIfPresent(CivilDate.self, forKey: .deadline)
        product = try c.decodeIfPresent(String.self, forKey: .product)
        kind = try c.decode(TaskKind.self, forKey: .kind)
        indicators = try c.decodeIfPresent([String].self, forKey: .indicators) ?? []
        provenance = try c.decodeIfPresent(Provenance.self, forKey: .provenance)
        recipients = try c.decodeIfPresent([String].self, forKey: .recipients) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(id, forKey: .id)
        try c.encode(content, forKey: .content)
        try c.encodeIfPresent(lead, forKey: .lead)
        try c.encode(cooperating, forKey: .cooperating)
        try c.encodeIfPresent(timeframe, forKey: .timeframe)
        try c.encodeIfPresent(deadline, forKey: .deadline)
        try c.encodeIfPresent(product, forKey: .product)
        try c.encode(kind, forKey: .kind)
        try c.encode(indicators, forKey: .indicators)
        try c.encodeIfPresent(provenance, forKey: .provenance)
        if !recipients.isEmpty { try c.encode(recipients, forKey: .recipients) }
    }
}
