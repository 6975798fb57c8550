import Cascade
import Foundation
import Git
import PlanModel

/// The server `pre-receive` hook of a unit's hub: the enforcement point for remote pushes.
public struct PreReceiveCheck {
    /// One line of what git feeds the hook: `<old> <new> <ref>`.
    public struct Update: Sendable {
        public let old: Oid?
        public let new: Oid?
        public let reference: String

        /// Parses a line; nil when it is not three fields.
        public init?(line: String) {
            let parts = line.split(separator: " ").map(String.init)
            guard parts.count == 3 else { return nil }
            let zero = String(repeating: "0", count: 40)
            old = parts[0] == zero ? nil : Oid(hex: parts[0])
            new = parts[1] == zero ? nil : Oid(hex: parts[1])
            reference = parts[2]
        }
    }

    /// The file in the hub's git directory mapping authenticated users to unit ids.
    public static let pushersFile = "pushers.json"
    /// Environment variables servers put the authenticated user in, in the order tried.
    public static let userVariables = ["PLANCASCADE_PUSHER", "REMOTE_USER", "GL_USERNAME", "GITEA_PUSHER_NAME"]

    public init() {}

    /// The language the pusher asked for with a push option (`git push -o lang=vi`, or
    /// `-o plancascade.lang=vi`; the hub's installer lets git accept push options), nil when
    /// none was given (then the hook speaks as its environment says).
    public static func language(environment: [String: String]) -> Language? {
        guard let count = environment["GIT_PUSH_OPTION_COUNT"].flatMap(Int.init), count > 0 else { return nil }
        for index in (0..<min(count, 100)).reversed() {
            guard let option = environment["GIT_PUSH_OPTION_\(index)"] else { continue }
            for prefix in ["lang=", "plancascade.lang="] where option.hasPrefix(prefix) {
                if let language = Language(name: String(option.dropFirst(prefix.count))) { return language }
            }
        }
        return nil
    }

    /// Who pushes, as the hub sees it.
    public enum Pusher: Equatable, Sendable {
        /// The server named nobody (a local path, `git daemon`): the refs written decide.
        case anonymous
        /// An authenticated user `pushers.json` maps to child `unit`.
        case child(user: String, unit: String)
        /// An authenticated user who is one of the hub's own unit's clerks (see ``HubPolicy``).
        case clerk(user: String)
    }

    /// Every reason to refuse `updates`; empty when the push may land.
    ///
    /// An update that leaves its ref where it is (old == new) changes nothing and is never
    /// refused: a repeated `push`, `publish` or `sync` with nothing new succeeds.
    public func run(_ updates: [Update], in repository: UnitRepository, environment: [String: String]) throws -> [Message] {
        let git = repository.git
        let updates = updates.filter { $0.old != $0.new }
        guard !updates.isEmpty else { return [] }
        // A hub whose unit a reorganisation ended is closed: readable, no more pushes (issue 18).
        if let closed = try ReorgFollow.closure(of: repository) {
            return updates.map { update in
                Message("reorg.hook.closed", [
                    "ref": .text(update.reference), "unit": .text(closed.unit), "id": .text(closed.decision.id),
                    "date": .date(closed.decision.effective), "basis": .text(closed.decision.basis),
                    "successors": .list(closed.change.successors.map { .text($0) }),
                ])
            }
        }
        var hubUnit = (try? repository.unit())?.id
        // An empty hub (its first push, from `init`) is the unit its pushed `main` says.
        if hubUnit == nil, let main = updates.first(where: { $0.reference == Layout.mainBranch })?.new {
            hubUnit = (try? repository.document(PlanModel.Unit.self, at: Layout.unitFile, in: main))??.id
        }
        let policy = try HubPolicy.load(gitDirectory: git.gitDirectory)
        let pusher = try self.pusher(environment: environment, in: git, hubUnit: hubUnit, policy: policy)
        var problems: [Message] = []
        // Without authentication (a local path, `git daemon`) nothing names the pusher: a push
        // that writes a child's ref is that child's, and may write nothing else — not the
        // hub's own `main` or `targets`, not a sibling's ref.
        let childIDs = Set(updates.compactMap { Self.child(of: $0.reference) })
        if pusher == .anonymous, !childIDs.isEmpty {
            if childIDs.count > 1 {
                return updates.map { Message("hook.one-child-per-push", ["ref": .text($0.reference), "children": .list(childIDs.sorted().map { .text($0) })]) }
            }
            let others = updates.filter { Self.child(of: $0.reference) == nil }
            if !others.isEmpty {
                return others.map { Message("hook.child-push-writes-other-ref", ["child": .text(childIDs.first!), "ref": .text($0.reference)]) }
            }
        }
        for update in updates {
            let ref = update.reference
            let child = Self.child(of: ref)
            if let child, ref != "refs/children/\(child)/main" || Identifier.problem(child) != nil {
                problems.append(Message("workflow.hook.children-only", ["ref": .text(ref)]))
                continue
            }
            switch pusher {
            case .anonymous:
                break
            case .child(let user, let unit):
                // A child's pusher writes its own reported history and nothing else.
                if child != unit {
                    problems.append(Message("workflow.hook.other-unit", ["ref": .text(ref), "user": .text(user), "unit": .text(unit)]))
                    continue
                }
            case .clerk(let user):
                // The unit's own clerks write its main and targets; a child's reported history
                // is written only by that child's own pushers, whoever its commits name.
                if let child {
                    problems.append(Message("hook.clerk-writes-child", [
                        "ref": .text(ref), "user": .text(user), "unit": .text(hubUnit ?? "?"), "child": .text(child)]))
                    continue
                }
            }
            guard let new = update.new else {
                if child != nil { problems.append(Message("workflow.hook.delete", ["ref": .text(ref)])) }
                continue
            }
            if let old = update.old, !(try git.isDescendant(new, of: old)) {
                problems.append(Message("workflow.hook.rewrite", ["ref": .text(ref), "new": .text(new.short), "old": .text(old.short)]))
                continue
            }
            problems += try content(of: new, since: update.old, reference: ref, child: child, in: repository)
            problems += try changes(from: update.old, to: new, reference: ref, child: child, policy: policy, in: repository)
            if let child { problems += try closedReports(of: child, pushed: new, reference: ref, in: repository) }
        }
        return problems
    }

    /// The child id of a `refs/children/<id>/…` reference, nil for any other.
    static func child(of reference: String) -> String? {
        reference.hasPrefix("refs/children/") ? reference.split(separator: "/").dropFirst(2).first.map(String.init) : nil
    }

    /// Who pushes: the server's authenticated user (the first of ``userVariables`` set),
    /// mapped through `pushers.json` to a child, else one of the hub's own clerks (when the
    /// policy lists its clerks, only those); `.anonymous` when the server names nobody.
    /// - Throws: `PlanStoreError.io` when `pushers.json` or `policy.json` cannot be read, or
    ///   the user is neither mapped nor listed among the clerks the policy names.
    func pusher(environment: [String: String], in git: Repository, hubUnit: String?, policy: HubPolicy) throws -> Pusher {
        guard let user = Self.userVariables.lazy.compactMap({ environment[$0] }).first(where: { !$0.isEmpty }) else { return .anonymous }
        let pushers = try HubPushers.load(gitDirectory: git.gitDirectory)
        if let unit = pushers[user] {
            return unit == hubUnit ? .clerk(user: user) : .child(user: user, unit: unit)
        }
        if let clerks = policy.clerks, !clerks.contains(user) {
            throw PlanStoreError.io(path: Self.pushersFile, reason: Message("hook.unknown-user", ["user": .text(user), "unit": .text(hubUnit ?? "?")]))
        }
        return .clerk(user: user)
    }

    /// The pushed head's own documents must validate (a child's own tree: not `children/`).
    /// - Parameter old: the reference's value before (this hook accepted it, and the push
    ///   continues it): then only what changed since is walked and validated, with the
    ///   cross-file rules that involve it, as a commit is validated.
    private func content(of head: Oid, since old: Oid?, reference: String, child: String?, in repository: UnitRepository) throws -> [Message] {
        let git = repository.git
        let tree = try git.commit(head).tree
        let before = try old.map { try git.commit($0).tree }
        let unsafe = try TreeSafety.problems(in: tree, git: git, known: before)
        if !unsafe.isEmpty { return unsafe.map { Message("workflow.hook.at-commit", ["ref": .text(reference), "commit": .text(head.short), "problem": .message($0)]) } }
        let check = ChildTreeCheck(git: git, policy: ChildPolicy.of(git))
        if let child {
            // Bounds first (from object headers: nothing oversized is inflated), then the
            // layout a child may have, then its documents.
            var problems = try check.problems(child: child, head: head, known: before)
            // A figure above the maximum of this hub's plan (issue 17 part 4), as `collect`:
            // the plan it published to its children, else its main.
            if problems.isEmpty,
               let main = try git.referenceTarget("refs/heads/targets") ?? git.referenceTarget("refs/heads/main"),
               let above = try check.figureAboveParentMaximum(child: child, head: head, known: before, main: main) {
                problems = [above]
            }
            return problems.prefix(10).map { Message("workflow.hook.at-commit", ["ref": .text(reference), "commit": .text(head.short), "problem": .message($0)]) }
        }
        let errors = try check.documentErrors(tree: tree, known: before)
        return errors.prefix(10).map { Message("workflow.hook.at-commit", ["ref": .text(reference), "commit": .text(head.short), "problem": .message($0.lineMessage)]) }
            + (errors.count > 10 ? [Message("workflow.hook.more-invalid", ["ref": .text(reference), "count": .count(errors.count - 10)])] : [])
    }

    /// Commit by commit — merges too — the targets the push changes: no target weaker than
    /// its inherited floor unless the hub's policy says "flag" (a commit's own trailers grant
    /// nothing), no provenance edit outside a pull commit the hub can reproduce.
    ///
    /// A commit's own edits are the target files that differ from every one of its parents
    /// (for a merge: what the merge made that neither side had); a file the same as in one
    /// parent was judged with that parent's history (pushed now, or accepted before).
    private func changes(from old: Oid?, to new: Oid, reference: String, child: String?, policy: HubPolicy, in repository: UnitRepository) throws -> [Message] {
        let git = repository.git
        var problems: [Message] = []
        for oid in try git.history(from: [new], hiding: old.map { [$0] } ?? []).reversed() {
            let commit = try git.commit(oid)
            let parents = try commit.parents.map { try planFiles(in: git.commit($0).tree, git) }
            let after = try planFiles(in: commit.tree, git)
            let trailers = CommitTrailers(commit)
            // A pull is one commit on top of the unit's plan; a merge that says it is one is not.
            var isPull = trailers.isPull && commit.parents.count == 1
            // Pushed to its parent's hub, a child's pull is checked against the parent's own
            // published history: the commit it names must be there, and what it wrote must be
            // what that version gives. A trailer written by hand counts for nothing. On the
            // unit's own hub (its `main`) the parent's versions are not at hand: there a pull's
            // trailer only lets it write provenance, never a weaker target.
            var verifiedPull = false
            if isPull, child != nil {
                if let forged = try forgedPull(commit, trailers: trailers, reference: reference, in: repository) {
                    problems.append(forged)
                    isPull = false
                } else {
                    verifiedPull = true
                }
            }
            func decoded(_ blob: Oid?, _ path: String) -> Target? {
                blob.flatMap { try? CanonicalJSON.decode(Target.self, from: git.blob($0), file: path) }
            }
            for (path, oid) in after where parents.allSatisfy({ $0[path] != oid }) {
                guard let location = DocumentPath(path), location.kind == .target, let year = location.year, let name = location.name,
                      let target = decoded(oid, path) else { continue }
                let previous = parents.map { decoded($0[path], path) }
                // Provenance: the commit's own if no parent had it (a root commit's, from nothing).
                let provenanceKept = previous.isEmpty
                    ? target.provenance == nil
                    : previous.contains { $0?.provenance == target.provenance }
                if !provenanceKept && !isPull {
                    problems.append(Message("workflow.hook.provenance-edited", ["ref": .text(reference), "commit": .text(commit.oid.short), "author": .text(commit.author.name), "path": .text(path)]))
                }
                let indicator = after["plans/\(year)/indicators/\(name).json"].flatMap {
                    try? CanonicalJSON.decode(Indicator.self, from: git.blob($0), file: path)
                }
                // The stricter of the inherited floor and the assigned target (issue 17).
                if let indicator, policy.loweredTargets == .refuse, !verifiedPull,
                   let floor = Derivation.strictestFloor(for: target, direction: indicator.direction),
                   Derivation.isBelow(target, floor: floor, direction: indicator.direction) {
                    problems.append(Message(commit.parents.count > 1 ? "hook.lowered-by-merge" : "hook.lowered-policy", [
                        "ref": .text(reference), "commit": .text(commit.oid.short), "author": .text(commit.author.name), "path": .text(path),
                        "indicator": .text(target.indicator), "value": .number(target.value), "floor": .number(floor)]))
                }
            }
        }
        return problems
    }

    /// Why `commit`, which claims to be a pull (`Parent-Commit:`), is not one of the hub's
    /// unit's published versions applied as `pull` applies it; nil when it is.
    private func forgedPull(_ commit: Commit, trailers: CommitTrailers, reference: String, in repository: UnitRepository) throws -> Message? {
        let git = repository.git
        func forged(_ reason: Message) -> Message {
            Message("workflow.hook.forged-pull", [
                "ref": .text(reference), "commit": .text(commit.oid.short), "author": .text(commit.author.name), "reason": .message(reason)])
        }
        guard let named = trailers.parentCommit, git.contains(named),
              let published = try git.referenceTarget(Layout.targetsBranch), try published == named || git.isDescendant(published, of: named) else {
            return forged(Message("workflow.hook.forged-pull.unknown", ["named": .text(trailers.parentCommitText ?? "")]))
        }
        let parent = try PlanSnapshot.load(from: repository, commit: named, kinds: TargetDerivation.parentKinds)
        let before = try PlanSnapshot.load(from: repository, commit: commit.parents[0], kinds: TargetDerivation.childKinds)
        let beforeFiles = try planFiles(in: git.commit(commit.parents[0]).tree, git)
        for (path, oid) in try planFiles(in: commit.tree, git) where beforeFiles[path] != oid {
            guard let location = DocumentPath(path), location.kind == .target, let year = location.year,
                  let target = try? CanonicalJSON.decode(Target.self, from: git.blob(oid), file: path), let provenance = target.provenance else { continue }
            let derived = TargetDerivation.derive(from: parent, commit: named, year: year, child: before)[target.indicator]?.target
            // A pull writes the derived target, or keeps the value the unit had (a refresh never
            // moves a local value anywhere else), with the derivation's provenance.
            let previous = beforeFiles[path].flatMap { try? CanonicalJSON.decode(Target.self, from: git.blob($0), file: path) }?.value
            if derived?.provenance != provenance || (target.value != derived?.value && target.value != previous) {
                return forged(Message("workflow.hook.forged-pull.mismatch", ["path": .text(path), "named": .text(named.short)]))
            }
        }
        return nil
    }

    /// Reports of periods the hub's unit approved (on its `main`) that the push would change.
    private func closedReports(of child: String, pushed: Oid, reference: String, in repository: UnitRepository) throws -> [Message] {
        let git = repository.git
        guard let main = try repository.head() else { return [] }
        var problems: [Message] = []
        for (approval, breach) in try ApprovalLocks.breaches(of: child, pushed: try git.commit(pushed).tree, main: main, git: git) {
            let period = approval.period
            problems.append(Message(breach.current == nil ? "workflow.hook.closed-removed" : "workflow.hook.closed-changed", [
                "ref": .text(reference), "commit": .text(pushed.short), "file": .text(breach.file), "child": .text(child),
                "period": .period(period.description), "typed": .text(period.description), "by": .text(approval.by), "date": .date(approval.at.date)]))
        }
        return problems
    }

    /// The files under `plans/` of `tree`, path → blob id.
    private func planFiles(in tree: Oid, _ git: Repository) throws -> [String: Oid] {
        guard let plans = try git.entry(at: "plans", in: tree), plans.kind == .tree else { return [:] }
        return try git.files(in: plans.oid, under: "plans")
    }
}
