import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One process at a time in a repository: an advisory `flock` on
/// `<git-dir>/plancascade.lock`, which the kernel releases when the process ends, however
/// it ends (a SIGKILL included). Holding it, the process knows that any `*.lock` file git
/// or libgit2 left in the repository belongs to nobody alive among plancascade processes.
///
/// Locks are counted per process and path, so that handles opened twice in one process do
/// not block each other.
public final class RepositoryLock: @unchecked Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case busy(path: String, holder: String)
        /// `code` is the `errno` of the failure (`EROFS`, `EACCES` on a read-only repository).
        case io(path: String, reason: String, code: Int32 = 0)

        public var description: String {
            switch self {
            case .busy(let path, let holder):
                return "another plancascade process (\(holder)) has been working in this repository for too long (lock \(path)); "
                    + "wait for it to finish, or stop it, and run the command again"
            case .io(let path, let reason, _):
                return "\(path): cannot take the repository lock: \(reason)"
            }
        }
    }

    private static let registry = NSLock()
    nonisolated(unsafe) private static var held: [String: (fd: Int32, count: Int)] = [:]

    public let path: String

    /// Takes the lock of the repository whose git directory is `gitDirectory`, waiting up
    /// to `timeout` seconds for another process to release it.
    /// - Parameter waiting: called once if the lock is busy, before waiting.
    public init(gitDirectory: String, timeout: TimeInterval = 60, waiting: (() -> Void)? = nil) throws {
        path = (gitDirectory as NSString).appendingPathComponent("plancascade.lock")
        Self.registry.lock()
        defer { Self.registry.unlock() }
        if let entry = Self.held[path] {
            Self.held[path] = (entry.fd, entry.count + 1)
            return
        }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let code = errno
            throw Failure.io(path: path, reason: String(cString: strerror(code)), code: code)
        }
        let deadline = Date().addingTimeInterval(timeout)
        var warned = false
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let code = errno
                close(fd)
                throw Failure.io(path: path, reason: String(cString: strerror(code)), code: code)
            }
            if Date() >= deadline {
                let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                close(fd)
                throw Failure.busy(path: path, holder: holder.isEmpty ? "unknown pid" : holder)
            }
            if !warned { waiting?(); warned = true }
            usleep(20_000)
        }
        let note = "pid \(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = note.withCString { pwrite(fd, $0, strlen($0), 0) }
        Self.held[path] = (fd, 1)
    }

    deinit {
        Self.registry.lock()
        defer { Self.registry.unlock() }
        guard let entry = Self.held[path] else { return }
        if entry.count > 1 {
            Self.held[path] = (entry.fd, entry.count - 1)
        } else {
            Self.held[path] = nil
            close(entry.fd)  // releases the flock
        }
    }

    /// `*.lock` files below the git directory (refs, packed-refs, index, HEAD, config) that a
    /// killed git or libgit2 writer left behind, older than `age` seconds. Call only while
    /// holding the lock. Returns their paths relative to the git directory.
    public static func staleLockFiles(in gitDirectory: String, olderThan age: TimeInterval) -> [String] {
        let manager = FileManager.default
        var found: [String] = []
        var candidates = ["index.lock", "HEAD.lock", "packed-refs.lock", "config.lock", "FETCH_HEAD.lock"]
        if let refs = manager.enumerator(atPath: (gitDirectory as NSString).appendingPathComponent("refs")) {
            while let item = refs.nextObject() as? String {
                if item.hasSuffix(".lock") { candidates.append("refs/" + item) }
            }
        }
        for relative in candidates {
            let full = (gitDirectory as NSString).appendingPathComponent(relative)
            guard let attributes = try? manager.attributesOfItem(atPath: full), let modified = attributes[.modificationDate] as? Date else { continue }
            if Date().timeIntervalSince(modified) >= age { found.append(relative) }
        }
        return found.sorted()
    }
}
