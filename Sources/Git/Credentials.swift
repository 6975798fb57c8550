internal import CLibGit2
import Foundation

/// What remote operations may use to log in: the environment they read (`HOME`,
/// `PLANCASCADE_USERNAME`, `PLANCASCADE_PASSWORD`, `SSH_AUTH_SOCK`, `GIT_SSL_CAINFO`, …) and
/// whether a person may be asked at the terminal.
public struct RemoteAccess: Sendable {
    public var environment: [String: String]
    public var interactive: Bool

    /// - Parameter interactive: nil to ask only when standard input is a terminal (and
    ///   `GIT_TERMINAL_PROMPT` is not `0`).
    public init(environment: [String: String], interactive: Bool? = nil) {
        self.environment = environment
        self.interactive = interactive ?? Terminal.canPrompt(environment: environment)
    }

    /// This process's environment and terminal.
    public static var process: RemoteAccess { RemoteAccess(environment: ProcessInfo.processInfo.environment) }

    /// The home folder whose `.ssh/` is read.
    var home: String { environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory() }
}

/// Credentials written into a URL given on the command line (`--parent https://u:p@host/x`):
/// kept in this process's memory only, for that command, never in a file; a credential
/// helper's `store` receives them once the hub accepted them.
public enum GivenCredentials {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var table: [String: (username: String?, password: String?)] = [:]

    /// Remembers the credentials in `url` and returns the URL without them (what may be
    /// stored or shown); a URL without credentials comes back unchanged.
    @discardableResult
    public static func remember(_ url: String) -> String {
        guard let address = RemoteAddress(url), address.hasSecrets else { return url }
        let clean = address.withoutSecrets
        lock.withLock { table[clean] = (address.username, address.password) }
        return clean
    }

    static func lookup(_ cleanURL: String) -> (username: String?, password: String?)? {
        lock.withLock { table[cleanURL] }
    }
}

/// Answers libgit2's credentials callback for one fetch or push, trying in order — and each
/// source once, so a refused credential never loops — credentials given in the URL, git's
/// credential helpers, `PLANCASCADE_USERNAME`/`PLANCASCADE_PASSWORD`, a prompt at the
/// terminal; over SSH first ssh-agent and the key files (`plancascade.sshKey`, else
/// `~/.ssh/id_ed25519`, `id_ecdsa`, `id_rsa`).
///
/// libgit2 calls the callback again after the server refused what it returned: that call
/// marks the previous credential refused (erasing it from the helpers that gave it) and
/// moves on. When nothing is left it fails, recording ``failure``.
final class Authenticator {
    let address: RemoteAddress?
    /// The URL without secrets, for messages.
    let url: String
    let access: RemoteAccess
    let helpers: [CredentialHelper]
    let useHTTPPath: Bool
    let configuredUsername: String?
    let configuredKey: String?
    let directory: String?
    let given: (username: String?, password: String?)?

    private(set) var attempts: [CredentialAttempt] = []
    private var used: Set<CredentialAttempt.Source> = []
    private var triedKeys: Set<String> = []
    /// The credential last handed to libgit2, awaiting the server's verdict.
    private var pending: (attempt: Int, username: String, password: String?)?
    private var calls = 0
    private var helpersQuit = false
    /// Why the login failed, once it has.
    private(set) var failure: RemoteAccessError?

    /// libgit2 may ask again and again: never more than this many times per operation.
    static let maximumCalls = 12

    init(url rawURL: String, repository: Repository?, access: RemoteAccess) {
        let address = RemoteAddress(rawURL)
        self.address = address
        url = address?.withoutSecrets ?? rawURL
        self.access = access
        if let address, address.hasSecrets {
            given = (address.username, address.password)
        } else {
            given = GivenCredentials.lookup(url)
        }
        let entries = (try? repository?.configEntries(prefix: "credential.")) ?? []
        let plancascade = (try? repository?.configEntries(prefix: "plancascade.")) ?? []
        if let address {
            helpers = ConfigURLMatch.values(section: "credential", key: "helper", for: address, in: entries).map(CredentialHelper.init)
            useHTTPPath = ConfigURLMatch.value(section: "credential", key: "usehttppath", for: address, in: entries).map(Self.isTrue) ?? false
            configuredUsername = ConfigURLMatch.value(section: "credential", key: "username", for: address, in: entries)
        } else {
            helpers = []
            useHTTPPath = false
            configuredUsername = nil
        }
        configuredKey = plancascade.last { $0.name == "plancascade.sshkey" }?.value
        directory = repository?.workDirectory ?? repository?.gitDirectory
    }

    static func isTrue(_ value: String) -> Bool { ["true", "yes", "on", "1"].contains(value.lowercased()) }

    /// libgit2's credentials callback: sets `out` and returns 0, or fails with `GIT_EAUTH`.
    func acquire(_ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>, usernameFromURL: String?, allowed: UInt32) -> Int32 {
        calls += 1
        if let pending {
            // Asked again: the server refused what was given last time.
            attempts[pending.attempt].outcome = .rejected
            if attempts[pending.attempt].source == .helper { erase(pending.username, pending.password) }
            self.pending = nil
        }
        if calls <= Self.maximumCalls {
            let username = usernameFromURL.flatMap { $0.isEmpty ? nil : $0 }
            if allowed & GIT_CREDENTIAL_SSH_KEY.rawValue != 0, let rc = nextKey(out, username: username ?? loginName) { return rc }
            if allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue != 0, let rc = nextPassword(out, username: username) { return rc }
            if allowed & GIT_CREDENTIAL_USERNAME.rawValue != 0 {
                return git_credential_username_new(out, username ?? loginName)
            }
        }
        let rejected = attempts.last { $0.outcome == .rejected }
        if rejected != nil {
            failure = .credentialsRejected(url: url, username: lastUsername ?? "?", tried: attempts)
        } else {
            failure = .noCredentials(url: url, ssh: address?.isSSH ?? false, tried: attempts)
        }
        git_error_set_str(Int32(GIT_ERROR_CALLBACK.rawValue), failure?.description ?? "no credentials")
        return GIT_EAUTH.rawValue
    }

    private var lastUsername: String?

    /// The operation ended: a credential the server accepted goes to the helpers' `store`
    /// (when it came from the URL, a helper or the prompt; never the environment's); one
    /// it refused at the end (libgit2 gave up without asking again) is marked refused.
    func finish(succeeded: Bool, authenticationFailed: Bool) {
        guard let pending else { return }
        self.pending = nil
        let source = attempts[pending.attempt].source
        if succeeded {
            if [.url, .helper, .prompt].contains(source), let password = pending.password {
                for helper in helpers { helper.store(description(pending.username, password), in: directory) }
            }
        } else if authenticationFailed {
            attempts[pending.attempt].outcome = .rejected
            if source == .helper { erase(pending.username, pending.password) }
            failure = .credentialsRejected(url: url, username: pending.username, tried: attempts)
        }
    }

    // MARK: - Sources

    private var loginName: String {
        if let user = access.environment["USER"] ?? access.environment["LOGNAME"], !user.isEmpty { return user }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "git"
    }

    private func offer(_ source: CredentialAttempt.Source, detail: String? = nil, username: String, password: String?) {
        attempts.append(CredentialAttempt(source: source, detail: detail, outcome: .offered))
        pending = (attempts.count - 1, username, password)
        lastUsername = username
    }

    private func unavailable(_ source: CredentialAttempt.Source, detail: String? = nil, _ outcome: CredentialAttempt.Outcome = .unavailable) {
        attempts.append(CredentialAttempt(source: source, detail: detail, outcome: outcome))
    }

    /// The next of ssh-agent and the key files, nil when all were tried.
    private func nextKey(_ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>, username: String) -> Int32? {
        if used.insert(.agent).inserted {
            if let socket = access.environment["SSH_AUTH_SOCK"], !socket.isEmpty, FileManager.default.fileExists(atPath: socket) {
                offer(.agent, username: username, password: nil)
                return git_credential_ssh_key_from_agent(out, username)
            }
            unavailable(.agent)
        }
        let ssh = (access.home as NSString).appendingPathComponent(".ssh")
        let keys = configuredKey.map { [expandHome($0)] } ?? ["id_ed25519", "id_ecdsa", "id_rsa"].map { (ssh as NSString).appendingPathComponent($0) }
        for key in keys where triedKeys.insert(key).inserted {
            guard let contents = FileManager.default.contents(atPath: key) else {
                unavailable(.key, detail: key)
                continue
            }
            var passphrase: String?
            if SSHKeyFile.isEncrypted(contents) {
                guard access.interactive, let typed = Terminal.ask("Enter passphrase for key '\(key)': ", secret: true), !typed.isEmpty else {
                    unavailable(.key, detail: key, .needsPassphrase)
                    continue
                }
                passphrase = typed
            }
            let publicKey = key + ".pub"
            offer(.key, detail: key, username: username, password: nil)
            return git_credential_ssh_key_new(
                out, username, FileManager.default.fileExists(atPath: publicKey) ? publicKey : nil, key, passphrase)
        }
        return nil
    }

    /// The next source of a user name and password, nil when all were tried.
    private func nextPassword(_ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>, username fromURL: String?) -> Int32? {
        var username = fromURL ?? given?.username ?? configuredUsername
        func make(_ user: String, _ password: String) -> Int32 { git_credential_userpass_plaintext_new(out, user, password) }

        if used.insert(.url).inserted, let given, let password = given.password {
            let user = given.username ?? username ?? ""
            offer(.url, username: user, password: password)
            return make(user, password)
        }
        let ssh = address?.isSSH ?? false
        // git hands ssh's passwords to ssh, not to the credential helpers.
        if !ssh, used.insert(.helper).inserted {
            for helper in helpers {
                guard let answer = helper.get(description(username, nil), in: directory) else {
                    unavailable(.helper, detail: helper.configured)
                    continue
                }
                if let user = answer.username, !user.isEmpty { username = user }
                if let password = answer.password, let user = username {
                    offer(.helper, detail: helper.configured, username: user, password: password)
                    return make(user, password)
                }
                if answer.quit {
                    helpersQuit = true
                    unavailable(.helper, detail: helper.configured)
                    break
                }
                unavailable(.helper, detail: helper.configured)
            }
        }
        if used.insert(.environment).inserted {
            if let password = access.environment["PLANCASCADE_PASSWORD"], !password.isEmpty {
                let user = access.environment["PLANCASCADE_USERNAME"].flatMap { $0.isEmpty ? nil : $0 } ?? username ?? "plancascade"
                offer(.environment, username: user, password: password)
                return make(user, password)
            }
            unavailable(.environment)
        }
        if used.insert(.prompt).inserted {
            if access.interactive, !helpersQuit {
                let shown = url
                if username == nil { username = Terminal.ask("Username for '\(shown)': ", secret: false) }
                if let user = username, !user.isEmpty,
                   let password = Terminal.ask("Password for '\(shown)' (\(user)): ", secret: true), !password.isEmpty {
                    offer(.prompt, username: user, password: password)
                    return make(user, password)
                }
            }
            unavailable(.prompt)
        }
        return nil
    }

    private func description(_ username: String?, _ password: String?) -> CredentialHelper.Description {
        CredentialHelper.Description(
            scheme: address?.scheme ?? "https", host: address?.hostForCredentials ?? "",
            path: useHTTPPath ? address.map { String($0.path.drop { $0 == "/" }) } : nil,
            username: username, password: password)
    }

    private func erase(_ username: String, _ password: String?) {
        for helper in helpers { helper.erase(description(username, password), in: directory) }
    }

    private func expandHome(_ path: String) -> String {
        path.hasPrefix("~/") ? (access.home as NSString).appendingPathComponent(String(path.dropFirst(2))) : path
    }
}

/// Private key files as OpenSSH writes them.
enum SSHKeyFile {
    /// Whether the key in `contents` is protected by a passphrase: an `openssh-key-v1` key
    /// whose cipher is not `none`, or a PEM key marked `ENCRYPTED`.
    static func isEncrypted(_ contents: Data) -> Bool {
        let text = String(decoding: contents, as: UTF8.self)
        if text.contains("ENCRYPTED") { return true }
        guard text.contains("BEGIN OPENSSH PRIVATE KEY") else { return false }
        let body = text.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        guard let data = Data(base64Encoded: body) else { return false }
        let bytes = [UInt8](data)
        let magic = Array("openssh-key-v1".utf8) + [0]
        guard bytes.count > magic.count + 4, Array(bytes.prefix(magic.count)) == magic else { return false }
        let start = magic.count
        let length = bytes[start..<start + 4].reduce(0) { $0 << 8 | Int($1) }
        guard bytes.count >= start + 4 + length else { return false }
        return String(decoding: bytes[(start + 4)..<(start + 4 + length)], as: UTF8.self) != "none"
    }
}
