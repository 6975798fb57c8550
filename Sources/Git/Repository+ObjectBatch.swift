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
        batchCommits = []
        batchCopies = []
        defer {
            batchOpen = false
            batchCommits = []
            batchCopies = []
            git_repository_set_odb(handle, original)
        }
        let result = try body()
        try storePack(from: memory, in: batch)
        return result
    }

    /// Writes what the in-memory backend holds, reachable from the commits written, as one
    /// pack through `odb`'s pack backend.
    ///
    /// Only the objects in memory go into the pack: `git_mempack_dump` (libgit2 1.5) packs
    /// every object each commit reaches, so a collect at a district of 400 communes packed
    /// (and compressed) the whole subtree's thousands of objects again at every collect.
    private func storePack(from memory: UnsafeMutablePointer<git_odb_backend>?, in odb: OpaquePointer?) throws {
        let memory = try unwrap(memory, "git_mempack_new")
        var builder: OpaquePointer?
        try git("git_packbuilder_new") { git_packbuilder_new(&builder, handle) }
        defer { git_packbuilder_free(builder) }
        _ = git_packbuilder_set_threads(builder, 1)
        var seen: Set<Oid> = []
        /// Whether `oid` is held in memory and not in the pack yet.
        func pending(_ oid: Oid) -> Bool {
            guard seen.insert(oid).inserted else { return false }
            var raw = oid.raw
            return memory.pointee.exists(memory, &raw) != 0
        }
        func insert(_ oid: Oid) throws {
            var raw = oid.raw
            try git("git_packbuilder_insert", object: oid) { git_packbuilder_insert(builder, &raw, nil) }
        }
        var trees: [Oid] = []
        for commit in batchCommits where pending(commit) {
            try insert(commit)
            let root = try self.commit(commit).tree
            if pending(root) { trees.append(root) }
        }
        for copy in batchCopies where pending(copy.oid) {
            if copy.isTree { trees.append(copy.oid) } else { try insert(copy.oid) }
        }
        while let tree = trees.popLast() {
            try insert(tree)
            for entry in try self.tree(tree) where entry.kind != .submodule && pending(entry.oid) {
                if entry.kind == .tree { trees.append(entry.oid) } else { try insert(entry.oid) }
            }
        }
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        try git("git_packbuilder_write_buf") { git_packbuilder_write_buf(&buffer, builder) }
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
