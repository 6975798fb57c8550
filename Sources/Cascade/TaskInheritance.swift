import PlanModel

/// Which of a parent's tasks a child must concretise (cụ thể hóa), and the inherited copy.
///
/// A task is inherited by a child when its lead or a cooperating agency names the child's
/// level ("UBND các huyện", "các xã, phường, thị trấn", "các sở, ban, ngành", …). The level
/// phrases are data, so levels can be added without code.
public struct TaskInheritance: Hashable, Sendable {
    /// The rule text recorded in an inherited task's provenance.
    public static let rule = "inherit-task"

    /// The phrases naming each level in the documents (002, 003, 004, 001).
    public static let standardPhrases: [String: [String]] = [
        "district": [
            "UBND các huyện", "UBND cấp huyện", "các huyện, thị xã, thành phố",
            "UBND huyện, thị xã, thành phố",
        ],
        "commune": [
            "UBND các xã", "UBND cấp xã", "các xã, phường, thị trấn", "các xã, thị trấn",
        ],
        "department": ["các sở, ban, ngành", "sở, ngành"],
    ]

    /// Phrases by level id ("district", "commune", …).
    public var levelPhrases: [String: [String]]

    /// Creates a matcher; pass extra levels or phrases as needed.
    public init(levelPhrases: [String: [String]] = TaskInheritance.standardPhrases) {
        self.levelPhrases = levelPhrases
    }

    /// Whether a child at `childLevel` inherits `task`.
    ///
    /// Matches case-insensitively and accent-sensitively ("xa" is not "xã"), on canonically
    /// equivalent text (NFC and NFD compare equal), with runs of white space treated as one
    /// space. A level not in the table inherits nothing.
    public func inherits(_ task: PlanTask, childLevel: String) -> Bool {
        guard let phrases = levelPhrases[childLevel], !phrases.isEmpty else { return false }
        let needles = phrases.map(TaskInheritance.folded).filter { !$0.isEmpty }
        let agencies = ([task.lead].compactMap { $0 } + task.cooperating).map(TaskInheritance.folded)
        return agencies.contains { agency in needles.contains { agency.contains($0) } }
    }

    /// The task a child at `childLevel` must concretise, or nil when it does not inherit it.
    ///
    /// Keeps id, content, timeframe, product, kind and indicators; the deadline is the
    /// parent's (the latest the child may set); lead and cooperating agencies are left for
    /// the child to assign among its own offices; provenance names the parent and
    /// ``rule``.
    public func derive(
        task: PlanTask, parentUnit: String, parentCommit: String, childLevel: String
    ) -> PlanTask? {
        guard inherits(task, childLevel: childLevel) else { return nil }
        return PlanTask(
            id: task.id, content: task.content, timeframe: task.timeframe,
            deadline: task.deadline, product: task.product, kind: task.kind,
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

    /// Lower-cased text with white-space runs collapsed to one space and trimmed.
    static func folded(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for character in text.lowercased() {
            if character.isWhitespace {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(character)
            }
        }
        return result
    }
}
