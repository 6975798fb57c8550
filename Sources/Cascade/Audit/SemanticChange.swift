import PlanModel

/// One change to one field of a plan or progress document, in the terms an auditor uses:
/// "DVC-ONLINE target 50 → 55", "DVC-ONLINE 2024-Q3 figure 412/760 → 420/760".
///
/// `old` and `new` are text (a target value, a figure as `numerator/denominator`, a date, a
/// list of agencies), nil when the item or field did not exist on that side.
public struct SemanticChange: Codable, Hashable, Sendable {
    /// What kind of thing changed.
    public enum Subject: String, Codable, Hashable, Sendable, CaseIterable {
        case unit, plan, indicator, target, task, baselines, figure
        case taskStatus = "task-status"
        case rollup, conflict, approval
    }

    /// The unit whose document changed.
    public var unit: String
    public var subject: Subject
    public var year: Int?
    /// The indicator code, task id, child id (baselines) or conflict id.
    public var item: String?
    /// The period of a figure, task status or rollup.
    public var period: String?
    /// The field that changed (`value`, `deadline`, `rule`, `provenance`, `figure`, …); nil
    /// when the whole item was added or removed.
    public var field: String?
    public var old: String?
    public var new: String?
    /// The file, relative to the repository the history was read from.
    public var file: String
    /// The change as one sentence for people (``summary`` is its English).
    public var message: Message

    /// The change as one English sentence (what `--json` writes).
    public var summary: String { message.description }

    public init(
        unit: String, subject: Subject, year: Int? = nil, item: String? = nil, period: String? = nil, field: String? = nil,
        old: String? = nil, new: String? = nil, file: String, summary: Message
    ) {
        self.unit = unit
        self.subject = subject
        self.year = year
        self.item = item
        self.period = period
        self.field = field
        self.old = old
        self.new = new
        self.file = file
        self.message = summary
    }

    /// Reads a change written by ``encode(to:)``; its summary comes back as the English it
    /// was written in.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        unit = try c.decode(String.self, forKey: .unit)
        subject = try c.decode(Subject.self, forKey: .subject)
        year = try c.decodeIfPresent(Int.self, forKey: .year)
        item = try c.decodeIfPresent(String.self, forKey: .item)
        period = try c.decodeIfPresent(String.self, forKey: .period)
        field = try c.decodeIfPresent(String.self, forKey: .field)
        old = try c.decodeIfPresent(String.self, forKey: .old)
        new = try c.decodeIfPresent(String.self, forKey: .new)
        file = try c.decode(String.self, forKey: .file)
        message = .verbatim(try c.decode(String.self, forKey: .summary))
    }

    /// Whether an existing value was replaced (not a first entry, not a removal).
    public var isModification: Bool { old != nil && new != nil }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case unit, subject, year, item, period, field, old, new, file, summary
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(unit, forKey: .unit)
        try c.encode(subject, forKey: .subject)
        try c.encodeIfPresent(year, forKey: .year)
        try c.encodeIfPresent(item, forKey: .item)
        try c.encodeIfPresent(period, forKey: .period)
        try c.encodeIfPresent(field, forKey: .field)
        try c.encodeIfPresent(old, forKey: .old)
        try c.encodeIfPresent(new, forKey: .new)
        try c.encode(file, forKey: .file)
        try c.encode(summary, forKey: .summary)
    }
}
