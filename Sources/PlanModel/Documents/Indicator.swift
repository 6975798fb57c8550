/// `plans/<year>/indicators/<code>.json`: what is measured and how it rolls up.
public struct Indicator: Codable, Hashable, Sendable, VersionedDocument {
    public var schema: Int
    /// The code, also the file name: "7.3.6", "DVC-ONLINE".
    public var code: String
    public var name: String
    public var measure: Measure
    /// Which way is better; when absent in JSON, `measure.defaultDirection`.
    public var direction: Direction
    public var aggregation: Aggregation
    /// The maximum score (PAR Index criteria).
    public var maxScore: Exact?
    /// A grouping such as the parent criterion or "SIPAS".
    public var group: String?

    public init(
        schema: Int = PlanModel.schemaVersion, code: String, name: String, measure: Measure,
        direction: Direction? = nil, aggregation: Aggregation, maxScore: Exact? = nil,
        group: String? = nil
    ) {
        self.schema = schema
        self.code = code
        self.name = name
        self.measure = measure
        self.direction = direction ?? measure.defaultDirection
        self.aggregation = aggregation
        self.maxScore = maxScore
        self.group = group
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case schema, code, name, measure, direction, aggregation, maxScore, group
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try decodeSchema(c, forKey: .schema)
        code = try c.decode(String.self, forKey: .code)
        name = try c.decode(String.self, forKey: .name)
        measure = try c.decode(Measure.self, forKey: .measure)
        direction = try c.decodeIfPresent(Direction.self, forKey: .direction) ?? measure.defaultDirection
        aggregation = try c.decode(Aggregation.self, forKey: .aggregation)
        maxScore = try c.decodeIfPresent(Exact.self, forKey: .maxScore)
        group = try c.decodeIfPresent(String.self, forKey: .group)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(code, forKey: .code)
        try c.encode(name, forKey: .name)
        try c.encode(measure, forKey: .measure)
        try c.encode(direction, forKey: .direction)
        try c.encode(aggregation, forKey: .aggregation)
        try c.encodeIfPresent(maxScore, forKey: .maxScore)
        try c.encodeIfPresent(group, forKey: .group)
    }
}
