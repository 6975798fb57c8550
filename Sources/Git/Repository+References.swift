internal import CLibGit2

extension Repository {
    /// The commit a reference points at (symbolic references are resolved); nil when the
    /// reference does not exist or points at an unborn branch.
    public func referenceTarget(_ name: String) throws -> Oid? {
        var oid = git_oid()
        let rc = git_reference_name_to_id(&oid, handle, name)
        if rc == GIT_ENOTFOUND.rawValue { return nil }
        try git("git_reference_name_to_id") { rc }
        return Oid(oid)
    }

    /// Moves (or creates) reference `name` to `target`, but only if it still points at
    /// `expected` (nil: only if it does not exist yet). Compare-and-swap: two writers
    /// never lose each other's commits.
    /// - Throws: `GitError` `.modified` when the reference moved meanwhile, `.exists` when
    ///   `expected` is nil and the reference exists, `.locked` when another process holds it.
    public func updateReference(_ name: String, to target: Oid, expected: Oid?, message: String) throws {
        guard !batchOpen else {
            throw GitError(code: .invalid, message: "a reference moved to objects not yet stored (inside writingOnePack)", function: "Repository.updateReference")
        }
        var raw = target.raw
        var reference: OpaquePointer?
        if var old = expected?.raw {
            try git("git_reference_create_matching") {
                git_reference_create_matching(&reference, handle, name, &raw, 1, &old, message)
            }
        } else {
            try git("git_reference_create") { git_reference_create(&reference, handle, name, &raw, 0, message) }
        }
        git_reference_free(reference)
    }

    /// Deletes reference `name` if it exists.
    public func deleteReference(_ name: String) throws {
        var reference: OpaquePointer?
        let rc = git_reference_lookup(&reference, handle, name)
        if rc == GIT_ENOTFOUND.rawValue { return }
        try git("git_reference_lookup") { rc }
        defer { git_reference_free(reference) }
        try git("git_reference_delete") { git_reference_delete(reference) }
    }

    /// Names and targets of the direct references matching `glob` (e.g. `refs/children/*/main`),
    /// sorted by name.
    public func references(matching glob: String) throws -> [(name: String, target: Oid)] {
        var iterator: OpaquePointer?
        try git("git_reference_iterator_glob_new") { git_reference_iterator_glob_new(&iterator, handle, glob) }
        defer { git_reference_iterator_free(iterator) }
        var result: [(name: String, target: Oid)] = []
        while true {
            var reference: OpaquePointer?
            let rc = git_reference_next(&reference, iterator)
            if rc == GIT_ITEROVER.rawValue { break }
            try git("git_reference_next") { rc }
            defer { git_reference_free(reference) }
            guard let reference, let target = git_reference_target(reference) else { continue }
            result.append((String(cString: git_reference_name(reference)), Oid(target)))
        }
        return result.sorted { $0.name < $1.name }
    }

    /// The reference `HEAD` points at symbolically (e.g. `refs/heads/main`), nil when detached.
    public var headReferenceName: String? {
        var reference: OpaquePointer?
        guard git_reference_lookup(&reference, handle, "HEAD") == 0 else { return nil }
        defer { git_reference_free(reference) }
        guard git_reference_type(reference) == GIT_REFERENCE_SYMBOLIC, let target = git_reference_symbolic_target(reference) else {
            return nil
        }
        return String(cString: target)
    }

    /// Points `HEAD` symbolically at `reference`, which need not exist yet.
    public func setHead(_ reference: String) throws {
        try git("git_repository_set_head") { git_repository_set_head(handle, reference) }
    }
}
