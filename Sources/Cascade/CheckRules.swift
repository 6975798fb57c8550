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
                message: Message("check.conflict", [
                    "file": .text(record.file), "path": .text(record.path), "ours": shown(record.ours), "theirs": shown(record.theirs),
                    "base": shown(record.base), "command": .text("plancascade resolve \(record.id) --ours|--theirs|--value <v>"),
                ]))
        }
    }

    /// A document that does not validate (error); `scope` names what was not checked
    /// because of it.
    /// - Parameter problems: the validation's findings, as lines.
    public static func invalidDocument(unit: String, file: String, problems: [Message], scope: Message) -> Finding {
        let first: Message.Value = .message(problems.first ?? Message("check.invalid-document.default"))
        let more: Message.Value = problems.count > 1 ? .message(Message("check.and-more", ["count": .count(problems.count - 1)])) : .text("")
        return Finding(
            .error, .invalidDocument, unit: unit, file: file,
            message: Message("check.invalid-document", ["problem": first, "more": more, "scope": .message(scope), "unit": .text(unit)]))
    }

    /// What an invalid document of the unit where `check` runs leaves unchecked.
    public static let nothingElse = Message("check.scope.nothing-else")

    /// What an invalid document of a descendant leaves unchecked.
    public static func subtree(of unit: String) -> Message { Message("check.scope.subtree", ["unit": .text(unit)]) }

    /// A child whose pushed head does not descend from the head collected before (error).
    /// - Parameters:
    ///   - collected: the commit id recorded by the last collect.
    ///   - pushed: the commit id at `refs/children/<child>/main`.
    public static func historyRewritten(child: String, collected: String, pushed: String) -> Finding {
        Finding(
            .error, .historyRewritten, unit: child, expected: collected, actual: pushed, commit: pushed,
            message: Message("check.history-rewritten", [
                "child": .text(child), "pushed": .text(String(pushed.prefix(7))), "collected": .text(String(collected.prefix(7))),
            ]))
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
            guard let floor, Derivation.isWeaker(
                target.value, comparator: target.comparator, than: floor.value,
                floorComparator: floor.provenance?.comparator, direction: direction) else { return nil }
            let origin = floor.provenance.map {
                Message("check.origin.rule", ["rule": .text($0.rule), "parent": .text($0.parentUnit), "commit": .text(String($0.parentCommit.prefix(7)))])
            } ?? Message("check.origin.parent")
            return Finding(
                .error, .belowInherited, unit: unit, year: year, indicator: code,
                file: prefix + "plans/\(year)/targets/\(code).json",
                expected: "\(target.comparator.rawValue) \(floor.value)", actual: "\(target.comparator.rawValue) \(target.value)",
                message: Message("check.below-inherited", [
                    "indicator": .text(code), "value": .number(target.value), "unit": .text(unit), "floor": .number(floor.value),
                    "origin": .message(origin), "command": .text("plancascade target set \(code) \(floor.value)"),
                ]))
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
                file: prefix + "plans/\(year)/targets/\(code).json", expected: target.condition,
                message: Message("check.missing-inherited-target", [
                    "unit": .text(unit), "year": .year(year), "indicator": .text(code), "rule": .text(target.provenance?.rule ?? "floor"),
                    "parent": .text(parent), "comparator": .text(target.shownComparator), "value": .number(target.shownValue),
                ])))
        }
        for (id, inherited) in inheritedTasks.sorted(by: { $0.key < $1.key }) {
            let file = prefix + "plans/\(year)/tasks/\(id).json"
            let due = inherited.deadline.map { "\($0)" }
            guard let mine = tasks[id] else {
                findings.append(Finding(
                    .error, .missingInheritedTask, unit: unit, year: year, task: id, file: file, expected: due,
                    message: Message("check.missing-inherited-task", [
                        "unit": .text(unit), "task": .text(id), "parent": .text(parent),
                        "due": inherited.deadline.map { .message(Message("check.due", ["date": .date($0)])) } ?? .text(""),
                    ])))
                continue
            }
            if TaskInheritance.exceedsParentDeadline(mine, parent: inherited) {
                let late = mine.deadline.map { "\($0)" }
                findings.append(Finding(
                    .error, .missingInheritedTask, unit: unit, year: year, task: id, file: file, expected: due,
                    actual: late ?? "(none)",
                    message: Message("check.task-later-than-parent", [
                        "task": .text(id), "unit": .text(unit),
                        "late": mine.deadline.map { .date($0) } ?? .message(Message("check.no-deadline")),
                        "parent": .text(parent), "due": inherited.deadline.map { .date($0) } ?? .text(""),
                        "file": .text(String(file.dropFirst(prefix.count))),
                    ])))
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
        let arguments: [String: Message.Value] = [
            "parent": .text(parent), "unit": .text(unit), "published": .text(String(published.prefix(7))),
            "derived": .text(String((derivedFrom ?? "").prefix(7))),
        ]
        return Finding(
            .warning, .staleDerivation, unit: unit, expected: published, actual: derivedFrom, commit: published,
            message: Message(derivedFrom == nil ? "check.never-pulled" : "check.stale-derivation", arguments))
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
                message: Message("check.late-plan", [
                    "unit": .text(unit), "number": .text(childPlan!.number), "issued": .date(issued), "deadline": .date(deadline),
                    "parent": .text(parent), "parentNumber": .text(parentPlan!.number),
                ]))
        }
        guard deadline < asOf else { return nil }
        let message = childPlan.map {
            Message("check.plan-undated", [
                "unit": .text(unit), "number": .text($0.number), "parent": .text(parent), "deadline": .date(deadline),
                "file": .text("plans/\(year)/plan.json"),
            ])
        } ?? Message("check.no-plan", [
            "unit": .text(unit), "year": .year(year), "parent": .text(parent), "parentNumber": .text(parentPlan!.number),
            "deadline": .date(deadline), "file": .text("plans/\(year)/plan.json"),
        ])
        return Finding(
            .warning, .latePlan, unit: unit, year: year, file: file, expected: required,
            actual: childPlan == nil ? "no plan" : "no issued date", message: message)
    }

    /// ``show(_:)`` as an argument: `(none)` in the reader's language for an absent side.
    static func shown(_ value: JSONValue?) -> Message.Value {
        value == nil ? .message(Message("check.value.none")) : .text(show(value))
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
