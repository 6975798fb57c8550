/// Why a fetch or push could not log in to a hub or trust it; the Git module's words for
/// it, put into sentences by PlanStore (`RemoteAccessError.message`).
///
/// `url` is always the address without its secrets (``RemoteAddress/withoutSecrets``).
public enum RemoteAccessError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The hub asked for credentials and no source had any.
    case noCredentials(url: String, ssh: Bool, tried: [CredentialAttempt])
    /// Every credential found was refused by the hub.
    case credentialsRejected(url: String, username: String, tried: [CredentialAttempt])
    /// The SSH server's host key is in no known_hosts file for this host (or only keys of other
    /// types are). `fingerprint` is `SHA256:…` as OpenSSH prints it.
    case unknownHostKey(host: String, port: Int, keyType: String, fingerprint: String, knownTypes: [String], files: [String])
    /// known_hosts holds another key of the same type for this host, or marks this key `@revoked`.
    case changedHostKey(host: String, port: Int, keyType: String, fingerprint: String, file: String, line: Int)
    /// The HTTPS server's certificate does not verify against the CA certificates in use.
    case untrustedCertificate(url: String, caFile: String?)
    /// `http.sslVerify=false` (or `GIT_SSL_NO_VERIFY`) would switch certificate checks off:
    /// refused, never done silently.
    case verificationDisabled(url: String, setting: String)
    /// The CA file named by `setting` cannot be read.
    case unreadableCAFile(path: String, setting: String)

    public var description: String {
        switch self {
        case .noCredentials(let url, _, _): "no credentials for \(url)"
        case .credentialsRejected(let url, let username, _): "\(url) refused the credentials of \(username)"
        case .unknownHostKey(let host, let port, let type, let fingerprint, _, _): "unknown \(type) host key \(fingerprint) for [\(host)]:\(port)"
        case .changedHostKey(let host, let port, let type, let fingerprint, let file, let line): "\(type) host key \(fingerprint) for [\(host)]:\(port) differs from \(file):\(line)"
        case .untrustedCertificate(let url, _): "the certificate of \(url) is not trusted"
        case .verificationDisabled(let url, let setting): "\(setting) would switch off certificate checks for \(url)"
        case .unreadableCAFile(let path, let setting): "\(setting) names \(path), which cannot be read"
        }
    }
}

/// Where a credential was looked for, and what came of it (for the error that lists them).
public struct CredentialAttempt: Equatable, Sendable {
    public enum Source: String, Equatable, Sendable {
        /// Written into the URL given on the command line (used for that command only).
        case url
        /// A configured git credential helper; `detail` is its configured name.
        case helper
        /// `PLANCASCADE_USERNAME` / `PLANCASCADE_PASSWORD`.
        case environment
        /// Asked at the terminal.
        case prompt
        /// ssh-agent (`SSH_AUTH_SOCK`).
        case agent
        /// A private key file; `detail` is its path.
        case key
    }

    public enum Outcome: String, Equatable, Sendable {
        /// Offered and refused by the server.
        case rejected
        /// Had nothing to give (no helper answer, variable unset, no agent, no such file).
        case unavailable
        /// A key file that needs a passphrase, and no terminal to ask for it.
        case needsPassphrase
        /// Offered; the operation ended before the server's verdict on it was known.
        case offered
    }

    public let source: Source
    public let detail: String?
    public var outcome: Outcome

    public init(source: Source, detail: String? = nil, outcome: Outcome) {
        self.source = source
        self.detail = detail
        self.outcome = outcome
    }
}
