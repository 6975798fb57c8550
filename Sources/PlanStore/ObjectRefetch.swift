import Foundation
import Git
import PlanModel

/// Fetches a damaged object of a child's push again from the unit's hub: the child's ref is
/// fetched whole into a scratch repository inside the git directory (an empty one, so every
/// object comes again, whatever this clone believes it has), and only when the object
/// arrives intact is the damaged loose file replaced by the hub's copy.
enum ObjectRefetch {
    enum Outcome {
        case repaired
        /// Why the object could not be had intact, as a message argument.
        case failed(Message.Value)
    }

    static func child(_ child: String, object: Oid, in repository: UnitRepository) throws -> Outcome {
        let git = repository.git
        guard !git.isBare, let hub = try git.remoteURL(Layout.originRemote) else {
            return .failed(.message(Message("workflow.collect.no-hub")))
        }
        let scratch = (git.gitDirectory as NSString).appendingPathComponent("plancascade-refetch-\(getpid())")
        try? FileManager.default.removeItem(atPath: scratch)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let reference = Layout.childReference(child)
        do {
            try repository.ensureRemoteExists(Layout.originRemote)
            let fresh = try Repository.create(at: scratch, bare: true)
            _ = try fresh.fetch(from: .url(hub), refspecs: ["+\(reference):\(reference)"])
            guard fresh.contains(object) else { return .failed(.message(Message("workflow.collect.not-at-hub", ["ref": .text(reference)]))) }
            // A handle of its own writes the copy as a loose file at once, outside any batch
            // of this command's objects.
            let store = try Repository.open(at: git.gitDirectory)
            try store.removeLooseObject(object)
            try store.copyObject(object, from: fresh)
            return .repaired
        } catch {
            return .failed(UpstreamFetch.describe(error))
        }
    }
}
