import PlanModel

/// Which of a parent's tasks a child must concretise (cụ thể hóa), and the inherited copy.
///
/// A task is inherited by the children it names (``Recipients``): by its `for` when it has
/// one; otherwise by the children its lead, its cooperating agencies or its body name —
/// by name or alias (the parent's registry), or by a level phrase ("UBND các huyện", "các
/// xã, phường, thị trấn", "các sở, ban, ngành", …). The level phrases are data, so levels
/// can be added without code.
public struct TaskInheritance: Hashable, Sendable {
    /// The rule text recorded in an inherited task's provenance.
    public static let rule = "inherit-task"

    /// The phrases naming each level in the documents (002, 003, 004, 001); `ward`
    /// (phường) and `town` (thị trấn) are levels of the commune tier.
    public static let standardPhrases: [String: [String]] = Recipients.standardPhrases

    /// The matcher: phrases by level id ("district", "commune", …).
    public var recipients: Recipients

    /// Phrases by level id.
    public var levelPhrases: [String: [String]] { recipients.levelPhrases }

    /// Creates a matcher; pass extra levels or phrases as needed.
    public init(levelPhrases: [String: [String]] = TaskInheritance.standardPhrases) {
        self.recipients = Recipients(extra: [:], standard: levelPhrases)
    }

    /// A matcher with the standard phrases and those of `parent`'s `unit.json`.
    public init(recipients: Recipients) {
        self.recipients = recipients
    }

    /// Whether a child at `childLevel`, known by no name, inherits `task`.
    ///
    /// Matches case-insensitively and accent-sensitively ("xa" is not "xã"), on canonically
    /// equivalent text (NFC and NFD compare equal), with runs of white space treated as one
    /// space. A level not in the table inherits nothing but what names it.
    public func inherits(_ task: PlanTask, childLevel: String) -> Bool {
        recipients.inherits(Recipients.Child(id: "", name: "", level: childLevel), task: task)
    }

    /// Whether `child` inherits `task` (``Recipients/inherits(_:task:)``).
    public func inherits(_ task: PlanTask, child: Recipients.Child) -> Bool {
        recipients.inherits(child, task: task)
    }

    /// The task a child at `childLevel` must concretise, or nil when it does not inherit it.
    public func derive(
        task: PlanTask, parentUnit: String, parentCommit: String, childLevel: String
    ) -> PlanTask? {
        derive(task: task, parentUnit: parentUnit, parentCommit: parentCommit,
               child: Recipients.Child(id: "", name: "", level: childLevel))
    }

    /// The task `child` must concretise, or nil when it does not inherit it.
    ///
    /// Keeps id, content, lead and cooperating agencies (who leads the work stays written:
    /// a district sees that Văn phòng UBND tỉnh leads it and its communes are named among
    /// the cooperating), timeframe, product, kind and indicators; the deadline is the
    /// parent's (the latest the child may set); the parent's `for` is dropped (it names the
    /// parent's children); provenance names the parent and ``rule``.
    public func derive(
        task: PlanTask, parentUnit: String, parentCommit: String, child: Recipients.Child
    ) -> PlanTask? {
        guard inherits(task, child: child) else { return nil }
        return PlanTask(
            id: task.id, content: task.content, lead: task.lead, cooperating: task.cooperating,
            timeframe: task.timeframe, deadline: task.deadline, product: task.product, kind: task.kind,
            indicators: task.indicators,
            provenance: Provenance(
                parentUnit: parentUnit, parentCommit: parentCommit, rule: TaskInheritance.rule))
    }

    /// Whether a child's concretised task ends after its parent's deadline (or has none
    /// while the parent has one).
    public static func exceedsParentDeadline(_ child: PlanTask, parent: PlanTask) -> Bool {
        guard let latest = parent.deadline else { return false }
        guard let deadline = child.deadline else { return true }
        return deadline > latest
    }

    /// ``inherits(_:childLevel:)`` with the standard phrases.
    public static func inherits(_ task: PlanTask, childLevel: String) -> Bool {
        TaskInheritance().inherits(task, childLevel: childLevel)
    }

    /// ``derive(task:parentUnit:parentCommit:childLevel:)`` with the standard phrases.
    public static func derive(
        task: PlanTask, parentUnit: String, parentCommit: String, childLevel: String
    ) -> PlanTask? {
        TaskInheritance().derive(
            task: task, parentUnit: parentUnit, parentCommit: parentCommit, childLevel: childLevel)
    }
}
