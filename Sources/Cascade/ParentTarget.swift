import PlanModel

/// A parent's published target together with where it was read: the input of a derivation.
public struct ParentTarget: Hashable, Sendable {
    /// The parent's target (value, comparator, deadline, lead, rule text, provenance).
    public var target: Target
    /// The parent unit's id.
    public var unit: String
    /// The parent's published commit the target was read from (40 hexadecimal digits).
    public var commit: String

    public init(target: Target, unit: String, commit: String) {
        self.target = target
        self.unit = unit
        self.commit = commit
    }
}

/// What a derivation produced for one child and one indicator.
public enum DerivationOutcome: Hashable, Sendable {
    /// The child's target, with ``Provenance`` filled in.
    case target(Target)
    /// The child gets no target (an `exempt:` rule names it); the reason is for people.
    case exempt(reason: String)
    /// The parent's rule could not be applied; the message says why.
    case invalid(message: String)

    /// The derived target, if any.
    public var target: Target? {
        if case .target(let target) = self { return target }
        return nil
    }
}
