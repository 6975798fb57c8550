import PlanModel

/// The administrative structure in force on a date: which units are alive and under which
/// parent, from the structure observed in a collected tree and the reorganisation decisions
/// (`reorg/<id>.json`) that change it.
///
/// Rules (README, "Tổ chức lại / a reorganisation"):
/// - A unit no decision names keeps the parent it is observed under, every day.
/// - A unit a decision names had, before that decision's effective day, the parent the
///   decision says it came `from` (a unit it says `begins` did not exist yet); from the
///   effective day on, the parent it moves `to` (or it no longer exists, for `ends`).
///   Decisions apply in the order of their effective day, then of their id.
/// - A period is attributed to the structure in force on its last day (``attributionDate(of:)``):
///   a period that straddles the effective day (the year 2025, its second half) belongs to
///   the new structure, whose units report it; 2025-Q2 belongs to the old one.
public struct Structure: Hashable, Sendable {
    /// Each living unit's parent; a living unit with no parent here is a top of the hierarchy.
    public private(set) var parents: [String: String]
    public private(set) var alive: Set<String>
    /// Names given by decisions in force (`renamed`, `begins`).
    public private(set) var names: [String: String]
    /// The units some decision names.
    public let decided: Set<String>

    /// The day whose structure a period's figures are counted under: the period's last day.
    public static func attributionDate(of period: Period) -> CivilDate { period.end }

    /// The structure in force on `date`.
    /// - Parameters:
    ///   - observed: each unit seen in the tree → the parent it is seen under (nil for the top).
    ///   - decisions: every decision known, in any order.
    public static func inForce(on date: CivilDate, decisions: [Reorganisation], observed: [String: String?]) -> Structure {
        var parents: [String: String] = [:]
        for (unit, parent) in observed { if let parent { parents[unit] = parent } }
        var alive = Set(observed.keys)
        var names: [String: String] = [:]
        let ordered = ordered(decisions)
        var decided: Set<String> = []
        // Each named unit starts as the first decision naming it says it was before.
        for decision in ordered {
            for change in decision.changes where !decided.contains(change.unit) {
                decided.insert(change.unit)
                switch change.action {
                case .moves, .ends:
                    if let from = change.from { parents[change.unit] = from }
                    alive.insert(change.unit)
                case .begins:
                    parents[change.unit] = nil
                    alive.remove(change.unit)
                case .renamed:
                    break
                }
            }
        }
        for decision in ordered where decision.effective <= date {
            for change in decision.changes {
                switch change.action {
                case .moves:
                    parents[change.unit] = change.to
                    alive.insert(change.unit)
                case .ends:
                    parents[change.unit] = nil
                    alive.remove(change.unit)
                case .begins:
                    parents[change.unit] = change.to
                    alive.insert(change.unit)
                    if let name = change.name { names[change.unit] = name }
                case .renamed:
                    if let name = change.name { names[change.unit] = name }
                }
            }
        }
        return Structure(parents: parents.filter { alive.contains($0.key) }, alive: alive, names: names, decided: decided)
    }

    /// Decisions in the order they apply: effective day, then id.
    public static func ordered(_ decisions: [Reorganisation]) -> [Reorganisation] {
        decisions.sorted { ($0.effective, $0.id) < ($1.effective, $1.id) }
    }

    public func isAlive(_ unit: String) -> Bool { alive.contains(unit) }

    public func parent(of unit: String) -> String? { parents[unit] }

    /// The living units directly under `unit`, sorted.
    public func children(of unit: String) -> [String] {
        parents.filter { $0.value == unit }.map(\.key).sorted()
    }

    /// Whether `unit` is alive and its chain of parents reaches `top` (`unit` itself included).
    public func isUnder(_ unit: String, _ top: String) -> Bool {
        var current = unit
        var steps = 0
        while steps <= parents.count {
            if current == top { return true }
            guard isAlive(current), let next = parents[current] else { return false }
            current = next
            steps += 1
        }
        return false
    }
}

extension Structure {
    /// Whether `unit` is expected to report to `parent` for a period ending on `date`: alive on
    /// that day and under that parent (a unit no decision names always is).
    public static func expects(_ unit: String, under parent: String, on date: CivilDate, decisions: [Reorganisation]) -> Bool {
        guard !decisions.isEmpty else { return true }
        let structure = inForce(on: date, decisions: decisions, observed: [unit: parent, parent: nil])
        return structure.isAlive(unit) && structure.parent(of: unit) == parent
    }
}

extension Reorganisation {
    /// The decisions in force on `date` (effective on or before it), in the order they apply.
    public static func inForce(_ decisions: [Reorganisation], on date: CivilDate) -> [Reorganisation] {
        Structure.ordered(decisions).filter { $0.effective <= date }
    }

    /// The predecessors of a unit that `begins` in one of `decisions`, else nil.
    public static func predecessors(of unit: String, in decisions: [Reorganisation]) -> (decision: Reorganisation, units: [String])? {
        for decision in Structure.ordered(decisions) {
            if let change = decision.change(of: unit), change.action == .begins, !change.predecessors.isEmpty {
                return (decision, change.predecessors)
            }
        }
        return nil
    }
}

extension Finding.Kind {
    /// A stored total that counts one unit's figure more than once (issue 18).
    public static let doubleCount: Finding.Kind = "double-count"
    /// A unit found in two places of a collected tree that no reorganisation decision names.
    public static let reorgUndecided: Finding.Kind = "reorg-undecided"
}

extension Structure {
    /// A `double-count` error when a stored figure counts more units than it has distinct
    /// contributors (the same report counted under two parents); nil otherwise.
    public static func doubleCount(unit: String, file: String, period: Period, indicator: String, figure: RollupFigure) -> Finding? {
        guard figure.units > figure.contributors.count else { return nil }
        return Finding(
            .error, .doubleCount, unit: unit, indicator: indicator, period: period.description, file: file,
            expected: "\(figure.contributors.count)", actual: "\(figure.units)",
            message: Message("reorg.double-count", [
                "file": .text(file), "indicator": .text(indicator), "period": .period(period.description), "units": .count(figure.units),
                "contributors": .count(figure.contributors.count), "unit": .text(unit)]))
    }
}
