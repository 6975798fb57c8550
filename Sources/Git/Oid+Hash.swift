internal import CLibGit2

extension Oid {
    /// The id `bytes` would have as a blob (git's SHA-1 of "blob <size>\0" and the bytes),
    /// computed without writing anything: a checksum for a file kept beside the objects.
    public static func ofBlob(_ bytes: [UInt8]) -> Oid {
        var oid = git_oid()
        _ = bytes.withUnsafeBytes { buffer in
            git_odb_hash(&oid, buffer.baseAddress, buffer.count, GIT_OBJECT_BLOB)
        }
        return Oid(oid)
    }
}
