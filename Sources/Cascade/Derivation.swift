import PlanModel

/// Derives a child's target from its parent's by the parent's cascade rule.
///
/// A rule travels with its indicator down every level until a unit replaces it. Its
/// *base* is the value where it was introduced (004 computes a commune's target from the
/// central 50% exactly as a district's), and no derived value is weaker than the base.
public enum Derivation {
    /// Derives the target of `child` for `indicator` from the parent's target.
    ///
    /// The rule is the parent target's `rule` (none or blank means `floor`). The result
    /// is computed by the rule (see ``CascadeRule``), raised to the base if weaker, then
    /// capped: percents to 0…100, values to the indicator's `maxScore`, ranks to ≥ 1,
    /// other measures to ≥ 0. The child's target keeps the parent's comparator, deadline,
    /// lead and cooperating agencies and the rule without its exemptions, so that it
    /// travels on to grandchildren.
    /// - Parameters:
    ///   - parent: the parent's target, unit id and published commit.
    ///   - indicator: the indicator; its direction says which way is stricter.
    ///   - child: the child unit's id (matched against `exempt:`).
    ///   - baseline: the figure the parent published for the child, else the child's own
    ///     latest figure, else nil (treated as below the base).
    /// - Returns: the target, an exemption, or why the rule cannot be applied.
    public static func derive(
        parent: ParentTarget, indicator: Indicator, child: String, baseline: Exact?
    ) -> DerivationOutcome {
        let code = indicator.code
        let subject = "target '\(parent.target.indicator)' of \(parent.unit)"
        guard parent.target.indicator == code else {
            return .invalid(message: "\(subject) was paired with indicator '\(code)'")
        }
        guard Provenance.isCommitID(parent.commit) else {
            return .invalid(
                message: "\(subject): parent commit '\(parent.commit)' is not a 40-digit commit id")
        }
        let rules: RuleSet
        switch ruleSet(of: parent.target) {
        case .success(let parsed): rules = parsed
        case .failure(let error): return .invalid(message: "\(subject): \(error)")
        }
        if rules.exemptions.contains(child) {
            return .exempt(reason: "\(child) is exempt from '\(code)' by rule '\(rules)' of \(parent.unit)")
        }
        let rule = rules.effectiveRule
        let direction = indicator.direction
        if case .rank = rule, direction != .lower {
            return .invalid(
                message: "\(subject): rule '\(rule)' needs a lower-is-better indicator; "
                    + "'\(code)' is higher-is-better")
        }
        let origin = Derivation.origin(of: parent, rule: rule, direction: direction)
        let raw = compute(
            rule, base: origin.base, parentValue: parent.target.value, baseline: baseline,
            indicator: indicator)
        let value = cap(isWeaker(raw, than: origin.base, direction: direction) ? origin.base : raw, for: indicator)
        // No rule text stays no rule text (floor by default) on the way down.
        let travelling = parent.target.rule == nil ? "" : rules.travelling.description
        let target = Target(
            indicator: code, value: value, comparator: parent.target.comparator,
            deadline: parent.target.deadline, lead: parent.target.lead,
            cooperating: parent.target.cooperating, rule: travelling.isEmpty ? nil : travelling,
            provenance: Provenance(
                parentUnit: parent.unit, parentCommit: parent.commit, rule: rules.description,
                base: origin.base, baseline: baseline, derived: value,
                inheritedFrom: origin.unit, comparator: recordedComparator(parent.target.comparator)),
            bound: parent.target.bound)
        return .target(target)
    }

    /// Whether `value` is weaker than `reference`: lower when higher is better, higher when
    /// lower is better (ranks). Equal values are not weaker.
    public static func isWeaker(_ value: Exact, than reference: Exact, direction: Direction) -> Bool {
        direction == .higher ? value < reference : value > reference
    }

    /// The value no target set by this unit (or its descendants) may be weaker than, or nil
    /// when the target was not derived.
    ///
    /// For `floor`, `fixed` and `maintain` this is the derived value (the parent's value,
    /// the fixed value, the maximum); for `uplift`, `improve` and `rank` it is the base of
    /// the travelling rule, since the step over the base is the parent's request, not a
    /// floor. Used to refuse `target set` with a weaker value.
    public static func floor(for target: Target) -> Exact? {
        guard let provenance = target.provenance else { return nil }
        guard case .success(let rules) = RuleSet.parse(provenance.rule) else {
            return provenance.base ?? provenance.derived
        }
        switch rules.effectiveRule {
        case .floor, .fixed, .maintain, .exempt:
            return provenance.derived ?? provenance.base
        case .uplift, .improve, .rank:
            return provenance.base ?? provenance.derived
        }
    }

    /// Whether `target`'s value is weaker than what it inherited (``floor(for:)``).
    public static func isWeakerThanInherited(_ target: Target, direction: Direction) -> Bool {
        guard let floor = floor(for: target) else { return false }
        return isBelow(target, floor: floor, direction: direction)
    }

    /// The parsed rule of a target; no rule or a blank one is ``RuleSet/default`` (`floor`).
    public static func ruleSet(of target: Target) -> Result<RuleSet, RuleError> {
        guard let text = target.rule, !text.trimmed.isEmpty else { return .success(.default) }
        return RuleSet.parse(text)
    }

    /// Where the rule applied to the parent's target started: its base value and unit.
    ///
    /// The parent *inherited* the rule when its own target was derived by the same value
    /// rule (exemptions aside): then the base and unit travel unchanged. Otherwise the
    /// parent introduced the rule: the base is its own value (never weaker than a base it
    /// inherited under an earlier rule) and the unit is the parent.
    static func origin(
        of parent: ParentTarget, rule: CascadeRule, direction: Direction
    ) -> (base: Exact, unit: String) {
        guard let provenance = parent.target.provenance, let inheritedBase = provenance.base else {
            return (parent.target.value, parent.unit)
        }
        if case .success(let inherited) = RuleSet.parse(provenance.rule), inherited.effectiveRule == rule {
            return (inheritedBase, provenance.inheritedFrom ?? provenance.parentUnit)
        }
        let value = parent.target.value
        let base = isWeaker(value, than: inheritedBase, direction: direction) ? inheritedBase : value
        return (base, parent.unit)
    }

    /// The rule's raw value, before the base guard and the caps.
    static func compute(
        _ rule: CascadeRule, base: Exact, parentValue: Exact, baseline: Exact?, indicator: Indicator
    ) -> Exact {
        let direction = indicator.direction
        func better(_ value: Exact, by step: Exact) -> Exact {
            direction == .higher ? value + step : value - step
        }
        switch rule {
        case .floor, .exempt:
            return parentValue
        case .uplift(let step):
            guard let baseline, !isWeaker(baseline, than: base, direction: direction) else {
                return better(base, by: step)
            }
            return better(baseline, by: step)
        case .fixed(let value):
            return value
        case .improve(let step):
            return better(baseline ?? base, by: step)
        case .maintain:
            return direction == .higher ? (indicator.maxScore ?? parentValue) : parentValue
        case .rank(let places):
            guard let baseline else { return parentValue }
            return baseline - Exact(places)
        }
    }

    /// Keeps a value inside what its indicator can hold.
    static func cap(_ value: Exact, for indicator: Indicator) -> Exact {
        var result = value
        if indicator.measure == .percent, result > 100 { result = 100 }
        if let max = indicator.maxScore, result > max { result = max }
        let least: Exact = indicator.measure == .rank ? 1 : 0
        if result < least { result = least }
        return result
    }
}
