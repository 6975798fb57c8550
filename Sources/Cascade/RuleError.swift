import PlanModel

/// Why a cascade-rule cell could not be parsed; ``description`` is the message for people.
public enum RuleError: Error, Equatable, Sendable, CustomStringConvertible, MessageConvertible {
    /// The cell holds no rule at all.
    case empty
    /// A part between `;` is empty, as in `uplift:5;;exempt:A`; carries the whole text.
    case emptyPart(String)
    /// A part names no known rule; carries the part.
    case unknownRule(String)
    /// A known rule with a bad argument; carries the part and what is wrong with it.
    case invalidArgument(part: String, reason: Message)
    /// Two value rules in one cell; carries both parts in the order written.
    case conflictingRules(String, String)
    /// Two `exempt` parts in one cell; carries the second.
    case duplicateExemption(String)
    /// Two `for` parts in one cell; carries the second.
    case duplicateScope(String)

    /// The forms a cell may hold, for messages.
    public static let validForms =
        "floor, uplift:N, fixed:V, improve:N, maintain, rank:-N, exempt:A|B or for:A|B"

    public var description: String { message.description }

    public var message: Message {
        let forms: Message.Value = .text(RuleError.validForms)
        switch self {
        case .empty: return Message("rule.empty", ["forms": forms])
        case .emptyPart(let text): return Message("rule.empty-part", ["text": .text(text)])
        case .unknownRule(let part): return Message("rule.unknown", ["part": .text(part), "forms": forms])
        case .invalidArgument(let part, let reason): return Message("rule.invalid", ["part": .text(part), "reason": .message(reason)])
        case .conflictingRules(let first, let second): return Message("rule.conflicting", ["first": .text(first), "second": .text(second)])
        case .duplicateExemption(let part): return Message("rule.duplicate-exemption", ["part": .text(part)])
        case .duplicateScope(let part): return Message("scope.rule.duplicate", ["part": .text(part)])
        }
    }
}
