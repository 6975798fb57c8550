import Cascade
import Foundation
import Git
import PlanModel

/// `plancascade pull`: fetches the parent's published `targets`, derives this unit's
/// targets and inherited tasks by the parent's rules, and commits them on `main` with
/// provenance (parent unit, parent commit, rule, base, baseline).
///
/// A re-pull is a three-way refresh (base = the parent version last derived from,
/// theirs = the new one, ours = this unit's plan): stricter local values survive, weaker
/// ones and targets the parent dropped are kept and flagged, never silently changed.
public struct PullWorkflow {
    /// One line of what `pull` did or found, for the person running it.
    public struct Change: Equatable, Sendable {
        public enum Kind: String, Sendable {
            case added, updated, keptStricter = "kept-stricter", flagged, taskAdded = "task-added",
                 taskUpdated = "task-updated", indicator, reporting, reorganisation = "reorg"
        }

        public let kind: Kind
        public let year: Int
        public let item: String
        public let message: Message
    }

    public struct Outcome: Sendable {
        public let parentUnit: String
        public let parentCommit: Oid
        /// The pull commit; nil when nothing changed (or with `dryRun`).
        public let commit: Oid?
        public let upToDate: Bool
        public let changes: [Change]
        /// The new parent when a reorganisation decision moved the unit in this pull.
        public var movedTo: String? = nil
        /// The parent's decisions on this unit's reports changed (``ParentApprovalsQuery`` shows them).
        public var approvalsReceived = false

        public var flags: [Change] { changes.filter { $0.kind == .flagged } }
    }

    public let environment: [String: String]
    public var dryRun: Bool
    /// A bundle file of the parent's `targets` (`bundle create --targets`) to pull from
    /// instead of the parent's hub (`pull --from <file>`).
    public var bundle: String?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, dryRun: Bool = false, bundle: String? = nil) {
        self.environment = environment
        self.dryRun = dryRun
        self.bundle = bundle
    }

    public func run(in repository: UnitRepository) throws -> Outcome {
        var outcome = try pullOnce(in: repository)
        // A decision that moved the unit: the move is committed; derive from the new parent now.
        if outcome.movedTo != nil, !dryRun {
            let again = try pullOnce(in: repository)
            let received = outcome.approvalsReceived || again.approvalsReceived
            outcome = Outcome(parentUnit: again.parentUnit, parentCommit: again.parentCommit, commit: again.commit ?? outcome.commit,
                              upToDate: false, changes: outcome.changes + again.changes, movedTo: outcome.movedTo)
            outcome.approvalsReceived = received
        }
        return outcome
    }

    private func pullOnce(in repository: UnitRepository) throws -> Outcome {
        let git = repository.git
        guard let head = try repository.head() else { throw PlanStoreError.notAUnitRepository(path: repository.displayRoot) }
        let parentURL: String
        var approvalsMoved = false
        if let bundle {
            approvalsMoved = try BundleTargets.load(bundle, into: repository)
            parentURL = bundle
        } else {
            try ReorgFollow.followRemote(in: repository)
            try repository.ensureParentRemote()
            guard let url = try git.remoteURL(Layout.parentRemote) else {
                throw PlanStoreError.noParent(unit: try repository.unit().id)
            }
            parentURL = url
            // With the parent's decisions on this unit's reports, on their own branch (never on `main`).
            let before = try git.referenceTarget(Layout.parentTrackingApprovals)
            try UpstreamFetch.parentTargets(into: repository, approvalsOf: try repository.unit().id).get()
            approvalsMoved = try git.referenceTarget(Layout.parentTrackingApprovals) != before
        }
        guard let parentCommit = try git.referenceTarget(Layout.parentTrackingTargets) else {
            throw PlanStoreError.parentNotPublished(url: parentURL)
        }
        // The parent's versions share most blobs (indicators, unchanged targets and tasks).
        let cache = DocumentCache()
        let ours = try PlanSnapshot.load(from: repository, commit: head, kinds: TargetDerivation.childKinds, cache: cache)
        let theirs = try PlanSnapshot.load(from: repository, commit: parentCommit, kinds: TargetDerivation.parentKinds, cache: cache)
        let lastPull = try FirstParentTrailers.lastDerivation(in: git, from: head)
        let last = lastPull?.parent
        if last == parentCommit {
            var outcome = Outcome(parentUnit: theirs.unit.id, parentCommit: parentCommit, commit: nil, upToDate: true, changes: [])
            outcome.approvalsReceived = approvalsMoved
            return outcome
        }
        // The parent version last derived from, when this clone still has it.
        let base: (snapshot: PlanSnapshot, commit: Oid)? = try last.flatMap {
            git.contains($0) ? (try PlanSnapshot.load(from: repository, commit: $0, kinds: TargetDerivation.parentKinds, cache: cache), $0) : nil
        }
        // The unit as it was at that pull: a baseline the parent did not publish falls back to
        // the unit's own latest figure, and the figures reported since must not change what
        // that pull derived (the base of the three-way refresh), or every such target would
        // read as edited and be flagged "weaker than" the new derivation.
        var then = ours
        if base != nil, let pull = lastPull?.pull {
            then.progress = try PlanSnapshot.load(from: repository, commit: pull, kinds: [.progress], cache: cache).progress
        }

        var files: [String: [UInt8]?] = [:]
        var changes: [Change] = []
        let child = ours.unit
        var updated = child
        // A unit a decision moved keeps its new parent while its remote still names the old one.
        let movedByDecision = ours.reorganisations.contains { decision in
            decision.change(of: child.id).map { $0.action == .moves && $0.to == child.parent } ?? false
        }
        if child.parent == nil || (child.parent != theirs.unit.id && !movedByDecision) {
            updated.parent = theirs.unit.id
            files[Layout.unitFile] = try CanonicalJSON.encode(updated)
        }
        // Reorganisation decisions published with the targets (issue 18).
        let reorg = try ReorgFollow.follow(parentDecisions: theirs.reorganisations, ours: ours.reorganisations, unit: updated)
        changes += Self.describe(reorg, unit: child.id)
        if let moved = reorg.moved {
            // The move alone, in one commit naming the decision; the next pull derives from the new parent.
            var moveFiles = reorg.files
            if moveFiles[Layout.unitFile] == nil { moveFiles[Layout.unitFile] = files[Layout.unitFile] }
            var commit: Oid?
            if !dryRun {
                let identity = try Identity.resolve(for: git, environment: environment)
                commit = try repository.commit(moveFiles, message: Self.moveMessage(unit: child.id, moved: moved, received: reorg.received), identity: identity)
                if let hub = moved.hub {
                    let url = RemoteURL.withoutCredentials(GivenCredentials.remember(hub))
                    try git.setRemoteURL(Layout.parentRemote, url: url)
                }
            }
            var outcome = Outcome(parentUnit: theirs.unit.id, parentCommit: parentCommit, commit: commit, upToDate: false, changes: changes)
            outcome.movedTo = moved.hub == nil ? nil : moved.parent
            return outcome
        }
        for (path, bytes) in reorg.files { files[path] = bytes }
        for year in theirs.planYears {
            let parentYear = theirs.years[year]!
            let ourYear = ours.years[year] ?? PlanSnapshot.Year()
            for (code, indicator) in parentYear.indicators where ourYear.indicators[code] != indicator {
                files[Layout.indicatorFile(year: year, code: code)] = try CanonicalJSON.encode(indicator)
                changes.append(Change(kind: .indicator, year: year, item: code, message: Message("workflow.pull.indicator", ["parent": .text(theirs.unit.id)])))
            }
            let derived = TargetDerivation.derive(from: theirs, commit: parentCommit, year: year, child: ours)
            var previous = base.map { TargetDerivation.derive(from: $0.snapshot, commit: $0.commit, year: year, child: then) } ?? [:]
            // Re-parented (a reorganisation): a target still as the old parent's pull wrote it
            // (its value is the one derived) is unedited, so the new parent's derivation replaces it
            // without a "weaker than" flag; a target the unit edited keeps the usual refresh.
            if let base, base.snapshot.unit.id != theirs.unit.id {
                previous = ourYear.targets.filter { _, target in
                    target.provenance.map { $0.parentUnit == base.snapshot.unit.id && $0.derived == target.value } ?? false
                }.mapValues { .target($0) }
            }
            let plan = Refresh.plan(base: previous.compactMapValues(\.target), theirs: derived, ours: ourYear.targets)
            for code in plan.indicators {
                let action = plan.actions[code]!
                if let write = action.writes {
                    files[Layout.targetFile(year: year, indicator: code)] = try CanonicalJSON.encode(write)
                }
                if let change = Self.describe(action, code: code, year: year, parent: theirs.unit.id) { changes.append(change) }
            }
            changes += try inheritTasks(
                from: theirs, base: base, parentCommit: parentCommit, year: year, child: ours, into: &files)
            if let change = try Self.inheritReporting(from: theirs, year: year, child: ours, into: &files) { changes.append(change) }
        }

        var commit: Oid?
        if !dryRun && !files.isEmpty {
            let identity = try Identity.resolve(for: git, environment: environment)
            commit = try repository.commit(
                files, message: Self.message(parent: theirs.unit.id, commit: parentCommit, changes: changes), identity: identity)
        }
        var outcome = Outcome(parentUnit: theirs.unit.id, parentCommit: parentCommit, commit: commit, upToDate: false, changes: changes)
        outcome.approvalsReceived = approvalsMoved
        return outcome
    }

    /// Inherits the tasks of `year` that name the child (``Recipients``), refreshing
    /// the ones the child has not concretised and flagging the rest.
    private func inheritTasks(
        from parent: PlanSnapshot, base: (snapshot: PlanSnapshot, commit: Oid)?, parentCommit: Oid, year: Int,
        child: PlanSnapshot, into files: inout [String: [UInt8]?]
    ) throws -> [Change] {
        func inherited(_ snapshot: PlanSnapshot?, _ commit: Oid?) -> [String: PlanTask] {
            guard let snapshot, let commit else { return [:] }
            return TargetDerivation.inheritedTasks(from: snapshot, commit: commit, year: year, child: child.unit)
        }
        let theirs = inherited(parent, parentCommit)
        let previous = inherited(base?.snapshot, base?.commit)
        let ours = child.years[year]?.tasks ?? [:]
        var changes: [Change] = []
        for id in Set(theirs.keys).union(previous.keys).sorted() {
            let path = Layout.taskFile(year: year, id: id)
            switch (theirs[id], ours[id]) {
            case (let task?, nil):
                files[path] = try CanonicalJSON.encode(task)
                changes.append(Change(kind: .taskAdded, year: year, item: id, message: task.deadline.map { Message("workflow.pull.task-added", ["deadline": .date($0)]) }
                    ?? Message("workflow.pull.task-added-timeframe")))
            case (let task?, let mine?):
                if mine == previous[id], mine != task {
                    files[path] = try CanonicalJSON.encode(task)
                    changes.append(Change(kind: .taskUpdated, year: year, item: id, message: Message("workflow.pull.task-updated", ["parent": .text(parent.unit.id)])))
                } else if let parentTask = parent.years[year]?.tasks[id], TaskInheritance.exceedsParentDeadline(mine, parent: parentTask) {
                    changes.append(Change(kind: .flagged, year: year, item: id, message: Message("workflow.pull.task-later", [
                        "deadline": mine.deadline.map { .date($0) } ?? .term("workflow.pull.no-deadline"), "parent": .text(parent.unit.id),
                        "parent-deadline": parentTask.deadline.map { .date($0) } ?? .text("")])))
                }
            case (nil, _?):
                changes.append(Change(kind: .flagged, year: year, item: id, message: Message("workflow.pull.task-dropped", ["parent": .text(parent.unit.id)])))
            case (nil, nil):
                continue
            }
        }
        return changes
    }

    /// One line per decision received, and one for a move or an end of this unit.
    static func describe(_ reorg: ReorgFollow.Result, unit: String) -> [Change] {
        var changes = reorg.received.map { decision in
            Change(kind: .reorganisation, year: decision.effective.year, item: decision.id, message: Message("reorg.pull.received", [
                "kind": .text(decision.kind.rawValue), "units": .list(decision.units.map { .text($0) }), "date": .date(decision.effective),
                "basis": .text(decision.basis)]))
        }
        if let moved = reorg.moved {
            changes.append(Change(kind: .reorganisation, year: moved.decision.effective.year, item: moved.decision.id, message: moved.hub.map {
                Message("reorg.pull.moved", ["unit": .text(unit), "parent": .text(moved.parent), "hub": .text(RemoteURL.redacted($0)), "date": .date(moved.decision.effective)])
            } ?? Message("reorg.pull.moved-no-hub", ["unit": .text(unit), "parent": .text(moved.parent), "date": .date(moved.decision.effective)])))
        }
        if let ended = reorg.ended, let change = ended.change(of: unit) {
            changes.append(Change(kind: .flagged, year: ended.effective.year, item: ended.id, message: Message("reorg.pull.ended", [
                "unit": .text(unit), "date": .date(ended.effective), "successors": .list(change.successors.map { .text($0) }), "id": .text(ended.id)])))
        }
        changes += reorg.problems.map { Change(kind: .flagged, year: 0, item: "reorg", message: $0) }
        return changes
    }

    static func moveMessage(unit: String, moved: (decision: Reorganisation, parent: String, hub: String?), received: [Reorganisation]) -> String {
        let lines = ["Reorganisation \(moved.decision.id): \(unit) moves to \(moved.parent) from \(moved.decision.effective)", "", moved.decision.basis]
            + (received.count > 1 ? ["", "Decisions received: " + received.map(\.id).joined(separator: ", ")] : [])
        return CommitTrailers([(.reorgDecision, moved.decision.id)]).message(lines.joined(separator: "\n"))
    }

    static func describe(_ action: RefreshAction, code: String, year: Int, parent: String) -> Change? {
        switch action {
        case .unchanged:
            return nil
        case .add(let target):
            return Change(kind: .added, year: year, item: code, message: Message("workflow.pull.target", ["value": .number(target.value), "origin": .message(Self.origin(target))]))
        case .update(let target):
            return Change(kind: .updated, year: year, item: code, message: Message("workflow.pull.target", ["value": .number(target.value), "origin": .message(Self.origin(target))]))
        case .keepStricter(let ours, let derived):
            return Change(kind: .keptStricter, year: year, item: code, message: Message("workflow.pull.kept-stricter", ["ours": .number(ours.value), "derived": .number(derived.value)]))
        case .keepWeakerFlagged(let ours, let derived):
            return Change(kind: .flagged, year: year, item: code, message: Message("workflow.pull.kept-weaker", [
                "ours": .number(ours.value), "derived": .number(derived.value), "parent": .text(parent), "code": .text(code), "typed": .text(derived.value.description)]))
        case .removedByParentFlagged(let ours):
            return Change(kind: .flagged, year: year, item: code, message: Message("workflow.pull.target-dropped", ["parent": .text(parent), "ours": .number(ours.value)]))
        case .exempted(let ours, let reason):
            return Change(kind: .flagged, year: year, item: code, message: Message("workflow.pull.exempted", ["reason": .message(.untranslated(reason)), "ours": .number(ours.value)]))
        case .invalidRuleFlagged(_, let message):
            return Change(kind: .flagged, year: year, item: code, message: .untranslated(message))
        }
    }

    private static func origin(_ target: Target) -> Message {
        guard let provenance = target.provenance else { return Message("workflow.pull.origin-none") }
        var parts: [Message.Value] = [.text(provenance.rule)]
        if let base = provenance.base { parts.append(.message(Message("workflow.pull.base", ["value": .number(base)]))) }
        parts.append(.message(provenance.baseline.map { Message("workflow.pull.baseline", ["value": .number($0)]) } ?? Message("workflow.pull.no-baseline")))
        return Message("workflow.pull.origin", ["parts": .list(parts)])
    }

    static func message(parent: String, commit: Oid, changes: [Change]) -> String {
        var lines = ["Pull targets from \(parent) (\(commit.short))", ""]
        let listed = changes.filter { $0.kind != .indicator }.sorted { ($0.year, $0.item) < ($1.year, $1.item) }
        for change in listed { lines.append("\(change.year) \(change.item): \(change.kind.rawValue): \(change.message)") }
        let copied = changes.count - listed.count
        if copied > 0 { lines.append("\(copied) indicator definition\(copied == 1 ? "" : "s") copied from \(parent)") }
        if changes.isEmpty { lines.removeLast() }
        return CommitTrailers.pull(parent: parent, commit: commit).message(lines.joined(separator: "\n"))
    }
}
