import PlanModel

/// A parsed cascade-rule cell: at most one value rule plus exempt children and the scope
/// of who receives the target, e.g. `uplift:5;exempt:BDT|TTR` or `floor;for:lead`.
public struct RuleSet: Hashable, Sendable, CustomStringConvertible {
    /// The value rule as written; nil when the cell only exempts units.
    public var valueRule: CascadeRule?
    /// Children that get no target.
    public var exemptions: Set<String>
    /// Who receives the target (`for:lead|district`): child ids, levels, `lead`,
    /// `cooperating` (see ``Recipients``), in the order written; empty = every child.
    public var recipients: [String]

    /// Creates a rule set; `valueRule` must not be `.exempt` (use `exemptions`).
    public init(valueRule: CascadeRule? = nil, exemptions: Set<String> = [], recipients: [String] = []) {
        if case .exempt(let units)? = valueRule {
            self.valueRule = nil
            self.exemptions = exemptions.union(units)
        } else {
            self.valueRule = valueRule
            self.exemptions = exemptions
        }
        self.recipients = recipients
    }

    /// The rule a target without one follows: `floor` (004 III.2, "không thấp hơn").
    public static let `default` = RuleSet(valueRule: .floor)

    /// The value rule applied: the one written, else `floor`.
    public var effectiveRule: CascadeRule { valueRule ?? .floor }

    /// The same rule without its exemptions and scope: what travels on to grandchildren,
    /// whose siblings the parent's exemptions and scope do not name.
    public var travelling: RuleSet { RuleSet(valueRule: valueRule) }

    /// The canonical text: the value rule, then `exempt:` with sorted units, joined by `;`
    /// (`uplift:5;exempt:BDT|TTR`); empty for a rule set with neither.
    public var description: String {
        var parts: [String] = []
        if let valueRule { parts.append(valueRule.description) }
        if !exemptions.isEmpty { parts.append(CascadeRule.exempt(exemptions).description) }
        if !recipients.isEmpty { parts.append("for:" + recipients.joined(separator: "|")) }
        return parts.joined(separator: ";")
    }

    /// Parses a cell such as `uplift:5;exempt:BDT|TTR`.
    ///
    /// Parts are separated by `;` and trimmed; keywords are case-insensitive, unit ids are
    /// not. Numbers use a decimal point (`improve:0.1`); `uplift` and `improve` take a
    /// non-negative number, `fixed` any non-negative number, `rank` the form `-N`.
    /// - Parameter text: the cell; an empty or blank cell is ``RuleError/empty``.
    /// - Returns: the rule set, or the first problem found.
    public static func parse(_ text: String) -> Result<RuleSet, RuleError> {
        let trimmed = text.trimmed
        guard !trimmed.isEmpty else { return .failure(.empty) }
        var valuePart: (text: String, rule: CascadeRule)?
        var exemptPart: String?
        var exemptions: Set<String> = []
        var scopePart: String?
        var recipients: [String] = []
        for raw in trimmed.split(separator: ";", omittingEmptySubsequences: false) {
            let part = String(raw).trimmed
            guard !part.isEmpty else { return .failure(.emptyPart(trimmed)) }
            if part.split(separator: ":", maxSplits: 1).first.map({ String($0).trimmed.lowercased() }) == "for" {
                if scopePart != nil { return .failure(.duplicateScope(part)) }
                scopePart = part
                switch parseScope(part) {
                case .success(let items): recipients = items
                case .failure(let error): return .failure(error)
                }
                continue
            }
            let rule: CascadeRule
            switch parsePart(part) {
            case .success(let parsed): rule = parsed
            case .failure(let error): return .failure(error)
            }
            if case .exempt(let units) = rule {
                if exemptPart != nil { return .failure(.duplicateExemption(part)) }
                exemptPart = part
                exemptions = units
            } else {
                if let first = valuePart { return .failure(.conflictingRules(first.text, part)) }
                valuePart = (part, rule)
            }
        }
        return .success(RuleSet(valueRule: valuePart?.rule, exemptions: exemptions, recipients: recipients))
    }

    /// Parses `for:A|B` (already trimmed): items are ids (child ids, levels) or `lead`,
    /// `cooperating`; duplicates are dropped.
    static func parseScope(_ part: String) -> Result<[String], RuleError> {
        let pieces = part.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let argument = pieces.count > 1 ? String(pieces[1]).trimmed : ""
        func bad(_ code: String, _ arguments: [String: Message.Value] = [:]) -> Result<[String], RuleError> {
            .failure(.invalidArgument(part: part, reason: Message(code, arguments)))
        }
        guard !argument.isEmpty else { return bad("scope.rule.missing") }
        var items: [String] = []
        for raw in argument.split(separator: "|", omittingEmptySubsequences: false) {
            let item = String(raw).trimmed
            guard !item.isEmpty else { return bad("scope.rule.empty-item") }
            if let problem = Identifier.problemMessage(item) {
                return bad("scope.rule.bad-item", ["item": .text(item), "problem": .message(problem)])
            }
            if !items.contains(item) { items.append(item) }
        }
        return .success(items)
    }

    /// Parses one part between `;` (already trimmed, not empty).
    static func parsePart(_ part: String) -> Result<CascadeRule, RuleError> {
        let pieces = part.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let keyword = String(pieces[0]).trimmed.lowercased()
        let argument = pieces.count > 1 ? String(pieces[1]).trimmed : nil
        func bad(_ code: String, _ arguments: [String: Message.Value] = [:]) -> Result<CascadeRule, RuleError> {
            .failure(.invalidArgument(part: part, reason: Message(code, arguments)))
        }
        switch keyword {
        case "floor", "maintain":
            if argument != nil { return bad("rule.reason.no-argument", ["keyword": .text(keyword)]) }
            return .success(keyword == "floor" ? .floor : .maintain)
        case "uplift", "improve", "fixed":
            let form = keyword == "fixed" ? "fixed:V" : "\(keyword):N"
            guard let argument, !argument.isEmpty else { return bad("rule.reason.missing-number", ["form": .text(form)]) }
            guard let number = Exact(argument) else {
                if argument.contains(",") {
                    return bad("rule.reason.decimal-comma", ["argument": .text(argument), "example": .text("\(keyword):0.1")])
                }
                return bad("rule.reason.not-a-number", ["argument": .text(argument), "form": .text(form)])
            }
            guard !number.isNegative else {
                return bad("rule.reason.negative", ["form": .text(form)])
            }
            switch keyword {
            case "uplift": return .success(.uplift(number))
            case "improve": return .success(.improve(number))
            default: return .success(.fixed(number))
            }
        case "rank":
            guard let argument, !argument.isEmpty else {
                return bad("rule.reason.missing-places")
            }
            guard argument.hasPrefix("-") else {
                return bad("rule.reason.rank-sign", ["example": .text("rank:-\(argument)")])
            }
            let digits = argument.dropFirst()
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                digits.count <= 9, let places = Int(digits)
            else { return bad("rule.reason.rank-whole", ["argument": .text(argument)]) }
            return .success(.rank(places))
        case "exempt":
            guard let argument, !argument.isEmpty else {
                return bad("rule.reason.missing-units")
            }
            var units: Set<String> = []
            for raw in argument.split(separator: "|", omittingEmptySubsequences: false) {
                let unit = String(raw).trimmed
                guard !unit.isEmpty else { return bad("rule.reason.empty-unit") }
                if let problem = Identifier.problemMessage(unit) {
                    return bad("rule.reason.bad-unit", ["unit": .text(unit), "problem": .message(problem)])
                }
                units.insert(unit)
            }
            return .success(.exempt(units))
        default:
            return .failure(.unknownRule(part))
        }
    }
}

extension String {
    /// The text without leading and trailing white space (no Foundation).
    var trimmed: String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[start...end])
    }
}
