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

        /// Throws the fetch's error, if it failed, naming the hub (masked).
        func get() throws {
            if case .failed(let url, let error) = self { throw UpstreamFetch.naming(url, error) }
        }
    }

    /// In a working clone with a hub, fetches what the children pushed there.
    static func children(into repository: UnitRepository) throws -> Result {
        let git = repository.git
        guard !git.isBare, let hub = try git.remoteURL(Layout.originRemote) else { return .none }
        do {
            try repository.ensureRemoteExists(Layout.originRemote)
            // Only the children whose pushed tips moved since the last fetch.
            let moved = try git.fetchMoved(from: .named(Layout.originRemote), under: "refs/children/")
            try BundleApplyWorkflow.keepBundledHeads(in: git)
            if !moved.isEmpty { MaintainWorkflow.afterTransfer(git) }
            return .fetched
        } catch {
            return .failed(url: hub, error: error)
        }
    }

    /// Fetches each child's pushes on its own, after the fetch of all of them failed at a hub
    /// that answers (a damaged object there: libgit2 says so over a local path, a server's
    /// `upload-pack` just stops, "early EOF"): every child whose push comes whole is fetched,
    /// and the others are returned with their error. A hub that cannot be reached, or refuses
    /// the credentials, fails every child alike: then `failure` itself is thrown.
    /// - Parameter children: the ids to fetch (registered, or fetched before).
    static func childrenOneByOne(_ children: [String], after failure: any Error, into repository: UnitRepository) throws -> [(child: String, error: any Error)] {
        if let error = failure as? GitError, [.unreachable, .authentication, .certificate].contains(error.code) { throw failure }
        let git = repository.git
        var failed: [(child: String, error: any Error)] = []
        for child in children {
            do {
                try git.fetch(from: .named(Layout.originRemote), refspecs: ["+refs/children/\(child)/*:refs/children/\(child)/*"])
            } catch {
                failed.append((child, error))
            }
        }
        if failed.count == children.count { throw failure }
        try BundleApplyWorkflow.keepBundledHeads(in: git)
        return failed
    }

    /// Fetches the parent's published targets through the `parent` remote: the objects
    /// reachable from the parent's `targets` and nothing else, over every transport (a child
    /// never receives its siblings' reports).
    ///
    /// - Parameter approvalsOf: also the parent's decisions on this unit's reports
    ///   (``parentApprovals(of:fromHubAt:into:)``), in the same connection: one login, not two.
    static func parentTargets(into repository: UnitRepository, approvalsOf unit: String? = nil) throws -> Result {
        let git = repository.git
        guard let url = try git.remoteURL(Layout.parentRemote) else { return .none }
        do {
            try repository.ensureRemoteExists(Layout.parentRemote)
            if let path = InitWorkflow.localPath(of: url) {
                // libgit2's local transport would copy everything the parent's hub holds
                // (its main, every sibling's reports): walk from `targets` alone instead.
                try git.fetchReference(fromRepositoryAt: path, reference: Layout.targetsBranch, into: Layout.parentTrackingTargets)
                if let unit { try parentApprovals(of: unit, fromHubAt: path, into: repository) }
            } else {
                // A refspec whose branch the hub does not have (no decision yet) fetches nothing.
                let approvals = unit.map { ["+\(Layout.approvalsBranch(child: $0)):\(Layout.parentTrackingApprovals)"] } ?? []
                try git.fetch(from: .named(Layout.parentRemote), refspecs: [Layout.parentFetchRefspec] + approvals)
            }
            MaintainWorkflow.afterTransfer(git)
            return .fetched
        } catch {
            return .failed(url: url, error: error)
        }
    }

    /// A transfer's failure with the hub it was talking to named (masked): libgit2's own
    /// text often names only a host ("failed to connect to 127.0.0.1"). The tool's own
    /// errors, which name the hub already, and failures on a local path pass unchanged.
    static func naming(_ url: String, _ error: any Error) -> any Error {
        guard let error = error as? GitError, RemoteAddress(url) != nil else { return error }
        if error.isNetworkFailure {
            return PlanStoreError.io(path: RemoteURL.redacted(url), reason: Message("access.unreachable", [
                "detail": .message(error.catalogueMessage)]))
        }
        return PlanStoreError.io(path: RemoteURL.redacted(url), reason: error.catalogueMessage)
    }

    /// A fetch's error as a message argument: the tool's own errors in the reader's
    /// language, libgit2's text as it is.
    static func describe(_ error: any Error) -> Message.Value {
        if let error = error as? any MessageConvertible { return .message(error.message) }
        return .message(.verbatim(RemoteURL.maskingURLs(in: "\(error)")))
    }

    /// Each child's pushed head as last fetched (`refs/children/<id>/main`), by child id.
    static func pushedChildren(in git: Repository) throws -> [(child: String, head: Oid)] {
        try git.references(matching: "refs/children/*/main").map { name, head in
            (String(name.dropFirst("refs/children/".count).dropLast("/main".count)), head)
        }
    }
}
