import Git
import PlanModel

/// What a unit reads from outside its own history, fetched the same way by every command
/// that needs it: the children's pushes from its hub (`refs/children/*`, for `collect`,
/// `check`, `verify`) and the parent's published targets (`refs/remotes/parent/targets`, for
/// `pull` and `check`).
enum UpstreamFetch {
    /// How a fetch went.
    enum Result {
        /// There is nothing to fetch from: a bare hub, or no such remote.
        case none
        case fetched
        /// The remote at `url` (redact it before showing) could not be reached.
        case failed(url: String, error: any Error)

        /// Throws the fetch's error, if it failed.
        func get() throws {
            if case .failed(_, let error) = self { throw error }
        }
    }

    /// In a working clone with a hub, fetches what the children pushed there.
    static func children(into repository: UnitRepository) throws -> Result {
        let git = repository.git
        guard !git.isBare, let hub = try git.remoteURL(Layout.originRemote) else { return .none }
        do {
            try repository.ensureRemoteExists(Layout.originRemote)
            try git.fetch(from: .named(Layout.originRemote), refspecs: ["+refs/children/*:refs/children/*"])
            return .fetched
        } catch {
            return .failed(url: hub, error: error)
        }
    }

    /// Fetches the parent's published targets through the `parent` remote: the objects
    /// reachable from the parent's `targets` and nothing else, over every transport (a child
    /// never receives its siblings' reports).
    static func parentTargets(into repository: UnitRepository) throws -> Result {
        let git = repository.git
        guard let url = try git.remoteURL(Layout.parentRemote) else { return .none }
        do {
            try repository.ensureRemoteExists(Layout.parentRemote)
            if let path = InitWorkflow.localPath(of: url) {
                // libgit2's local transport would copy everything the parent's hub holds
                // (its main, every sibling's reports): walk from `targets` alone instead.
                try git.fetchReference(fromRepositoryAt: path, reference: Layout.targetsBranch, into: Layout.parentTrackingTargets)
            } else {
                try git.fetch(from: .named(Layout.parentRemote), refspecs: [Layout.parentFetchRefspec])
            }
            return .fetched
        } catch {
            return .failed(url: url, error: error)
        }
    }

    /// A fetch's error as a message argument: the tool's own errors in the reader's
    /// language, libgit2's text as it is.
    static func describe(_ error: any Error) -> Message.Value {
        if let error = error as? any MessageConvertible { return .message(error.message) }
        return .message(.verbatim("\(error)"))
    }

    /// Each child's pushed head as last fetched (`refs/children/<id>/main`), by child id.
    static func pushedChildren(in git: Repository) throws -> [(child: String, head: Oid)] {
        try git.references(matching: "refs/children/*/main").map { name, head in
            (String(name.dropFirst("refs/children/".count).dropLast("/main".count)), head)
        }
    }
}
