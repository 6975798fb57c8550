/// Why a cascade-rule cell could not be parsed; ``description`` is the message for people.
public enum RuleError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The cell holds no rule at all.
    case empty
    /// A part between `;` is empty, as in `uplift:5;;exempt:A`; carries the whole text.
    case emptyPart(String)
    /// A part names no known rule; carries the part.
    case unknownRule(String)
    /// A known rule with a bad argument; carries the part and what is wrong with it.
    case invalidArgument(part: String, reason: String)
    /// Two value rules in one cell; carries both parts in the order written.
    case conflictingRules(String, String)
    /// Two `exempt` parts in one cell; carries the second.
    case duplicateExemption(String)

    /// The forms a cell may hold, for messages.
    public static let validForms =
        "floor, uplift:N, fixed:V, improve:N, maintain, rank:-N or exempt:A|B"

    public var description: String {
        switch self {
        case .empty:
            return "empty rule; expected \(RuleError.validForms)"
        case .emptyPart(let text):
            return "empty part in rule '\(text)'; separate rules with a single ';'"
        case .unknownRule(let part):
            return "unknown rule '\(part)'; expected \(RuleError.validForms)"
        case .invalidArgument(let part, let reason):
            return "invalid rule '\(part)': \(reason)"
        case .conflictingRules(let first, let second):
            return "rule '\(second)' conflicts with '\(first)': a cell holds at most one of "
                + "floor, uplift:N, fixed:V, improve:N, maintain or rank:-N, plus exempt:A|B"
        case .duplicateExemption(let part):
            return "second exemption '\(part)': list all exempt units in one part, as exempt:A|B"
        }
    }
}
