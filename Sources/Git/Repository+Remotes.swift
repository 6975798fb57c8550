internal import CLibGit2

/// Collects what libgit2's C callbacks report during one fetch or push.
private final class TransferLog {
    var statuses: [PushStatus] = []
    var serverMessages = ""
}

extension Repository {
    /// Adds remote `name` with `url`, fetching `fetchRefspec` (default: `refs/heads/*`
    /// into `refs/remotes/<name>/*`, as `git remote add` does).
    /// - Throws: `GitError` `.exists` when a remote with that name exists.
    ///
    /// Written to the configuration as `git remote add` writes it (libgit2's
    /// `git_remote_create` leaks like `git_remote_lookup`, see ``remoteURL(_:)``).
    public func addRemote(_ name: String, url: String, fetchRefspec: String? = nil) throws {
        var valid: Int32 = 0
        try git("git_remote_name_is_valid") { git_remote_name_is_valid(&valid, name) }
        guard valid == 1 else {
            throw GitError(code: .invalidSpec, message: "'\(name)' is not a valid remote name", function: "git_remote_name_is_valid")
        }
        if try remoteURL(name) != nil {
            throw GitError(code: .exists, message: "remote '\(name)' already exists", function: "Repository.addRemote")
        }
        try setConfig("remote.\(name).url", url)
        try setConfig("remote.\(name).fetch", fetchRefspec ?? "+refs/heads/*:refs/remotes/\(name)/*")
    }

    /// Changes the URL of remote `name`.
    public func setRemoteURL(_ name: String, url: String) throws {
        try git("git_remote_set_url") { git_remote_set_url(handle, name, url) }
    }

    /// The URL of remote `name`, nil when there is no such remote.
    ///
    /// Read from the configuration, not through `git_remote_lookup`: libgit2 1.5.1 with the
    /// PCRE2 backend leaks ~20 KiB of regex match data at each lookup (valgrind), which a
    /// process running many commands (a server, the benchmark) accumulates.
    public func remoteURL(_ name: String) throws -> String? {
        try configString("remote.\(name).url")
    }

    /// Fetches `refspecs` (e.g. `+refs/heads/targets:refs/parent/targets`) from `location`.
    /// - Returns: what the server printed.
    @discardableResult
    public func fetch(from location: RemoteLocation, refspecs: [String]) throws -> String {
        try withRemote(location) { remote in
            let log = TransferLog()
            var options = git_fetch_options()
            try git("git_fetch_options_init") { git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)) }
            options.callbacks.sideband_progress = sidebandCallback
            options.callbacks.payload = Unmanaged.passUnretained(log).toOpaque()
            options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE
            try withStrarray(refspecs) { specs in
                _ = try git("git_remote_fetch") { git_remote_fetch(remote, specs, &options, "plancascade: fetch") }
            }
            return withExtendedLifetime(log) { log.serverMessages }
        }
    }

    /// Pushes `refspecs` (e.g. `refs/heads/main:refs/children/bmt/main`) to `location`
    /// and reports, per reference, whether the receiving side accepted it.
    ///
    /// A refused reference is not thrown: it is in the report's `rejected`, with the
    /// server's reason and hook output. Transport failures are thrown.
    public func push(to location: RemoteLocation, refspecs: [String]) throws -> PushReport {
        let report = try withRemote(location) { remote in
            let log = TransferLog()
            var options = git_push_options()
            try git("git_push_options_init") { git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION)) }
            options.callbacks.sideband_progress = sidebandCallback
            options.callbacks.push_update_reference = { reference, status, payload in
                guard let payload, let reference else { return 0 }
                let log = Unmanaged<TransferLog>.fromOpaque(payload).takeUnretainedValue()
                log.statuses.append(PushStatus(reference: String(cString: reference), rejection: status.map { String(cString: $0) }))
                return 0
            }
            options.callbacks.payload = Unmanaged.passUnretained(log).toOpaque()
            try withStrarray(refspecs) { specs in
                _ = try git("git_remote_push") { git_remote_push(remote, specs, &options) }
            }
            return withExtendedLifetime(log) { PushReport(statuses: log.statuses, serverMessages: log.serverMessages) }
        }
        if case .named(let name) = location { try updateTrackingReferences(of: name, after: report, refspecs: refspecs) }
        return report
    }

    /// Moves the remote-tracking references (`origin/main`) of the references a push to
    /// remote `name` landed, through the remote's fetch refspec, as git does.
    private func updateTrackingReferences(of name: String, after report: PushReport, refspecs: [String]) throws {
        guard let fetch = try configString("remote.\(name).fetch") else { return }
        var spec: OpaquePointer?
        guard git_refspec_parse(&spec, fetch, 1) == 0, let spec else { return }
        defer { git_refspec_free(spec) }
        for refspec in refspecs {
            let parts = refspec.drop { $0 == "+" }.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, report.statuses.contains(where: { $0.reference == parts[1] && $0.accepted }),
                  git_refspec_src_matches(spec, parts[1]) == 1, let pushed = try referenceTarget(parts[0]) else { continue }
            var tracking = git_buf()
            defer { git_buf_dispose(&tracking) }
            try git("git_refspec_transform") { git_refspec_transform(&tracking, spec, parts[1]) }
            guard let local = tracking.ptr.map({ String(cString: $0) }) else { continue }
            var raw = pushed.raw
            var reference: OpaquePointer?
            try git("git_reference_create") { git_reference_create(&reference, handle, local, &raw, 1, "plancascade: push") }
            git_reference_free(reference)
        }
    }

    /// Opens a remote for one fetch or push, always by URL (a named remote's from the
    /// configuration), without `url.<base>.insteadOf` rewriting: in libgit2 1.5.1 with the
    /// PCRE2 backend, the configuration scan behind that rewriting (also behind
    /// `git_remote_lookup`) leaks ~20 KiB of regex match data per configuration entry
    /// (valgrind), which a process running many commands — a server, the benchmark —
    /// accumulates. Every fetch and push here names its refspecs.
    private func withRemote<R>(_ location: RemoteLocation, _ body: (OpaquePointer) throws -> R) throws -> R {
        var remote: OpaquePointer?
        let url: String
        switch location {
        case .named(let name):
            guard let configured = try remoteURL(name) else {
                throw GitError(code: .notFound, message: "remote '\(name)' does not exist", function: "git_remote_lookup")
            }
            url = configured
        case .url(let given):
            url = given
        }
        try Reachability.check(url)
        var options = git_remote_create_options()
        try git("git_remote_create_options_init") { git_remote_create_options_init(&options, UInt32(GIT_REMOTE_CREATE_OPTIONS_VERSION)) }
        options.repository = handle
        options.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF.rawValue | GIT_REMOTE_CREATE_SKIP_DEFAULT_FETCHSPEC.rawValue
        try git("git_remote_create_with_opts") { git_remote_create_with_opts(&remote, url, &options) }
        defer { git_remote_free(remote) }
        return try body(try unwrap(remote, "git_remote_create_with_opts"))
    }
}

/// Appends what the server printed on the side band to the transfer log.
private let sidebandCallback: git_transport_message_cb = { text, length, payload in
    guard let payload, let text, length > 0 else { return 0 }
    let log = Unmanaged<TransferLog>.fromOpaque(payload).takeUnretainedValue()
    let bytes = UnsafeRawBufferPointer(start: text, count: Int(length))
    log.serverMessages += String(decoding: bytes, as: UTF8.self)
    return 0
}
