import Git

extension UnitRepository {
    /// Pushes `refspecs` to `location` and fails unless the receiver accepted every reference.
    ///
    /// libgit2 reports a server's refusal per reference rather than as an error, and a local
    /// non-fast-forward as an error: both become `PlanStoreError.pushRejected`, with `hint`
    /// (what to do next) appended to the reason.
    public func push(to location: RemoteLocation, refspecs: [String], describedAs remote: String, hint: String) throws {
        let report: PushReport
        do {
            report = try git.push(to: location, refspecs: refspecs)
        } catch let error as GitError where error.code == .nonFastForward {
            let destination = refspecs.first.map { String($0.split(separator: ":").last ?? "") } ?? ""
            throw PlanStoreError.pushRejected(
                reference: destination, remote: remote, reason: error.message + hint, serverMessages: "")
        }
        if let rejected = report.rejected.first {
            throw PlanStoreError.pushRejected(
                reference: rejected.reference, remote: remote, reason: (rejected.rejection ?? "refused") + hint,
                serverMessages: report.serverMessages)
        }
    }
}

extension UnitRepository {
    /// Fails with a clear message when remote `name` is a local path with no repository
    /// (libgit2 would only say "unsupported URL protocol").
    func ensureRemoteExists(_ name: String) throws {
        guard let url = try git.remoteURL(name), let path = InitWorkflow.localPath(of: url) else { return }
        if !FileManager.default.fileExists(atPath: path) {
            throw PlanStoreError.io(
                path: path, reason: "no repository here, but remote '\(name)' points at it; fix it with `git remote set-url \(name) <url>`")
        }
    }
}

import Foundation

extension UnitRepository {
    /// Configures the `parent` remote from `unit.json`'s `parentHub` in a clone that lacks
    /// it (a second clerk's `git clone` of the hub). Does nothing when it exists.
    func ensureParentRemote() throws {
        guard try git.remoteURL(Layout.parentRemote) == nil, let hub = try unit().parentHub else { return }
        try git.addRemote(Layout.parentRemote, url: hub, fetchRefspec: Layout.parentFetchRefspec)
    }
}
