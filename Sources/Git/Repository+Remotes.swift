internal import CLibGit2

/// Collects what libgit2's C callbacks report during one fetch or push, and answers
/// its questions: credentials (``Authenticator``) and whether to trust the server
/// (``KnownHosts`` for SSH; TLS verification as libgit2 did it for HTTPS).
private final class TransferLog {
    var statuses: [PushStatus] = []
    var serverMessages = ""
    let authenticator: Authenticator
    let address: RemoteAddress?
    let access: RemoteAccess
    let trust: TLSTrust?
    /// Why the server was not trusted, once it was not.
    var certificateFailure: RemoteAccessError?

    init(authenticator: Authenticator, address: RemoteAddress?, access: RemoteAccess, trust: TLSTrust?) {
        self.authenticator = authenticator
        self.address = address
        self.access = access
        self.trust = trust
    }

    /// Sets the callbacks and their payload on `callbacks`; valid while `self` lives.
    func install(on callbacks: inout git_remote_callbacks) {
        callbacks.sideband_progress = sidebandCallback
        callbacks.credentials = credentialsCallback
        callbacks.certificate_check = certificateCallback
        callbacks.payload = Unmanaged.passUnretained(self).toOpaque()
    }
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
    /// - Throws: `RemoteAccessError` when the hub cannot be logged in to or trusted;
    ///   `GitError` for other failures.
    @discardableResult
    public func fetch(from location: RemoteLocation, refspecs: [String], access: RemoteAccess = .process) throws -> String {
        try withRemote(location, access: access) { remote, log in
            var options = git_fetch_options()
            try git("git_fetch_options_init") { git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)) }
            log.install(on: &options.callbacks)
            options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE
            try withStrarray(refspecs) { specs in
                _ = try git("git_remote_fetch") { git_remote_fetch(remote, specs, &options, "plancascade: fetch") }
            }
            return log.serverMessages
        }
    }

    /// Fetches, from `location`, only the references under `prefix` (e.g. `refs/children/`)
    /// whose advertised tip differs from this repository's reference of the same name, each
    /// into that name (forced, as `+ref:ref`). One connection: the references are listed,
    /// compared, and only what moved is negotiated and downloaded, so a collect after one
    /// child pushed costs the same whether the unit has 10 children or 1,000; when nothing
    /// moved, nothing is downloaded at all. References the remote no longer has stay.
    /// - Returns: the references that moved (and were fetched), sorted.
    /// - Throws: as ``fetch(from:refspecs:access:)``.
    @discardableResult
    public func fetchMoved(from location: RemoteLocation, under prefix: String, access: RemoteAccess = .process) throws -> [String] {
        try withRemote(location, access: access) { remote, log in
            var options = git_fetch_options()
            try git("git_fetch_options_init") { git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)) }
            log.install(on: &options.callbacks)
            options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE
            try git("git_remote_connect") { git_remote_connect(remote, GIT_DIRECTION_FETCH, &options.callbacks, nil, nil) }
            defer { git_remote_disconnect(remote) }
            var heads: UnsafeMutablePointer<UnsafePointer<git_remote_head>?>?
            var count = 0
            try git("git_remote_ls") { git_remote_ls(&heads, &count, remote) }
            var moved: [String] = []
            for index in 0..<count {
                guard let head = heads?[index]?.pointee, let raw = head.name else { continue }
                let name = String(cString: raw)
                var valid: Int32 = 0
                // A hub's advertisement is input too: only well-formed names under the prefix.
                guard name.hasPrefix(prefix), git_reference_name_is_valid(&valid, name) == 0, valid == 1 else { continue }
                if try referenceTarget(name) != Oid(head.oid) { moved.append(name) }
            }
            moved.sort()
            guard !moved.isEmpty else { return [] }
            try withStrarray(moved.map { "+\($0):\($0)" }) { specs in
                _ = try git("git_remote_download") { git_remote_download(remote, specs, &options) }
                _ = try git("git_remote_update_tips") {
                    git_remote_update_tips(remote, &options.callbacks, 0, GIT_REMOTE_DOWNLOAD_TAGS_NONE, "plancascade: fetch")
                }
            }
            return moved
        }
    }

    /// Pushes `refspecs` (e.g. `refs/heads/main:refs/children/bmt/main`) to `location`
    /// and reports, per reference, whether the receiving side accepted it.
    ///
    /// A refused reference is not thrown: it is in the report's `rejected`, with the
    /// server's reason and hook output. Transport failures are thrown (`RemoteAccessError`
    /// when the hub cannot be logged in to or trusted).
    public func push(to location: RemoteLocation, refspecs: [String], access: RemoteAccess = .process) throws -> PushReport {
        let report = try withRemote(location, access: access) { remote, log in
            var options = git_push_options()
            try git("git_push_options_init") { git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION)) }
            log.install(on: &options.callbacks)
            options.callbacks.push_update_reference = { reference, status, payload in
                guard let payload, let reference else { return 0 }
                let log = Unmanaged<TransferLog>.fromOpaque(payload).takeUnretainedValue()
                log.statuses.append(PushStatus(reference: String(cString: reference), rejection: status.map { String(cString: $0) }))
                return 0
            }
            try withStrarray(refspecs) { specs in
                _ = try git("git_remote_push") { git_remote_push(remote, specs, &options) }
            }
            return PushReport(statuses: log.statuses, serverMessages: log.serverMessages)
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
    ///
    /// Credentials written into the URL never reach libgit2 (whose error texts repeat the
    /// URL): they are taken out and offered through the credentials callback instead, and
    /// a named remote's configured URL is rewritten without them.
    private func withRemote<R>(_ location: RemoteLocation, access: RemoteAccess, _ body: (OpaquePointer, TransferLog) throws -> R) throws -> R {
        var remote: OpaquePointer?
        let given: String
        switch location {
        case .named(let name):
            guard let configured = try remoteURL(name) else {
                throw GitError(code: .notFound, message: "remote '\(name)' does not exist", function: "git_remote_lookup")
            }
            given = configured
        case .url(let text):
            given = text
        }
        let address = RemoteAddress(given)
        let url = address.map { $0.hasSecrets ? $0.withoutSecrets : given } ?? given
        if case .named(let name) = location, url != given {
            // A password in .git/config (written by hand or by an older version) is taken out
            // of the file; this operation still uses it, and a credential helper keeps it.
            try setRemoteURL(name, url: url)
        }
        try Reachability.check(url)
        var trust: TLSTrust?
        if let address, address.scheme == "https" {
            trust = try TLSTrust.resolve(for: address, entries: try configEntries(prefix: "http."), environment: access.environment)
        }
        let log = TransferLog(
            authenticator: Authenticator(url: given, repository: self, access: access), address: address, access: access, trust: trust)
        var options = git_remote_create_options()
        try git("git_remote_create_options_init") { git_remote_create_options_init(&options, UInt32(GIT_REMOTE_CREATE_OPTIONS_VERSION)) }
        options.repository = handle
        options.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF.rawValue | GIT_REMOTE_CREATE_SKIP_DEFAULT_FETCHSPEC.rawValue
        try git("git_remote_create_with_opts") { git_remote_create_with_opts(&remote, url, &options) }
        defer { git_remote_free(remote) }
        let opened = try unwrap(remote, "git_remote_create_with_opts")
        do {
            let result = try withoutActuallyEscaping(body) { body in
                let run = { try withExtendedLifetime(log) { try body(opened, log) } }
                if let address, address.isSSH, let host = address.host {
                    return try KnownHostsShield.run(host: host, port: address.effectivePort ?? 22, home: access.home, run)
                }
                return try trust.map { try $0.whileApplied(run) } ?? run()
            }
            log.authenticator.finish(succeeded: true, authenticationFailed: false)
            return result
        } catch let error as GitError {
            if let failure = log.certificateFailure { throw failure }
            log.authenticator.finish(succeeded: false, authenticationFailed: error.code == .authentication || Self.looksLikeRefusedLogin(error))
            if let failure = log.authenticator.failure { throw failure }
            if error.code == .certificate, address?.scheme == "https" {
                throw RemoteAccessError.untrustedCertificate(url: url, caFile: trust?.caFile)
            }
            throw error
        }
    }

    /// libgit2 1.5 reports some refused logins with a generic code and these words.
    private static func looksLikeRefusedLogin(_ error: GitError) -> Bool {
        let text = error.message.lowercased()
        return text.contains("authentication") || text.contains("401") || text.contains("403")
    }
}

/// libgit2's credentials callback: asks the operation's ``Authenticator``.
private let credentialsCallback: git_credential_acquire_cb = { out, _, usernameFromURL, allowed, payload in
    guard let out, let payload else { return GIT_PASSTHROUGH.rawValue }
    let log = Unmanaged<TransferLog>.fromOpaque(payload).takeUnretainedValue()
    return log.authenticator.acquire(out, usernameFromURL: usernameFromURL.map { String(cString: $0) }, allowed: allowed)
}

/// libgit2's certificate callback: an SSH host key is checked against the known_hosts
/// files here (every key type, hashed names, `[host]:port`); an HTTPS certificate is
/// trusted exactly when libgit2's TLS verification (with the chosen CA) passed.
private let certificateCallback: git_transport_certificate_check_cb = { cert, valid, host, payload in
    guard let cert, let payload else { return GIT_ECERTIFICATE.rawValue }
    let log = Unmanaged<TransferLog>.fromOpaque(payload).takeUnretainedValue()
    let hostName = host.map { String(cString: $0) } ?? log.address?.host ?? ""
    if cert.pointee.cert_type == GIT_CERT_HOSTKEY_LIBSSH2 {
        let hostkey = UnsafeMutableRawPointer(cert).assumingMemoryBound(to: git_cert_hostkey.self).pointee
        guard hostkey.type.rawValue & GIT_CERT_SSH_RAW.rawValue != 0, let raw = hostkey.hostkey, hostkey.hostkey_len > 0 else {
            git_error_set_str(Int32(GIT_ERROR_SSH.rawValue), "the SSH server's host key could not be read")
            return GIT_ECERTIFICATE.rawValue
        }
        let key = [UInt8](UnsafeRawBufferPointer(start: raw, count: hostkey.hostkey_len))
        let port = log.address?.effectivePort ?? 22
        let known = KnownHosts(files: KnownHosts.standardFiles(home: log.access.home))
        let type = KnownHosts.keyType(of: key) ?? "?"
        let fingerprint = KnownHosts.fingerprint(of: key)
        switch known.verdict(host: hostName, port: port, key: key) {
        case .known:
            return 0
        case .unknown(let types):
            log.certificateFailure = .unknownHostKey(
                host: hostName, port: port, keyType: type, fingerprint: fingerprint, knownTypes: types, files: known.files)
        case .changed(let file, let line):
            log.certificateFailure = .changedHostKey(host: hostName, port: port, keyType: type, fingerprint: fingerprint, file: file, line: line)
        }
        git_error_set_str(Int32(GIT_ERROR_SSH.rawValue), log.certificateFailure?.description ?? "host key refused")
        return GIT_ECERTIFICATE.rawValue
    }
    if valid != 0 { return 0 }
    log.certificateFailure = .untrustedCertificate(url: log.address?.withoutSecrets ?? hostName, caFile: log.trust?.caFile)
    git_error_set_str(Int32(GIT_ERROR_SSL.rawValue), log.certificateFailure?.description ?? "certificate not trusted")
    return GIT_ECERTIFICATE.rawValue
}

/// Appends what the server printed on the side band to the transfer log.
private let sidebandCallback: git_transport_message_cb = { text, length, payload in
    guard let payload, let text, length > 0 else { return 0 }
    let log = Unmanaged<TransferLog>.fromOpaque(payload).takeUnretainedValue()
    let bytes = UnsafeRawBufferPointer(start: text, count: Int(length))
    log.serverMessages += String(decoding: bytes, as: UTF8.self)
    return 0
}
