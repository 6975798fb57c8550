import Foundation
import Git
import PlanModel

/// `plancascade hooks install [--server]`: writes the client or server hooks into a
/// repository's `hooks/` folder, pinned to the `plancascade` binary that runs the installer.
public struct HookInstaller {
    public init() {}

    /// Installs into the repository at `path`. A hook file that exists and is not ours is
    /// left alone and reported.
    /// - Returns: the paths written.
    public func install(at path: String, server: Bool, binary: String) throws -> [String] {
        let git: Repository
        do { git = try Repository.discover(from: path) } catch { throw PlanStoreError.notAUnitRepository(path: path) }
        if server && !git.isBare {
            throw PlanStoreError.invalidArgument(name: "--server", value: path, reason: Message("workflow.hooks.not-bare"))
        }
        let folder = (git.gitDirectory as NSString).appendingPathComponent("hooks")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let scripts = server ? [("pre-receive", HookScripts.preReceive)] : [("pre-commit", HookScripts.preCommit)]
        var written: [String] = []
        for (name, script) in scripts {
            let file = (folder as NSString).appendingPathComponent(name)
            if let existing = try? String(contentsOfFile: file, encoding: .utf8), !existing.contains("plancascade hook") {
                throw PlanStoreError.io(path: file, reason: Message("workflow.hooks.foreign-hook", ["name": .text(name)]))
            }
            try HookScripts.pinned(script, binary: binary).write(toFile: file, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file)
            written.append(file)
        }
        if server {
            // git's own receive-pack stores what children push: make it sync what it writes
            // (objects, packs, refs, index), check every object it receives, and stop reading
            // a push larger than the hub's policy allows while it streams.
            try git.setConfig("core.fsync", "committed,index")
            try git.setConfig("receive.fsckObjects", "true")
            try git.setConfig("receive.maxInputSize", String(ChildPolicy.of(git).maxPushBytes))
        }
        return written
    }
}
