import Foundation
import Git
import PlanModel

/// `plancascade reorg start <new-unit> <path> --hub <url>`, run in the deciding unit's clone:
/// creates the repository of a unit a merge or split decision makes, whose first commit has
/// the predecessors' last collected heads as parents — `git log` and `blame` reach every old
/// report — and commits the new `unit.json` (its parent and parent hub from the decision) with
/// a trailer naming the decision; then pushes it to the new unit's hub, as `init` does.
public struct ReorgStart {
    public let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    public struct Outcome: Sendable {
        public let commit: Oid
        public let decision: String
        public let predecessors: [String]
    }

    public func run(unit id: String, path: String, hub: String?, from repository: UnitRepository) throws -> Outcome {
        let git = repository.git
        guard let head = try repository.head() else { throw PlanStoreError.notAUnitRepository(path: repository.displayRoot) }
        let snapshot = try PlanSnapshot.load(from: repository, commit: head, kinds: [.reorganisation])
        guard let decision = snapshot.reorganisations.first(where: { $0.change(of: id)?.action == .begins }),
              let change = decision.change(of: id), let parent = change.to, let name = change.name, let level = change.level else {
            throw PlanStoreError.invalidArgument(name: "unit", value: id, reason: Message("reorg.start.no-decision", ["unit": .text(id)]))
        }
        // Each predecessor's head as last collected here (a grandchild's through its parent's trailers).
        let units = try CollectedUnit.all(in: try git.commit(head).tree, head: head, reader: DocumentReader(git))
        var references: [String] = []
        for predecessor in change.predecessors {
            let heads = units.filter { $0.id == predecessor }.compactMap(\.head)
            let newest = heads.first { candidate in heads.allSatisfy { $0 == candidate || ((try? git.isDescendant(candidate, of: $0)) ?? false) } }
            guard let newest else {
                throw PlanStoreError.invalidArgument(name: "unit", value: predecessor, reason: Message("reorg.start.not-collected", ["unit": .text(predecessor)]))
            }
            let reference = "refs/reorg/\(decision.id)/\(predecessor)"
            try git.updateReference(reference, to: newest, expected: try git.referenceTarget(reference), message: "plancascade: reorg start \(id)")
            references.append(reference)
        }
        let ownHub = parent == snapshot.unit.id ? try git.remoteURL(Layout.originRemote) : nil
        let parentHub = decision.hubs[parent] ?? ownHub
        let message = CommitTrailers([(.reorgDecision, decision.id), (.level, level), (.parentUnit, parent)]).message(
            "Start unit \(id) (\(name)) from \(change.predecessors.joined(separator: ", "))\n\n\(decision.basis)")
        var options = InitWorkflow.Options(path: path, unitID: id, name: name, level: level, parentID: parent, parentURL: parentHub, hubURL: hub)
        options.predecessors = (source: git.gitDirectory, references: references, message: message)
        let outcome = try InitWorkflow(environment: environment).run(options)
        return Outcome(commit: outcome.commit, decision: decision.id, predecessors: change.predecessors)
    }
}
