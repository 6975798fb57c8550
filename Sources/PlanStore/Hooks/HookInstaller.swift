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
        do {
            git = try Self.open(path, server: server)
        } catch where Self.isOwnedByAnotherUser(path) {
            throw PlanStoreError.io(path: path, reason: Message("hook.install.owner", ["path": .text(URL(fileURLWithPath: path).standardizedFileURL.path)]))
        } catch {
            throw PlanStoreError.notAUnitRepository(path: path)
        }
        // Installed by root into a hub that the server's account owns: what is written here
        // stays the owner's, so the server can still read and change it.
        defer { Self.giveBack(git.gitDirectory, written: [(git.gitDirectory as NSString).appendingPathComponent("hooks"), (git.gitDirectory as NSString).appendingPathComponent("config")]) }
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
            // `git push -o lang=vi`: the hook answers in the pusher's language.
            try git.setConfig("receive.advertisePushOptions", "true")
        }
        return written
    }

    /// Opens the repository at `path`. A hub belongs to the server's account (`www-data`,
    /// `git`) while its administrator installs the hook as root: libgit2 refuses a repository
    /// owned by another user, so for `--server` the hub named exactly (not a folder below it)
    /// is opened without that check — the administrator named it.
    private static func open(_ path: String, server: Bool) throws -> Repository {
        do {
            return try Repository.discover(from: path)
        } catch where server && isOwnedByAnotherUser(path) {
            // libgit2 1.5 says only "config value 'safe.directory' was not found" (or
            // GIT_EOWNER): the folder's owner is the real reason.
            Libgit2.setOwnerValidation(false)
            defer { Libgit2.setOwnerValidation(true) }
            return try Repository.open(at: path)
        }
    }

    /// Whether the folder at `path` belongs to someone other than the user running this.
    static func isOwnedByAnotherUser(_ path: String) -> Bool {
        guard let owner = (try? FileManager.default.attributesOfItem(atPath: path))?[.ownerAccountID] as? NSNumber else { return false }
        return owner.uint32Value != geteuid()
    }

    /// Gives `paths` (and what a folder among them holds) to the owner of `gitDirectory`
    /// when this process runs as root and the owner is someone else; otherwise does nothing.
    private static func giveBack(_ gitDirectory: String, written paths: [String]) {
        guard getuid() == 0, let owner = try? FileManager.default.attributesOfItem(atPath: gitDirectory),
              let uid = owner[.ownerAccountID] as? NSNumber, let gid = owner[.groupOwnerAccountID] as? NSNumber, uid.intValue != 0 else { return }
        var all: [String] = []
        for path in paths {
            all.append(path)
            if let inside = FileManager.default.subpaths(atPath: path) { all += inside.map { (path as NSString).appendingPathComponent($0) } }
        }
        for path in all { _ = chown(path, uid_t(uid.intValue), gid_t(gid.intValue)) }
    }
}
