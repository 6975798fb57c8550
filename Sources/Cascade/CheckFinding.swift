import PlanModel

/// What `plancascade check` looks for (README.md, "`plancascade check`").
public enum CheckKind: String, Codable, Hashable, Sendable, CaseIterable {
    /// An unresolved merge conflict (`conflicts/<id>.json`).
    case conflict
    /// A child's pushed head does not descend from the head collected before.
    case historyRewritten = "history-rewritten"
    /// A target weaker than what the unit inherited.
    case belowInherited = "below-inherited"
    /// A target the parent's rules give the unit is absent from its plan.
    case missingInheritedTarget = "missing-inherited-target"
    /// An inherited task is absent, or its deadline is later than the parent's.
    case missingInheritedTask = "missing-inherited-task"
    /// The parent published newer targets than the ones the unit derived from.
    case staleDerivation = "stale-derivation"
    /// A figure below its target after the target's deadline.
    case missedTarget = "missed-target"
    /// No report for a period the cadence requires.
    case missingReport = "missing-report"
    /// A child plan issued after the date the parent required, or not issued by then.
    case latePlan = "late-plan"
    /// Even with every child meeting its own target, the subtree stays below the unit's.
    case childrenShort = "children-short"
    /// A report the parent approved changed afterwards.
    case changedAfterApproval = "changed-after-approval"
    /// A document that does not validate; what depends on it was not checked.
    case invalidDocument = "invalid-document"
    /// Something `check` could not look at (an unreachable remote); never an error.
    case notChecked = "not-checked"
}

/// One finding of `plancascade check`: a value, never a thrown error.
///
/// `expected` and `actual` are text, so that a target (`>= 55`), a date or a commit id fit
/// the same field; `commit` is the full id of the commit that introduced the offending state.
public struct CheckFinding: Codable, Hashable, Sendable {
    public var severity: Severity
    public var kind: CheckKind
    /// The unit the finding is about.
    public var unit: String
    public var year: Int?
    public var indicator: String?
    public var task: String?
    /// The period of a figure or of a missing report (`2024-Q3`, `2024-11-01..2024-11-10`).
    public var period: String?
    /// The file, relative to the repository where `check` ran (`children/<id>/…` for a child).
    public var file: String?
    public var expected: String?
    public var actual: String?
    public var commit: String?
    /// What is wrong and what a clerk does about it.
    public var message: String

    public init(
        _ severity: Severity, _ kind: CheckKind, unit: String, year: Int? = nil, indicator: String? = nil,
        task: String? = nil, period: String? = nil, file: String? = nil, expected: String? = nil,
        actual: String? = nil, commit: String? = nil, message: String
    ) {
        self.severity = severity
        self.kind = kind
        self.unit = unit
        self.year = year
        self.indicator = indicator
        self.task = task
        self.period = period
        self.file = file
        self.expected = expected
        self.actual = actual
        self.commit = commit
        self.message = message
    }

    /// The indicator or task the finding names, if any.
    public var item: String? { indicator ?? task }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case severity, kind, unit, year, indicator, task, period, file, expected, actual, commit, message
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let text = try c.decode(String.self, forKey: .severity)
        guard let severity = Severity(rawValue: text) else {
            throw DecodingError.dataCorruptedError(
                forKey: .severity, in: c, debugDescription: "expected error, warning or info, found '\(text)'")
        }
        self.severity = severity
        kind = try c.decode(CheckKind.self, forKey: .kind)
        unit = try c.decode(String.self, forKey: .unit)
        year = try c.decodeIfPresent(Int.self, forKey: .year)
        indicator = try c.decodeIfPresent(String.self, forKey: .indicator)
        task = try c.decodeIfPresent(String.self, forKey: .task)
        period = try c.decodeIfPresent(String.self, forKey: .period)
        file = try c.decodeIfPresent(String.self, forKey: .file)
        expected = try c.decodeIfPresent(String.self, forKey: .expected)
        actual = try c.decodeIfPresent(String.self, forKey: .actual)
        commit = try c.decodeIfPresent(String.self, forKey: .commit)
        message = try c.decode(String.self, forKey: .message)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(severity.rawValue, forKey: .severity)
        try c.encode(kind, forKey: .kind)
        try c.encode(unit, forKey: .unit)
        try c.encodeIfPresent(year, forKey: .year)
        try c.encodeIfPresent(indicator, forKey: .indicator)
        try c.encodeIfPresent(task, forKey: .task)
        try c.encodeIfPresent(period, forKey: .period)
        try c.encodeIfPresent(file, forKey: .file)
        try c.encodeIfPresent(expected, forKey: .expected)
        try c.encodeIfPresent(actual, forKey: .actual)
        try c.encodeIfPresent(commit, forKey: .commit)
        try c.encode(message, forKey: .message)
    }
}
