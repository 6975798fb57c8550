import Foundation
import Git
import PlanModel

/// `plancascade collect`: merges every child's pushed history into `main` under
/// `children/<child-id>/`, one two-parent merge commit per child, so the child's commits
/// become ancestors of the parent's `main` and every child file keeps its blob id; then
/// recomputes the rollup in the same commit.
///
/// The parent never edits a child's subtree: the child's tree is grafted whole. A child
/// head that does not descend from the head collected before (rewritten history) is not
/// merged but reported, unless `acceptRewrite`. An unchanged child makes no commit.
public struct CollectWorkflow {
    public struct Collected: Equatable, Sendable {
        public let child: String
        public let head: Oid
        public let merge: Oid
        /// Commits of the child that are new to the parent.
        public let newCommits: Int
    }

    public struct Rewritten: Equatable, Sendable {
        public let child: String
        public let collected: Oid
        public let pushed: Oid
        public let accepted: Bool
    }

    /// A damaged object of `child`'s push, needed at `need`, fetched again intact from the hub.
    public struct Repaired: Equatable, Sendable {
        public let child: String
        public let object: Oid
        public let need: DamagedObject.Need
    }

    /// How many damaged objects one child's collect fetches again before it gives up.
    static let maxRefetches = 16

    public struct Outcome: Sendable {
        public let collected: [Collected]
        public let rewritten: [Rewritten]
        public let unchanged: [String]
        /// Refs under `refs/children/` that are not a recorded child, or whose tree is not
        /// that child's repository.
        public let refused: [(child: String, reason: Message)]
        /// Children left out with `skip`, whose pushes wait for a later collect.
        public var skipped: [String] = []
        /// Damaged objects of a child's push that were fetched again from the hub.
        public var repaired: [Repaired] = []
        public let head: Oid
    }

    public let environment: [String: String]
    public var acceptRewrite: Bool
    /// Children not to collect this time (`collect --skip`): their pushes stay in
    /// `refs/children/<id>/main`, untouched, for a later collect.
    public var skip: Set<String>
    /// Told of each stage (`job.stage.*`): the web page's job shows where a long collect is.
    public var progress: @Sendable (Message) -> Void = { _ in }

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, acceptRewrite: Bool = false, skip: Set<String> = []) {
        self.environment = environment
        self.acceptRewrite = acceptRewrite
        self.skip = skip
    }

    /// Whether `main`'s tree holds, at `child`'s folder, the tree of `pushed` — what a record
    /// saying `pushed` was the last collected head of `child` implies (the collect grafted it).
    static func holds(_ child: String, _ pushed: Oid, in tree: Oid, _ git: Repository) throws -> Bool {
        guard let folder = try git.entry(at: Layout.childFolder(child), in: tree), git.contains(pushed) else { return false }
        return try folder.oid == git.commit(pushed).tree
    }

    public func run(in repository: UnitRepository) throws -> Outcome {
        let git = repository.git
        guard let start = try repository.head() else { throw PlanStoreError.notAUnitRepository(path: repository.displayRoot) }
        try repository.ensureNoConflicts()
        // A working clone collects what children pushed to its hub; a push the hub cannot give
        // whole (a damaged object there) holds back that child only.
        let unit = try repository.unit()
        let registered = Set(unit.children.map(\.id))
        var unfetched: [String: Message] = [:]
        progress(Message("job.stage.fetching-children"))
        if case .failed(let hub, let error) = try UpstreamFetch.children(into: repository) {
            let known = Set(try UpstreamFetch.pushedChildren(in: git).map(\.child)).union(registered)
            for (child, failure) in try UpstreamFetch.childrenOneByOne(known.sorted(), after: error, into: repository) {
                unfetched[child] = Message("workflow.collect.damaged-at-hub", [
                    "child": .text(child), "hub": .text(RemoteURL.redacted(hub)), "ref": .text(Layout.childReference(child)),
                    "error": UpstreamFetch.describe(failure),
                ])
            }
        }
        let identity = try Identity.resolve(for: git, environment: environment)
        var head = start
        var collected: [Collected] = [], rewritten: [Rewritten] = [], unchanged: [String] = []
        var refused: [(child: String, reason: Message)] = []
        var skipped: [String] = []
        var repaired: [Repaired] = []
        refused += unfetched.sorted { $0.key < $1.key }.map { (child: $0.key, reason: $0.value) }
        let cache = DocumentCache()
        let policy = ChildPolicy.of(git)
        // What each child's latest collect merged: walked back only to the commit the trailer
        // cache has a record of. An unchanged child's record is checked against `main`'s own
        // tree below; one that does not hold sends the whole line to be walked again.
        var trailers = try FirstParentTrailers(from: start, in: git)
        var walkedWhole = trailers.walkedWhole
        let startTree = try git.commit(start).tree
        // The merges' trees, rollups and commits go into one pack, stored before `main` moves.
        try git.writingOnePack {
            let pushedChildren = try UpstreamFetch.pushedChildren(in: git)
            for (index, (child, pushed)) in pushedChildren.enumerated() {
                progress(Message("job.stage.collecting-child", [
                    "child": .text(unit.children.first { $0.id == child }?.name ?? child), "index": .count(index + 1), "count": .count(pushedChildren.count)]))
                if skip.contains(child) {
                    skipped.append(child)
                    continue
                }
                if unfetched[child] != nil { continue }
                if let problem = Identifier.problemMessage(child) {
                    refused.append((child, Message("workflow.collect.bad-id", ["problem": .message(problem)])))
                    continue
                }
                if !registered.isEmpty && !registered.contains(child) {
                    refused.append((child, Message("workflow.collect.not-registered", ["child": .text(child), "unit": .text(unit.id)])))
                    continue
                }
                // This collect's own merges are of other children: the start's records hold.
                var last = trailers.collected[child]
                if last == pushed, !walkedWhole, try !Self.holds(child, pushed, in: startTree, git) {
                    trailers = try FirstParentTrailers.uncached(from: start, in: git)
                    walkedWhole = true
                    last = trailers.collected[child]
                }
                if last == pushed { unchanged.append(child); continue }
                let rewrite = try last.map { try !git.isDescendant(pushed, of: $0) } ?? false
                if rewrite, let last {
                    rewritten.append(Rewritten(child: child, collected: last, pushed: pushed, accepted: acceptRewrite))
                    if !acceptRewrite { continue }
                }
                /// Judges and merges this child's push; returns without merging when it is refused.
                func collectChild() throws {
                    let childCommit = try git.commit(pushed)
                    let childUnit = try? repository.document(PlanModel.Unit.self, at: Layout.unitFile, in: pushed)
                    guard childUnit?.id == child else {
                        refused.append((child, childUnit.map { Message("workflow.collect.other-unit", ["child": .text(child), "named": .text($0.id)]) }
                            ?? Message("workflow.collect.no-unit", ["child": .text(child)])))
                        return
                    }
                    let collectedTree = try git.entry(at: Layout.childFolder(child), in: try git.commit(head).tree)
                    let known = collectedTree?.kind == .tree ? collectedTree?.oid : nil
                    if let refusal = try ChildTreeCheck(git: git, policy: policy).refusal(child: child, head: pushed, known: known, main: start) {
                        refused.append((child, refusal))
                        return
                    }
                    let newCommits = try git.history(from: [pushed], hiding: last.map { [$0] } ?? []).count
                    var tree = try git.updateTree(try git.commit(head).tree, [Layout.childFolder(child): .tree(childCommit.tree)])
                    do {
                        tree = try RollupWriter.apply(to: tree, in: repository, cache: cache)
                    } catch PlanStoreError.invalidDocument(let path, let problems) {
                        // One child's broken file must not stop the others; nothing of it is merged.
                        let problem: Message = problems.first ?? Message("workflow.collect.does-not-validate", ["path": .text(path)])
                        refused.append((child, Message("workflow.collect.invalid", ["child": .text(child), "problem": .message(problem)])))
                        return
                    }
                    let message = CommitTrailers.collect(child: child, commit: pushed, acceptedRewrite: rewrite ? last : nil).message(
                        "Collect \(child) (\(pushed.short))\n\n"
                        + "\(newCommits) new commit\(newCommits == 1 ? "" : "s") from \(child): \(childCommit.summary)")
                    let merge = try repository.writeCommit(tree: tree, parents: [head, pushed], identity: identity, message: message)
                    collected.append(Collected(child: child, head: pushed, merge: merge, newCommits: newCommits))
                    head = merge
                }
                // A damaged object of this child's is fetched again from the hub, then the child
                // is judged again; a child whose object the hub cannot give intact is refused.
                var fetchedAgain: Set<Oid> = []
                while true {
                    do {
                        try collectChild()
                        break
                    } catch {
                        guard let object = DamagedObject.object(in: error) else { throw error }
                        let need = DamagedObject.locate(object, in: git) ?? DamagedObject.Need(ref: Layout.childReference(child), path: nil)
                        let outcome = fetchedAgain.contains(object) || fetchedAgain.count >= Self.maxRefetches
                            ? .failed(UpstreamFetch.describe(error)) : try ObjectRefetch.child(child, object: object, in: repository)
                        switch outcome {
                        case .repaired:
                            fetchedAgain.insert(object)
                            repaired.append(Repaired(child: child, object: object, need: need))
                            continue
                        case .failed(let reason):
                            let hub = (try? git.remoteURL(Layout.originRemote)).flatMap { $0 }.map(RemoteURL.redacted) ?? "-"
                            refused.append((child, Message("workflow.collect.damaged", [
                                "object": .text(String(object.hex.prefix(12))), "needed": .message(need.message), "hub": .text(hub), "error": reason,
                                "child": .text(child),
                            ])))
                        }
                        break
                    }
                }
            }
        }
        if head != start {
            try repository.advanceMain(to: head, from: start, message: "plancascade: collect")
            // A record at the new head for the next command: the walk reads only this
            // collect's merges, back to the record at `start`.
            _ = try? FirstParentTrailers(from: head, in: git, keepingAfter: 1)
        }
        var outcome = Outcome(collected: collected, rewritten: rewritten, unchanged: unchanged, refused: refused, skipped: skipped, head: head)
        outcome.repaired = repaired
        return outcome
    }
}
