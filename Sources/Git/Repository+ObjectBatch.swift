internal import CLibGit2
import Foundation

extension Repository {
    /// Runs `body` with every object it writes held in memory, then stores them all as one
    /// pack (a `.pack` and its `.idx`, synced once) instead of one loose file each.
    ///
    /// A pull writes ~370 objects: as loose objects that is ~370 files, a directory for
    /// most of them and two `fsync`s each, which cost far more than the work itself. Reads
    /// inside `body` see the pending objects. Nothing is on disk until `body` returns, so
    /// `body` must not move a reference to what it writes (``updateReference`` refuses while
    /// a batch is open); when `body` throws, what it wrote is dropped.
    /// - Returns: what `body` returns, once its objects are stored.
    public func writingOnePack<R>(_ body: () throws -> R) throws -> R {
        guard !batchOpen else { return try body() }
        let objects = (gitDirectory as NSString).appendingPathComponent("objects")
        var original: OpaquePointer?
        try git("git_repository_odb") { git_repository_odb(&original, handle) }
        defer { git_odb_free(original) }
        var batch: OpaquePointer?
        try git("git_odb_open") { git_odb_open(&batch, objects) }
        defer { git_odb_free(batch) }
        var memory: UnsafeMutablePointer<git_odb_backend>?
        try git("git_mempack_new") { git_mempack_new(&memory) }
        // The odb owns the backend once added and frees it with itself.
        try git("git_odb_add_backend") { git_odb_add_backend(batch, memory, 1000) }
        try git("git_repository_set_odb") { git_repository_set_odb(handle, batch) }
        batchOpen = true
        defer {
            batchOpen = false
            git_repository_set_odb(handle, original)
        }
        let result = try body()
        try storePack(from: memory, in: batch)
        return result
    }

    /// Writes what the in-memory backend holds as one pack through `odb`'s pack backend.
    private func storePack(from memory: UnsafeMutablePointer<git_odb_backend>?, in odb: OpaquePointer?) throws {
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        try git("git_mempack_dump") { git_mempack_dump(&buffer, handle, memory) }
        // A pack's header is "PACK", a version and the object count (big-endian).
        guard buffer.size >= 12, let bytes = buffer.ptr else { return }
        let count = (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(UInt8(bitPattern: bytes[8 + $1])) }
        if count > 0 {
            var writer: UnsafeMutablePointer<git_odb_writepack>?
            try git("git_odb_write_pack") { git_odb_write_pack(&writer, odb, nil, nil) }
            let pack = try unwrap(writer, "git_odb_write_pack")
            defer { pack.pointee.free(pack) }
            var progress = git_indexer_progress()
            try git("git_odb_writepack.append") { pack.pointee.append(pack, bytes, buffer.size, &progress) }
            try git("git_odb_writepack.commit") { pack.pointee.commit(pack, &progress) }
        }
        try git("git_mempack_reset") { git_mempack_reset(memory) }
    }
}
