/// Where a derived target or task came from: the parent's commit and the rule applied.
public struct Provenance: Codable, Hashable, Sendable {
    /// The parent unit's id.
    public var parentUnit: String
    /// The parent commit (40 hexadecimal digits) the derivation read.
    public var parentCommit: String
    /// The cascade rule applied, e.g. "uplift:5".
    public var rule: String
    /// The parent's target the rule started from.
    public var base: Exact?
    /// This unit's actual figure the rule used.
    public var baseline: Exact?
    /// The value the rule produced.
    public var derived: Exact?
    /// The unit where the rule was introduced, when inherited from further up.
    public var inheritedFrom: String?
    /// The comparator the derivation gave, recorded only when strict (`>`, `<`) or a band:
    /// then a target equal to the floor with `>=` is weaker than the floor `>` it inherited
    /// (issue 17 part 4). Absent: the floor is `>=` or `<=` by the indicator's direction.
    public var comparator: Comparator?
    /// Where the `baseline` figure came from, when the rule read the unit's own report of
    /// an earlier year (issue 17 part 5): e.g. `progress/2023/2023/PAPI-1.json@<commit>`.
    public var baselineSource: String?

    public init(
        parentUnit: String, parentCommit: String, rule: String, base: Exact? = nil,
        baseline: Exact? = nil, derived: Exact? = nil, inheritedFrom: String? = nil,
        comparator: Comparator? = nil, baselineSource: String? = nil
    ) {
        self.comparator = comparator
        self.baselineSource = baselineSource
        self.parentUnit = parentUnit
        self.parentCommit = parentCommit
        self.rule = rule
        self.base = base
        self.baseline = baseline
        self.derived = derived
        self.inheritedFrom = inheritedFrom
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case parentUnit, parentCommit, rule, base, baseline, derived, inheritedFrom, comparator, baselineSource
    }

    /// Whether `text` is a full commit id: 40 lower- or upper-case hexadecimal digits.
    public static func isCommitID(_ text: String) -> Bool {
        text.utf8.count == 40
            && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 | 0x20 >= 97 && $0 | 0x20 <= 102) }
    }
}
