import Foundation
import Git
import PlanModel

/// `plancascade bundle create`: what a `push` would send to the parent's hub, as a git bundle
/// file (`git bundle verify` accepts it), for a unit without a network; with `targets`, what
/// `publish` put on the unit's `targets` for its children (`pull --from <file>` there).
///
/// A report bundle carries `refs/children/<unit>/main` at `main`, and leaves out what the
/// parent's hub already has: the last `main` a push delivered there
/// (``BundleCreateWorkflow/deliveredReference``) is its prerequisite, so a second bundle is
/// small. `full` sends the whole history (the parent lost the last one, or never had any).
public struct BundleCreateWorkflow {
    /// The last `main` a push or sync delivered to the parent's hub.
    public static let deliveredReference = "refs/plancascade/delivered/parent"

    public enum Kind: Sendable { case report, targets }

    public struct Outcome: Sendable {
        public let path: String
        public let unit: String
        public let reference: String
        public let tip: Oid
        /// Commits the receiver must have; empty for a full bundle.
        public let prerequisites: [Oid]
        public let objects: Int
        /// With ``child``: the tip of that child's decisions branch carried too (nil when the
        /// unit has published no decision on its reports yet).
        public var decisions: Oid? = nil
    }

    public var kind: Kind
    public var full: Bool
    /// With `targets`: the child the bundle is carried to, whose decisions
    /// (``Layout/approvalsBranch(child:)``, written by `publish`) go with the targets, as a
    /// network `pull` fetches them. Never a sibling's: the bundle is that child's alone.
    public var child: String?

    public init(kind: Kind = .report, full: Bool = false, child: String? = nil) {
        self.kind = kind
        self.full = full
        self.child = child
    }

    /// The file name used without `--out`: `<unit>-to-<parent>-<commit>.bundle` for a report,
    /// `<unit>-targets-<commit>.bundle` for targets.
    public func defaultName(in repository: UnitRepository) throws -> String {
        let unit = try repository.unit()
        switch kind {
        case .report:
            guard let head = try repository.head() else { throw PlanStoreError.notAUnitRepository(path: repository.displayRoot) }
            return "\(unit.id)-to-\(unit.parent ?? "parent")-\(head.short).bundle"
        case .targets:
            let tip = try repository.git.referenceTarget(Layout.targetsBranch)
            if let child { return "\(unit.id)-targets-for-\(child)-\(tip?.short ?? "none").bundle" }
            return "\(unit.id)-targets-\(tip?.short ?? "none").bundle"
        }
    }

    public func run(in repository: UnitRepository, to path: String) throws -> Outcome {
        let git = repository.git
        guard let head = try repository.head() else { throw PlanStoreError.notAUnitRepository(path: repository.displayRoot) }
        let unit = try repository.unit()
        let reference: String, tip: Oid
        var prerequisites: [Oid] = []
        var decisions: Oid?
        if let child {
            guard kind == .targets else {
                throw PlanStoreError.io(path: path, reason: Message("bundle.for-needs-targets", ["child": .text(child)]))
            }
            guard unit.children.contains(where: { $0.id == child }) else {
                throw PlanStoreError.io(path: path, reason: Message("bundle.for-not-child", [
                    "child": .text(child), "unit": .text(unit.id), "children": .list(unit.children.map { .text($0.id) })]))
            }
            decisions = try git.referenceTarget(Layout.approvalsBranch(child: child))
        }
        switch kind {
        case .report:
            try repository.ensureNoConflicts()
            let parentRemote = try git.remoteURL(Layout.parentRemote)
            guard unit.parent != nil || parentRemote != nil else { throw PlanStoreError.noParent(unit: unit.id) }
            reference = Layout.childReference(unit.id)
            tip = head
            if !full, let delivered = try git.referenceTarget(Self.deliveredReference), git.contains(delivered) {
                if delivered == head {
                    throw PlanStoreError.io(path: path, reason: Message("bundle.nothing-new", ["commit": .text(head.short), "parent": .text(unit.parent ?? "parent")]))
                }
                if try git.isDescendant(head, of: delivered) { prerequisites = [delivered] }
            }
        case .targets:
            guard let published = try git.referenceTarget(Layout.targetsBranch) else {
                throw PlanStoreError.io(path: path, reason: Message("bundle.no-targets", ["unit": .text(unit.id)]))
            }
            reference = Layout.targetsBranch
            tip = published
        }
        var references = [(name: reference, target: tip)]
        if let child, let decisions { references.append((Layout.approvalsBranch(child: child), decisions)) }
        let objects = try git.writeBundle(to: path, references: references, prerequisites: prerequisites)
        return Outcome(path: path, unit: unit.id, reference: reference, tip: tip, prerequisites: prerequisites, objects: objects, decisions: decisions)
    }
}

/// `plancascade bundle apply <file>`: a child's report bundle taken in at its parent exactly
/// as the child's push would be at the parent's hub — the hub's own `pre-receive` check
/// (``PreReceiveCheck``: safety, bounds, documents, lowered targets, forged pulls, closed
/// periods, rewrites), on the receiving repository's state with the bundle's objects in
/// quarantine — then `refs/children/<id>/main` moves, and `collect` takes it from there.
///
/// In the parent's hub (bare) that is the whole of it. In the parent's working clone the
/// reference is written there, where `collect` reads it; a mark
/// (`refs/plancascade/bundled/<id>`) keeps the next fetch from the hub, which has not seen
/// the bundle, from winding it back. Applying the same bundle again, or an older one, changes
/// nothing.
public struct BundleApplyWorkflow {
    /// Where a working clone remembers a child's head that came by bundle.
    static func markReference(_ child: String) -> String { "refs/plancascade/bundled/\(child)" }

    public enum Action: String, Sendable {
        /// The reference moved to the bundle's head.
        case applied
        /// The repository already had the bundle's head there: nothing changed.
        case unchanged
        /// The repository has a newer head of the child that contains the bundle's.
        case older
    }

    public struct Outcome: Sendable {
        public let child: String
        public let reference: String
        public let old: Oid?
        public let new: Oid
        public let action: Action
        /// Commits the bundle brought that were new here.
        public let newCommits: Int
    }

    public let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    public func run(file: String, in repository: UnitRepository) throws -> Outcome {
        let git = repository.git
        let policy = ChildPolicy.of(git)
        let bundle = try BundleFile.open(file, maxBytes: policy.maxPushBytes)
        let (reference, new) = try bundle.onlyReference()
        let unit = try repository.unit()
        if reference == Layout.targetsBranch {
            throw PlanStoreError.io(path: file, reason: Message("bundle.targets-here", ["unit": .text(unit.id)]))
        }
        guard let child = PreReceiveCheck.child(of: reference), reference == Layout.childReference(child), Identifier.problem(child) == nil else {
            throw PlanStoreError.io(path: file, reason: Message("bundle.not-a-report", ["ref": .text(reference)]))
        }
        if child == unit.id || (!unit.children.isEmpty && !unit.children.contains { $0.id == child }) {
            throw PlanStoreError.io(path: file, reason: Message("bundle.other-unit", [
                "child": .text(child), "unit": .text(unit.id), "children": .list(unit.children.map { .text($0.id) })]))
        }
        // A working clone first learns what its hub holds (as collect does): the commits the
        // bundle builds on were pushed there. Without a network it goes on with what it has.
        if !git.isBare { _ = try? UpstreamFetch.children(into: repository) }
        let old = try git.referenceTarget(reference)
        if old == new { return Outcome(child: child, reference: reference, old: old, new: new, action: .unchanged, newCommits: 0) }
        if let old, git.contains(new), try git.isDescendant(old, of: new) {
            return Outcome(child: child, reference: reference, old: old, new: new, action: .older, newCommits: 0)
        }
        try bundle.ensurePrerequisites(in: git, receiver: unit.id)
        let quarantine = try bundle.quarantine(in: git, policy: policy)
        defer { quarantine.discard() }
        let checker = try BundleFile.checker(of: git.gitDirectory, seeing: quarantine)
        let sender = try bundle.unit(at: new, checker: checker)
        guard sender.id == child else {
            throw PlanStoreError.io(path: file, reason: Message("bundle.ref-other-unit", ["ref": .text(reference), "named": .text(sender.id)]))
        }
        if let parent = sender.parent, parent != unit.id {
            throw PlanStoreError.io(path: file, reason: Message("bundle.wrong-parent", ["child": .text(child), "parent": .text(parent), "unit": .text(unit.id)]))
        }
        // The hub's own check, as its `pre-receive` runs it for an anonymous push of this one
        // child's reference (the file names nobody: the reference written decides).
        var environment = environment
        for variable in PreReceiveCheck.userVariables { environment[variable] = nil }
        let zero = String(repeating: "0", count: 40)
        let update = PreReceiveCheck.Update(line: "\(old?.hex ?? zero) \(new.hex) \(reference)")!
        let problems = try PreReceiveCheck().run([update], in: UnitRepository(checker), environment: environment)
        if !problems.isEmpty { throw PlanStoreError.hookDeclined(reference: reference, remote: file, problems: problems) }
        let newCommits = try checker.history(from: [new], hiding: old.map { [$0] } ?? []).count
        try quarantine.accept(into: git)
        try git.updateReference(reference, to: new, expected: old, message: "bundle apply: \(child) from \((file as NSString).lastPathComponent)")
        if !git.isBare {
            let mark = Self.markReference(child)
            try git.updateReference(mark, to: new, expected: try git.referenceTarget(mark), message: "bundle apply: \(child)")
        }
        return Outcome(child: child, reference: reference, old: old, new: new, action: .applied, newCommits: newCommits)
    }

    /// After a working clone fetched `refs/children/*` from its hub (forced, as a hub's
    /// value is the truth there): a child head that came by bundle and that the hub has not
    /// caught up with is put back, and a mark the hub caught up with is dropped. Without
    /// marks nothing changes, so a child that rewrote its history at the hub is still seen.
    static func keepBundledHeads(in git: Repository) throws {
        for (mark, bundled) in try git.references(matching: "refs/plancascade/bundled/*") {
            let child = String(mark.dropFirst("refs/plancascade/bundled/".count))
            let reference = Layout.childReference(child)
            let fetched = try git.referenceTarget(reference)
            if let fetched, fetched != bundled, try !git.isDescendant(fetched, of: bundled) {
                try git.updateReference(reference, to: bundled, expected: fetched, message: "bundle: keep \(child)'s head that came by file")
            } else if fetched != nil {
                try git.deleteReference(mark)
            } else {
                try git.updateReference(reference, to: bundled, expected: nil, message: "bundle: keep \(child)'s head that came by file")
            }
        }
    }
}

/// `pull --from <file>`: the parent's `targets` from a bundle made with
/// `bundle create --targets`, taken in where a fetch from the parent's hub would put it
/// (`refs/remotes/parent/targets`) after the same checks a fetched tree has, and refused when
/// it is another unit's. A bundle made `--for` this unit also carries the parent's decisions
/// on its reports (`refs/heads/approvals/<unit>`), taken in as a network pull takes them
/// (`refs/remotes/parent/approvals`); another child's decisions are refused.
enum BundleTargets {
    /// - Returns: whether the parent's decisions on this unit's reports moved.
    @discardableResult
    static func load(_ file: String, into repository: UnitRepository) throws -> Bool {
        let git = repository.git
        let policy = ChildPolicy.of(git)
        let bundle = try BundleFile.open(file, maxBytes: policy.maxPushBytes)
        let unit = try repository.unit()
        let references = bundle.bundle.references
        guard let targets = references.first(where: { $0.name == Layout.targetsBranch }) else {
            let (reference, _) = try bundle.onlyReference()
            let message = PreReceiveCheck.child(of: reference) != nil ? "bundle.report-here" : "bundle.not-targets"
            throw PlanStoreError.io(path: file, reason: Message(message, ["ref": .text(reference), "unit": .text(unit.id)]))
        }
        let others = references.filter { $0.name != Layout.targetsBranch }
        let approvalsPrefix = Layout.approvalsBranch(child: "")
        guard others.count <= 1, others.allSatisfy({ $0.name.hasPrefix(approvalsPrefix) }) else {
            throw PlanStoreError.io(path: file, reason: Message("bundle.targets-refs", ["refs": .list(references.map { .text($0.name) })]))
        }
        let decisions = others.first
        if let decisions, decisions.name != Layout.approvalsBranch(child: unit.id) {
            throw PlanStoreError.io(path: file, reason: Message("bundle.approvals-other-child", [
                "ref": .text(decisions.name), "named": .text(String(decisions.name.dropFirst(approvalsPrefix.count))), "unit": .text(unit.id)]))
        }
        let tracking = Layout.parentTrackingTargets, approvalsTracking = Layout.parentTrackingApprovals
        let current = try git.referenceTarget(tracking), currentDecisions = try git.referenceTarget(approvalsTracking)
        // An older bundle than what is here keeps the newer, for either branch.
        func newer(_ new: Oid, than current: Oid?) throws -> Bool {
            guard let current, current != new else { return current == nil }
            if git.contains(new), try git.isDescendant(current, of: new) { return false }
            return true
        }
        let takeTargets = try newer(targets.target, than: current)
        let takeDecisions = try decisions.map { try newer($0.target, than: currentDecisions) } ?? false
        guard takeTargets || takeDecisions else { return false }
        try bundle.ensurePrerequisites(in: git, receiver: unit.id)
        let quarantine = try bundle.quarantine(in: git, policy: policy)
        defer { quarantine.discard() }
        let checker = try BundleFile.checker(of: git.gitDirectory, seeing: quarantine)
        let parent = try bundle.unit(at: targets.target, checker: checker)
        if parent.id == unit.id {
            throw PlanStoreError.io(path: file, reason: Message("bundle.targets-own", ["unit": .text(unit.id)]))
        }
        if unit.parent != nil && unit.parent != parent.id {
            throw PlanStoreError.io(path: file, reason: Message("bundle.targets-other-parent", [
                "named": .text(parent.id), "unit": .text(unit.id), "parent": .text(unit.parent ?? "-")]))
        }
        if !parent.children.isEmpty, !parent.children.contains(where: { $0.id == unit.id }) {
            throw PlanStoreError.io(path: file, reason: Message("bundle.targets-not-child", ["named": .text(parent.id), "unit": .text(unit.id)]))
        }
        var tips = [targets.target]
        if let decisions {
            guard (try? checker.commit(decisions.target)) != nil else {
                throw PlanStoreError.io(path: file, reason: Message("bundle.tip-not-commit", ["commit": .text(decisions.target.short)]))
            }
            tips.append(decisions.target)
        }
        for tip in tips {
            let unsafe = try TreeSafety.problems(in: try checker.commit(tip).tree, git: checker)
            if let problem = unsafe.first {
                throw PlanStoreError.io(path: file, reason: Message("bundle.unsafe", ["problem": .message(problem)]))
            }
        }
        try quarantine.accept(into: git)
        let name = (file as NSString).lastPathComponent
        if takeTargets {
            try git.updateReference(tracking, to: targets.target, expected: current, message: "pull --from \(name)")
        }
        if let decisions, takeDecisions {
            try git.updateReference(approvalsTracking, to: decisions.target, expected: currentDecisions, message: "pull --from \(name): the parent's decisions")
        }
        return takeDecisions
    }
}
