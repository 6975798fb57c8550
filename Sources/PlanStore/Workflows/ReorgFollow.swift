import Cascade
import Foundation
import Git
import PlanModel

/// What a unit does with the reorganisation decisions its parent published (`pull`): copies
/// them into its own `reorg/`, applies those that concern its own children to its
/// `unit.json`, and — when a decision moves the unit itself — takes its new parent (`parent`,
/// `parentHub`) in the same commit, naming the decision, and points its `parent` remote at the
/// new parent's hub. Another clerk's clone follows at its next `pull` or `sync`
/// (``followRemote(in:)``).
enum ReorgFollow {
    struct Result {
        var files: [String: [UInt8]?] = [:]
        /// Decisions received for the first time (or changed), in the order they apply.
        var received: [Reorganisation] = []
        /// The decision that moves this unit, with the new parent and its hub when known.
        var moved: (decision: Reorganisation, parent: String, hub: String?)?
        /// The decision that ends this unit, if any.
        var ended: Reorganisation?
        var problems: [Message] = []
    }

    /// The files `pull` writes for `parent`'s decisions into `unit`'s repository.
    static func follow(parentDecisions: [Reorganisation], ours: [Reorganisation], unit: PlanModel.Unit) throws -> Result {
        var result = Result()
        let known = Dictionary(ours.map { ($0.id, $0) }) { first, _ in first }
        var updated = unit
        for decision in Structure.ordered(parentDecisions) {
            let path = Layout.reorgFile(decision.id)
            let bytes = try CanonicalJSON.encode(decision)
            let (_, findings) = DocumentValidator.validate(bytes: bytes, path: path)
            if let error = findings.first(where: { $0.severity == .error }) {
                result.problems.append(Message("reorg.pull.invalid", ["file": .text(path), "problem": .message(error.lineMessage)]))
                continue
            }
            guard known[decision.id] != decision else { continue }
            result.files[path] = bytes
            result.received.append(decision)
            ReorgWorkflow.apply(decision, toChildrenOf: &updated)
            if let change = decision.change(of: unit.id) {
                switch change.action {
                case .moves:
                    if let to = change.to, to != unit.parent || decision.hubs[to] != unit.parentHub {
                        updated.parent = to
                        if let hub = decision.hubs[to] { updated.parentHub = hub }
                        result.moved = (decision, to, decision.hubs[to])
                    }
                case .ends:
                    result.ended = decision
                case .renamed:
                    if let name = change.name { updated.name = name }
                case .begins:
                    break
                }
            }
        }
        if updated != unit { result.files[Layout.unitFile] = try CanonicalJSON.encode(updated) }
        return result
    }

    /// Points the `parent` remote at the hub `unit.json` names when a decision in `reorg/`
    /// moved the unit there (a clone that did not run the pull that applied it).
    /// - Returns: the new URL when the remote changed.
    @discardableResult
    static func followRemote(in repository: UnitRepository) throws -> String? {
        guard let head = try repository.head() else { return nil }
        let snapshot = try PlanSnapshot.load(from: repository, commit: head, kinds: [.reorganisation])
        let unit = snapshot.unit
        guard let hub = unit.parentHub, let parent = unit.parent else { return nil }
        let decided = snapshot.reorganisations.contains { decision in
            decision.change(of: unit.id).map { $0.action == .moves && $0.to == parent && decision.hubs[parent] == hub } ?? false
        }
        guard decided else { return nil }
        let url = RemoteURL.withoutCredentials(GivenCredentials.remember(hub))
        let current = try repository.git.remoteURL(Layout.parentRemote)
        guard current.map(RemoteURL.withoutCredentials) != url else { return nil }
        if current == nil {
            try repository.git.addRemote(Layout.parentRemote, url: url, fetchRefspec: Layout.parentFetchRefspec)
        } else {
            try repository.git.setRemoteURL(Layout.parentRemote, url: url)
        }
        return url
    }

    /// The decision that closed the hub's unit, from the hub's own `main`: the unit ends in a
    /// decision it received, in force on `date` (today: before the effective day the unit still
    /// collects and reports its last periods). Pushes are then refused, naming its successors.
    static func closure(of repository: UnitRepository, on date: CivilDate = today()) throws -> (unit: String, decision: Reorganisation, change: ReorgChange)? {
        guard let head = try repository.head(),
              let snapshot = try? PlanSnapshot.load(from: repository, commit: head, kinds: [.reorganisation]) else { return nil }
        for decision in Reorganisation.inForce(snapshot.reorganisations, on: date) {
            if let change = decision.change(of: snapshot.unit.id), change.action == .ends { return (snapshot.unit.id, decision, change) }
        }
        return nil
    }

    /// Today in the machine's time zone.
    static func today() -> CivilDate {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: Date())
        return CivilDate(year: c.year!, month: c.month!, day: c.day!)!
    }
}
