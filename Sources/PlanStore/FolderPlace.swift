import Foundation
import Git
import PlanModel

/// Where a working clone was made, recorded in its own `.git/config`
/// (`plancascade.workTree`, the folder's real path), so that a copy of the folder — on a USB
/// stick, on a new PC — is noticed before it pushes into the original's hubs: the copy
/// carries the record, and its own path differs from it.
///
/// `init` records it; a clone made with `git clone` (or one older than this rule) records its
/// place at its first `push`, `sync` or `publish`. A bare hub has no work tree and records
/// nothing.
public enum FolderPlace {
    /// The configuration key, in the clone's `.git/config`.
    public static let key = "plancascade.workTree"

    /// The folder's real path (symbolic links resolved, no trailing `/`); nil in a bare repository.
    static func current(of git: Repository) -> String? {
        guard let work = git.workDirectory else { return nil }
        let real = (work as NSString).resolvingSymlinksInPath
        return real.count > 1 && real.hasSuffix("/") ? String(real.dropLast()) : real
    }

    /// Records the clone's present folder as its place (`init`, `--here`, a confirmed move).
    public static func record(in git: Repository) throws {
        guard let here = current(of: git) else { return }
        if try git.configString(key) != here { try git.setConfig(key, here) }
    }

    /// Refuses to go on when the clone is not where it was recorded (see ``MovedFolder``);
    /// records the place of a clone that has none yet. Called by every command that pushes
    /// (`push`, `sync`, `publish`).
    public static func ensure(in repository: UnitRepository) throws {
        let git = repository.git
        guard let here = current(of: git) else { return }
        guard let recorded = try git.configString(key), !recorded.isEmpty else {
            try git.setConfig(key, here)
            return
        }
        // The same folder reached another way (a symbolic link, a bind mount of the same inode).
        if recorded == here || (recorded as NSString).resolvingSymlinksInPath == here { return }
        if let a = try? FileManager.default.attributesOfItem(atPath: recorded), let b = try? FileManager.default.attributesOfItem(atPath: here),
           a[.systemFileNumber] as? Int == b[.systemFileNumber] as? Int, a[.systemNumber] as? Int == b[.systemNumber] as? Int {
            return
        }
        let hubs = [Layout.originRemote, Layout.parentRemote].compactMap { name in
            ((try? git.remoteURL(name)) ?? nil).map { "\(name) \(RemoteURL.redacted($0))" }
        }
        throw MovedFolder(recorded: recorded, current: here, hubs: hubs)
    }
}

/// A working clone found in another folder than the one it recorded: a copy, or the same
/// clone moved. Nothing is pushed until the user confirms (`--here`, or yes at the prompt).
public struct MovedFolder: Error, Equatable, MessageConvertible {
    public let recorded: String
    public let current: String
    /// The remotes a push would write to, as "name url" (masked).
    public let hubs: [String]

    public var message: Message {
        Message("bundle.moved-folder", [
            "recorded": .text(recorded), "current": .text(current),
            "hubs": .list(hubs.map { .text($0) }),
        ])
    }

    public var description: String { message.rendered(in: .english) }
}
