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
    static let childKinds: Set<DocumentKind> = [.indicator, .target, .task, .progress]
    /// What derivation reads of a parent version: its plan years, definitions, targets,
    /// tasks and the baselines it knows of its children.
    static let parentKinds: Set<DocumentKind> = [.plan, .indicator, .target, .task, .baselines]

    /// Derives every target of `year` in `parent` (a snapshot of the parent's `targets`
    /// at `commit`) for `child`.
    static func derive(from parent: PlanSnapshot, commit: Oid, year: Int, child: PlanSnapshot) -> [String: DerivationOutcome] {
        guard let parentYear = parent.years[year] else { return [:] }
        var outcomes: [String: DerivationOutcome] = [:]
        for (code, target) in parentYear.targets {
            guard let indicator = parentYear.indicators[code] else {
                outcomes[code] = .invalid(message: "\(parent.unit.id) published target '\(code)' without its indicator definition")
                continue
            }
            let baseline = parentYear.baselines[child.unit.id]?.values[code]?.value ?? child.latestFigure(code, year: year)
            outcomes[code] = Derivation.derive(
                parent: ParentTarget(target: target, unit: parent.unit.id, commit: commit.hex),
                indicator: indicator, child: child.unit.id, baseline: baseline)
        }
        return outcomes
    }
}
