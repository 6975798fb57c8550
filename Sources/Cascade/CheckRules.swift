import PlanModel

/// The rules of `plancascade check` that compare plans: pure functions from decoded
/// documents to findings. The caller reads the repositories, and fills in `commit` for the
/// findings that name a file.
///
/// Severities: what breaks the cascade's integrity — an unresolved conflict, rewritten
/// history, a target below what was inherited, an inherited target or task missing or
/// postponed — is an error; what a clerk should follow up — a stale derivation, a late
/// plan — is a warning, so that a hook running `check` does not block every push for it.
public enum CheckRules {
    /// Each unresolved conflict record of `unit` (error).
    public static func conflicts(_ records: [ConflictRecord], unit: String) -> [Finding] {
        records.map { record in
            let location = DocumentPath(record.file)
            let isTask = location?.kind == .task
            return Finding(
                .error, .conflict, unit: unit, year: location?.year, indicator: isTask ? nil : record.item,
                task: isTask ? record.item : nil, file: "conflicts/\(record.id).json",
                message: "\(record.file) \(record.path) was changed to two values: this clone's \(show(record.ours)), "
                    + "the hub's \(show(record.theirs)) (base \(show(record.base))); settle it with "
                    + "`plancascade resolve \(record.id) --ours|--theirs|--value <v>`")
        }
    }

    /// A document that does not validate (error); `scope` names what was not checked
    /// because of it.
    public static func invalidDocument(unit: String, file: String, problems: [String], scope: String) -> Finding {
        let first = problems.first ?? "does not validate"
        let more = problems.count > 1 ? " (and \(problems.count - 1) more)" : ""
        return Finding(
            .error, .invalidDocument, unit: unit, file: file,
            message: "\(first)\(more); \(scope) was not checked — correct the file in \(unit)'s repository "
                + "(`plancascade validate` lists every problem), commit and push it, then check again")
    }

    /// A child whose pushed head does not descend from the head collected before (error).
    /// - Parameters:
    ///   - collected: the commit id recorded by the last collect.
    ///   - pushed: the commit id at `refs/children/<child>/main`.
    public static func historyRewritten(child: String, collected: String, pushed: String) -> Finding {
        Finding(
            .error, .historyRewritten, unit: child, expected: collected, actual: pushed, commit: pushed,
            message: "\(child) pushed \(pushed.prefix(7)), which does not descend from \(collected.prefix(7)) collected before: "
                + "its history was rewritten; ask its clerk why, then `plancascade collect --accept-rewrite` to take it anyway")
    }

    /// Targets of `unit` weaker than what it inherited (error): weaker than the floor its own
    /// provenance records (``Derivation/isWeakerThanInherited(_:direction:)``), or than the
    /// floor of what the parent's rules give it now (`derived`), whichever is stricter.
    /// - Parameters:
    ///   - derived: the derivation for `unit` from the parent version it derived from, by
    ///     indicator code; empty when that version is not known.
    ///   - prefix: the unit's folder (`""`, `children/<id>/`), for `file`.
    public static func belowInherited(
        unit: String, year: Int, targets: [String: Target], indicators: [String: Indicator],
        derived: [String: DerivationOutcome], prefix: String = ""
    ) -> [Finding] {
        targets.sorted { $0.key < $1.key }.compactMap { code, target in
            let direction = indicators[code]?.direction ?? (target.comparator == .atMost ? .lower : .higher)
            let inherited = derived[code]?.target
            var floor: (value: Exact, provenance: Provenance?)?
            for (value, provenance) in [(Derivation.floor(for: target), target.provenance),
                                        (inherited.flatMap(Derivation.floor(for:)), inherited?.provenance)] {
                guard let value else { continue }
                if floor == nil || Derivation.isWeaker(floor!.value, than: value, direction: direction) {
                    floor = (value, provenance)
                }
            }
            guard let floor, Derivation.isWeaker(target.value, than: floor.value, direction: direction) else { return nil }
            let origin = floor.provenance.map { "by rule \($0.rule) of \($0.parentUnit) (commit \($0.parentCommit.prefix(7)))" } ?? "from its parent"
            return Finding(
                .error, .belowInherited, unit: unit, year: year, indicator: code,
                file: prefix + "plans/\(year)/targets/\(code).json",
                expected: "\(target.comparator.rawValue) \(floor.value)", actual: "\(target.comparator.rawValue) \(target.value)",
                message: "target \(code) \(target.value) of \(unit) is weaker than the \(floor.value) it inherited \(origin) "
                    + "(a child target is never weaker than the parent's: 004 III.2); its clerk raises it with "
                    + "`plancascade target set \(code) \(floor.value)`")
        }
    }

    /// Inherited targets and tasks absent from `unit`'s plan, and inherited tasks whose
    /// deadline is later than the parent's (errors).
    /// - Parameters:
    ///   - derived: what the parent's rules give `unit` (exempt and invalid outcomes are skipped).
    ///   - inheritedTasks: the parent's tasks `unit` inherits (``TaskInheritance``), with the
    ///     parent's deadlines.
    public static func missingInherited(
        unit: String, parent: String, year: Int, targets: [String: Target], tasks: [String: PlanTask],
        derived: [String: DerivationOutcome], inheritedTasks: [String: PlanTask], prefix: String = ""
    ) -> [Finding] {
        var findings: [Finding] = []
        for (code, outcome) in derived.sorted(by: { $0.key < $1.key }) {
            guard let target = outcome.target, targets[code] == nil else { continue }
            findings.append(Finding(
                .error, .missingInheritedTarget, unit: unit, year: year, indicator: code,
                file: prefix + "plans/\(year)/targets/\(code).json", expected: "\(target.comparator.rawValue) \(target.value)",
                message: "\(unit) has no \(year) target \(code), though rule \(target.provenance?.rule ?? "floor") of \(parent) "
                    + "gives it \(target.comparator.rawValue) \(target.value); its clerk runs `plancascade pull`"))
        }
        for (id, inherited) in inheritedTasks.sorted(by: { $0.key < $1.key }) {
            let file = prefix + "plans/\(year)/tasks/\(id).json"
            let due = inherited.deadline.map { "\($0)" }
            guard let mine = tasks[id] else {
                findings.append(Finding(
                    .error, .missingInheritedTask, unit: unit, year: year, task: id, file: file, expected: due,
                    message: "\(unit) has not taken up task \(id) that \(parent) assigns to its level"
                        + (due.map { " (due \($0))" } ?? "") + "; its clerk runs `plancascade pull`"))
                continue
            }
            if TaskInheritance.exceedsParentDeadline(mine, parent: inherited) {
                let late = mine.deadline.map { "\($0)" }
                findings.append(Finding(
                    .error, .missingInheritedTask, unit: unit, year: year, task: id, file: file, expected: due,
                    actual: late ?? "(none)",
                    message: "task \(id) of \(unit) is due \(late ?? "without a deadline"), later than \(parent)'s \(due ?? "")"
                        + "; its clerk sets the deadline to \(due ?? "") or earlier in \(file.dropFirst(prefix.count))"))
            }
        }
        return findings
    }

    /// `unit` derived its targets from a parent version other than the latest published
    /// one, or never pulled (warning); nil when it is up to date.
    /// - Parameters:
    ///   - derivedFrom: the `Parent-Commit:` of `unit`'s latest pull, nil when it never pulled.
    ///   - published: the parent's latest `targets` commit.
    public static func staleDerivation(unit: String, parent: String, derivedFrom: String?, published: String) -> Finding? {
        guard derivedFrom?.lowercased() != published.lowercased() else { return nil }
        let what = derivedFrom.map { "\(parent) published targets \(published.prefix(7)) after \(unit) derived from \($0.prefix(7))" }
            ?? "\(unit) has never pulled the targets \(parent) published (\(published.prefix(7)))"
        return Finding(
            .warning, .staleDerivation, unit: unit, expected: published, actual: derivedFrom, commit: published,
            message: .untranslated(what + "; its clerk runs `plancascade pull`"))
    }

    /// `unit`'s plan of `year` issued after the parent's `childPlanDeadline`, or still
    /// missing (or undated) once the deadline has passed (warning); nil when on time or when
    /// the parent set no deadline.
    public static func latePlan(
        unit: String, parent: String, year: Int, parentPlan: Plan?, childPlan: Plan?, asOf: CivilDate, prefix: String = ""
    ) -> Finding? {
        guard let deadline = parentPlan?.childPlanDeadline else { return nil }
        let file = prefix + "plans/\(year)/plan.json"
        let required = "issued by \(deadline)"
        if let issued = childPlan?.issued {
            guard issued > deadline else { return nil }
            return Finding(
                .warning, .latePlan, unit: unit, year: year, file: file, expected: required, actual: "issued \(issued)",
                message: "\(unit)'s plan \(childPlan!.number) was issued \(issued), after \(deadline), the date \(parent)'s plan "
                    + "\(parentPlan!.number) required")
        }
        guard deadline < asOf else { return nil }
        let message = childPlan.map { "\(unit)'s plan \($0.number) has no issued date, and \(parent)'s plan required one by \(deadline); its clerk records the date in plans/\(year)/plan.json" }
            ?? "\(unit) has no \(year) plan, and \(parent)'s plan \(parentPlan!.number) required one by \(deadline); its clerk commits plans/\(year)/plan.json"
        return Finding(
            .warning, .latePlan, unit: unit, year: year, file: file, expected: required,
            actual: childPlan == nil ? "no plan" : "no issued date", message: .untranslated(message))
    }

    /// A JSON value on one line, `(none)` for an absent side.
    static func show(_ value: JSONValue?) -> String {
        guard let value else { return "(none)" }
        var text = String(decoding: CanonicalJSON.render(value), as: UTF8.self)
        while text.hasSuffix("\n") { text.removeLast() }
        return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}

import Foundation
