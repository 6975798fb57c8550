import Foundation
internal import CLibGit2
#if canImport(Glibc)
import Glibc
#endif

/// One pack of a repository's object store: `objects/pack/<name>.pack` with its `.idx`.
public struct PackFile: Sendable, Equatable {
    /// `pack-<hash>`, without the extension.
    public let name: String
    /// How many objects the pack's index lists.
    public let objectCount: Int
    /// The size of the `.pack` file.
    public let bytes: Int64
    /// A `.keep` file marks a pack that must never be repacked away.
    public let kept: Bool
}

/// How compact a repository's object store is.
public struct ObjectStoreShape: Sendable, Equatable {
    public let packs: [PackFile]
    public let looseObjects: Int

    public var packCount: Int { packs.count }
    public var packedBytes: Int64 { packs.reduce(0) { $0 + $1.bytes } }
}

/// What one consolidation did.
public struct PackConsolidation: Sendable, Equatable {
    public let before: ObjectStoreShape
    public let after: ObjectStoreShape
    /// The packs rolled into the new one, and how many loose objects went with them.
    public let rolledUpPacks: Int
    public let rolledUpLooseObjects: Int

    /// Nothing needed doing (or another process was doing it).
    public var didNothing: Bool { rolledUpPacks == 0 && rolledUpLooseObjects == 0 }
}

extension Repository {
    private var packFolder: String { (gitDirectory as NSString).appendingPathComponent("objects/pack") }
    private var objectsFolder: String { (gitDirectory as NSString).appendingPathComponent("objects") }

    /// The packs and loose objects this repository holds now.
    public func objectStoreShape() -> ObjectStoreShape {
        ObjectStoreShape(packs: packFiles(), looseObjects: looseObjectFiles().count)
    }

    /// Keeps the object store compact the way `git repack --geometric=2 -d` does: the
    /// smallest packs (and every loose object) are rolled into one new pack until each
    /// remaining pack holds at least twice the objects of all smaller ones together, so a
    /// repository that receives one pack per push holds a logarithmic number of them.
    ///
    /// Safe while others push or fetch: only packs and loose objects that existed when it
    /// started are removed, and only after the new pack (which holds every one of their
    /// objects, reachable or not) is written and synced; a reader that misses an object
    /// looks again and finds it in the new pack. Two consolidations never run at once
    /// (`objects/pack/plancascade-maintain.lock`, an advisory lock the kernel releases):
    /// the second does nothing.
    /// - Parameters:
    ///   - everything: roll every pack (but kept ones) and loose object into one.
    ///   - minimumPacks: below this many packs (and no loose objects to pack) nothing is done.
    ///   - minimumLooseObjects: loose objects alone are packed only from this many on.
    @discardableResult
    public func consolidatePacks(everything: Bool = false, minimumPacks: Int = 4, minimumLooseObjects: Int = 64) throws -> PackConsolidation {
        let before = objectStoreShape()
        let nothing = PackConsolidation(before: before, after: before, rolledUpPacks: 0, rolledUpLooseObjects: 0)
        guard let lock = try MaintenanceLock(folder: packFolder) else { return nothing }
        defer { lock.release() }

        let candidates = before.packs.filter { !$0.kept }
        var chosen = everything ? candidates : Self.geometricRollUp(candidates)
        if !everything, candidates.count < minimumPacks { chosen = [] }
        let loose = looseObjectFiles()
        let packLoose = everything ? !loose.isEmpty : (loose.count >= minimumLooseObjects || !chosen.isEmpty)
        // One pack alone and no loose objects: rewriting it would change nothing.
        guard chosen.count > 1 || (packLoose && !loose.isEmpty) else { return nothing }

        let objects = try objectIds(inPacks: chosen) + (packLoose ? loose.map(\.oid) : [])
        let written = try writePack(holding: objects)
        try syncFolder(packFolder)
        for pack in chosen where pack.name != written {
            for suffix in [".bitmap", ".rev", ".mtimes", ".idx", ".pack"] {
                unlink((packFolder as NSString).appendingPathComponent(pack.name + suffix))
            }
        }
        if !chosen.isEmpty {
            // A multi-pack index (written by `git maintenance`) would name removed packs.
            unlink((packFolder as NSString).appendingPathComponent("multi-pack-index"))
        }
        if packLoose {
            for file in loose { unlink(file.path) }
        }
        try refreshObjectDatabase()
        return PackConsolidation(before: before, after: objectStoreShape(),
                                 rolledUpPacks: chosen.count, rolledUpLooseObjects: packLoose ? loose.count : 0)
    }

    /// The packs a geometric repack with factor 2 rolls up, smallest first: the longest run
    /// of small packs after which every larger pack holds at least twice the objects of all
    /// packs before it (the rolled-up pack included).
    static func geometricRollUp(_ packs: [PackFile]) -> [PackFile] {
        let sorted = packs.sorted { ($0.objectCount, $0.name) < ($1.objectCount, $1.name) }
        guard sorted.count > 1 else { return [] }
        // From the largest down, the first pack that is not at least twice its smaller
        // neighbour breaks the progression: it and everything below it roll up.
        var split = 0
        for index in stride(from: sorted.count - 1, to: 0, by: -1) where sorted[index].objectCount < 2 * sorted[index - 1].objectCount {
            split = index + 1
            break
        }
        // The rolled-up pack may itself be too big for the next pack: take that one too.
        var total = sorted[..<split].reduce(0) { $0 + $1.objectCount }
        while split < sorted.count, sorted[split].objectCount < 2 * total {
            total += sorted[split].objectCount
            split += 1
        }
        return split > 1 ? Array(sorted[..<split]) : []
    }

    /// The packs of `objects/pack` that have both their `.pack` and `.idx` (a pack being
    /// written has no index yet).
    func packFiles() -> [PackFile] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: packFolder)) ?? []
        let present = Set(names)
        return names.filter { $0.hasPrefix("pack-") && $0.hasSuffix(".idx") }.compactMap { indexName in
            let name = String(indexName.dropLast(4))
            guard present.contains(name + ".pack") else { return nil }
            let folder = packFolder as NSString
            guard let count = Self.objectCount(ofIndex: folder.appendingPathComponent(indexName)) else { return nil }
            let attributes = try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name + ".pack"))
            let bytes = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
            return PackFile(name: name, objectCount: count, bytes: bytes, kept: present.contains(name + ".keep"))
        }.sorted { $0.name < $1.name }
    }

    /// The number of objects a pack index (version 2) lists: the last entry of its fan-out
    /// table, after the 8-byte header. Nil for anything else.
    static func objectCount(ofIndex path: String) -> Int? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: 8 + 256 * 4), header.count == 8 + 256 * 4,
              Array(header.prefix(8)) == [0xFF, 0x74, 0x4F, 0x63, 0, 0, 0, 2] else { return nil }
        let last = header.suffix(4).reduce(0) { $0 << 8 | Int($1) }
        return last
    }

    /// The loose object files under `objects/xx/`.
    private func looseObjectFiles() -> [(oid: Oid, path: String)] {
        let manager = FileManager.default
        let folders = (try? manager.contentsOfDirectory(atPath: objectsFolder)) ?? []
        var found: [(Oid, String)] = []
        for folder in folders where folder.count == 2 && folder.allSatisfy(\.isHexDigit) {
            let path = (objectsFolder as NSString).appendingPathComponent(folder)
            for file in (try? manager.contentsOfDirectory(atPath: path)) ?? [] where file.count == 38 && file.allSatisfy(\.isHexDigit) {
                if let oid = Oid(hex: folder + file) { found.append((oid, (path as NSString).appendingPathComponent(file))) }
            }
        }
        return found
    }

    /// Every object the given packs hold, read from each pack's own index.
    private func objectIds(inPacks packs: [PackFile]) throws -> [Oid] {
        guard !packs.isEmpty else { return [] }
        var odb: OpaquePointer?
        try git("git_odb_new") { git_odb_new(&odb) }
        defer { git_odb_free(odb) }
        for (priority, pack) in packs.enumerated() {
            var backend: UnsafeMutablePointer<git_odb_backend>?
            let index = (packFolder as NSString).appendingPathComponent(pack.name + ".idx")
            try git("git_odb_backend_one_pack") { git_odb_backend_one_pack(&backend, index) }
            try git("git_odb_add_backend") { git_odb_add_backend(odb, backend, Int32(priority + 1)) }
        }
        final class Collected { var oids: [Oid] = [] }
        let collected = Collected()
        try withExtendedLifetime(collected) {
            let payload = Unmanaged.passUnretained(collected).toOpaque()
            try git("git_odb_foreach") {
                git_odb_foreach(odb, { raw, payload in
                    guard let raw, let payload else { return -1 }
                    Unmanaged<Collected>.fromOpaque(payload).takeUnretainedValue().oids.append(Oid(raw.pointee))
                    return 0
                }, payload)
            }
        }
        return collected.oids
    }

    /// Writes one pack holding `objects` into `objects/pack`; returns its name (`pack-<hash>`).
    private func writePack(holding objects: [Oid]) throws -> String {
        var builder: OpaquePointer?
        try git("git_packbuilder_new") { git_packbuilder_new(&builder, handle) }
        defer { git_packbuilder_free(builder) }
        git_packbuilder_set_threads(builder, 0)
        var seen = Set<Oid>()
        for oid in objects where seen.insert(oid).inserted {
            var raw = oid.raw
            try git("git_packbuilder_insert", object: oid) { git_packbuilder_insert(builder, &raw, nil) }
        }
        try git("git_packbuilder_write") { git_packbuilder_write(builder, packFolder, 0, nil, nil) }
        guard let name = git_packbuilder_name(builder) else { throw GitError(code: .generic, errorClass: 0, message: "the new pack has no name", function: "git_packbuilder_name") }
        return "pack-" + String(cString: name)
    }

    /// Makes this handle's object database look at the store again (packs came and went).
    func refreshObjectDatabase() throws {
        var odb: OpaquePointer?
        try git("git_repository_odb") { git_repository_odb(&odb, handle) }
        defer { git_odb_free(odb) }
        try git("git_odb_refresh") { git_odb_refresh(odb) }
    }

    private func syncFolder(_ path: String) throws {
        let fd = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        _ = fsync(fd)
    }
}

/// The advisory lock that keeps two consolidations of one object store apart.
private struct MaintenanceLock {
    let fd: Int32

    /// Nil when another process holds it.
    init?(folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = (folder as NSString).appendingPathComponent("plancascade-maintain.lock")
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return nil }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { close(fd); return nil }
        self.fd = fd
    }

    func release() {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
