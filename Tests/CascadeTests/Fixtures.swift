import Cascade
import PlanModel

/// Shared builders for the Cascade tests. Figures follow shared/seed-data (004 III.2.a:
/// central 50% online dossiers, 45% online payment; 002: SIPAS +10, PAPI +0.1).

/// Parses a decimal literal written as text, so no binary float is ever involved.
func x(_ text: String) -> Exact {
    guard let value = Exact(text) else { fatalError("bad decimal literal \(text)") }
    return value
}

/// Fake 40-digit commit ids.
let commitA = String(repeating: "a", count: 40)
let commitB = String(repeating: "b", count: 40)
let commitC = String(repeating: "c", count: 40)
let commitD = String(repeating: "d", count: 40)

/// An indicator of the given measure (direction from the measure unless given).
func indicator(
    _ code: String = "DVC-ONLINE", _ measure: Measure = .percent, maxScore: String? = nil,
    direction: Direction? = nil
) -> Indicator {
    Indicator(
        code: code, name: code, measure: measure, direction: direction,
        aggregation: measure == .percent ? .ratio : .latest, maxScore: maxScore.map(x))
}

/// A parent's target as published at `commit`.
func parentTarget(
    _ value: String, rule: String?, code: String = "DVC-ONLINE", unit: String = "DLK",
    commit: String = commitA, comparator: Comparator = .atLeast, provenance: Provenance? = nil
) -> ParentTarget {
    ParentTarget(
        target: Target(
            indicator: code, value: x(value), comparator: comparator,
            deadline: CivilDate("2025-01-06"), lead: "Sở Thông tin và Truyền thông",
            cooperating: ["Sở Nội vụ"], rule: rule, provenance: provenance),
        unit: unit, commit: commit)
}
