import Foundation
import Git
import PlanModel

/// Keeps object stores compact. Every fetch and every push to a hub on a local path adds
/// one pack (libgit2 writes what it receives as a pack and never repacks); a district's hub
/// that receives a push a day from each of 15 communes would hold thousands, and every object
/// read probes them one by one. Two ways in:
/// - ``afterTransfer(_:)`` runs after the commands that bring objects in (collect, pull,
///   sync, push to a local hub): a geometric consolidation, which does nothing most of the time
///   and never fails the command that called it;
/// - `plancascade maintain` (``run(at:everything:includingHubs:)``) on demand, in a working
///   clone (and its hubs on local paths) or in a bare hub.
///
/// A hub on a git server is kept compact by the server's own `git gc --auto`, which
/// `git receive-pack` runs after pushes (`receive.autogc`, on by default).
public struct MaintainWorkflow {
    /// One repository's consolidation.
    public struct Outcome: Sendable {
        /// The repository as the user knows it (a folder or the hub's remote name).
        public let place: String
        public let isHub: Bool
        public let consolidation: PackConsolidation
    }

    public init() {}

    /// Consolidates the repository at or above `path` (a working clone or a bare hub);
    /// with `includingHubs`, also the clone's hubs (origin and parent) on local paths.
    /// - Parameter everything: one pack for everything (like `git repack -a -d`), instead of
    ///   the geometric progression.
    public func run(at path: String, everything: Bool, includingHubs: Bool) throws -> [Outcome] {
        let git: Repository
        do { git = try Repository.discover(from: path) } catch {
            throw PlanStoreError.notAUnitRepository(path: path)
        }
        var outcomes: [Outcome] = []
        if git.isBare {
            outcomes.append(try consolidate(git, shownAs: path, isHub: true, everything: everything))
        } else {
            let repository = try UnitRepository.open(at: path)
            try repository.takeLock()
            outcomes.append(try consolidate(git, shownAs: git.workDirectory.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? path, isHub: false, everything: everything))
            if includingHubs {
                for remote in [Layout.originRemote, Layout.parentRemote] {
                    guard let url = try git.remoteURL(remote), let local = InitWorkflow.localPath(of: url),
                          let hub = try? Repository.open(at: local) else { continue }
                    outcomes.append(try consolidate(hub, shownAs: local, isHub: true, everything: everything))
                }
            }
        }
        return outcomes
    }

    private func consolidate(_ git: Repository, shownAs place: String, isHub: Bool, everything: Bool) throws -> Outcome {
        do {
            return Outcome(place: place, isHub: isHub, consolidation: try git.consolidatePacks(everything: everything, minimumPacks: everything ? 1 : 4))
        } catch let error as GitError {
            throw PlanStoreError.io(path: place, reason: Message("maintain.failed", ["detail": .message(error.catalogueMessage)]))
        }
    }

    /// The geometric consolidation after a transfer into `git`: best effort, silent (a
    /// read-only clone, a full disk or a damaged object leave everything as it was, and the
    /// command that transferred goes on; `plancascade maintain` says why).
    public static func afterTransfer(_ git: Repository) {
        _ = try? git.consolidatePacks()
    }

    /// The same for a hub on a local path that a push just wrote into.
    static func afterPush(toHubAt url: String) {
        guard let local = InitWorkflow.localPath(of: url), let hub = try? Repository.open(at: local) else { return }
        afterTransfer(hub)
    }
}
