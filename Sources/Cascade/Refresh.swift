import PlanModel

/// What a refresh does with one indicator of a child's plan.
public enum RefreshAction: Hashable, Sendable {
    /// Nothing to write or flag.
    case unchanged
    /// A target the child lacks: write it (also restores an inherited target the child
    /// deleted, since only an exemption removes an inherited target).
    case add(Target)
    /// The child had not edited the target and the derivation changed: take the new one.
    case update(Target)
    /// The child's own edit is at least as strict as the new derivation: keep it, with its
    /// provenance replaced by the new derivation's (new parent commit, base, derived value).
    case keepStricter(ours: Target, derived: Target)
    /// The child's own edit is weaker than the new derivation: keep it untouched (its
    /// provenance still names the old parent commit) and flag it.
    case keepWeakerFlagged(ours: Target, derived: Target)
    /// The parent no longer has the indicator: keep the child's target and flag it; never
    /// delete silently.
    case removedByParentFlagged(Target)
    /// The child became exempt: keep its target (a unit may keep a target of its own) and
    /// flag it, so that a person removes it if it should go.
    case exempted(ours: Target, reason: String)
    /// The parent's rule could not be applied: keep the child's target, if any, and flag.
    case invalidRuleFlagged(ours: Target?, message: String)

    /// Whether the action writes a file: `add`, `update`, `keepStricter`.
    public var writes: Target? {
        switch self {
        case .add(let target), .update(let target): return target
        case .keepStricter(let ours, _): return ours
        default: return nil
        }
    }

    /// Whether a person should look at the result.
    public var isFlagged: Bool {
        switch self {
        case .keepWeakerFlagged, .removedByParentFlagged, .exempted, .invalidRuleFlagged: return true
        default: return false
        }
    }
}

/// The outcome of a three-way refresh: one action per indicator.
public struct RefreshPlan: Hashable, Sendable {
    /// The action for each indicator code seen in base, theirs or ours.
    public var actions: [String: RefreshAction]

    public init(actions: [String: RefreshAction]) {
        self.actions = actions
    }

    /// The indicator codes in ascending order.
    public var indicators: [String] { actions.keys.sorted() }

    /// Whether any action is not ``RefreshAction/unchanged`` (something to write or flag).
    public var hasChanges: Bool { actions.values.contains { $0 != .unchanged } }

    /// The targets to write, by indicator.
    public var writes: [String: Target] { actions.compactMapValues(\.writes) }

    /// The indicators a person should look at, sorted.
    public var flagged: [String] { actions.filter { $0.value.isFlagged }.keys.sorted() }
}

/// Three-way refresh of a child's targets after its parent published a new version.
public enum Refresh {
    /// Plans the refresh of every indicator.
    ///
    /// "Stricter" is judged by the comparator of the new derivation: `>=` higher is
    /// stricter, `<=` lower is; for `=` any other value is weaker.
    /// - Parameters:
    ///   - base: what the child derived last time, by indicator.
    ///   - theirs: what derives from the new parent version, by indicator.
    ///   - ours: the child's current targets, by indicator.
    /// - Returns: one action per indicator; all ``RefreshAction/unchanged`` when the parent
    ///   did not change and the child did not edit.
    public static func plan(
        base: [String: Target], theirs: [String: DerivationOutcome], ours: [String: Target]
    ) -> RefreshPlan {
        let codes = Set(base.keys).union(theirs.keys).union(ours.keys)
        var actions: [String: RefreshAction] = [:]
        for code in codes {
            actions[code] = action(base: base[code], theirs: theirs[code], ours: ours[code])
        }
        return RefreshPlan(actions: actions)
    }

    /// The action for one indicator.
    public static func action(
        base: Target?, theirs: DerivationOutcome?, ours: Target?
    ) -> RefreshAction {
        switch theirs {
        case nil:
            // Parent dropped it (or never had it: the child's own target).
            guard let ours, base != nil else { return .unchanged }
            return .removedByParentFlagged(ours)
        case .invalid(let message)?:
            return .invalidRuleFlagged(ours: ours, message: message)
        case .exempt(let reason)?:
            guard let ours, base != nil else { return .unchanged }
            return .exempted(ours: ours, reason: reason)
        case .target(let derived)?:
            guard let ours else { return .add(derived) }
            if ours == derived { return .unchanged }
            if let base, ours == base { return .update(derived) }
            if isWeaker(ours, than: derived) {
                return .keepWeakerFlagged(ours: ours, derived: derived)
            }
            var kept = ours
            kept.provenance = derived.provenance
            return kept == ours ? .unchanged : .keepStricter(ours: kept, derived: derived)
        }
    }

    /// Whether `ours` is weaker than `reference` under the reference's comparator: `>=`
    /// and `>` higher is stricter, `<=` and `<` lower is (equal values: weaker when the
    /// reference is strict and ours is not); for `=` and a band any other value is weaker.
    static func isWeaker(_ ours: Target, than reference: Target) -> Bool {
        guard let direction = reference.comparator.direction else {
            return ours.value != reference.value || ours.bound != reference.bound || ours.comparator != reference.comparator
        }
        return Derivation.isWeaker(
            ours.value, comparator: ours.comparator, than: reference.value, floorComparator: reference.comparator, direction: direction)
    }
}
