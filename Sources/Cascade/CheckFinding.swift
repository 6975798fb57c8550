import PlanModel

/// What `plancascade check` looks for (README.md, "`plancascade check`"): the kinds of its
/// findings (one ``Finding`` type serves every layer).
extension Finding.Kind {
    /// An unresolved merge conflict (`conflicts/<id>.json`).
    public static let conflict: Finding.Kind = "conflict"
    /// A child's pushed head does not descend from the head collected before.
    public static let historyRewritten: Finding.Kind = "history-rewritten"
    /// A target weaker than what the unit inherited.
    public static let belowInherited: Finding.Kind = "below-inherited"
    /// A target lowered below what the parent assigned (its rule's value for this unit, or an
    /// explicit assignment), though not below the inherited floor (error).
    public static let belowAssigned: Finding.Kind = "below-assigned"
    /// A target the parent's rules give the unit is absent from its plan.
    public static let missingInheritedTarget: Finding.Kind = "missing-inherited-target"
    /// An inherited task is absent, or its deadline is later than the parent's.
    public static let missingInheritedTask: Finding.Kind = "missing-inherited-task"
    /// The parent published newer targets than the ones the unit derived from.
    public static let staleDerivation: Finding.Kind = "stale-derivation"
    /// A figure below its target after the target's deadline.
    public static let missedTarget: Finding.Kind = "missed-target"
    /// No report for a period the cadence requires.
    public static let missingReport: Finding.Kind = "missing-report"
    /// A child plan issued after the date the parent required, or not issued by then.
    public static let latePlan: Finding.Kind = "late-plan"
    /// Even with every child meeting its own target, the subtree stays below the unit's.
    public static let childrenShort: Finding.Kind = "children-short"
    /// A report the parent approved changed afterwards.
    public static let changedAfterApproval: Finding.Kind = "changed-after-approval"
    /// A document that does not validate; what depends on it was not checked.
    public static let invalidDocument: Finding.Kind = "invalid-document"
    /// Something `check` could not look at (an unreachable remote); never an error.
    public static let notChecked: Finding.Kind = "not-checked"

    /// A child's push that `collect` refuses (an invalid or hostile tree): held back until
    /// the child pushes again.
    public static let refusedPush: Finding.Kind = "refused-push"
    /// A child's push that is not collected yet (info).
    public static let notCollected: Finding.Kind = "not-collected"

    /// Every kind `check` reports.
    public static let checkKinds: [Finding.Kind] = [
        .conflict, .historyRewritten, .belowInherited, .belowAssigned, .belowOwnRule, .missingInheritedTarget, .missingInheritedTask, .staleDerivation,
        .missedTarget, .missingReport, .latePlan, .childrenShort, .changedAfterApproval, .invalidDocument, .notChecked,
        .refusedPush, .notCollected,
        .incompleteRollup, .missingRequiredReport,
    ]
}
