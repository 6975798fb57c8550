import PlanModel

/// Short text for JSON values in audit output: scalars as written (strings without quotes),
/// lists joined by ", " (records with an `id` by their ids), objects as `{key: value, …}`.
public enum JSONText {
    public static func compact(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag, _): return flag ? "true" : "false"
        case .number(let text, _): return text
        case .string(let text, _): return text
        case .array(let items, _) where items.isEmpty:
            return "none"
        case .array(let items, _):
            // A list of records with ids (a unit's children) reads as its ids.
            let ids = items.compactMap { item -> String? in
                if case .string(let id, _)? = item["id"] { return id }
                return nil
            }
            return (ids.count == items.count && !ids.isEmpty ? ids : items.map(compact)).joined(separator: ", ")
        case .object(let members, _):
            let inner = members.sorted { $0.key < $1.key }.map { "\($0.key): \(compact($0.value))" }
            return "{" + inner.joined(separator: ", ") + "}"
        }
    }

    /// A reported or rolled-up figure: `numerator/denominator` when both are given, else its
    /// value; nil when the member holds neither.
    public static func figure(_ value: JSONValue?) -> String? {
        guard let value else { return nil }
        if let numerator = value["numerator"], let denominator = value["denominator"],
           case .number = numerator, case .number = denominator {
            return compact(numerator) + "/" + compact(denominator)
        }
        if let plain = value["value"], case .number = plain { return compact(plain) }
        if case .object = value { return compact(value) }
        return compact(value)
    }

    /// A provenance object as one phrase: `uplift:5 from daklak@ee51d60 base 50 baseline 6.6`.
    public static func provenance(_ value: JSONValue?) -> String? {
        guard let value, case .object = value else { return value.map(compact) }
        func text(_ key: String) -> String? { value[key].map(compact) }
        var phrase = (text("rule") ?? "?") + " from " + (text("parentUnit") ?? "?")
        if let commit = text("parentCommit") { phrase += "@" + String(commit.prefix(7)) }
        if let base = text("base") { phrase += " base " + base }
        if let baseline = text("baseline") { phrase += " baseline " + baseline }
        if let origin = text("inheritedFrom"), origin != text("parentUnit") { phrase += ", rule of " + origin }
        return phrase
    }
}
