import Cascade
import Git
import PlanModel

/// A child's targets derived from a version of its parent's published targets by the
/// parent's cascade rules (``Derivation`` in Cascade, fed with the unit ids, the parent
/// commit and each child's baseline): what `pull` commits, what `check` compares a child's
/// targets with, and what `verify` re-derives a provenance from.
enum TargetDerivation {
    /// What derivation reads of the unit: its definitions, targets, tasks and own reports
    /// (a baseline falls back to its latest figure).
    static let childKinds: Set<DocumentKind> = [.plan, .indicator, .target, .task, .progress]
    /// What derivation reads of a parent version: its plan years, definitions, targets,
    /// tasks and the baselines it knows of its children.
    static let parentKinds: Set<DocumentKind> = [.plan, .indicator, .target, .task, .baselines]

    /// Derives every target of `year` in `parent` (a snapshot of the parent's `targets`
    /// at `commit`) that `child` receives (``Recipients``: the `for:` of its rule, an
    /// explicit assignment) for `child`.
    static func derive(from parent: PlanSnapshot, commit: Oid, year: Int, child: PlanSnapshot) -> [String: DerivationOutcome] {
        guard let parentYear = parent.years[year] else { return [:] }
        let recipients = Recipients(parent: parent.unit)
        let me = recipient(child.unit, in: parent.unit)
        var outcomes: [String: DerivationOutcome] = [:]
        for (code, target) in parentYear.targets where recipients.receives(me, target: target) {
            guard let indicator = parentYear.indicators[code] else {
                outcomes[code] = .invalid(message: "\(parent.unit.id) published target '\(code)' without its indicator definition")
                continue
            }
            let baseline = parentYear.baselines[child.unit.id]?.values[code]?.value ?? child.latestFigure(code, year: year)
            let source = ParentTarget(target: target, unit: parent.unit.id, commit: commit.hex)
            if let assignment = target.assignments[child.unit.id] {
                outcomes[code] = Derivation.assign(assignment, parent: source, indicator: indicator, child: child.unit.id, baseline: baseline)
            } else {
                outcomes[code] = Derivation.derive(parent: source, indicator: indicator, child: child.unit.id, baseline: baseline)
            }
        }
        return outcomes
    }

    /// `child` as its parent registers it (name, level, aliases), else as it says itself.
    static func recipient(_ child: PlanModel.Unit, in parent: PlanModel.Unit) -> Recipients.Child {
        if let ref = parent.children.first(where: { $0.id == child.id }) { return Recipients.Child(ref) }
        return Recipients.Child(id: child.id, name: child.name, level: child.level)
    }

    /// The tasks of `year` in `parent` that `child` inherits, as inherited copies.
    static func inheritedTasks(from parent: PlanSnapshot, commit: Oid, year: Int, child: PlanModel.Unit) -> [String: PlanTask] {
        guard let tasks = parent.years[year]?.tasks else { return [:] }
        let matcher = TaskInheritance(recipients: Recipients(parent: parent.unit))
        let me = recipient(child, in: parent.unit)
        return tasks.compactMapValues {
            matcher.derive(task: $0, parentUnit: parent.unit.id, parentCommit: commit.hex, child: me)
        }
    }
}
