import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Keeps libgit2 1.5 from choosing the SSH host-key type badly.
///
/// At each SSH connection libgit2 1.5.1 reads `$HOME/.ssh/known_hosts` and, when a line
/// names the hub, asks the server for that line's key type only — the first line's, which
/// is the `ssh-rsa` one in what `ssh-keyscan` writes, and OpenSSH ≥ 8.8 refuses that (SHA-1)
/// exchange: "no matching host key type found" (seen with OpenSSH 9.2). Without a line, the
/// server offers its own choice, which may be a type known_hosts does not list.
///
/// So during an SSH transfer `HOME` names a private folder of this process whose
/// `.ssh/known_hosts` holds one line: the hub's key of the best type the user's files list
/// for it (ed25519, then ecdsa; rsa never, see above) — or `/proc`, where no such file can
/// exist, when they list none. The host key itself is still checked by the certificate
/// callback against every line of the real files (``KnownHosts``).
///
/// `HOME` is process-global: SSH transfers are serialised here, and nothing else in them
/// reads it (credential helpers are not run for SSH; keys and known_hosts are found through
/// ``RemoteAccess``, read before).
enum KnownHostsShield {
    private static let lock = NSLock()

    /// The key types libgit2 may be told to ask for, best first.
    static let preferredTypes = ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521"]

    /// The known_hosts line to show libgit2 for `host`:`port`, nil when the files list no key
    /// of a type it can use.
    static func preferredLine(host: String, port: Int, in known: KnownHosts) -> String? {
        let name = KnownHosts.name(host: host, port: port)
        let listed = known.entries.filter { $0.marker == .none && KnownHosts.matches($0.patterns, name: name) }
        for type in preferredTypes {
            if let entry = listed.first(where: { $0.keyType == type }) {
                return "\(name) \(type) \(Data(entry.key).base64EncodedString())\n"
            }
        }
        return nil
    }

    static func run<R>(host: String, port: Int, home: String, _ body: () throws -> R) throws -> R {
        lock.lock()
        defer { lock.unlock() }
        var folder: String?
        if let line = preferredLine(host: host, port: port, in: KnownHosts(files: KnownHosts.standardFiles(home: home))) {
            var template = Array((NSTemporaryDirectory() + "plancascade-ssh-XXXXXX").utf8CString)
            if let made = mkdtemp(&template) {
                let path = String(cString: made)
                try? FileManager.default.createDirectory(atPath: path + "/.ssh", withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
                if FileManager.default.createFile(atPath: path + "/.ssh/known_hosts", contents: Data(line.utf8), attributes: [.posixPermissions: 0o600]) {
                    folder = path
                }
            }
        }
        defer { if let folder { try? FileManager.default.removeItem(atPath: folder) } }
        let saved = getenv("HOME").map { String(cString: $0) }
        setenv("HOME", folder ?? "/proc", 1)
        defer {
            if let saved { setenv("HOME", saved, 1) } else { unsetenv("HOME") }
        }
        return try body()
    }
}
