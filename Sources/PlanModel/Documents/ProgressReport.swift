/// `progress/<year>/<period>.json`: a unit's own figures and task states for a period.
public struct ProgressReport: Codable, Hashable, Sendable, VersionedDocument {
    public var schema: Int
    /// The reporting unit's id.
    public var unit: String
    public var period: Period
    /// Figures keyed by indicator code.
    public var figures: [String: Figure]
    /// Task states keyed by task id.
    public var tasks: [String: TaskStatus]
    public var reportedBy: String
    public var reportedAt: Timestamp

    public init(
        schema: Int = PlanModel.schemaVersion, unit: String, period: Period,
        figures: [String: Figure] = [:], tasks: [String: TaskStatus] = [:], reportedBy: String,
        reportedAt: Timestamp
    ) {
        self.schema = schema
        self.unit = unit
        self.period = period
        self.figures = figures
        self.tasks = tasks
        self.reportedBy = reportedBy
        self.reportedAt = reportedAt
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case schema, unit, period, figures, tasks, reportedBy, reportedAt
    }

    /// Whether the figures were reported while the period was still running (`reportedAt` on
    /// or before its last day): they are figures so far, provisional (tạm tính), until a
    /// report after the period's end replaces them. Status and exports show it.
    public var isProvisional: Bool { reportedAt.date <= period.end }

    /// Whether the period is still running on `day`: what is reported now is provisional.
    public func isProvisional(on day: CivilDate) -> Bool { period.isRunning(on: day) }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try decodeSchema(c, forKey: .schema)
        unit = try c.decode(String.self, forKey: .unit)
        period = try c.decode(Period.self, forKey: .period)
        figures = try c.decodeIfPresent([String: Figure].self, forKey: .figures) ?? [:]
        tasks = try c.decodeIfPresent([String: TaskStatus].self, forKey: .tasks) ?? [:]
        reportedBy = try c.decode(String.self, forKey: .reportedBy)
        reportedAt = try c.decode(Timestamp.self, forKey: .reportedAt)
        // Figures for a period that had not begun are refused on every read, so `collect`
        // and the hook refuse what a child pushed without the tool (FigureRules).
        if let problem = FigureRules.check(self).first {
            throw DecodingError.dataCorruptedError(forKey: .reportedAt, in: c, debugDescription: problem.message.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(unit, forKey: .unit)
        try c.encode(period, forKey: .period)
        try c.encode(figures, forKey: .figures)
        try c.encode(tasks, forKey: .tasks)
        try c.encode(reportedBy, forKey: .reportedBy)
        try c.encode(reportedAt, forKey: .reportedAt)
    }
}

/// One reported figure: either a `value`, or a `numerator` and `denominator` (so that
/// ratios roll up as Σnumerator / Σdenominator).
public struct Figure: Codable, Hashable, Sendable {
    public var value: Exact?
    public var numerator: Exact?
    public var denominator: Exact?
    public var note: String?

    public init(value: Exact? = nil, numerator: Exact? = nil, denominator: Exact? = nil, note: String? = nil) {
        self.value = value
        self.numerator = numerator
        self.denominator = denominator
        self.note = note
    }

    /// A ratio figure.
    public init(numerator: Exact, denominator: Exact, note: String? = nil) {
        self.init(value: nil, numerator: numerator, denominator: denominator, note: note)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case value, numerator, denominator, note
    }

    /// Decodes a figure, refusing numbers beyond ``FigureBounds`` (15 integer digits, 6
    /// decimals) already here: every read of a file refuses them, so `collect`, rollups and
    /// status never compute with a hand-written `1e127` or `1e-100` (``FigureRules`` says the
    /// same, translated, in `validate`).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        value = try c.decodeIfPresent(Exact.self, forKey: .value)
        numerator = try c.decodeIfPresent(Exact.self, forKey: .numerator)
        denominator = try c.decodeIfPresent(Exact.self, forKey: .denominator)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        for (key, number) in [(CodingKeys.value, value), (.numerator, numerator), (.denominator, denominator)] {
            guard let number, !FigureBounds.fitsReport(number) else { continue }
            throw DecodingError.dataCorruptedError(
                forKey: key, in: c,
                debugDescription: "\(key.stringValue) \(number) has more than \(FigureBounds.integerDigits) integer digits or \(FigureBounds.fractionDigits) decimals, more than any figure of a plan")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(value, forKey: .value)
        try c.encodeIfPresent(numerator, forKey: .numerator)
        try c.encodeIfPresent(denominator, forKey: .denominator)
        try c.encodeIfPresent(note, forKey: .note)
    }

    /// numerator / denominator (20 fractional digits), when both are given and the
    /// denominator is not zero.
    public var ratio: Exact? {
        guard let numerator, let denominator, denominator != 0 else { return nil }
        return numerator / denominator
    }

    /// `0/0`: a ratio with no dossiers at all. Accepted, it rolls up as nothing: it adds 0 to
    /// both sums and has no ratio (never a division by zero).
    public var isEmptyRatio: Bool { numerator == .zero && denominator == .zero }

    /// `value` if given, otherwise the ratio as a percentage (× 100).
    public var effectiveValue: Exact? {
        value ?? ratio.map { $0 * 100 }
    }
}
