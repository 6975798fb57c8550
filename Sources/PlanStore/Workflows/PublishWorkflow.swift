import Foundation
import Git
import PlanModel

/// `plancascade publish`: writes the unit's `targets` branch — `unit.json`, `plans/`
/// (plans, targets, rules, tasks, per-child baselines) and `reorg/` (decisions in force), never `progress/` or `children/` —
/// and pushes it to the unit's hub when one is configured.
public struct PublishWorkflow {
    public struct Outcome: Sendable {
        /// The new `targets` commit, nil when `main`'s plans were already published.
        public let commit: Oid?
        public let targets: Oid
        public let pushedTo: String?
        public let targetCount: Int
        public let taskCount: Int
        /// The children whose decisions branch (`refs/heads/approvals/<child>`) this publish moved.
        public var approvalsPublished: [String] = []
    }

    public let environment: [String: String]
    /// Told of each stage (`job.stage.*`): the web page's job shows where a long publish is.
    public var progress: @Sendable (Message) -> Void = { _ in }

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    public func run(in repository: UnitRepository) throws -> Outcome {
        let git = repository.git
        guard let head = try repository.head() else { throw PlanStoreError.notAUnitRepository(path: repository.displayRoot) }
        try FolderPlace.ensure(in: repository)
        progress(Message("job.stage.publishing"))
        let snapshot = try PlanSnapshot.load(from: repository, commit: head)
        try checkRules(snapshot)
        let mainTree = try git.commit(head).tree
        var published: [String: TreeChange] = [:]
        for name in [Layout.unitFile, "plans", Layout.reorgFolder] {
            if let entry = try git.entry(at: name, in: mainTree) {
                published[name] = entry.kind == .tree ? .tree(entry.oid) : .blob(entry.oid)
            }
        }
        let tree = try git.updateTree(nil, published)
        let previous = try git.referenceTarget(Layout.targetsBranch)
        var created: Oid?
        if try previous.map({ try git.commit($0).tree }) != tree {
            let identity = try Identity.resolve(for: git, environment: environment)
            let targets = snapshot.years.values.reduce(0) { $0 + $1.targets.count }
            let message = CommitTrailers.publish(source: head).message("Publish targets of \(snapshot.unit.id) (\(targets) targets)")
            let commit = try repository.writeCommit(tree: tree, parents: previous.map { [$0] } ?? [], identity: identity, message: message)
            do {
                try git.updateReference(Layout.targetsBranch, to: commit, expected: previous, message: "plancascade: publish")
            } catch let error as GitError where [.modified, .exists, .locked].contains(error.code) {
                throw PlanStoreError.concurrentUpdate(reference: Layout.targetsBranch)
            }
            created = commit
        }
        let current = try created ?? previous ?? { throw PlanStoreError.io(path: repository.displayRoot, reason: Message("workflow.publish.nothing")) }()
        // Each child's decisions on a branch of its own: a child fetches its own and no sibling's.
        let approvals = try ApprovalBranches.write(head: head, in: repository) { try Identity.resolve(for: git, environment: environment) }
        var pushedTo: String?
        if let hub = try git.remoteURL(Layout.originRemote) {
            try repository.ensureRemoteExists(Layout.originRemote)
            progress(Message("job.stage.pushing", ["hub": .text(RemoteURL.redacted(hub))]))
            let branches = [Layout.targetsBranch] + approvals.branches.map { Layout.approvalsBranch(child: $0) }
            try repository.push(
                to: .named(Layout.originRemote), refspecs: branches.map { "\($0):\($0)" },
                describedAs: hub, hint: Message("workflow.publish.hub-ahead"))
            pushedTo = hub
        }
        return Outcome(
            commit: created, targets: current, pushedTo: pushedTo,
            targetCount: snapshot.years.values.reduce(0) { $0 + $1.targets.count },
            taskCount: snapshot.years.values.reduce(0) { $0 + $1.tasks.count }, approvalsPublished: approvals.moved)
    }

    /// Refuses to publish a rule children could not apply.
    private func checkRules(_ snapshot: PlanSnapshot) throws {
        var problems: [Message] = []
        for year in snapshot.planYears {
            for (code, target) in snapshot.years[year]!.targets.sorted(by: { $0.key < $1.key }) {
                if case .failure(let error) = Derivation.ruleSet(of: target) {
                    problems.append(Message("workflow.publish.bad-rule", [
                        "file": .text(Layout.targetFile(year: year, indicator: code)), "problem": .message(error.message)]))
                }
            }
        }
        if !problems.isEmpty {
            throw PlanStoreError.invalidDocument(path: "plans/", findings: problems)
        }
    }
}

import Cascade
