import PlanModel

/// The parent's explicit target for one child (`import assignments`) and the assigned
/// target as the child's floor (issue 17 parts 2 and 3).
extension Derivation {
    /// The provenance rule of a target the parent assigned explicitly.
    public static let assignedRule = "assigned"

    /// Derives `child`'s target from an explicit assignment of the parent.
    ///
    /// The parent's rule is applied first (its exemptions hold, and its value is the least
    /// the assignment may be); the child's target then carries the assigned value, the
    /// assignment's deadline (else the target's), and provenance rule ``assignedRule`` with
    /// the rule's value as `base` and the assigned value as `derived`.
    /// - Returns: the target, an exemption, or why the assignment cannot be applied (weaker
    ///   than what the rule gives this child).
    public static func assign(
        _ assignment: Assignment, parent: ParentTarget, indicator: Indicator, child: String, baseline: Exact?
    ) -> DerivationOutcome {
        let byRule = derive(parent: parent, indicator: indicator, child: child, baseline: baseline)
        guard case .target(var target) = byRule else { return byRule }
        let ruleValue = target.value
        if isWeaker(assignment.value, than: ruleValue, direction: indicator.direction) {
            return .invalid(
                message: "target '\(indicator.code)' \(assignment.value) assigned to \(child) by \(parent.unit) is weaker "
                    + "than the \(ruleValue) its rule '\(target.provenance?.rule ?? "floor")' gives \(child)")
        }
        target.value = assignment.value
        if let deadline = assignment.deadline { target.deadline = deadline }
        target.provenance = Provenance(
            parentUnit: parent.unit, parentCommit: parent.commit, rule: assignedRule, base: ruleValue,
            baseline: baseline, derived: assignment.value, inheritedFrom: nil,
            comparator: recordedComparator(target.comparator))
        return .target(target)
    }

    /// The target the parent assigned this unit — the value its rule produced or the
    /// parent's explicit assignment (`provenance.derived`) — or nil for an own target.
    ///
    /// Lowering a target below it is refused without `--force` and is `below-assigned` in
    /// `check` (004 III.2.a: "bằng chỉ tiêu của Trung ương … và tăng thêm 5%" gives a unit
    /// whose result is below 50% the floor 55, not 50).
    public static func assigned(for target: Target) -> Exact? {
        guard let provenance = target.provenance else { return nil }
        return provenance.derived ?? provenance.base
    }

    /// Whether `target` is weaker than what it was assigned (``assigned(for:)``).
    public static func isBelowAssigned(_ target: Target, direction: Direction) -> Bool {
        guard let assigned = assigned(for: target) else { return false }
        return isBelow(target, floor: assigned, direction: direction)
    }

    /// The stricter of the inherited floor (``floor(for:)``) and the assigned target
    /// (``assigned(for:)``): what no value of this target may be weaker than without
    /// `--force`. The hub's pre-receive check and the pre-commit hook refuse a lowering below
    /// this value.
    public static func strictestFloor(for target: Target, direction: Direction) -> Exact? {
        switch (floor(for: target), assigned(for: target)) {
        case (nil, nil): return nil
        case (let value?, nil), (nil, let value?): return value
        case (let inherited?, let assigned?): return isWeaker(inherited, than: assigned, direction: direction) ? assigned : inherited
        }
    }
}
