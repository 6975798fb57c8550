internal import CLibGit2
import Foundation

/// Which CA certificates an HTTPS fetch or push trusts, chosen as git chooses them:
/// `GIT_SSL_CAINFO` / `GIT_SSL_CAPATH`, else the most specific `http.<url>.sslCAInfo` /
/// `http.<url>.sslCAPath`, else `http.sslCAInfo` / `http.sslCAPath`, else the system's.
///
/// Certificate checks are never switched off: `http.sslVerify=false` or `GIT_SSL_NO_VERIFY`
/// refuses the operation (``RemoteAccessError/verificationDisabled(url:setting:)``) and says
/// to name the hub's CA instead.
public struct TLSTrust: Equatable, Sendable {
    public let caFile: String?
    public let caPath: String?
    /// What chose them (`GIT_SSL_CAINFO`, `http.sslCAInfo`), for messages; nil for the system's.
    public let setting: String?

    /// The trust for `address` (an https URL) under `entries` (the `http.` configuration)
    /// and `environment`.
    /// - Throws: `RemoteAccessError` when verification would be off or the CA file is unreadable.
    public static func resolve(for address: RemoteAddress, entries: [ConfigEntry], environment: [String: String]) throws -> TLSTrust {
        let url = address.withoutSecrets
        if let off = environment["GIT_SSL_NO_VERIFY"], !off.isEmpty {
            throw RemoteAccessError.verificationDisabled(url: url, setting: "GIT_SSL_NO_VERIFY")
        }
        if let verify = ConfigURLMatch.value(section: "http", key: "sslverify", for: address, in: entries),
           ["false", "no", "off", "0"].contains(verify.lowercased()) {
            throw RemoteAccessError.verificationDisabled(url: url, setting: "http.sslVerify")
        }
        var file: String?, path: String?, setting: String?
        if let given = environment["GIT_SSL_CAINFO"], !given.isEmpty {
            (file, setting) = (given, "GIT_SSL_CAINFO")
        } else if let configured = ConfigURLMatch.value(section: "http", key: "sslcainfo", for: address, in: entries), !configured.isEmpty {
            (file, setting) = (expandHome(configured, environment), "http.sslCAInfo")
        }
        if let given = environment["GIT_SSL_CAPATH"], !given.isEmpty {
            path = given
            setting = setting ?? "GIT_SSL_CAPATH"
        } else if let configured = ConfigURLMatch.value(section: "http", key: "sslcapath", for: address, in: entries), !configured.isEmpty {
            path = expandHome(configured, environment)
            setting = setting ?? "http.sslCAPath"
        }
        if let file, !FileManager.default.isReadableFile(atPath: file) {
            throw RemoteAccessError.unreadableCAFile(path: file, setting: setting ?? "http.sslCAInfo")
        }
        return TLSTrust(caFile: file, caPath: path, setting: setting)
    }

    private static func expandHome(_ path: String, _ environment: [String: String]) -> String {
        guard path.hasPrefix("~/"), let home = environment["HOME"] else { return path }
        return (home as NSString).appendingPathComponent(String(path.dropFirst(2)))
    }

    // MARK: - Applying (process-global)

    private static let lock = NSLock()
    nonisolated(unsafe) private static var applied: TLSTrust?

    /// The system's CA bundle, which libgit2 trusts until told otherwise.
    static let system = TLSTrust(
        caFile: FileManager.default.fileExists(atPath: "/etc/ssl/certs/ca-certificates.crt") ? "/etc/ssl/certs/ca-certificates.crt" : nil,
        caPath: FileManager.default.fileExists(atPath: "/etc/ssl/certs/ca-certificates.crt") ? nil : "/etc/ssl/certs", setting: nil)

    /// Makes libgit2 trust these certificates for the operations that follow, and runs `body`.
    ///
    /// libgit2's certificate locations are one setting for the whole process: operations
    /// with different trust are serialised here, so one never runs under another's CA.
    func whileApplied<R>(_ body: () throws -> R) throws -> R {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        let wanted = caFile == nil && caPath == nil ? (Self.applied == nil ? nil : Self.system) : self
        if let wanted, wanted != Self.applied {
            try git("git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS)") {
                plancascade_git_set_ssl_cert_locations(wanted.caFile, wanted.caPath)
            }
            Self.applied = wanted == Self.system ? nil : wanted
        }
        return try body()
    }
}
