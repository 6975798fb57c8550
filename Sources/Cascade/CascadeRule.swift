import PlanModel

/// One rule of a cascade-rule cell: how a child's target is derived from its parent's.
///
/// Written in a CSV `rule` column or with `--rule`, several rules joined by `;`
/// (see ``RuleSet``). The text forms are those of ``description``.
public enum CascadeRule: Hashable, Sendable, CustomStringConvertible {
    /// `floor`: the child's target is the parent's value (never weaker).
    case floor
    /// `uplift:N` (004 III.2.a): below the base → base + N; otherwise
    /// max(baseline, base) + N, in points of the indicator (percentage points for percents).
    case uplift(Exact)
    /// `fixed:V` (004 III.2.b): the target is V, e.g. `fixed:100`.
    case fixed(Exact)
    /// `improve:N` (002 II.3–II.4): the child's baseline + N (SIPAS +10, PAPI +0.1).
    case improve(Exact)
    /// `maintain` (002 II.1): stay at the maximum score (the indicator's `maxScore`,
    /// else the parent's value).
    case maintain
    /// `rank:-N` (000 I.1): the rank improves by N places (lower is better); stores N ≥ 0.
    case rank(Int)
    /// `exempt:A|B` (004 footnote 2): the named children get no target.
    case exempt(Set<String>)

    /// Whether this rule computes a value (every rule but `exempt`).
    public var isValueRule: Bool {
        if case .exempt = self { return false }
        return true
    }

    /// The canonical text: `floor`, `uplift:5`, `fixed:100`, `improve:0.1`, `maintain`,
    /// `rank:-5`, `exempt:BDT|TTR` (units sorted).
    public var description: String {
        switch self {
        case .floor: return "floor"
        case .uplift(let n): return "uplift:\(n)"
        case .fixed(let v): return "fixed:\(v)"
        case .improve(let n): return "improve:\(n)"
        case .maintain: return "maintain"
        case .rank(let places): return "rank:-\(places)"
        case .exempt(let units): return "exempt:" + units.sorted().joined(separator: "|")
        }
    }
}
