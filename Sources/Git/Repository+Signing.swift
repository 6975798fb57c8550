internal import CLibGit2

extension Repository {
    /// Writes a commit object signed by `signer`, as `git commit -S` does: the unsigned
    /// commit (`git_commit_create_buffer`) is the payload the external signer signs, and
    /// `git_commit_create_with_signature` stores it with the signature in its `gpgsig`
    /// header. With no signer it is ``createCommit(tree:parents:author:committer:message:)``.
    /// It does not move any reference.
    /// - Throws: `CommitSigner.Failure` when the signer fails (nothing is written), or `GitError`.
    public func createCommit(
        tree: Oid, parents: [Oid], author: Signature, committer: Signature, message: String, signer: CommitSigner?
    ) throws -> Oid {
        guard let signer else { return try createCommit(tree: tree, parents: parents, author: author, committer: committer, message: message) }
        let payload = try commitBuffer(tree: tree, parents: parents, author: author, committer: committer, message: message)
        let signature = try signer.sign(payload)
        var oid = git_oid()
        var text = payload
        text.append(0)
        try text.withUnsafeBufferPointer { content in
            try content.withMemoryRebound(to: CChar.self) { chars in
                _ = try git("git_commit_create_with_signature") {
                    git_commit_create_with_signature(&oid, handle, chars.baseAddress, signature, nil)
                }
            }
        }
        if batchOpen { batchCommits.append(Oid(oid)) }
        return Oid(oid)
    }

    /// The unsigned commit object `createCommit` would write, as bytes.
    func commitBuffer(tree: Oid, parents: [Oid], author: Signature, committer: Signature, message: String) throws -> [UInt8] {
        let text = message.hasSuffix("\n") ? message : message + "\n"
        return try withTree(tree) { treeHandle in
            try withCommits(parents) { parentHandles in
                try author.withRaw { authorSig in
                    try committer.withRaw { committerSig in
                        var buffer = git_buf()
                        defer { git_buf_dispose(&buffer) }
                        var pointers: [OpaquePointer?] = parentHandles.map { Optional($0) }
                        try pointers.withUnsafeMutableBufferPointer { parentsBuffer in
                            _ = try git("git_commit_create_buffer") {
                                git_commit_create_buffer(
                                    &buffer, handle, authorSig, committerSig, nil, text, treeHandle,
                                    parentsBuffer.count, parentsBuffer.baseAddress)
                            }
                        }
                        guard let bytes = buffer.ptr else { return [] }
                        return Array(UnsafeRawBufferPointer(start: bytes, count: buffer.size))
                    }
                }
            }
        }
    }

    /// The signature in commit `oid`'s `gpgsig` header and the bytes it signs (the commit
    /// without that header); nil for an unsigned commit.
    /// - Throws: `GitError` `.notFound` when the commit does not exist.
    public func commitSignature(_ oid: Oid) throws -> (signature: String, payload: [UInt8])? {
        var raw = oid.raw
        var signature = git_buf(), signed = git_buf()
        defer {
            git_buf_dispose(&signature)
            git_buf_dispose(&signed)
        }
        let rc = git_commit_extract_signature(&signature, &signed, handle, &raw, nil)
        if rc == GIT_ENOTFOUND.rawValue {
            // Unsigned, or no such commit: tell the two apart.
            _ = try commit(oid)
            return nil
        }
        try git("git_commit_extract_signature", object: oid) { rc }
        let text = signature.ptr.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: signature.size), as: UTF8.self) } ?? ""
        let payload = signed.ptr.map { Array(UnsafeRawBufferPointer(start: $0, count: signed.size)) } ?? []
        return (text, payload)
    }

    /// Configuration `key` read as git reads a boolean (`true`/`yes`/`on`/`1`, or a key
    /// with no value); nil when unset.
    public func configBool(_ key: String) throws -> Bool? {
        guard let text = try configString(key)?.lowercased() else { return nil }
        switch text {
        case "true", "yes", "on", "1", "": return true
        case "false", "no", "off", "0": return false
        default: return Int(text).map { $0 != 0 }
        }
    }
}
