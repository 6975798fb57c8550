internal import CLibGit2
import Foundation

extension Repository {
    /// Writes a v2 git bundle (``GitBundle``) to `path`: its header, then one pack of the
    /// commits reachable from `references` but not from `prerequisites`, with their trees and
    /// blobs. `git bundle verify` accepts it in a repository that has the prerequisites.
    ///
    /// libgit2 1.5 has no bundle API: the pack comes from `git_packbuilder`, the header is
    /// written here. The file is written whole to a temporary name beside `path`, synced, then
    /// renamed: a half-written bundle is never left under `path`.
    /// - Returns: how many objects the pack holds.
    /// - Throws: `GitError` when an object cannot be read or the file not written.
    @discardableResult
    public func writeBundle(to path: String, references: [(name: String, target: Oid)], prerequisites: [Oid]) throws -> Int {
        try withPackBuilder(of: references.map(\.target), hiding: prerequisites) { builder in
            try writeBundle(builder, to: path, references: references, prerequisites: prerequisites)
        }
    }

    /// Runs `body` with a pack builder holding the commits reachable from `tips` but not from
    /// `hidden`, with their trees and blobs; the builder is freed when `body` returns.
    func withPackBuilder<R>(of tips: [Oid], hiding hidden: [Oid], _ body: (OpaquePointer?) throws -> R) throws -> R {
        var builder: OpaquePointer?
        try git("git_packbuilder_new") { git_packbuilder_new(&builder, handle) }
        defer { git_packbuilder_free(builder) }
        var walk: OpaquePointer?
        try git("git_revwalk_new") { git_revwalk_new(&walk, handle) }
        defer { git_revwalk_free(walk) }
        for tip in tips {
            var raw = tip.raw
            try git("git_revwalk_push", object: tip) { git_revwalk_push(walk, &raw) }
        }
        for oid in hidden {
            var raw = oid.raw
            try git("git_revwalk_hide", object: oid) { git_revwalk_hide(walk, &raw) }
        }
        try git("git_packbuilder_insert_walk") { git_packbuilder_insert_walk(builder, walk) }
        return try body(builder)
    }

    private func writeBundle(_ builder: OpaquePointer?, to path: String, references: [(name: String, target: Oid)], prerequisites: [Oid]) throws -> Int {
        var pack = git_buf()
        defer { git_buf_dispose(&pack) }
        try git("git_packbuilder_write_buf") { git_packbuilder_write_buf(&pack, builder) }
        var data = Data(GitBundle(prerequisites: prerequisites, references: references).header)
        if let bytes = pack.ptr { data.append(UnsafeRawPointer(bytes).assumingMemoryBound(to: UInt8.self), count: pack.size) }
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw GitError(code: .generic, message: "\(path): \(error.localizedDescription)", function: "Repository.writeBundle")
        }
        return Int(git_packbuilder_object_count(builder))
    }

    /// Lets this handle read the objects of the object folder `folder` too (a quarantine's,
    /// see ``BundleQuarantine``), as ``borrowObjects(from:)`` does for another repository.
    public func borrowObjects(inFolder folder: String) throws {
        var odb: OpaquePointer?
        try git("git_repository_odb") { git_repository_odb(&odb, handle) }
        defer { git_odb_free(odb) }
        try git("git_odb_add_disk_alternate") { git_odb_add_disk_alternate(odb, folder) }
    }

    /// Makes this handle see packs added to its object folder by another handle or by a rename.
    public func refreshObjects() throws {
        var odb: OpaquePointer?
        try git("git_repository_odb") { git_repository_odb(&odb, handle) }
        defer { git_odb_free(odb) }
        try git("git_odb_refresh") { git_odb_refresh(odb) }
    }
}

/// The pack of a bundle, indexed into a scratch object folder inside a repository's
/// `objects/` (`incoming-bundle-…`, as git's own push quarantine is `incoming-…`): its
/// objects can be read and checked (``Repository/borrowObjects(inFolder:)``) before anything
/// of it is part of the repository. ``accept()`` moves the pack in; otherwise the folder is
/// removed when this value goes away.
public final class BundleQuarantine {
    /// The scratch object folder (it holds `pack/`).
    public let folder: String
    /// How many objects the pack held.
    public let objectCount: Int
    private let objects: String
    private var settled = false

    /// Why a pack was not indexed: more than the limits allow.
    public enum Bound: Error, Equatable, Sendable {
        case tooManyObjects(limit: Int)
        case tooManyBytes(limit: Int)
    }

    /// Indexes the pack that starts at `offset` in the file at `path` into a new quarantine of
    /// `repository`, reading it in pieces of 1 MiB. A thin pack's missing bases are taken from
    /// `repository` (libgit2's indexer completes it).
    /// - Parameters:
    ///   - maxObjects: the most objects the pack may announce or hold.
    ///   - maxBytes: the most bytes the pack may have.
    /// - Throws: ``Bound`` when the pack is larger than allowed (nothing is kept), `GitError`
    ///   when it is not a valid pack (damaged, truncated, an object missing).
    public init(indexing path: String, from offset: Int, into repository: Repository, maxObjects: Int, maxBytes: Int) throws {
        objects = (repository.gitDirectory as NSString).appendingPathComponent("objects")
        folder = (objects as NSString).appendingPathComponent("incoming-bundle-\(UUID().uuidString.prefix(8).lowercased())")
        let packFolder = (folder as NSString).appendingPathComponent("pack")
        try FileManager.default.createDirectory(atPath: packFolder, withIntermediateDirectories: true)
        var count = 0
        do {
            count = try Self.index(path, from: offset, into: packFolder, odbOf: repository, maxObjects: maxObjects, maxBytes: maxBytes)
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            settled = true
            throw error
        }
        objectCount = count
    }

    deinit { discard() }

    /// Removes the quarantine and what it holds (nothing of it reaches the repository).
    public func discard() {
        guard !settled else { return }
        settled = true
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Moves the quarantined pack into the repository's `objects/pack/` (the `.pack` before
    /// its `.idx`: a reader never finds an index without its pack) and removes the quarantine.
    /// - Parameter repository: a handle on that repository, told of the new pack.
    public func accept(into repository: Repository) throws {
        guard !settled else { return }
        let source = (folder as NSString).appendingPathComponent("pack")
        let target = (objects as NSString).appendingPathComponent("pack")
        let manager = FileManager.default
        try manager.createDirectory(atPath: target, withIntermediateDirectories: true)
        let names = try manager.contentsOfDirectory(atPath: source).filter { $0.hasSuffix(".pack") || $0.hasSuffix(".idx") }
        for name in names.sorted(by: { $0.hasSuffix(".pack") && !$1.hasSuffix(".pack") }) {
            let to = (target as NSString).appendingPathComponent(name)
            // The same pack already there (a bundle applied before): nothing to move.
            if manager.fileExists(atPath: to) { continue }
            guard rename((source as NSString).appendingPathComponent(name), to) == 0 else {
                throw GitError(code: .generic, message: "cannot move \(name) into \(target): \(String(cString: strerror(errno)))", function: "BundleQuarantine.accept")
            }
        }
        discard()
        try repository.refreshObjects()
    }

    /// State of one indexing, read by the progress callback.
    private final class Limits {
        let maxObjects: Int
        var exceeded = false
        init(maxObjects: Int) { self.maxObjects = maxObjects }
    }

    private static func index(_ path: String, from offset: Int, into packFolder: String, odbOf repository: Repository, maxObjects: Int, maxBytes: Int) throws -> Int {
        guard let file = FileHandle(forReadingAtPath: path) else {
            throw GitError(code: .notFound, message: "\(path): cannot be read", function: "BundleQuarantine")
        }
        defer { try? file.close() }
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
        if size - offset > maxBytes { throw Bound.tooManyBytes(limit: maxBytes) }
        try file.seek(toOffset: UInt64(offset))
        var odb: OpaquePointer?
        try git("git_repository_odb") { git_repository_odb(&odb, repository.handle) }
        defer { git_odb_free(odb) }
        let limits = Limits(maxObjects: maxObjects)
        var options = git_indexer_options()
        try git("git_indexer_options_init") { git_indexer_options_init(&options, UInt32(GIT_INDEXER_OPTIONS_VERSION)) }
        options.progress_cb = { stats, payload in
            guard let stats, let payload else { return 0 }
            let limits = Unmanaged<Limits>.fromOpaque(payload).takeUnretainedValue()
            if Int(stats.pointee.total_objects) > limits.maxObjects || Int(stats.pointee.received_objects) > limits.maxObjects {
                limits.exceeded = true
                git_error_set_str(Int32(GIT_ERROR_CALLBACK.rawValue), "the pack holds more objects than allowed")
                return -1
            }
            return 0
        }
        options.progress_cb_payload = Unmanaged.passUnretained(limits).toOpaque()
        options.verify = 1
        var indexer: OpaquePointer?
        try git("git_indexer_new") { git_indexer_new(&indexer, packFolder, 0, odb, &options) }
        defer { git_indexer_free(indexer) }
        var stats = git_indexer_progress()
        var read = 0
        do {
            while true {
                let chunk = try file.read(upToCount: 1 << 20) ?? Data()
                if chunk.isEmpty { break }
                read += chunk.count
                if read > maxBytes { throw Bound.tooManyBytes(limit: maxBytes) }
                try chunk.withUnsafeBytes { buffer in
                    _ = try git("git_indexer_append") { git_indexer_append(indexer, buffer.baseAddress, buffer.count, &stats) }
                }
            }
            try git("git_indexer_commit") { git_indexer_commit(indexer, &stats) }
        } catch is GitError where limits.exceeded {
            throw Bound.tooManyObjects(limit: maxObjects)
        }
        withExtendedLifetime(limits) {}
        return Int(stats.total_objects)
    }
}
