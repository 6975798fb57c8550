import Git
import PlanModel

extension UnitRepository {
    /// Pushes `refspecs` to `location` and fails unless the receiver accepted every reference.
    ///
    /// libgit2 reports a server's refusal per reference rather than as an error, and a local
    /// non-fast-forward as an error: both become `PlanStoreError.pushRejected`, with `hint`
    /// (what to do next) appended to the reason.
    public func push(to location: RemoteLocation, refspecs: [String], describedAs remote: String, hint: Message) throws {
        // `hint: ""` (no hint) arrives as untranslated empty text: it says nothing.
        let hint = hint == .untranslated("") ? .verbatim("") : hint
        try prepareLocalHub(of: location, refspecs: refspecs, describedAs: remote)
        let report: PushReport
        do {
            report = try git.push(to: location, refspecs: refspecs)
        } catch let error as GitError where error.code == .nonFastForward {
            let destination = refspecs.first.map { String($0.split(separator: ":").last ?? "") } ?? ""
            throw PlanStoreError.pushRejected(
                reference: destination, remote: remote, reason: Message("error.push-reason", ["rejection": .text(RemoteURL.maskingURLs(in: error.message)), "hint": .message(hint)]),
                serverMessages: "")
        } catch let error as GitError {
            let url: String? = switch location {
            case .named(let name): try git.remoteURL(name)
            case .url(let text): text
            }
            throw url.map { UpstreamFetch.naming($0, error) } ?? error
        }
        if let rejected = report.rejected.first {
            // A hub's hook gives its own reasons and fixes (in `serverMessages`): the hint for
            // a history the hub holds ahead of this one would mislead.
            let hint = rejected.rejection?.contains("hook declined") == true ? Message("hook.declined-hint") : hint
            throw PlanStoreError.pushRejected(
                reference: rejected.reference, remote: remote,
                reason: Message("error.push-reason", ["rejection": rejected.rejection.map { .text(RemoteURL.maskingURLs(in: $0)) } ?? .term("error.push-refused"), "hint": .message(hint)]),
                serverMessages: report.serverMessages)
        }
        // libgit2 wrote one more pack into a hub on a local path; a server repacks by itself.
        let url: String? = switch location {
        case .named(let name): try? git.remoteURL(name)
        case .url(let text): text
        }
        if let url { MaintainWorkflow.afterPush(toHubAt: url) }
    }
}

extension UnitRepository {
    /// libgit2 pushes to a hub on a local path (or `file://`) by writing into it directly,
    /// without running the hub's hooks: lock files a killed pusher left there are settled
    /// first, and when that hub has PlanCascade's `pre-receive`
    /// installed, its check runs here instead, before anything is written, on the hub's
    /// own state with this clone's objects borrowed, exactly as git would run the hook.
    func prepareLocalHub(of location: RemoteLocation, refspecs: [String], describedAs remote: String) throws {
        let url: String?
        switch location {
        case .named(let name): url = try git.remoteURL(name)
        case .url(let text): url = text
        }
        guard let url, let path = InitWorkflow.localPath(of: url) else { return }
        let hub: Repository
        do { hub = try Repository.open(at: path) } catch { return }  // the push itself reports it
        // libgit2 writes a local hub's refs itself: a pusher killed mid-way leaves its lock
        // files there, which would refuse every later push.
        Self.settleLocks(in: hub.gitDirectory, shownAs: path, removeAfter: Self.staleLockAge, notice: notice)
        let hook = (hub.gitDirectory as NSString).appendingPathComponent("hooks/pre-receive")
        guard FileManager.default.isExecutableFile(atPath: hook),
              let script = FileManager.default.contents(atPath: hook), String(decoding: script, as: UTF8.self).contains("hook pre-receive") else { return }
        try hub.borrowObjects(from: git)
        var updates: [PreReceiveCheck.Update] = []
        for refspec in refspecs {
            let parts = refspec.drop { $0 == "+" }.split(separator: ":").map(String.init)
            guard parts.count == 2, let new = try git.referenceTarget(parts[0]) else { continue }
            let old = try hub.referenceTarget(parts[1])
            if old == new { continue }
            let zero = String(repeating: "0", count: 40)
            if let update = PreReceiveCheck.Update(line: "\(old?.hex ?? zero) \(new.hex) \(parts[1])") { updates.append(update) }
        }
        guard !updates.isEmpty else { return }
        let problems = try PreReceiveCheck().run(updates, in: UnitRepository(hub), environment: ProcessInfo.processInfo.environment)
        if !problems.isEmpty {
            throw PlanStoreError.hookDeclined(reference: updates[0].reference, remote: remote, problems: problems)
        }
    }

    /// Fails with a clear message when remote `name` is a local path with no repository
    /// (libgit2 would only say "unsupported URL protocol").
    func ensureRemoteExists(_ name: String) throws {
        guard let url = try git.remoteURL(name), let path = InitWorkflow.localPath(of: url) else { return }
        if !FileManager.default.fileExists(atPath: path) {
            throw PlanStoreError.io(
                path: path, reason: Message("error.io.no-remote-repository", ["remote": .text(name)]))
        }
    }
}

import Foundation

extension UnitRepository {
    /// Configures the `parent` remote from `unit.json`'s `parentHub` in a clone that lacks
    /// it (a second clerk's `git clone` of the hub). Does nothing when it exists.
    /// Sends `main` to the parent's hub as this unit's reported history
    /// (`refs/children/<unit>/main`), where the parent collects it; nil when the unit has no
    /// parent. What `push` and `sync` deliver upwards.
    /// - Returns: where it went, as "parent (url) ref".
    func deliverToParent(unit: String) throws -> String? {
        try ensureParentRemote()
        guard let parent = try git.remoteURL(Layout.parentRemote) else { return nil }
        try ensureRemoteExists(Layout.parentRemote)
        let reference = Layout.childReference(unit)
        try push(
            to: .named(Layout.parentRemote), refspecs: ["\(Layout.mainBranch):\(reference)"], describedAs: RemoteURL.redacted(parent),
            hint: Message("workflow.push.parent-diverged", ["unit": .text(unit)]))
        // What the parent's hub has now: a later `bundle create` leaves it out.
        if let head = try git.referenceTarget(Layout.mainBranch) {
            try? git.updateReference(BundleCreateWorkflow.deliveredReference, to: head, expected: try git.referenceTarget(BundleCreateWorkflow.deliveredReference), message: "push: delivered to parent")
        }
        return "parent (\(RemoteURL.redacted(parent))) \(reference)"
    }

    func ensureParentRemote() throws {
        guard try git.remoteURL(Layout.parentRemote) == nil, let hub = try unit().parentHub else { return }
        // A unit.json written before credentials were kept out of it may still hold some.
        let url = RemoteURL.withoutCredentials(GivenCredentials.remember(hub))
        try git.addRemote(Layout.parentRemote, url: url, fetchRefspec: Layout.parentFetchRefspec)
    }
}
