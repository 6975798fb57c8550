import Foundation
internal import CLibGit2

extension Repository {
    /// Fetches one reference from the repository at `path` on this machine, bringing only
    /// the objects reachable from it that this repository lacks, and points `localReference`
    /// at it (forced, as a `+src:dst` refspec does).
    ///
    /// libgit2's own local transport (a plain path or `file://`) packs what is reachable from
    /// *every* reference of the source, whatever the refspec says: a child fetching its
    /// parent hub's `targets` would receive the hub's `main` and every sibling's pushed
    /// reports. This walks from `reference` alone — what `git upload-pack` sends over a network.
    ///
    /// - Parameters:
    ///   - path: the source repository (a bare hub).
    ///   - reference: the source's reference, e.g. `refs/heads/targets`.
    ///   - localReference: the reference written here, e.g. `refs/remotes/parent/targets`.
    /// - Returns: the fetched commit; nil when the source has no such reference (nothing changes).
    /// - Throws: `GitError` when the source cannot be opened or read, or the pack not written.
    @discardableResult
    public func fetchReference(fromRepositoryAt path: String, reference: String, into localReference: String) throws -> Oid? {
        let source = try Repository.open(at: path)
        guard let tip = try source.referenceTarget(reference) else { return nil }
        if !contains(tip) {
            try source.writePack(of: tip, hiding: try knownCommits(in: source), into: (gitDirectory as NSString).appendingPathComponent("objects/pack"))
            // This handle's object database learns of the new pack when it next looks.
            try refreshObjectDatabase()
        }
        let current = try referenceTarget(localReference)
        if current != tip {
            try updateReference(localReference, to: tip, expected: current, message: "fetch: \(reference) from \(path)")
        }
        return tip
    }

    /// The tips of this repository's references that `source` has too (commits only): what
    /// need not be sent again.
    private func knownCommits(in source: Repository) throws -> [Oid] {
        try references(matching: "refs/*").map { $0.1 }.filter { source.contains($0) && (try? source.commit($0)) != nil }
    }

    /// Writes one pack (and its index) into `folder` holding the commits reachable from `tip`
    /// but not from `hidden`, with their trees and blobs.
    private func writePack(of tip: Oid, hiding hidden: [Oid], into folder: String) throws {
        try withPackBuilder(of: [tip], hiding: hidden) { builder in
            guard git_packbuilder_object_count(builder) > 0 else { return }
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try git("git_packbuilder_write") { git_packbuilder_write(builder, folder, 0, nil, nil) }
        }
    }
}
