import Cascade
import Git
import PlanModel

/// What the deciding unit knows of the structure below it: every unit collected in its tree
/// (where, under whom, which periods it reported) and every child a collected unit registers.
struct KnownStructure {
    /// Each known unit → the parent it is seen under (nil for the deciding unit).
    var observed: [String: String?] = [:]
    var names: [String: String] = [:]
    var levels: [String: String] = [:]
    /// The periods each unit reported, as collected here.
    var periods: [String: Set<Period>] = [:]
    /// Each unit's reports as collected here (the first place it is found).
    var reports: [String: [ProgressReport]] = [:]

    init(tree: Oid, repository: UnitRepository, cache: DocumentCache) throws {
        for position in try RollupWriter.positions(at: "", of: tree, in: repository, cache: cache) {
            if observed[position.id] == nil { observed[position.id] = .some(position.parent) }
            names[position.id] = position.snapshot.unit.name
            levels[position.id] = position.snapshot.unit.level
            periods[position.id, default: []].formUnion(position.snapshot.progress.map(\.period))
            if reports[position.id] == nil { reports[position.id] = position.snapshot.progress }
            for child in position.snapshot.unit.children where observed[child.id] == nil {
                observed[child.id] = .some(position.id)
                names[child.id] = names[child.id] ?? child.name
                levels[child.id] = levels[child.id] ?? child.level
            }
        }
    }
}

extension ReorgWorkflow {
    /// The changes `request` makes to `structure` (in force on the effective day), or why it cannot.
    static func changes(for request: Request, structure: Structure, known: KnownStructure, root: String) throws -> [ReorgChange] {
        func refuse(_ value: String, _ code: String, _ arguments: [String: Message.Value] = [:], option: String = "unit") -> PlanStoreError {
            .invalidArgument(name: option, value: value, reason: Message(code, arguments))
        }
        func living(_ unit: String) throws {
            guard unit != root else { throw refuse(unit, "reorg.refused.self", ["unit": .text(unit)]) }
            guard structure.isAlive(unit) else {
                let units = known.observed.keys.filter { $0 != root && structure.isAlive($0) }.sorted()
                throw refuse(unit, "reorg.refused.unknown-unit", ["unit": .text(unit), "root": .text(root), "known": .list(units.map { .text($0) })])
            }
        }
        func parentUnit(_ parent: String) throws {
            guard parent == root || structure.isAlive(parent) else {
                throw refuse(parent, "reorg.refused.unknown-parent", ["parent": .text(parent), "root": .text(root)], option: "--to")
            }
        }
        func new(_ unit: String) throws {
            if let problem = Identifier.problemMessage(unit) { throw PlanStoreError.invalidArgument(name: "id", value: unit, reason: problem) }
            guard known.observed[unit] == nil, !structure.decided.contains(unit) else {
                throw refuse(unit, "reorg.refused.id-exists", ["unit": .text(unit)], option: "--into")
            }
        }
        func parent(_ unit: String) -> String { structure.parent(of: unit) ?? root }
        func moves(_ unit: String, from: String, to: String) -> ReorgChange {
            ReorgChange(unit: unit, action: .moves, from: from, to: to, name: structure.names[unit] ?? known.names[unit], level: known.levels[unit])
        }
        func notUnder(_ target: String, _ unit: String) throws {
            guard !structure.isUnder(target, unit) else {
                throw refuse(target, "reorg.refused.cycle", ["unit": .text(unit), "parent": .text(target)], option: "--to")
            }
        }

        switch request {
        case .move(let unit, let to):
            try living(unit)
            try parentUnit(to)
            try notUnder(to, unit)
            guard parent(unit) != to else { throw refuse(to, "reorg.refused.same-parent", ["unit": .text(unit), "parent": .text(to)], option: "--to") }
            return [moves(unit, from: parent(unit), to: to)]
        case .dissolve(let unit, let to):
            try living(unit)
            let target = to ?? parent(unit)
            try parentUnit(target)
            try notUnder(target, unit)
            return [ReorgChange(unit: unit, action: .ends, from: parent(unit), successors: [target])]
                + structure.children(of: unit).map { moves($0, from: unit, to: target) }
        case .merge(let units, let into, let name, let to):
            guard Set(units).count == units.count, units.count >= 2 else {
                throw refuse(units.joined(separator: " "), "reorg.refused.merge-count")
            }
            for unit in units { try living(unit) }
            try new(into)
            let parents = Set(units.map(parent))
            guard let target = to ?? (parents.count == 1 ? parents.first : nil) else {
                throw refuse(units.joined(separator: " "), "reorg.refused.merge-parent", ["parents": .list(parents.sorted().map { .text($0) })])
            }
            try parentUnit(target)
            for unit in units { try notUnder(target, unit) }
            let levels = Set(units.compactMap { known.levels[$0] })
            guard levels.count <= 1 else {
                throw refuse(units.joined(separator: " "), "reorg.refused.merge-levels", ["levels": .list(levels.sorted().map { .text($0) })])
            }
            return units.map { ReorgChange(unit: $0, action: .ends, from: parent($0), successors: [into]) }
                + [ReorgChange(unit: into, action: .begins, to: target, name: name, level: levels.first ?? "unit", predecessors: units)]
                + units.flatMap { unit in structure.children(of: unit).map { moves($0, from: unit, to: into) } }
        case .split(let unit, let parts, let to):
            try living(unit)
            guard parts.count >= 2, Set(parts.map(\.id)).count == parts.count else { throw refuse(unit, "reorg.refused.split-count") }
            for part in parts { try new(part.id) }
            guard structure.children(of: unit).isEmpty else {
                throw refuse(unit, "reorg.refused.split-children", [
                    "unit": .text(unit), "children": .list(structure.children(of: unit).map { .text($0) })])
            }
            let target = to ?? parent(unit)
            try parentUnit(target)
            return [ReorgChange(unit: unit, action: .ends, from: parent(unit), successors: parts.map(\.id))]
                + parts.map { ReorgChange(unit: $0.id, action: .begins, to: target, name: $0.name, level: known.levels[unit] ?? "unit", predecessors: [unit]) }
        case .rename(let unit, let name):
            try living(unit)
            guard !name.allSatisfy(\.isWhitespace) else { throw refuse(unit, "reorg.refused.empty-name") }
            return [ReorgChange(unit: unit, action: .renamed, name: name.precomposedStringWithCanonicalMapping)]
        }
    }

    /// Every unit, hub and figure the decision touches.
    static func effects(of decision: Reorganisation, known: KnownStructure, hubs: [String: String], earlier: [Reorganisation]) throws -> [Effect] {
        var effects: [Effect] = []
        let day: Message.Value = .date(decision.effective)
        for change in decision.changes {
            let arguments: [String: Message.Value] = [
                "unit": .text(change.unit), "from": .text(change.from ?? ""), "to": .text(change.to ?? ""), "name": .text(change.name ?? ""),
                "date": day, "successors": .list(change.successors.map { .text($0) }), "predecessors": .list(change.predecessors.map { .text($0) }),
            ]
            effects.append(Effect(kind: .unit, unit: change.unit, message: Message("reorg.effect.\(change.action.rawValue)", arguments)))
            switch change.action {
            case .moves:
                let hub = change.to.flatMap { hubs[$0] }
                effects.append(Effect(kind: .hub, unit: change.unit, message: hub.map {
                    Message("reorg.effect.hub-follows", ["unit": .text(change.unit), "hub": .text(RemoteURL.redacted($0)), "to": .text(change.to ?? "")])
                } ?? Message("reorg.effect.hub-unknown", ["unit": .text(change.unit), "to": .text(change.to ?? "")])))
            case .ends:
                effects.append(Effect(kind: .hub, unit: change.unit, message: Message("reorg.effect.hub-closed", arguments)))
            case .begins:
                effects.append(Effect(kind: .hub, unit: change.unit, message: Message("reorg.effect.hub-new", arguments)))
            case .renamed:
                break
            }
            guard change.action != .renamed else { continue }
            let periods = (known.periods[change.unit] ?? []).sorted()
            let before = periods.filter { Structure.attributionDate(of: $0) < decision.effective }
            let after = periods.filter { Structure.attributionDate(of: $0) >= decision.effective }
            // Each earlier period stays under the parent the unit had on its last day.
            var groups: [(parent: String, periods: [Period])] = []
            for period in before {
                let parent = Structure.inForce(on: Structure.attributionDate(of: period), decisions: earlier, observed: known.observed)
                    .parent(of: change.unit) ?? change.from ?? ""
                if groups.last?.parent == parent { groups[groups.count - 1].periods.append(period) } else { groups.append((parent, [period])) }
            }
            for group in groups {
                effects.append(Effect(kind: .figure, unit: change.unit, message: Message("reorg.effect.figures-before", [
                    "unit": .text(change.unit), "periods": .list(group.periods.map { .period($0.description) }), "parent": .text(group.parent), "date": day])))
            }
            if !after.isEmpty {
                effects.append(Effect(kind: .figure, unit: change.unit, message: Message("reorg.effect.figures-after", [
                    "unit": .text(change.unit), "periods": .list(after.map { .period($0.description) }), "parent": .text(change.to ?? ""), "date": day])))
            }
        }
        return effects
    }

    /// The baselines of each unit the decision creates, for the effective year: its
    /// predecessors' last figures before the effective day, summed — a ratio as Σnumerator /
    /// Σdenominator (a percentage for a percent indicator), a value as its sum — naming them.
    static func baselines(of decision: Reorganisation, known: KnownStructure, indicators: [String: Indicator]) -> [Baselines] {
        decision.changes.filter { $0.action == .begins && !$0.predecessors.isEmpty }.compactMap { change in
            var values: [String: BaselineValue] = [:]
            for (code, indicator) in indicators.sorted(by: { $0.key < $1.key }) {
                var numerator = Exact.zero, denominator = Exact.zero, sum = Exact.zero
                var latest: CivilDate?
                var counted = 0
                for predecessor in change.predecessors {
                    let before = (known.reports[predecessor] ?? []).filter {
                        Structure.attributionDate(of: $0.period) < decision.effective && $0.figures[code] != nil
                    }
                    guard let report = before.max(by: { $0.period.end < $1.period.end }), let figure = report.figures[code] else { continue }
                    latest = max(latest ?? report.period.end, report.period.end)
                    if let n = figure.numerator, let d = figure.denominator {
                        numerator += n
                        denominator += d
                    } else if let value = figure.value {
                        sum += value
                    } else {
                        continue
                    }
                    counted += 1
                }
                guard counted > 0 else { continue }
                if indicator.aggregation == .ratio || denominator != .zero {
                    guard denominator != .zero, let rate = Exact.quotient(numerator * 100, denominator, scale: 4) else { continue }
                    values[code] = BaselineValue(value: rate, asOf: latest)
                } else {
                    values[code] = BaselineValue(value: sum, asOf: latest)
                }
            }
            return values.isEmpty ? nil : Baselines(unit: change.unit, values: values, from: change.predecessors, decision: decision.id)
        }
    }
}
