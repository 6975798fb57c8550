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

    public init(
        parentUnit: String, parentCommit: String, rule: String, base: Exact? = nil,
        baseline: Exact? = nil, derived: Exact? = nil, inheritedFrom: String? = nil
    ) {
        self.parentUnit = parentUnit
        self.parentCommit = parentCommit
        self.rule = rule
        self.base = base
        self.baseline = baseline
        self.derived = derived
        self.inheritedFrom = inheritedFrom
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case parentUnit, parentCommit, rule, base, baseline, derived, inheritedFrom
    }

    /// Whether `text` is a full commit id: 40 lower- or upper-case hexadecimal digits.
    public static func isCommitID(_ text: String) -> Bool {
        text.utf8.count == 40
            && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 | 0x20 >= 97 && $0 | 0x20 <= 102) }
    }
}
