import PlanModel

/// A unit's own year-on-year rule (issue 17 part 5): its target for a year from its own
/// figure of the year before, without a parent (002 II.1–II.4, 000 I.1 and 1.17).
public enum YearOnYearRule: Hashable, Sendable, CustomStringConvertible {
    /// `improve:N`: the figure + N (− N when lower is better); `>=` (`<=`).
    case improve(Exact)
    /// `rank:-N`: the rank − N places (lower is better); `<=`.
    case rank(Int)
    /// `higher`: strictly better than the figure ("cao hơn năm 2023"); `>` (`<` when lower
    /// is better), at the figure itself.
    case higher
    /// `maintain`: the maximum score when the figure reached it, else the figure; `>=`.
    case maintain

    public var description: String {
        switch self {
        case .improve(let n): return "improve:\(n)"
        case .rank(let n): return "rank:-\(n)"
        case .higher: return "higher"
        case .maintain: return "maintain"
        }
    }

    /// `improve:N`, `rank:-N`, `higher` (also `cao hơn`, `>`), `maintain`; nil otherwise.
    public static func parse(_ text: String) -> YearOnYearRule? {
        let t = text.trimmed.lowercased()
        if ["higher", "cao hơn", ">", "<", "better"].contains(t) { return .higher }
        if t == "maintain" || t == "duy trì" { return .maintain }
        if t.hasPrefix("improve:"), let n = Exact(String(t.dropFirst("improve:".count))), n > 0 { return .improve(n) }
        if t.hasPrefix("rank:-"), let n = Int(t.dropFirst("rank:-".count)), n > 0 { return .rank(n) }
        return nil
    }

    /// The target this rule gives `indicator` from the unit's own `figure`: its value and
    /// comparator, capped like a derived target (percents 0…100, at most `maxScore`, ranks
    /// from 1). `rank:-N` needs a lower-is-better indicator (nil otherwise).
    public func target(from figure: Exact, indicator: Indicator) -> (value: Exact, comparator: Comparator)? {
        let direction = indicator.direction
        let value: Exact
        var comparator = Comparator(direction: direction)
        switch self {
        case .improve(let n): value = direction == .higher ? figure + n : figure - n
        case .rank(let n):
            guard direction == .lower else { return nil }
            value = figure - Exact(n)
        case .higher:
            value = figure
            comparator = direction == .higher ? .above : .below
        case .maintain:
            value = indicator.maxScore.map { figure >= $0 ? $0 : figure } ?? figure
        }
        return (Derivation.cap(value, for: indicator), comparator)
    }
}
