/// `rollup/<year>/<period>.json`: the totals of a unit and its whole subtree for one
/// period, per indicator, as computed from the unit's own report and its children's
/// rollups (see `Rollup.compute` in Cascade). Written by the tool, never by hand.
public struct Rollup: Codable, Hashable, Sendable, VersionedDocument {
    public var schema: Int
    /// The unit whose subtree this totals.
    public var unit: String
    /// The period, also the file name.
    public var period: Period
    /// Totals keyed by indicator code.
    public var figures: [String: RollupFigure]

    public init(
        schema: Int = PlanModel.schemaVersion, unit: String, period: Period,
        figures: [String: RollupFigure] = [:]
    ) {
        self.schema = schema
        self.unit = unit
        self.period = period
        self.figures = figures
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case schema, unit, period, figures
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try decodeSchema(c, forKey: .schema)
        unit = try c.decode(String.self, forKey: .unit)
        period = try c.decode(Period.self, forKey: .period)
        figures = try c.decodeIfPresent([String: RollupFigure].self, forKey: .figures) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(unit, forKey: .unit)
        try c.encode(period, forKey: .period)
        try c.encode(figures, forKey: .figures)
    }
}

/// One indicator's total over a subtree.
///
/// A ratio keeps Σnumerator and Σdenominator exact (its `value` is for display only); a
/// mean keeps Σvalue over Σunits the same way, so that the next level up stays exact.
public struct RollupFigure: Codable, Hashable, Sendable {
    public var numerator: Exact?
    public var denominator: Exact?
    public var value: Exact?
    /// How many units' figures contributed.
    public var units: Int
    /// The ids of the contributing units, sorted; the unit itself is included when it reported.
    public var contributors: [String]

    public init(
        numerator: Exact? = nil, denominator: Exact? = nil, value: Exact? = nil, units: Int,
        contributors: [String]
    ) {
        self.numerator = numerator
        self.denominator = denominator
        self.value = value
        self.units = units
        self.contributors = contributors
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case numerator, denominator, value, units, contributors
    }

    /// Decodes a rollup figure, refusing numbers beyond the rollup bounds of ``FigureBounds``
    /// (24 integer digits, 20 decimals): a child's hand-edited rollup never reaches a sum.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        numerator = try c.decodeIfPresent(Exact.self, forKey: .numerator)
        denominator = try c.decodeIfPresent(Exact.self, forKey: .denominator)
        value = try c.decodeIfPresent(Exact.self, forKey: .value)
        units = try c.decode(Int.self, forKey: .units)
        contributors = try c.decode([String].self, forKey: .contributors)
        for (key, number) in [(CodingKeys.numerator, numerator), (.denominator, denominator), (.value, value)] {
            guard let number, !FigureBounds.fitsRollup(number) else { continue }
            throw DecodingError.dataCorruptedError(
                forKey: key, in: c,
                debugDescription: "\(key.stringValue) \(number) has more than \(FigureBounds.rollupIntegerDigits) integer digits or \(FigureBounds.rollupFractionDigits) decimals; rollups are computed by `plancascade collect`")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(numerator, forKey: .numerator)
        try c.encodeIfPresent(denominator, forKey: .denominator)
        try c.encodeIfPresent(value, forKey: .value)
        try c.encode(units, forKey: .units)
        try c.encode(contributors, forKey: .contributors)
    }
}
