/// `plans/<year>/baselines/<unit-id>.json`: the figures a parent knows for one child
/// (e.g. 004's per-unit actuals of 31/10/2024), the starting points of cascade rules.
public struct Baselines: Codable, Hashable, Sendable, VersionedDocument {
    public var schema: Int
    /// The child unit's id, also the file name.
    public var unit: String
    /// Figures keyed by indicator code.
    public var values: [String: BaselineValue]
    /// For a unit a reorganisation made: the predecessors whose figures were summed (ratios as
    /// Σnumerator / Σdenominator), and the decision — the provenance of these baselines.
    public var from: [String]
    public var decision: String?

    public init(schema: Int = PlanModel.schemaVersion, unit: String, values: [String: BaselineValue] = [:], from: [String] = [], decision: String? = nil) {
        self.schema = schema
        self.unit = unit
        self.values = values
        self.from = from
        self.decision = decision
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case schema, unit, values, from, decision
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try decodeSchema(c, forKey: .schema)
        unit = try c.decode(String.self, forKey: .unit)
        values = try c.decodeIfPresent([String: BaselineValue].self, forKey: .values) ?? [:]
        from = try c.decodeIfPresent([String].self, forKey: .from) ?? []
        decision = try c.decodeIfPresent(String.self, forKey: .decision)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(unit, forKey: .unit)
        try c.encode(values, forKey: .values)
        if !from.isEmpty { try c.encode(from, forKey: .from) }
        try c.encodeIfPresent(decision, forKey: .decision)
    }
}

/// One known figure of a unit: the value and the date it was measured on.
public struct BaselineValue: Codable, Hashable, Sendable {
    public var value: Exact
    /// The date the figure refers to ("số liệu cập nhật đến ngày 31/10/2024").
    public var asOf: CivilDate?

    public init(value: Exact, asOf: CivilDate? = nil) {
        self.value = value
        self.asOf = asOf
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case value, asOf
    }
}
